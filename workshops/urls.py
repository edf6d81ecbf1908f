from django.urls import path, register_converter

from .views import agenda, pages, series


class CodeConverter:
    """Public codes: 6–12 characters of the unambiguous alphabet, any letter case."""

    regex = "[2-9A-Za-z]{6,12}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(CodeConverter, "code")

app_name = "workshops"

urlpatterns = [
    path("", pages.home, name="home"),
    path("series/", pages.dashboard, name="dashboard"),
    # /methods/
    path("methods/", pages.method_list, name="method-list"),
    path("methods/<slug:slug>/", pages.method_detail, name="method-detail"),
    # /series/<code>/
    path("series/new/", series.series_create, name="series-create"),
    path("series/<code:code>/", series.series_detail, name="series-detail"),
    path("series/<code:code>/edit/", series.series_edit, name="series-edit"),
    path("series/<code:code>/workshops/add/", series.workshop_add, name="workshop-add"),
    path("series/<code:code>/tasks/add/", series.task_add, name="task-add"),
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
]
