from django.urls import path, register_converter

from .views import (
    agenda,
    audit,
    converge,
    live,
    pages,
    people,
    practices,
    reports,
    retention,
    series,
    summaries,
)


class CodeConverter:
    """Public codes: 6–12 characters of the unambiguous alphabet, any letter case."""

    regex = "[2-9A-Za-z]{6,12}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(CodeConverter, "code")

app_name = "workshops"

LIVE = "series/<code:code>/workshops/<code:workshop>/live"

urlpatterns = [
    path("", pages.home, name="home"),
    path("series/", pages.dashboard, name="dashboard"),
    # /organisations/<code>/
    path("organisations/<code:code>/audit/", audit.audit_log, name="audit-log"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    # /methods/
    path("methods/", pages.method_list, name="method-list"),
    path("methods/<slug:slug>/", pages.method_detail, name="method-detail"),
    # /series/<code>/
    path("series/new/", series.series_create, name="series-create"),
    path("series/<code:code>/", series.series_detail, name="series-detail"),
    path("series/<code:code>/edit/", series.series_edit, name="series-edit"),
    # retention: closing, reopening, the data export before the purge
    path("series/<code:code>/close/", retention.series_close, name="series-close"),
    path("series/<code:code>/reopen/", retention.series_reopen, name="series-reopen"),
    path("series/<code:code>/export/", retention.series_export, name="series-export"),
    path("series/<code:code>/workshops/add/", series.workshop_add, name="workshop-add"),
    path("series/<code:code>/participants/", people.participant_list, name="participant-list"),
    path(
        "series/<code:code>/participants/invite/",
        people.participant_invite,
        name="participant-invite",
    ),
    path(
        "series/<code:code>/participants/<uuid:participant>/link/",
        people.participant_link_issue,
        name="participant-link",
    ),
    path(
        "series/<code:code>/participants/<uuid:participant>/revoke/",
        people.participant_link_revoke,
        name="participant-revoke",
    ),
    path(
        "series/<code:code>/workshops/<code:workshop>/prework/add/",
        people.prework_add,
        name="prework-add",
    ),
    path(
        "series/<code:code>/workshops/<code:workshop>/prework/<uuid:question>/delete/",
        people.prework_delete,
        name="prework-delete",
    ),
    path(
        "series/<code:code>/workshops/<code:workshop>/prework/send/",
        people.prework_send,
        name="prework-send",
    ),
    path("series/<code:code>/practices/", practices.practice_list, name="practice-list"),
    path("series/<code:code>/practices/new/", practices.practice_create, name="practice-create"),
    path(
        "series/<code:code>/practices/<uuid:practice>/",
        practices.practice_detail,
        name="practice-detail",
    ),
    path(
        "series/<code:code>/practices/<uuid:practice>/edit/",
        practices.practice_edit,
        name="practice-edit",
    ),
    path(
        "series/<code:code>/practices/<uuid:practice>/status/",
        practices.practice_status,
        name="practice-status",
    ),
    path(
        "series/<code:code>/practices/<uuid:practice>/adopt/",
        practices.practice_adopt,
        name="practice-adopt",
    ),
    path("series/<code:code>/documents/<slug:kind>/", practices.document_edit, name="document"),
    path("series/<code:code>/report/", reports.report_texts, name="report-texts"),
    path("series/<code:code>/report/export/", reports.report_export, name="report-export"),
    path(
        "series/<code:code>/report/exports/<uuid:export>/",
        reports.report_export_status,
        name="report-export-status",
    ),
    path(
        "series/<code:code>/report/exports/<uuid:export>/pdf/",
        reports.report_export_pdf,
        name="report-export-pdf",
    ),
    path(
        "series/<code:code>/report/texts/<slug:key>/",
        reports.report_text_edit,
        name="report-text-edit",
    ),
    path(
        "series/<code:code>/workshops/<code:workshop>/summary/",
        summaries.summary_edit,
        name="summary",
    ),
    path(
        "series/<code:code>/workshops/<code:workshop>/summary/pdf/",
        summaries.summary_pdf,
        name="summary-pdf",
    ),
    path("series/<code:code>/comments/", summaries.comment_list, name="comments"),
    path(
        "series/<code:code>/comments/<uuid:comment>/reply/",
        summaries.comment_reply,
        name="comment-reply",
    ),
    path(
        "series/<code:code>/comments/<uuid:comment>/addressed/",
        summaries.comment_addressed,
        name="comment-addressed",
    ),
    path("series/<code:code>/tasks/add/", series.task_add, name="task-add"),
    path("series/<code:code>/tasks/<uuid:task>/edit/", series.task_edit, name="task-edit"),
    path("series/<code:code>/tasks/<uuid:task>/toggle/", series.task_toggle, name="task-toggle"),
    path("series/<code:code>/tasks/<uuid:task>/delete/", series.task_delete, name="task-delete"),
    # /series/<code>/workshops/<code>/
    path(
        "series/<code:code>/workshops/<code:workshop>/",
        agenda.workshop_detail,
        name="workshop-detail",
    ),
    path(
        "series/<code:code>/workshops/<code:workshop>/edit/",
        series.workshop_edit,
        name="workshop-edit",
    ),
    path(
        "series/<code:code>/workshops/<code:workshop>/steps/add/",
        agenda.step_add,
        name="step-add",
    ),
    path(
        "series/<code:code>/workshops/<code:workshop>/steps/<uuid:step>/edit/",
        agenda.step_edit,
        name="step-edit",
    ),
    path(
        "series/<code:code>/workshops/<code:workshop>/steps/<uuid:step>/delete/",
        agenda.step_delete,
        name="step-delete",
    ),
    path(
        "series/<code:code>/workshops/<code:workshop>/steps/<uuid:step>/move-<str:direction>/",
        agenda.step_move,
        name="step-move",
    ),
    # /series/<code>/workshops/<code>/live/ — facilitating
    path("series/<code:code>/workshops/<code:workshop>/cockpit/", live.cockpit, name="cockpit"),
    path("series/<code:code>/workshops/<code:workshop>/room/", live.room, name="room"),
    path("series/<code:code>/workshops/<code:workshop>/live/start/", live.go_live, name="go-live"),
    path("series/<code:code>/workshops/<code:workshop>/live/end/", live.end, name="live-end"),
    path(
        "series/<code:code>/workshops/<code:workshop>/live/poll/",
        live.staff_poll,
        name="live-poll",
    ),
    path(
        "series/<code:code>/workshops/<code:workshop>/live/steps/<uuid:step>/go/",
        live.step_go,
        name="live-step-go",
    ),
    path(
        "series/<code:code>/workshops/<code:workshop>/live/<str:direction>-step/",
        live.step_move,
        name="live-step-move",
    ),
    path(
        "series/<code:code>/workshops/<code:workshop>/live/timer/<str:action>/",
        live.timer,
        name="live-timer",
    ),
    path(
        "series/<code:code>/workshops/<code:workshop>/live/step/<str:action>/",
        live.step_control,
        name="live-step-control",
    ),
    path(
        "series/<code:code>/workshops/<code:workshop>/live/notes/<uuid:note>/hide/",
        live.note_hide,
        name="live-note-hide",
    ),
    # /series/<code>/workshops/<code>/live/steps/<id>/ — converging (themes, vote, prioritise)
    path(f"{LIVE}/steps/<uuid:step>/themes/group/", converge.notes_group, name="live-group"),
    path(
        f"{LIVE}/steps/<uuid:step>/themes/<uuid:theme>/rename/",
        converge.theme_change,
        {"action": "rename"},
        name="live-theme-rename",
    ),
    path(
        f"{LIVE}/steps/<uuid:step>/themes/<uuid:theme>/delete/",
        converge.theme_change,
        {"action": "delete"},
        name="live-theme-delete",
    ),
    path(
        f"{LIVE}/steps/<uuid:step>/notes/<uuid:note>/ungroup/",
        converge.note_ungroup,
        name="live-ungroup",
    ),
    path(
        f"{LIVE}/theme-suggestions/<uuid:suggestion>/accept/",
        converge.suggestion_decide,
        {"action": "accept"},
        name="live-theme-accept",
    ),
    path(
        f"{LIVE}/theme-suggestions/<uuid:suggestion>/dismiss/",
        converge.suggestion_decide,
        {"action": "dismiss"},
        name="live-theme-dismiss",
    ),
    path(
        f"{LIVE}/steps/<uuid:step>/vote-settings/",
        converge.vote_settings,
        name="live-vote-settings",
    ),
    path(f"{LIVE}/steps/<uuid:step>/prioritise/", converge.prioritise, name="live-prioritise"),
]
