"""Follow-up indicators of a series and their measurements: coordinators define and record
them; facilitators of the series read them; anyone else gets 404."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ... import audit
from .. import charts, permissions, selectors, services
from ..forms import IndicatorForm, MeasurementForm
from ..services import FeedbackError


def _apply_errors(form, exc: FeedbackError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@require_POST
@login_required
def indicator_add(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series(request.user, code)
    if not permissions.can_edit_indicators(role):
        raise PermissionDenied
    form = IndicatorForm(request.POST)
    if form.is_valid():
        try:
            indicator = services.indicator_create(series=series, **form.cleaned_data)
        except FeedbackError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Indicator added."))
            return redirect("feedback:indicator", code=code, indicator=indicator.public_id)
    return render(
        request,
        "feedback/indicator_new.html",
        {"series": series, "indicator_form": form},
        status=422,
    )


def _detail(request, indicator, role, *, measurement_form=None, indicator_form=None, status=200):
    summary = selectors.summary(indicator)
    chart = charts.trend_svg(
        title=_("%(name)s over time") % {"name": indicator.name},
        points=[(m.date, m.value) for m in summary.measurements],
        baseline=summary.baseline.value if summary.baseline else None,
        unit=indicator.unit,
    )
    return render(
        request,
        "feedback/indicator_detail.html",
        {
            "series": indicator.series,
            "indicator": indicator,
            "summary": summary,
            "chart": chart,
            "can_edit": permissions.can_edit_indicators(role),
            "measurement_form": measurement_form or MeasurementForm(auto_id="m-%s"),
            "indicator_form": indicator_form
            or IndicatorForm(
                initial={
                    "name": indicator.name,
                    "unit": indicator.unit,
                    "direction": indicator.direction,
                    "description": indicator.description,
                },
                auto_id="i-%s",
            ),
        },
        status=status,
    )


@require_GET
@login_required
def indicator_detail(request: HttpRequest, code: str, indicator: uuid.UUID) -> HttpResponse:
    indicator_obj, role = permissions.get_indicator(request.user, code, indicator)
    return _detail(request, indicator_obj, role)


@require_POST
@login_required
def indicator_edit(request: HttpRequest, code: str, indicator: uuid.UUID) -> HttpResponse:
    indicator_obj, role = permissions.get_indicator(request.user, code, indicator, edit=True)
    form = IndicatorForm(request.POST, auto_id="i-%s")
    if form.is_valid():
        try:
            services.indicator_update(indicator=indicator_obj, **form.cleaned_data)
        except FeedbackError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Indicator saved."))
            return redirect("feedback:indicator", code=code, indicator=indicator)
    return _detail(request, indicator_obj, role, indicator_form=form, status=422)


@require_POST
@login_required
def indicator_delete(request: HttpRequest, code: str, indicator: uuid.UUID) -> HttpResponse:
    indicator_obj, _role = permissions.get_indicator(request.user, code, indicator, edit=True)
    services.indicator_delete(indicator=indicator_obj)
    audit.record(
        actor=request.user,
        action=audit.Action.DELETED,
        series=indicator_obj.series,
        kind=audit.Kind.INDICATOR,
        object_id=indicator,
    )
    messages.success(request, _("Indicator removed."))
    return redirect("feedback:series", code=code)


@require_POST
@login_required
def measurement_add(request: HttpRequest, code: str, indicator: uuid.UUID) -> HttpResponse:
    indicator_obj, role = permissions.get_indicator(request.user, code, indicator, edit=True)
    form = MeasurementForm(request.POST, auto_id="m-%s")
    if form.is_valid():
        try:
            services.measurement_add(
                indicator=indicator_obj,
                date=form.cleaned_data["date"],
                value=form.cleaned_data["value"],
                source=form.cleaned_data["source"],
                is_baseline=form.cleaned_data["is_baseline"],
            )
        except FeedbackError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Measurement recorded."))
            return redirect("feedback:indicator", code=code, indicator=indicator)
    return _detail(request, indicator_obj, role, measurement_form=form, status=422)


@require_POST
@login_required
def measurement_delete(
    request: HttpRequest, code: str, indicator: uuid.UUID, measurement: uuid.UUID
) -> HttpResponse:
    measurement_obj = permissions.get_measurement(request.user, code, indicator, measurement)
    services.measurement_delete(measurement=measurement_obj)
    audit.record(
        actor=request.user,
        action=audit.Action.DELETED,
        series=measurement_obj.indicator.series,
        kind=audit.Kind.MEASUREMENT,
        object_id=measurement,
    )
    messages.success(request, _("Measurement removed."))
    return redirect("feedback:indicator", code=code, indicator=indicator)
