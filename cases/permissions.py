"""Who may see or do what in the cases app. The only place that decides it.

A case and everything built on it belong to a series: its facilitators and the coordinators
of its organisation see and edit them (`workshops.permissions.get_series_for_user`); anyone
else gets 404. Participants will see them only through a live step (a later issue).
"""

from __future__ import annotations

from django.db import models
from django.http import Http404

from workshops.models import Series
from workshops.permissions import get_series_for_user

from .services import ARTEFACT_MODELS, ITEM_KINDS_OF, ITEM_MODELS


def get_series(user, code: str) -> tuple[Series, str]:
    return get_series_for_user(user, code)


def get_artefact_for_user(user, code: str, kind: str, public_id) -> tuple[models.Model, str]:
    """The case, persona, path, map, network or flowchart of the series; 404 for outsiders."""
    series, role = get_series_for_user(user, code)
    model = ARTEFACT_MODELS.get(kind)
    if model is None:
        raise Http404
    instance = model.objects.filter(series=series, public_id=public_id).first()
    if instance is None:
        raise Http404
    instance.series = series
    return instance, role


def get_item_for_user(
    user, code: str, kind: str, public_id, item_kind: str, item_id
) -> tuple[models.Model, models.Model, str]:
    """An item (event, factor, link, actor, …) of an artefact the user may edit."""
    parent, role = get_artefact_for_user(user, code, kind, public_id)
    if item_kind not in ITEM_KINDS_OF.get(kind, ()):
        raise Http404
    model, parent_field = ITEM_MODELS[item_kind]
    item = model.objects.filter(**{parent_field: parent}, public_id=item_id).first()
    if item is None:
        raise Http404
    setattr(item, parent_field, parent)
    return parent, item, role
