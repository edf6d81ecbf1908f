"""Each audited action writes its entry, naming who and what by id only (issue 9, item 5)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from tests.cases.factories import CaseFactory, PathEventFactory, ServicePathFactory
from tests.live.conftest import join
from tests.workshops.factories import StepFactory, WorkshopFactory
from workshops import audit
from workshops.live import services as live_services
from workshops.models import AuditEntry, Participant, PersonalLink, ReportExport, SeriesTask, Step
from workshops.reports import limits

Action = AuditEntry.Action
MARKER = "Zyxwvu-MARKER"  # in case text, a note, a nickname: must reach no audit column


def entries(**filters) -> list[tuple]:
    return list(
        AuditEntry.objects.filter(**filters)
        .order_by("id")
        .values_list("actor__username", "action", "object_kind", "object_id")
    )


def every_column_of_every_entry() -> str:
    """All that the audit table holds, as one text."""
    return "\n".join(
        " ".join(str(value) for value in row) for row in AuditEntry.objects.values_list()
    )


@pytest.fixture
def fake_render(monkeypatch):
    """PDFs without WeasyPrint's layout (the layout is tested in tests/reports)."""
    rendered = limits.Rendered(pdf=b"%PDF-1.7 fake", pages=1)
    monkeypatch.setattr(limits, "render_limited", lambda html, **kwargs: rendered)


CASE_DATA = {
    "title": f"Tapaus {MARKER}",
    "situation": f"Asiakkaalla on monta palvelua. {MARKER}",
    "confirmed": "on",
}


def test_creating_viewing_changing_and_deleting_a_case_are_recorded(as_facilitator, series):
    response = as_facilitator.post(reverse("cases:create", args=[series.code, "case"]), CASE_DATA)
    assert response.status_code == 302
    case = Case.objects.get()
    args = [series.code, "case", case.public_id]
    assert as_facilitator.get(reverse("cases:detail", args=args)).status_code == 200
    changed = {**CASE_DATA, "tried": f"Paljon {MARKER}"}
    assert as_facilitator.post(reverse("cases:edit", args=args), changed).status_code == 302
    assert as_facilitator.post(reverse("cases:delete", args=args)).status_code == 302

    case_id = str(case.public_id)
    assert entries() == [
        ("fanni", Action.CASE_CREATED, "case", case_id),
        ("fanni", Action.CASE_VIEWED, "case", case_id),
        ("fanni", Action.CASE_CHANGED, "case", case_id),
        ("fanni", Action.CASE_DELETED, "case", case_id),
    ]
    entry = AuditEntry.objects.first()
    assert entry.organisation_id == series.organisation_id and entry.series_id == series.pk
    assert entry.label == series.code
    assert MARKER not in every_column_of_every_entry()


def test_a_refused_save_records_nothing(as_facilitator, series):
    data = {"title": "Tapaus", "situation": "Tilanne"}  # not confirmed anonymised
    response = as_facilitator.post(reverse("cases:create", args=[series.code, "case"]), data)
    assert response.status_code == 422
    assert entries() == []


def test_changing_an_item_of_a_path_is_a_change_of_the_path(as_facilitator, series):
    path = ServicePathFactory(series=series, case=CaseFactory(series=series))
    event = PathEventFactory(path=path)
    PathEventFactory(path=path)
    item = [series.code, "path", path.public_id, "event"]
    add = {"add-event-actor": "Kela", "add-event-what": MARKER, "add-event-experience": "neutral"}
    assert as_facilitator.post(reverse("cases:item-add", args=item), add).status_code == 302
    move = reverse("cases:item-move", args=[*item, event.public_id, "down"])
    assert as_facilitator.post(move).status_code == 302
    delete = reverse("cases:item-delete", args=[*item, event.public_id])
    assert as_facilitator.post(delete).status_code == 302
    assert entries() == [("fanni", Action.CASE_CHANGED, "path", str(path.public_id))] * 3
    assert MARKER not in every_column_of_every_entry()


def test_an_outsider_viewing_a_case_gets_404_and_leaves_no_entry(client, outsider, series):
    case = CaseFactory(series=series)
    client.force_login(outsider)
    url = reverse("cases:detail", args=[series.code, "case", case.public_id])
    assert client.get(url).status_code == 404
    assert entries() == []


def test_exporting_and_downloading_the_report_are_recorded(as_coordinator, series, coordinator):
    response = as_coordinator.post(reverse("workshops:report-export", args=[series.code]))
    assert response.status_code == 302
    export = ReportExport.objects.get()
    ReportExport.objects.filter(pk=export.pk).update(
        state=ReportExport.State.DONE, pdf=b"%PDF-1.7 x", size=10, finished_at=timezone.now()
    )
    url = reverse("workshops:report-export-pdf", args=[series.code, export.public_id])
    assert as_coordinator.get(url).status_code == 200
    assert entries() == [
        ("kaisa", Action.REPORT_EXPORTED, "report", str(export.public_id)),
        ("kaisa", Action.REPORT_DOWNLOADED, "report", str(export.public_id)),
    ]


def test_the_export_command_is_recorded_as_the_system(series, tmp_path, fake_render):
    call_command("export_report", series.code, "-o", str(tmp_path / "r.pdf"))
    assert entries() == [(None, Action.REPORT_EXPORTED, "report", "")]
    assert AuditEntry.objects.get().actor is None


def test_printing_a_summary_and_exporting_feedback_are_recorded(
    as_facilitator, series, workshop, fake_render
):
    from workshops.summaries import services as summary_services

    summary = summary_services.summary_for(workshop)
    summary.published_at = timezone.now()
    summary.save()
    url = reverse("workshops:summary-pdf", args=[series.code, workshop.code])
    assert as_facilitator.get(url).status_code == 200
    url = reverse("feedback:export", args=[series.code, "kaikki", "xlsx"])
    assert as_facilitator.get(url).status_code == 200
    assert entries() == [
        ("fanni", Action.SUMMARY_PDF, "summary", str(summary.public_id)),
        ("fanni", Action.FEEDBACK_EXPORTED, "feedback", ""),
    ]
    printed = AuditEntry.objects.get(action=Action.SUMMARY_PDF)
    assert printed.label == f"{series.code} / {workshop.code}"


def test_issuing_and_revoking_a_personal_link_are_recorded_without_name_or_link(
    as_facilitator, series
):
    response = as_facilitator.post(
        reverse("workshops:participant-invite", args=[series.code]),
        {"nickname": MARKER, "kind": Participant.Kind.PROFESSIONAL, "email": ""},
    )
    assert response.status_code == 200
    person = Participant.objects.get()
    args = [series.code, person.public_id]
    issued = as_facilitator.post(reverse("workshops:participant-link", args=args))
    token = issued.context["new_link"]["url"].rstrip("/").rsplit("/", 1)[1]
    assert (
        as_facilitator.post(reverse("workshops:participant-revoke", args=args)).status_code == 302
    )
    # Nothing left to revoke: no entry.
    assert (
        as_facilitator.post(reverse("workshops:participant-revoke", args=args)).status_code == 302
    )
    person_id = str(person.public_id)
    assert entries() == [
        ("fanni", Action.LINK_ISSUED, "participant", person_id),
        ("fanni", Action.LINK_ISSUED, "participant", person_id),
        ("fanni", Action.LINK_REVOKED, "participant", person_id),
    ]
    assert not PersonalLink.objects.filter(revoked_at=None).exists()
    stored = every_column_of_every_entry()
    assert MARKER not in stored
    assert len(token) > 20 and token not in stored


def test_hiding_and_showing_a_note_are_recorded_without_its_text(
    as_facilitator, client, series, live_workshop
):
    anna = join(client, live_workshop, MARKER[:20])
    brainstorm = live_workshop.steps.get(kind="brainstorm")
    live_services.step_go(workshop=live_workshop, step=brainstorm)
    note, _ = live_services.note_post(
        workshop=live_workshop, participant=anna, text=MARKER, client_id=uuid.uuid4()
    )
    url = reverse(
        "workshops:live-note-hide", args=[series.code, live_workshop.code, note.public_id]
    )
    assert as_facilitator.post(url).status_code == 302
    assert as_facilitator.post(url).status_code == 302
    assert entries() == [
        ("fanni", Action.NOTE_HIDDEN, "note", str(note.public_id)),
        ("fanni", Action.NOTE_SHOWN, "note", str(note.public_id)),
    ]
    assert MARKER[:6] not in every_column_of_every_entry()


def test_deleting_a_step_and_a_task_are_recorded(as_facilitator, series, workshop, step, task):
    url = reverse("workshops:step-delete", args=[series.code, workshop.code, step.public_id])
    assert as_facilitator.post(url).status_code == 302
    url = reverse("workshops:task-delete", args=[series.code, task.public_id])
    assert as_facilitator.post(url).status_code == 302
    assert not Step.objects.exists() and not SeriesTask.objects.exists()
    assert entries() == [
        ("fanni", Action.DELETED, "step", str(step.public_id)),
        ("fanni", Action.DELETED, "task", str(task.public_id)),
    ]


# --- What an entry may hold --------------------------------------------------------------------


def test_an_entry_names_its_object_by_a_uuid_or_a_code_only(series, facilitator):
    kwargs = {"actor": facilitator, "action": Action.CASE_VIEWED, "series": series, "kind": "case"}
    audit.record(**kwargs, object_id=uuid.uuid4())
    audit.record(**kwargs, object_id=series.code)
    for not_an_id in ["Maija 45 v", "tR7xQ_kZ0a-9fGhJkLmNoPqRsTuVwXyZ0123456789ab", "abc"]:
        with pytest.raises(ValueError):
            audit.record(**kwargs, object_id=not_an_id)
    with pytest.raises(ValueError):
        audit.record(**{**kwargs, "action": "case_read"})
    with pytest.raises(ValueError):
        audit.record(**{**kwargs, "kind": "casebook"})
    assert AuditEntry.objects.count() == 2


def test_deleting_a_theme_a_prework_question_and_feedback_things_are_recorded(
    as_facilitator, as_coordinator, series, converging
):
    from workshops.feedback import services as feedback_services
    from workshops.feedback.models import Indicator, Measurement
    from workshops.models import PreworkQuestion

    live = converging["workshop"]
    theme = converging["themes"][0]
    themes_step = live.steps.get(kind="themes")
    args = [series.code, live.code, themes_step.public_id, theme.public_id]
    assert as_facilitator.post(reverse("workshops:live-theme-delete", args=args)).status_code == 302
    planned = WorkshopFactory(series=series, position=2)
    question = PreworkQuestion.objects.create(workshop=planned, text=MARKER)
    args = [series.code, planned.code, question.public_id]
    assert as_facilitator.post(reverse("workshops:prework-delete", args=args)).status_code == 302
    feedback_step = StepFactory(workshop=planned, position=1, kind="feedback")
    form = feedback_services.form_ensure(step=feedback_step)
    item = form.items.first()
    args = [series.code, planned.code, feedback_step.public_id, item.public_id]
    assert as_facilitator.post(reverse("feedback:item-delete", args=args)).status_code == 302
    indicator = Indicator.objects.create(series=series, name=MARKER, unit="pv")
    measurement = Measurement.objects.create(indicator=indicator, date=dt.date(2026, 1, 1), value=1)
    args = [series.code, indicator.public_id, measurement.public_id]
    assert as_coordinator.post(reverse("feedback:measurement-delete", args=args)).status_code == 302
    args = [series.code, indicator.public_id]
    assert as_coordinator.post(reverse("feedback:indicator-delete", args=args)).status_code == 302
    assert entries() == [
        ("fanni", Action.DELETED, "theme", str(theme.public_id)),
        ("fanni", Action.DELETED, "prework", str(question.public_id)),
        ("fanni", Action.DELETED, "feedback_item", str(item.public_id)),
        ("kaisa", Action.DELETED, "measurement", str(measurement.public_id)),
        ("kaisa", Action.DELETED, "indicator", str(indicator.public_id)),
    ]
    assert MARKER not in every_column_of_every_entry()
