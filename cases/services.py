"""Writes of the cases app: validate, guard the text, write in one transaction.

Every text goes through `workshops.textguard.validate_text` here as well as in the forms: the
guard is the last line of defence for text that does not come through a form.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workshops.models import Series
from workshops.textguard import validate_text

from .models import (
    Actor,
    ActorNetwork,
    Case,
    CausalLink,
    CausalMap,
    ClientCard,
    CoordinatedService,
    CriticalPoint,
    Factor,
    Flowchart,
    FlowStep,
    PathEvent,
    Persona,
    ServicePath,
    Solution,
)


def _guard(instance: models.Model, fields) -> None:
    errors = {}
    for name in fields:
        value = getattr(instance, name)
        if isinstance(value, str) and value:
            try:
                validate_text(value)
            except ValidationError as exc:
                errors[name] = exc.error_list
    if errors:
        raise ValidationError(errors)


def _text_fields(instance: models.Model) -> list[str]:
    return [
        f.name
        for f in instance._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices
    ]


def _save(instance: models.Model, *, update_fields: list[str] | None = None):
    instance.full_clean()
    _guard(instance, _text_fields(instance))
    instance.save(update_fields=update_fields)
    return instance


# --- Series artefacts: case, persona, path, causal map, actor network, flowchart --------------

ARTEFACT_MODELS = {
    "case": Case,
    "persona": Persona,
    "path": ServicePath,
    "map": CausalMap,
    "network": ActorNetwork,
    "flowchart": Flowchart,
}


@transaction.atomic
def case_save(*, case: Case | None, series: Series, user, confirmed: bool, **fields) -> Case:
    """Create or update a case. Every save needs the writer to confirm it is anonymised."""
    if not confirmed:
        raise ValidationError(
            {"confirmed": _("Confirm that the case is anonymised.")}, code="not_confirmed"
        )
    if case is None:
        case = Case(series=series, created_by=user)
    practices = fields.pop("practices", None)
    for name, value in fields.items():
        setattr(case, name, value)
    case.anonymised_confirmed_by = user
    case.anonymised_confirmed_at = timezone.now()
    case = _save(case)
    if practices is not None:
        case.practices.set(practices)
    return case


@transaction.atomic
def artefact_save(*, instance: models.Model | None, model, series: Series, user, **fields):
    """Create (`instance` None) or update a persona, path, causal map, network or flowchart."""
    if instance is None:
        instance = model(series=series, created_by=user)
    for name, value in fields.items():
        setattr(instance, name, value)
    return _save(instance)


@transaction.atomic
def artefact_delete(*, instance: models.Model) -> None:
    instance.delete()


# --- Items of an artefact ---------------------------------------------------------------------

ITEM_MODELS = {
    "event": (PathEvent, "path"),
    "point": (CriticalPoint, "path"),
    "solution": (Solution, "path"),
    "factor": (Factor, "causal_map"),
    "link": (CausalLink, "causal_map"),
    "actor": (Actor, "network"),
    "service": (CoordinatedService, "network"),
    "card": (ClientCard, "network"),
    "step": (FlowStep, "flowchart"),
}

ITEM_KINDS_OF = {
    "path": ("event", "point", "solution"),
    "map": ("factor", "link"),
    "network": ("actor", "service", "card"),
    "flowchart": ("step",),
}


def _lock(parent: models.Model) -> None:
    """Lock the parent row: two concurrent adds or moves do not take the same position."""
    type(parent).objects.select_for_update().filter(pk=parent.pk).first()


@transaction.atomic
def item_add(*, item_kind: str, parent: models.Model, **fields) -> models.Model:
    model, parent_field = ITEM_MODELS[item_kind]
    _lock(parent)
    last = (
        model.objects.filter(**{parent_field: parent})
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
    )
    many = {k: fields.pop(k) for k in list(fields) if k == "actors"}
    item = model(**{parent_field: parent}, position=(last or 0) + 1, **fields)
    _check_item(item)
    _save(item)
    for name, value in many.items():
        getattr(item, name).set(value)
    return item


@transaction.atomic
def item_update(*, item: models.Model, **fields) -> models.Model:
    many = {k: fields.pop(k) for k in list(fields) if k == "actors"}
    for name, value in fields.items():
        setattr(item, name, value)
    _check_item(item)
    _save(item, update_fields=list(fields))
    for name, value in many.items():
        getattr(item, name).set(value)
    return item


def _check_item(item: models.Model) -> None:
    if isinstance(item, CausalLink):
        if item.cause_id == item.effect_id:
            raise ValidationError(
                {"effect": _("A factor cannot cause itself. Choose a different effect.")},
                code="self_link",
            )
        duplicate = CausalLink.objects.filter(cause_id=item.cause_id, effect_id=item.effect_id)
        if item.pk:
            duplicate = duplicate.exclude(pk=item.pk)
        if duplicate.exists():
            raise ValidationError(
                {"effect": _("This link is already on the map.")}, code="duplicate_link"
            )


@transaction.atomic
def item_delete(*, item_kind: str, item: models.Model) -> None:
    model, parent_field = ITEM_MODELS[item_kind]
    parent_id = getattr(item, f"{parent_field}_id")
    position = item.position
    item.delete()
    model.objects.filter(**{f"{parent_field}_id": parent_id}, position__gt=position).update(
        position=models.F("position") - 1
    )


@transaction.atomic
def item_move(*, item_kind: str, item: models.Model, offset: int) -> bool:
    """Move an item `offset` places (-1 up, +1 down). Returns False at either end."""
    model, parent_field = ITEM_MODELS[item_kind]
    parent = getattr(item, parent_field)
    _lock(parent)
    items = list(model.objects.filter(**{parent_field: parent}).order_by("position", "id"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + offset
    if target < 0 or target >= len(items):
        return False
    items.insert(target, items.pop(index))
    for position, other in enumerate(items, start=1):
        other.position = position
    model.objects.bulk_update(items, ["position"])
    return True
