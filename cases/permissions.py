"""Who may see or do what in the cases app. The only place that decides it.

A case and everything built on it belong to a series: its facilitators and the coordinators
of its organisation see and edit them (`workshops.permissions.get_series_for_user`); anyone
else gets 404. Participants see only the case that the current case work step of a live
workshop they have joined shows (cases/live, cases/views/live.py); they never open these pages.
"""

from __future__ import annotations

from django.db import models
from django.http import Http404

from workshops import permissions as workshop_permissions
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


# --- Live steps -------------------------------------------------------------------------------


# Participants are found exactly as the phone view finds them.
get_live_participant = workshop_permissions.get_live_participant


# The cockpit's live workshop is found exactly as the workshops app finds it.
get_live_workshop_for_user = workshop_permissions.get_live_workshop_for_user
