"""Writes of the feedback app: forms, answers, publishing, indicators and measurements.

Each function validates and writes in one transaction. A live answer also records a
`LiveEvent` for the staff screens, so the cockpit's count of answers follows.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from workshops.live.services import event_record
from workshops.models import LiveEvent, Participant, Series, Step, Workshop
from workshops.textguard import validate_text

from . import defaults
from .models import (
    ANSWER_MAX,
    ITEMS_MAX,
    SCALE_MAX,
    SCALE_MIN,
    FeedbackAnswer,
    FeedbackForm,
    FeedbackItem,
    FeedbackResponse,
    Indicator,
    Measurement,
)


class FeedbackError(ValidationError):
    """Something the user can fix; its messages are shown next to what they tried."""


# --- Forms ------------------------------------------------------------------------------------


def form_ensure(*, step: Step) -> FeedbackForm:
    """The step's form, made from its method's default form (series language) if it has none.

    Idempotent under concurrency: the step has at most one form (a unique key), and a losing
    writer returns the winner's form.
    """
    existing = FeedbackForm.objects.filter(step=step).first()
    if existing is not None:
        return existing
    series = step.workshop.series
    method_slug = series.method.slug if series.method_id else None
    try:
        with transaction.atomic():
            form = FeedbackForm.objects.create(
                step=step, intro=defaults.default_intro(series.language)
            )
            FeedbackItem.objects.bulk_create(
                FeedbackItem(form=form, position=position, **item)
                for position, item in enumerate(
                    defaults.default_items(method_slug, series.language), start=1
                )
            )
    except IntegrityError:
        return FeedbackForm.objects.get(step=step)
    return form


def form_is_editable(form: FeedbackForm) -> bool:
    """Items can change until the first answer comes: answers must keep meaning what they said."""
    return not form.responses.exists()


def _require_editable(form: FeedbackForm) -> None:
    if not form_is_editable(form):
        raise FeedbackError(
            _("The form already has answers, so its questions can no longer be changed."),
            code="has_answers",
        )


def _clean_item_fields(*, kind: str, text: str, low_label: str, high_label: str) -> dict:
    text = (text or "").strip()
    if not text:
        raise FeedbackError(_("Write the question first."), code="empty")
    if kind not in FeedbackItem.Kind.values:
        raise FeedbackError(_("Choose the kind of the item from the list."), code="kind")
    low_label, high_label = (low_label or "").strip(), (high_label or "").strip()
    if kind == FeedbackItem.Kind.SCALE and not (low_label and high_label):
        raise FeedbackError(
            _("A scale needs labels for both ends (what 1 and 5 mean)."), code="labels"
        )
    if kind == FeedbackItem.Kind.OPEN:
        low_label = high_label = ""
    return {"kind": kind, "text": text, "low_label": low_label, "high_label": high_label}


@transaction.atomic
def item_add(
    *,
    form: FeedbackForm,
    kind: str,
    text: str,
    low_label: str = "",
    high_label: str = "",
    required: bool = False,
) -> FeedbackItem:
    form = FeedbackForm.objects.select_for_update().get(pk=form.pk)
    _require_editable(form)
    count = form.items.count()
    if count >= ITEMS_MAX:
        raise FeedbackError(
            _("A form can have at most %(max)s items.") % {"max": ITEMS_MAX}, code="too_many"
        )
    fields = _clean_item_fields(kind=kind, text=text, low_label=low_label, high_label=high_label)
    item = FeedbackItem(
        form=form,
        position=(form.items.aggregate(m=Max("position"))["m"] or 0) + 1,
        key=f"item-{uuid.uuid4().hex[:12]}",
        required=required,
        **fields,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def item_update(
    *,
    item: FeedbackItem,
    kind: str,
    text: str,
    low_label: str = "",
    high_label: str = "",
    required: bool = False,
) -> FeedbackItem:
    FeedbackForm.objects.select_for_update().get(pk=item.form_id)
    _require_editable(item.form)
    fields = _clean_item_fields(kind=kind, text=text, low_label=low_label, high_label=high_label)
    for name, value in {**fields, "required": required}.items():
        setattr(item, name, value)
    item.full_clean()
    item.save(update_fields=["kind", "text", "low_label", "high_label", "required"])
    return item


@transaction.atomic
def item_delete(*, item: FeedbackItem) -> None:
    FeedbackForm.objects.select_for_update().get(pk=item.form_id)
    _require_editable(item.form)
    if item.form.items.count() <= 1:
        raise FeedbackError(_("A form needs at least one item."), code="last_item")
    item.delete()


@transaction.atomic
def form_set_published(*, form: FeedbackForm, published: bool) -> FeedbackForm:
    form.results_published_at = timezone.now() if published else None
    form.save(update_fields=["results_published_at"])
    return form


@transaction.atomic
def form_set_closed(*, form: FeedbackForm, closed: bool) -> FeedbackForm:
    form.closed_at = timezone.now() if closed else None
    form.save(update_fields=["closed_at"])
    return form


# --- Answers ----------------------------------------------------------------------------------


def form_open_reason(form: FeedbackForm, workshop: Workshop, *, live: bool) -> str | None:
    """Why the form takes no answers now (a message), or None when it does.

    Live: the workshop is live, the step is current and its input open. Afterwards: the
    workshop has started (live or held). The facilitator may close the form for both.
    """
    if form.closed_at is not None:
        return _("The feedback form is closed. Your answers were not sent.")
    if live:
        step = form.step
        if workshop.state != Workshop.State.LIVE:
            return _("The workshop has ended. Your answers were not sent.")
        if workshop.current_step_id != step.pk or step.input_closed_at is not None:
            return _(
                "This step is closed, so it takes no more answers. Your answers were not sent."
            )
        return None
    if workshop.state == Workshop.State.PLANNED:
        return _("The feedback form opens when the workshop starts.")
    return None


def _clean_answers(items: list[FeedbackItem], raw: dict) -> dict[int, tuple[int | None, str]]:
    """The last line of defence behind the form: scale values 1–5, required items, lengths, the
    text guard. Errors are keyed by the item's field name (`item-<public id>`)."""
    errors: dict[str, list] = {}
    clean: dict[int, tuple[int | None, str]] = {}
    for item in items:
        name = field_name(item)
        value = raw.get(item.pk)
        if item.is_scale:
            if value in (None, ""):
                if item.required:
                    errors[name] = [_("Choose a value from 1 to 5.")]
                continue
            try:
                number = int(value)
            except (TypeError, ValueError):
                number = None
            if number is None or not SCALE_MIN <= number <= SCALE_MAX:
                errors[name] = [_("Choose a value from 1 to 5.")]
                continue
            clean[item.pk] = (number, "")
        else:
            text = str(value or "").strip()
            if not text:
                if item.required:
                    errors[name] = [_("Answer this question.")]
                continue
            if len(text) > ANSWER_MAX:
                errors[name] = [
                    _("An answer can be at most %(max)s characters (now %(length)s).")
                    % {"max": ANSWER_MAX, "length": len(text)}
                ]
                continue
            try:
                validate_text(text)
            except ValidationError as exc:
                errors[name] = exc.messages
                continue
            clean[item.pk] = (None, text)
    if errors:
        raise FeedbackError(errors)
    return clean


def field_name(item: FeedbackItem) -> str:
    return f"item-{item.public_id}"


def response_submit(
    *,
    form: FeedbackForm,
    workshop: Workshop,
    participant: Participant,
    answers: dict,
    live: bool,
    _retried: bool = False,
) -> tuple[FeedbackResponse, bool]:
    """Store the participant's answers (`answers`: item pk → raw value). One response per
    participant and form: a second submission replaces the first one's answers. Returns the
    response and whether it was new."""
    reason = form_open_reason(form, workshop, live=live)
    if reason:
        raise FeedbackError(reason, code="closed")
    items = list(form.items.all())
    clean = _clean_answers(items, answers)
    if not clean:
        raise FeedbackError(_("Answer at least one question first."), code="empty")
    channel = FeedbackResponse.Channel.LIVE if live else FeedbackResponse.Channel.AFTERWARDS
    try:
        with transaction.atomic():
            response, created = FeedbackResponse.objects.select_for_update().get_or_create(
                form=form,
                participant=participant,
                defaults={"participant_kind": participant.kind, "channel": channel},
            )
            if not created:
                response.participant_kind = participant.kind
                response.save(update_fields=["participant_kind", "updated_at"])
                response.answers.all().delete()
            FeedbackAnswer.objects.bulk_create(
                FeedbackAnswer(response=response, item_id=item_id, value=value, text=text)
                for item_id, (value, text) in clean.items()
            )
            if workshop.state == Workshop.State.LIVE:
                # The cockpit shows how many have answered.
                event_record(
                    workshop=workshop,
                    kind=LiveEvent.Kind.STEP,
                    audience=LiveEvent.Audience.STAFF,
                )
    except IntegrityError:
        if _retried:
            raise
        # A concurrent first submission by the same participant won; submit again over it
        # (the response row exists now, so the second attempt locks and updates it).
        return response_submit(
            form=form,
            workshop=workshop,
            participant=participant,
            answers=answers,
            live=live,
            _retried=True,
        )
    return response, created


# --- Indicators -------------------------------------------------------------------------------

NAME_MAX = 200
UNIT_MAX = 40
SOURCE_MAX = 200
VALUE_LIMIT = Decimal("9999999999.99")


def _clean_indicator(name: str, unit: str, direction: str, description: str) -> dict:
    name, unit, description = (name or "").strip(), (unit or "").strip(), (description or "")
    if not name:
        raise FeedbackError({"name": [_("Give the indicator a name.")]})
    if direction not in Indicator.Direction.values:
        raise FeedbackError({"direction": [_("Choose the direction from the list.")]})
    for field, value in (("name", name), ("unit", unit), ("description", description)):
        if value:
            try:
                validate_text(value)
            except ValidationError as exc:
                raise FeedbackError({field: exc.messages}) from exc
    return {"name": name, "unit": unit, "direction": direction, "description": description.strip()}


@transaction.atomic
def indicator_create(
    *, series: Series, name: str, unit: str = "", direction: str, description: str = ""
) -> Indicator:
    indicator = Indicator(series=series, **_clean_indicator(name, unit, direction, description))
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, name: str, unit: str = "", direction: str, description: str = ""
) -> Indicator:
    for field, value in _clean_indicator(name, unit, direction, description).items():
        setattr(indicator, field, value)
    indicator.full_clean()
    indicator.save(update_fields=["name", "unit", "direction", "description"])
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator) -> None:
    indicator.delete()


def parse_value(raw) -> Decimal:
    """A number as people type it in Finland: "12,5", "12.5", "1 200"."""
    text = str(raw or "").strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise FeedbackError({"value": [_("Write a number, e.g. 12,5.")]}) from exc
    if value.is_nan():
        raise FeedbackError({"value": [_("Write a number, e.g. 12,5.")]})
    if not value.is_finite() or abs(value) > VALUE_LIMIT:
        raise FeedbackError({"value": [_("The number is too large.")]})
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def measurement_add(
    *,
    indicator: Indicator,
    date: dt.date,
    value: Decimal,
    source: str = "",
    is_baseline: bool = False,
) -> Measurement:
    """Record a measurement. A new baseline replaces the old one (one baseline per indicator)."""
    Indicator.objects.select_for_update().get(pk=indicator.pk)
    source = (source or "").strip()
    if len(source) > SOURCE_MAX:
        raise FeedbackError({"source": [_("At most %(max)s characters.") % {"max": SOURCE_MAX}]})
    if source:
        try:
            validate_text(source)
        except ValidationError as exc:
            raise FeedbackError({"source": exc.messages}) from exc
    if is_baseline:
        indicator.measurements.filter(is_baseline=True).update(is_baseline=False)
    measurement = Measurement(
        indicator=indicator, date=date, value=value, source=source, is_baseline=is_baseline
    )
    measurement.full_clean()
    measurement.save()
    return measurement


@transaction.atomic
def measurement_delete(*, measurement: Measurement) -> None:
    measurement.delete()
