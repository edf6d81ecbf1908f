"""Template tags of the feedback app's live step and result pages."""

from __future__ import annotations

from django import template

from .. import charts
from ..models import FeedbackResponse
from ..selectors import Board, answer_form_for
from ..services import form_ensure, form_open_reason

register = template.Library()


@register.simple_tag(takes_context=True)
def feedback_board(context):
    """`{% feedback_board as board %}` in a live view: the current step's form as the viewer of
    `state` sees it. A failed POST passes its bound form and error in the context."""
    state = context["state"]
    step = state.step
    if step is None:
        return None
    form = form_ensure(step=step)
    form.step = step
    items = list(form.items.all())
    board = Board(form=form, items=items)
    viewer = state.viewer
    if viewer.role == "participant":
        participant = context.get("participant")
        board.open_reason = form_open_reason(form, state.workshop, live=True)
        bound = context.get("answer_form")
        if bound is not None:
            board.answer_form = bound
            board.has_answered = bool(context.get("has_answered"))
        elif participant is not None:
            board.answer_form, board.has_answered = answer_form_for(form, participant, items)
        board.error = context.get("feedback_error") or ""
        board.saved = bool(context.get("feedback_saved"))
    else:
        board.response_count = FeedbackResponse.objects.filter(form=form).count()
    return board


@register.simple_tag
def distribution_chart(stats, title, low_label="", high_label=""):
    return charts.distribution_svg(
        title=title, rows=stats.rows, low_label=low_label, high_label=high_label
    )


@register.simple_tag
def change_from(baseline, measurement):
    """`{% change_from baseline m as diff %}`: the measurement's value minus the baseline's."""
    return measurement.value - baseline.value
