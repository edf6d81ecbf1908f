"""Retention: closing a series, the coordinator's data export, and a participant deleting
their own contributions and e-mail address (rules in `workshops/retention.py`)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import audit, permissions, retention
from ..forms import ConfirmForm, series_close_form
from ..people import services as people_services
from .series import _series_context


def _due_date(series) -> str:
    return date_format(timezone.localtime(retention.purge_due_at(series)), "SHORT_DATE_FORMAT")


# --- Staff ------------------------------------------------------------------------------------


@require_POST
@login_required
def series_close(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series_for_user(request.user, code)
    if not permissions.can_close_series(role):
        raise PermissionDenied
    form = series_close_form(request.POST, days=retention.retention_days())
    if form.is_valid():
        try:
            retention.series_close(series=series, by=request.user)
        except retention.RetentionError as exc:
            form.add_error(None, str(exc))
        else:
            audit.record(
                actor=request.user,
                action=audit.Action.SERIES_CLOSED,
                series=series,
                kind=audit.Kind.SERIES,
                object_id=series.code,
            )
            messages.success(
                request,
                _("The series was closed. Its participants' content will be removed on %(date)s.")
                % {"date": _due_date(series)},
            )
            return redirect("workshops:series-detail", code=series.code)
    context = _series_context(series, role, close_form=form)
    return render(request, "workshops/series_detail.html", context, status=422)


@require_POST
@login_required
def series_reopen(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series_for_user(request.user, code)
    if not permissions.can_close_series(role):
        raise PermissionDenied
    try:
        retention.series_reopen(series=series)
    except retention.RetentionError as exc:
        messages.error(request, str(exc))
    else:
        audit.record(
            actor=request.user,
            action=audit.Action.SERIES_REOPENED,
            series=series,
            kind=audit.Kind.SERIES,
            object_id=series.code,
        )
        messages.success(request, _("The series is open again; its content will not be removed."))
    return redirect("workshops:series-detail", code=series.code)


@require_GET
@login_required
def series_export(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series_for_user(request.user, code)
    if not permissions.can_export_series_data(role):
        raise PermissionDenied
    now = timezone.now()
    data = retention.series_export(series, now=now)
    audit.record(
        actor=request.user,
        action=audit.Action.SERIES_EXPORTED,
        series=series,
        kind=audit.Kind.SERIES,
        object_id=series.code,
    )
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"nopsa-{series.code}-{timezone.localdate(now).isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # participants' content: no copy in any cache
    return response


# --- Participants -----------------------------------------------------------------------------

CONTRIBUTIONS = "contributions"
EMAIL = "email"


def _delete_forms(data=None, what: str = ""):
    contributions = ConfirmForm(
        data if what == CONTRIBUTIONS else None,
        prefix=CONTRIBUTIONS,
        label=_("I want to delete everything I have written in this series."),
    )
    email = ConfirmForm(
        data if what == EMAIL else None,
        prefix=EMAIL,
        label=_("I want to delete my e-mail address."),
    )
    return contributions, email


@require_http_methods(["GET", "POST"])
def my_delete(request: HttpRequest, code: str) -> HttpResponse:
    """The participant's own deletions, each behind a confirmation."""
    series, participant = permissions.get_series_for_participant(request, code)
    what = request.POST.get("what", "")
    contributions_form, email_form = _delete_forms(request.POST or None, what)
    status = 200
    if request.method == "POST":
        form = {CONTRIBUTIONS: contributions_form, EMAIL: email_form}.get(what)
        status = 422
        if form is None:
            messages.error(request, _("Choose what to delete."))
        elif form.is_valid():
            if what == EMAIL:
                people_services.set_email(participant, "")
                messages.success(request, _("Your e-mail address was deleted."))
                return redirect("people:my-series", code=series.code)
            try:
                retention.participant_erase_contributions(participant=participant)
            except retention.RetentionError as exc:
                form.add_error(None, str(exc))
            else:
                # Who: the participant by their id in the series (no nickname, no token).
                audit.record(
                    actor=None,
                    action=audit.Action.OWN_CONTENT_DELETED,
                    series=series,
                    kind=audit.Kind.PARTICIPANT,
                    object_id=participant.public_id,
                )
                messages.success(request, _("Everything you wrote in this series was deleted."))
                return redirect("people:my-series", code=series.code)
    return render(
        request,
        "people/my_delete.html",
        {
            "series": series,
            "participant": participant,
            "contributions": retention.participant_contribution_counts(participant),
            "contributions_form": contributions_form,
            "email_form": email_form,
        },
        status=status,
    )
