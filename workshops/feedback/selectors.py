"""Reads of the feedback app that pages share."""

from __future__ import annotations

from dataclasses import dataclass

from workshops.models import Participant, Series, Step, Workshop

from .forms import AnswerForm
from .models import FeedbackAnswer, FeedbackForm, FeedbackResponse, Indicator


def own_answers(form: FeedbackForm, participant: Participant) -> dict[int, tuple[int | None, str]]:
    """The participant's stored answers (item pk → (value, text)), empty if none."""
    return {
        item_id: (value, text)
        for item_id, value, text in FeedbackAnswer.objects.filter(
            response__form=form, response__participant=participant
        ).values_list("item_id", "value", "text")
    }


@dataclass
class Board:
    """A feedback form as one viewer sees it."""

    form: FeedbackForm
    items: list
    answer_form: AnswerForm | None = None
    has_answered: bool = False
    response_count: int = 0
    open_reason: str | None = None
    error: str = ""
    saved: bool = False

    @property
    def is_open(self) -> bool:
        return self.open_reason is None

    @property
    def afterwards_region(self) -> str:
        """The id of the form's wrapper on the afterwards page (one page may hold several)."""
        return f"feedback-{self.form.public_id}"


def answer_form_for(
    form: FeedbackForm, participant: Participant, items: list, data=None
) -> tuple[AnswerForm, bool]:
    stored = own_answers(form, participant)
    return (
        AnswerForm(data, items=items, initial_answers=stored, auto_id=f"fb-{form.pk}-%s"),
        bool(stored),
    )


def feedback_steps(workshop: Workshop) -> list[Step]:
    return list(workshop.steps.filter(kind="feedback").order_by("position", "id"))


def series_forms(series: Series) -> list[FeedbackForm]:
    """Every feedback form of the series with its step and workshop, in agenda order."""
    return list(
        FeedbackForm.objects.filter(step__workshop__series=series)
        .select_related("step__workshop")
        .order_by("step__workshop__position", "step__workshop_id", "step__position")
    )


def response_counts(forms: list[FeedbackForm]) -> dict[int, int]:
    from django.db.models import Count

    rows = (
        FeedbackResponse.objects.filter(form__in=forms)
        .values("form_id")
        .annotate(n=Count("id"))
        .values_list("form_id", "n")
    )
    return dict(rows)


@dataclass
class IndicatorSummary:
    indicator: Indicator
    measurements: list
    baseline: object = None
    latest: object = None

    @property
    def change(self):
        """Latest minus baseline, or None."""
        if self.baseline is None or self.latest is None or self.latest.pk == self.baseline.pk:
            return None
        return self.latest.value - self.baseline.value

    @property
    def change_percent(self):
        change = self.change
        if change is None or not self.baseline.value:
            return None
        return change / abs(self.baseline.value) * 100

    @property
    def improved(self) -> bool | None:
        """Whether the change goes the good way (None: no change to judge)."""
        change = self.change
        if not change:
            return None
        up = self.indicator.direction == Indicator.Direction.UP
        return change > 0 if up else change < 0


def indicator_summaries(series: Series) -> list[IndicatorSummary]:
    """The series' indicators with their measurements (date order), baseline and latest; two
    queries whatever the number of measurements."""
    indicators = list(series.indicators.prefetch_related("measurements").order_by("name", "id"))
    return [summary(indicator) for indicator in indicators]


def summary(indicator: Indicator) -> IndicatorSummary:
    measurements = sorted(indicator.measurements.all(), key=lambda m: (m.date, m.pk))
    baseline = next((m for m in measurements if m.is_baseline), None)
    if baseline is None and measurements:
        baseline = measurements[0]  # the first measurement serves until one is marked
    latest = measurements[-1] if measurements else None
    return IndicatorSummary(indicator, measurements, baseline, latest)
