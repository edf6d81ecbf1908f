"""The final report of a series: its editable practice-model texts and the PDF export.

Only the series' facilitators and the organisation's coordinators; anyone else gets 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import permissions
from ..forms import NopsaForm
from ..models.reports import REPORT_TEXT_MAX
from ..practices.forms import show_stale_edit
from ..practices.services import StaleEdit
from ..reports import practice_model


class ReportTextForm(NopsaForm):
    text = forms.CharField(
        label=_("Text"),
        max_length=REPORT_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


@require_GET
@login_required
def report_pdf(request: HttpRequest, code: str) -> HttpResponse:
    series, _role = permissions.get_series_for_user(request.user, code)
    from ..reports import render  # WeasyPrint is imported where it is used, not by every page

    pdf = render.render_pdf(series)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="report-{series.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def report_texts(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series_for_user(request.user, code)
    return render(
        request,
        "reports/texts.html",
        {"series": series, "role": role, "sections": practice_model.core_texts(series)},
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
