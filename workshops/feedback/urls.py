from django.urls import path, register_converter

import workshops.urls  # noqa: F401 — registers the "code" path converter

from .views import exports, indicators, participant, staff


class DatasetConverter:
    regex = "[a-z]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class FormatConverter(DatasetConverter):
    regex = "csv|xlsx"


register_converter(DatasetConverter, "dataset")
register_converter(FormatConverter, "fmt")

app_name = "feedback"

WORKSHOP = "series/<code:code>/workshops/<code:workshop>/feedback"
FORM = f"{WORKSHOP}/<uuid:step>"
INDICATOR = "series/<code:code>/indicators/<uuid:indicator>"

urlpatterns = [
    # /series/<code>/feedback/ — the series' results, indicators and exports
    path("series/<code:code>/feedback/", staff.series_overview, name="series"),
    path("series/<code:code>/export/<dataset:dataset>.<fmt:fmt>", exports.export, name="export"),
    # /series/<code>/workshops/<code>/feedback/ — a workshop's results and forms
    path(f"{WORKSHOP}/", staff.workshop_results, name="workshop-results"),
    path(f"{FORM}/edit/", staff.form_edit, name="form-edit"),
    path(f"{FORM}/items/", staff.item_add, name="item-add"),
    path(f"{FORM}/items/<uuid:item>/", staff.item_change, {"action": "save"}, name="item-save"),
    path(
        f"{FORM}/items/<uuid:item>/delete/",
        staff.item_change,
        {"action": "delete"},
        name="item-delete",
    ),
    path(f"{FORM}/<str:action>/", staff.form_state, name="form-state"),
    # /series/<code>/indicators/
    path("series/<code:code>/indicators/", indicators.indicator_add, name="indicator-add"),
    path(f"{INDICATOR}/", indicators.indicator_detail, name="indicator"),
    path(f"{INDICATOR}/edit/", indicators.indicator_edit, name="indicator-edit"),
    path(f"{INDICATOR}/delete/", indicators.indicator_delete, name="indicator-delete"),
    path(f"{INDICATOR}/measurements/", indicators.measurement_add, name="measurement-add"),
    path(
        f"{INDICATOR}/measurements/<uuid:measurement>/delete/",
        indicators.measurement_delete,
        name="measurement-delete",
    ),
    # /feedback/<workshop code>/ — participants: the form afterwards, published results
    path("feedback/<code:workshop>/", participant.afterwards, name="afterwards"),
    path(
        "feedback/<code:workshop>/results/",
        participant.participant_results,
        name="participant-results",
    ),
    path("live/<code:workshop>/feedback/", participant.live_submit, name="live-submit"),
]
