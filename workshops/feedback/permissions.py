"""Who may see or do what in the feedback app. The only place that decides it.

Staff (coordinators of the organisation, facilitators of the series) see results, edit forms
and export, through `workshops.permissions`; anyone else gets 404. Indicators are the
coordinators' to define and measure; facilitators of the series read them. Participants
answer the forms of workshops they attended (the participant cookie, as in the live views)
and see a form's results only once the staff have published them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from workshops import permissions as core
from workshops.models import Series, Workshop

from .models import FeedbackForm, FeedbackItem, Indicator, Measurement

SeriesRole = core.SeriesRole


def get_series(user, code: str) -> tuple[Series, str]:
    return core.get_series_for_user(user, code)


def get_workshop(user, code: str, workshop_code: str) -> tuple[Workshop, str]:
    return core.get_workshop_for_user(user, code, workshop_code)


def get_form(user, code: str, workshop_code: str, step_id) -> tuple[FeedbackForm, str]:
    """The form of a feedback step of the workshop (made from the defaults if it has none)."""
    from .services import form_ensure

    step, role = core.get_step_for_user(user, code, workshop_code, step_id)
    if step.kind != "feedback":
        raise Http404
    form = form_ensure(step=step)
    form.step = step
    return form, role


def get_item(user, code: str, workshop_code: str, step_id, item_id) -> tuple[FeedbackItem, str]:
    form, role = get_form(user, code, workshop_code, step_id)
    item = form.items.filter(public_id=item_id).first()
    if item is None:
        raise Http404
    item.form = form
    return item, role


def can_edit_indicators(role: str) -> bool:
    """Coordinators define indicators and record measurements; facilitators read them."""
    return role == SeriesRole.COORDINATOR


def get_indicator(user, code: str, indicator_id, *, edit: bool = False) -> tuple[Indicator, str]:
    series, role = get_series(user, code)
    if edit and not can_edit_indicators(role):
        raise PermissionDenied
    indicator = series.indicators.filter(public_id=indicator_id).first()
    if indicator is None:
        raise Http404
    indicator.series = series
    return indicator, role


def get_measurement(user, code: str, indicator_id, measurement_id) -> Measurement:
    indicator, _role = get_indicator(user, code, indicator_id, edit=True)
    measurement = indicator.measurements.filter(public_id=measurement_id).first()
    if measurement is None:
        raise Http404
    measurement.indicator = indicator
    return measurement


# --- Participants -----------------------------------------------------------------------------

# The participant on this device who attended the workshop, exactly as the live views find
# them (the signed cookie checked against the stored token). When the personal return link
# (issue 6) lands, it sets the same identity and leads to these pages.
get_participant = core.get_live_participant


def participant_may_see_results(form: FeedbackForm) -> bool:
    return form.results_published_at is not None
