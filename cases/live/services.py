"""Writes of the cases app's live steps. Each one records a LiveEvent in its transaction, so
the cockpit, the room screen and the phones redraw through their polls.

Who sees which change: a new suggestion concerns the staff screens only (its author gets the
answer to the POST); a decision concerns the staff and the author; a newly chosen artefact
concerns everyone.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workshops.live.services import LiveError, event_record, validate_live_text
from workshops.models import NOTE_MAX, LiveEvent, Participant, Step, Workshop

from .. import services
from ..models import NAME_MAX, Factor, PathEvent, Suggestion
from .kinds import ARTEFACTS, PERSONA_PARTS, SUGGESTION_KINDS, chosen_artefact

Audience = LiveEvent.Audience

# kind -> {field: (max length, required)}
FIELDS = {
    Suggestion.Kind.PERSONA_LINE: {"part": (40, True), "text": (NOTE_MAX, True)},
    Suggestion.Kind.PATH_EVENT: {
        "what": (NOTE_MAX, True),
        "actor": (NAME_MAX, True),
        "experience": (12, True),
    },
    Suggestion.Kind.FACTOR: {"name": (200, True)},
    Suggestion.Kind.LINK: {"cause": (200, True), "effect": (200, True)},
}
CHOICES = {
    "part": {value for value, _label in PERSONA_PARTS},
    "experience": set(PathEvent.Experience.values),
}


def _clean_data(kind: str, data: dict) -> dict:
    """The last line of defence behind the forms: known fields, lengths, choices, the guard."""
    fields = FIELDS.get(kind)
    if fields is None:
        raise LiveError(_("This step takes no suggestions of this kind."), code="kind")
    clean = {}
    for name, (max_length, required) in fields.items():
        value = str(data.get(name) or "").strip()
        if not value:
            if required:
                raise LiveError(_("Write something first."), code="empty")
            continue
        if len(value) > max_length:
            raise LiveError(
                _("The text can be at most %(max)s characters (now %(length)s).")
                % {"max": max_length, "length": len(value)},
                code="too_long",
            )
        if name in CHOICES:
            if value not in CHOICES[name]:
                raise LiveError(_("Choose from the list."), code="choice")
        else:
            validate_live_text(value)
        clean[name] = value
    if kind == Suggestion.Kind.LINK and clean["cause"].casefold() == clean["effect"].casefold():
        raise LiveError(
            _("A factor cannot cause itself. Choose a different effect."), code="self_link"
        )
    return clean


def _check_open(workshop: Workshop, step: Step | None, kind: str) -> Step:
    if workshop.state != Workshop.State.LIVE:
        raise LiveError(_("The workshop has ended. Your text was not sent."), code="ended")
    if step is None or step.input_closed_at is not None:
        raise LiveError(
            _("This step is closed, so it takes no more suggestions. Your text was not sent."),
            code="closed",
        )
    if kind not in SUGGESTION_KINDS.get(step.kind, ()):
        raise LiveError(_("This step takes no suggestions of this kind."), code="kind")
    return step


def suggestion_post(
    *,
    workshop: Workshop,
    participant: Participant,
    kind: str,
    data: dict,
    client_id: uuid.UUID,
) -> tuple[Suggestion, bool]:
    """Suggest an item to the current step. Idempotent on `client_id`: a retried POST returns
    the suggestion the first attempt made (and False for "created")."""
    existing = Suggestion.objects.filter(participant=participant, client_id=client_id).first()
    if existing is not None:
        return existing, False
    step = _check_open(workshop, workshop.current_step, kind)
    clean = _clean_data(kind, data)
    try:
        with transaction.atomic():
            suggestion = Suggestion(
                workshop=workshop,
                step=step,
                participant=participant,
                client_id=client_id,
                kind=kind,
                data=clean,
            )
            # Uniqueness is the database's: a concurrent retry ends in IntegrityError below.
            suggestion.full_clean(validate_unique=False, validate_constraints=False)
            suggestion.save()
            event_record(workshop=workshop, kind=LiveEvent.Kind.STEP, audience=Audience.STAFF)
            return suggestion, True
    except IntegrityError:
        # A concurrent retry of the same POST won the race; return what it stored.
        return Suggestion.objects.get(participant=participant, client_id=client_id), False


def _decided(suggestion: Suggestion, state: str) -> None:
    suggestion.state = state
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["state", "decided_at"])
    event_record(
        workshop=suggestion.workshop,
        kind=LiveEvent.Kind.STEP,
        audience=Audience.PERSONAL,
        participant=suggestion.participant,
    )


def _locked_open(suggestion: Suggestion) -> Suggestion:
    locked = (
        Suggestion.objects.select_for_update()
        .select_related("workshop", "step", "participant")
        .get(pk=suggestion.pk)
    )
    if locked.state != Suggestion.State.OPEN:
        raise LiveError(_("This suggestion has already been handled."), code="decided")
    return locked


def _factor(causal_map, name: str) -> Factor:
    """The map's factor of this name (any letter case), added if there is none yet."""
    for factor in causal_map.factors.all():
        if factor.name.casefold() == name.casefold():
            return factor
    return services.item_add(item_kind="factor", parent=causal_map, name=name)


def _apply(suggestion: Suggestion, artefact) -> models.Model:
    """Write the suggestion into the artefact through the cases services (guard, validation)."""
    data = suggestion.data
    kind = suggestion.kind
    if kind == Suggestion.Kind.PERSONA_LINE:
        part = data["part"]
        current = getattr(artefact, part) or ""
        text = f"{current.rstrip()}\n{data['text']}" if current.strip() else data["text"]
        try:
            return services.artefact_save(
                instance=artefact,
                model=type(artefact),
                series=artefact.series,
                user=None,
                **{part: text},
            )
        except ValidationError as exc:
            raise LiveError(exc.messages) from exc
    try:
        if kind == Suggestion.Kind.PATH_EVENT:
            return services.item_add(
                item_kind="event",
                parent=artefact,
                what=data["what"],
                actor=data["actor"],
                experience=data["experience"],
            )
        if kind == Suggestion.Kind.FACTOR:
            return _factor(artefact, data["name"])
        cause = _factor(artefact, data["cause"])
        effect = _factor(artefact, data["effect"])
        return services.item_add(item_kind="link", parent=artefact, cause=cause, effect=effect)
    except ValidationError as exc:
        raise LiveError(exc.messages) from exc


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion) -> models.Model:
    """Write the suggestion into the step's artefact; it is then accepted. Returns what was
    written (the item, or the persona)."""
    suggestion = _locked_open(suggestion)
    workshop = suggestion.workshop
    artefact = chosen_artefact(suggestion.step, workshop.series_id)
    if artefact is None:
        raise LiveError(_("Choose what the step works on first."), code="no_artefact")
    written = _apply(suggestion, artefact)
    _decided(suggestion, Suggestion.State.ACCEPTED)
    return written


@transaction.atomic
def suggestion_dismiss(*, suggestion: Suggestion) -> Suggestion:
    suggestion = _locked_open(suggestion)
    _decided(suggestion, Suggestion.State.DISMISSED)
    return suggestion


@transaction.atomic
def step_choose_artefact(*, workshop: Workshop, step: Step, public_id: uuid.UUID | None) -> Step:
    """Name the case, persona, path or map (of the workshop's series) that the step works on;
    None clears the choice."""
    if workshop.state != Workshop.State.LIVE:
        raise LiveError(_("The workshop is not live."))
    spec = ARTEFACTS.get(step.kind)
    if step.workshop_id != workshop.pk or spec is None:
        raise LiveError(_("The step is not part of this workshop."))
    key, model, _url_kind = spec
    settings = dict(step.settings or {})
    if public_id is None:
        settings.pop(key, None)
    else:
        if not model.objects.filter(series_id=workshop.series_id, public_id=public_id).exists():
            raise LiveError(_("Choose from the list."), code="choice")
        settings[key] = str(public_id)
    step.settings = settings
    step.save(update_fields=["settings"])
    event_record(workshop=workshop, kind=LiveEvent.Kind.STEP)
    return step
