"""Feedback forms of workshops, their answers, and a series' follow-up indicators.

A feedback step of a workshop has one `FeedbackForm` (made from the method's default form
when first needed). A participant has at most one `FeedbackResponse` per form: a second
submission updates it. Each response keeps the participant's type at the time of answering
(professional / client representative), so results can be split by type without names.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workshops.models import Participant, Series, Step

SCALE_MIN = 1
SCALE_MAX = 5
QUESTION_MAX = 300
SCALE_LABEL_MAX = 60
ANSWER_MAX = 2000
ITEMS_MAX = 20


class FeedbackForm(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    step = models.OneToOneField(Step, on_delete=models.CASCADE, related_name="feedback_form")
    intro = models.TextField(_("introduction"), blank=True)
    # Participants see the results (the same anonymous figures as the staff) once published.
    results_published_at = models.DateTimeField(null=True, blank=True)
    # No more answers, live or afterwards.
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback form")
        verbose_name_plural = _("feedback forms")

    def __str__(self) -> str:
        return str(self.step)


class FeedbackItem(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("scale 1–5")
        OPEN = "open", _("open question")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    form = models.ForeignKey(FeedbackForm, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    # Items made from the same default share a key, so a series' results can combine them.
    key = models.SlugField(max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=QUESTION_MAX)
    low_label = models.CharField(_("label of 1"), max_length=SCALE_LABEL_MAX, blank=True)
    high_label = models.CharField(_("label of 5"), max_length=SCALE_LABEL_MAX, blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["form_id", "position", "id"]
        verbose_name = _("feedback item")
        verbose_name_plural = _("feedback items")
        constraints = [
            models.UniqueConstraint(fields=["form", "key"], name="feedback_item_key_once"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_scale(self) -> bool:
        return self.kind == self.Kind.SCALE


class FeedbackResponse(models.Model):
    """One participant's answers to one form; resubmitting updates it."""

    class Channel(models.TextChoices):
        LIVE = "live", _("live")
        AFTERWARDS = "afterwards", _("afterwards")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    form = models.ForeignKey(FeedbackForm, on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="feedback_responses"
    )
    participant_kind = models.CharField(max_length=20, choices=Participant.Kind.choices)
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.LIVE)
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["form_id", "id"]
        verbose_name = _("feedback response")
        verbose_name_plural = _("feedback responses")
        constraints = [
            models.UniqueConstraint(
                fields=["form", "participant"], name="feedback_response_one_per_participant"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form} #{self.pk}"


class FeedbackAnswer(models.Model):
    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(FeedbackItem, on_delete=models.CASCADE, related_name="answers")
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["response_id", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="feedback_answer_once"),
            models.CheckConstraint(
                condition=Q(value__isnull=True)
                | (Q(value__gte=SCALE_MIN) & Q(value__lte=SCALE_MAX)),
                name="feedback_answer_value_in_scale",
            ),
        ]

    def __str__(self) -> str:
        return str(self.value) if self.value is not None else self.text[:40]


# --- Follow-up indicators ---------------------------------------------------------------------


class Indicator(models.Model):
    """Something a series follows over time, e.g. staff well-being index or hours per client."""

    class Direction(models.TextChoices):
        UP = "up", _("higher is better")
        DOWN = "down", _("lower is better")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    direction = models.CharField(
        _("direction of good"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["series_id", "name", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class Measurement(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_baseline = models.BooleanField(_("baseline"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator_id", "date", "id"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator"],
                condition=Q(is_baseline=True),
                name="feedback_measurement_one_baseline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.date})"
