from django.urls import path, register_converter

import workshops.urls  # noqa: F401 — registers the "code" path converter

from .views import artefacts, items, live


class KindConverter:
    regex = "case|persona|path|map|network|flowchart"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class ItemKindConverter(KindConverter):
    regex = "event|point|solution|factor|link|actor|service|card|step"


register_converter(KindConverter, "kind")
register_converter(ItemKindConverter, "item")

app_name = "cases"

LIVE = "series/<code:code>/workshops/<code:workshop>/live"
ITEM = "series/<code:code>/cases/<kind:kind>/<uuid:public_id>/<item:item_kind>"

urlpatterns = [
    # /series/<code>/cases/
    path("series/<code:code>/cases/", artefacts.index, name="index"),
    path("series/<code:code>/cases/<kind:kind>/new/", artefacts.create, name="create"),
    path("series/<code:code>/cases/<kind:kind>/<uuid:public_id>/", artefacts.detail, name="detail"),
    path(
        "series/<code:code>/cases/<kind:kind>/<uuid:public_id>/edit/",
        artefacts.edit,
        name="edit",
    ),
    path(
        "series/<code:code>/cases/<kind:kind>/<uuid:public_id>/delete/",
        artefacts.delete,
        name="delete",
    ),
    # /series/<code>/cases/<kind>/<id>/<item kind>/
    path(f"{ITEM}/add/", items.item_add, name="item-add"),
    path(f"{ITEM}/<uuid:item_id>/edit/", items.item_edit, name="item-edit"),
    path(f"{ITEM}/<uuid:item_id>/delete/", items.item_delete, name="item-delete"),
    path(f"{ITEM}/<uuid:item_id>/move-<str:direction>/", items.item_move, name="item-move"),
    # /live/<workshop code>/ — a participant's suggestions
    path("live/<code:workshop>/suggestions/", live.suggestion_post, name="live-suggest"),
    # /series/<code>/workshops/<code>/live/ — the facilitator's choices in the cockpit
    path(
        f"{LIVE}/steps/<uuid:step>/artefact/",
        live.step_choose,
        name="live-choose",
    ),
    path(
        f"{LIVE}/suggestions/<uuid:suggestion>/accept/",
        live.suggestion_decide,
        {"action": "accept"},
        name="live-accept",
    ),
    path(
        f"{LIVE}/suggestions/<uuid:suggestion>/dismiss/",
        live.suggestion_decide,
        {"action": "dismiss"},
        name="live-dismiss",
    ),
]
