"""The final report of a series: its editable practice-model texts and the PDF export (queued
as a background job, followed on the page, downloaded when done).

Only the series' facilitators and the organisation's coordinators; anyone else gets 404.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event
from django_htmx.middleware import HtmxDetails

from .. import audit, permissions
from ..forms import NopsaForm
from ..models import ReportExport
from ..models.reports import REPORT_TEXT_MAX
from ..practices.forms import show_stale_edit
from ..practices.services import StaleEdit
from ..reports import exports, practice_model

State = ReportExport.State


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class ReportTextForm(NopsaForm):
    text = forms.CharField(
        label=gettext_lazy("Text"),  # lazy: the class is built once, in no request's language
        max_length=REPORT_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _export_panel(series, export, *, checked: bool = True) -> dict:
    """What the export panel shows. `checked`: whether a finished export is compared with the
    series as it is now (the report's HTML is built for it); the series page skips that and
    shows only a running export or the button."""
    current = bool(
        checked and export is not None and export.state == State.DONE and exports.is_current(export)
    )
    waiting_long = bool(
        export is not None
        and export.state == State.QUEUED
        and export.created_at < timezone.now() - timedelta(seconds=exports.WAITING_HINT_AFTER)
    )
    return {
        "series": series,
        "export": export,
        "checked": checked,
        "current": current,
        "message": exports.failure_message(export)
        if export and export.state == State.FAILED
        else "",
        "waiting_long": waiting_long,
        "poll_ms": exports.POLL_MS,
    }


def _announcement(export, panel: dict) -> str:
    if export.state == State.DONE:
        return _("The PDF of the report is ready.") if panel["current"] else ""
    if export.state == State.FAILED:
        return panel["message"]
    return str(export.get_stage_display())


@require_POST
@login_required
def report_export(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """Queue an export of the report (or join the running one, or reuse the current PDF)."""
    series, _role = permissions.get_series_for_user(request.user, code)
    export = exports.export_request(series=series, by=request.user)
    audit.record(
        actor=request.user,
        action=audit.Action.REPORT_EXPORTED,
        series=series,
        kind=audit.Kind.REPORT,
        object_id=export.public_id,
    )
    if not request.htmx:
        return redirect(reverse("workshops:report-texts", args=[series.code]) + "#report-export")
    panel = _export_panel(series, export, checked=False)
    panel["current"] = export.state == State.DONE  # fresh or reused: made from the series now
    response = render(request, "reports/_export.html", panel)
    if message := _announcement(export, panel):
        trigger_client_event(response, "nopsa:announce", {"message": message}, after="settle")
    return response


@require_GET
@login_required
def report_export_status(request: HtmxHttpRequest, code: str, export: uuid.UUID) -> HttpResponse:
    """The export panel, polled while the export runs; the stage the page last showed comes
    as `stage`, and a new stage (or the end) is announced to screen readers."""
    series, _role = permissions.get_series_for_user(request.user, code)
    export_obj = ReportExport.objects.defer("pdf").filter(series=series, public_id=export).first()
    if export_obj is None:
        raise Http404
    if not request.htmx:
        return redirect(reverse("workshops:report-texts", args=[series.code]) + "#report-export")
    exports.mark_if_stale(export_obj)
    export_obj.series = series
    panel = _export_panel(series, export_obj)
    response = render(request, "reports/_export.html", panel)
    if request.GET.get("stage") != export_obj.stage and (
        message := _announcement(export_obj, panel)
    ):
        trigger_client_event(response, "nopsa:announce", {"message": message}, after="settle")
    return response


@require_GET
@login_required
def report_export_pdf(request: HttpRequest, code: str, export: uuid.UUID) -> HttpResponse:
    """The stored PDF of a finished export (only the newest PDF of a series is kept)."""
    series, _role = permissions.get_series_for_user(request.user, code)
    export_obj = (
        ReportExport.objects.filter(series=series, public_id=export, state=State.DONE)
        .exclude(pdf=None)
        .only("pdf", "finished_at")
        .first()
    )
    if export_obj is None:
        raise Http404
    audit.record(
        actor=request.user,
        action=audit.Action.REPORT_DOWNLOADED,
        series=series,
        kind=audit.Kind.REPORT,
        object_id=export,
    )
    day = timezone.localtime(export_obj.finished_at).date().isoformat()
    return pdf_response(bytes(export_obj.pdf), f"report-{series.code}-{day}.pdf")


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def report_texts(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series_for_user(request.user, code)
    export = exports.active_export(series) or exports.latest_export(series)
    if export is not None:
        export.series = series
    return render(
        request,
        "reports/texts.html",
        {
            "series": series,
            "role": role,
            "sections": practice_model.core_texts(series),
            "panel": _export_panel(series, export),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def report_text_edit(request: HttpRequest, code: str, key: str) -> HttpResponse:
    series, role = permissions.get_series_for_user(request.user, code)
    section = practice_model.CORE_KEYS.get(key)
    if section is None:
        raise Http404
    current = next(s for s in practice_model.core_texts(series) if s["section"].key == key)
    text = current["text"] if current["text"] is not None else current["draft"]
    initial = {"text": text, "version": current["version"]}
    form = ReportTextForm(request.POST or None, initial=initial)
    stored = None
    if request.method == "POST" and "reset" in request.POST:
        practice_model.text_reset(series, key)
        messages.success(request, _("The text drafted from the series' data is used again."))
        return redirect("workshops:report-texts", code=series.code)
    if request.method == "POST" and form.is_valid():
        try:
            practice_model.text_save(
                series,
                key=key,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"] or 0,
                by=request.user,
            )
        except StaleEdit as stale:
            stored = stale.current
            show_stale_edit(form, stored)
        else:
            messages.success(request, _("The text was saved."))
            return redirect("workshops:report-texts", code=series.code)
    return render(
        request,
        "reports/text_edit.html",
        {
            "series": series,
            "role": role,
            "section": section,
            "current": current,
            "form": form,
            "stored": stored,
        },
        status=422 if form.errors else 200,
    )
