"""Practices of a series, and its near-term vision and leadership agreements."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import permissions, plugins
from ..models import Practice, SeriesDocument
from ..practices import services
from ..practices.forms import AdoptForm, DocumentForm, PracticeForm, StatusForm, show_stale_edit
from ..practices.services import PRACTICE_FIELDS, StaleEdit


@require_GET
@login_required
def practice_list(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series_for_user(request.user, code)
    practices = list(series.practices.select_related("origin__series").order_by("name", "id"))
    return render(
        request,
        "practices/practice_list.html",
        {"series": series, "role": role, "practices": practices},
    )


@require_http_methods(["GET", "POST"])
@login_required
def practice_create(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series_for_user(request.user, code)
    form = PracticeForm(request.POST or None, series=series)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        practice = services.practice_create(series, by=request.user, **data)
        messages.success(request, _("The practice was created."))
        return redirect("workshops:practice-detail", code=code, practice=practice.public_id)
    return render(
        request,
        "practices/practice_form.html",
        {"series": series, "role": role, "form": form, "practice": None},
        status=422 if form.errors else 200,
    )


def _next_status(status: str) -> str:
    values = list(Practice.Status.values)
    return values[min(values.index(status) + 1, len(values) - 1)]


def _detail_context(request, practice, role, **extra):
    series = practice.series
    return {
        "series": series,
        "role": role,
        "practice": practice,
        "history": list(practice.history.all()),
        "workshops": list(practice.workshops.order_by("position")),
        "challenges": list(practice.challenges.order_by("confirmed_at", "rank")),
        "derived": list(practice.derived.select_related("series")),
        "origin": practice.origin,
        "sections": plugins.practice_sections(practice),
        "status_form": extra.pop("status_form", None)
        or StatusForm(initial={"status": _next_status(practice.status)}),
        "adopt_form": extra.pop("adopt_form", None)
        or AdoptForm(series_choices=permissions.series_to_adopt_into(request.user, series)),
        **extra,
    }


@require_GET
@login_required
def practice_detail(request: HttpRequest, code: str, practice: str) -> HttpResponse:
    practice_obj, role = permissions.get_practice_for_user(request.user, code, practice)
    return render(
        request, "practices/practice_detail.html", _detail_context(request, practice_obj, role)
    )


@require_http_methods(["GET", "POST"])
@login_required
def practice_edit(request: HttpRequest, code: str, practice: str) -> HttpResponse:
    practice_obj, role = permissions.get_practice_for_user(request.user, code, practice)
    series = practice_obj.series
    initial = {name: getattr(practice_obj, name) for name in PRACTICE_FIELDS}
    initial["workshops"] = list(practice_obj.workshops.values_list("pk", flat=True))
    initial["challenges"] = list(practice_obj.challenges.values_list("pk", flat=True))
    initial["version"] = practice_obj.version
    form = PracticeForm(request.POST or None, initial=initial, series=series)
    stored = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version") or 0
        try:
            services.practice_update(practice_obj, version=version, **data)
        except StaleEdit as stale:
            stored = stale.current
            show_stale_edit(form, stored)
        else:
            messages.success(request, _("The practice was saved."))
            return redirect("workshops:practice-detail", code=code, practice=practice_obj.public_id)
    return render(
        request,
        "practices/practice_form.html",
        {
            "series": series,
            "role": role,
            "form": form,
            "practice": practice_obj,
            "stored": stored,
            "stored_fields": [
                (form.fields[name].label, getattr(stored, name)) for name in PRACTICE_FIELDS
            ]
            if stored
            else [],
        },
        status=422 if form.errors else 200,
    )


@require_POST
@login_required
def practice_status(request: HttpRequest, code: str, practice: str) -> HttpResponse:
    practice_obj, role = permissions.get_practice_for_user(request.user, code, practice)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.practice_set_status(practice_obj, by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("The practice is now: %(status)s.") % {"status": practice_obj.get_status_display()},
        )
        return redirect("workshops:practice-detail", code=code, practice=practice_obj.public_id)
    return render(
        request,
        "practices/practice_detail.html",
        _detail_context(request, practice_obj, role, status_form=form),
        status=422,
    )


@require_POST
@login_required
def practice_adopt(request: HttpRequest, code: str, practice: str) -> HttpResponse:
    practice_obj, role = permissions.get_practice_for_user(request.user, code, practice)
    choices = permissions.series_to_adopt_into(request.user, practice_obj.series)
    form = AdoptForm(request.POST, series_choices=choices)
    if form.is_valid():
        copy = services.practice_adopt(
            practice_obj, into=form.cleaned_data["into"], by=request.user
        )
        messages.success(
            request,
            _("The practice was taken into %(series)s, linked to this one.")
            % {"series": copy.series.title},
        )
        return redirect("workshops:practice-detail", code=copy.series.code, practice=copy.public_id)
    return render(
        request,
        "practices/practice_detail.html",
        _detail_context(request, practice_obj, role, adopt_form=form),
        status=422,
    )


DOCUMENT_TEXTS = {
    SeriesDocument.Kind.VISION: {
        "help": gettext_lazy(
            "Where the series wants the work to be in a year or two: what is different for "
            "clients and for staff. It is written together in the later workshops of the series."
        ),
    },
    SeriesDocument.Kind.AGREEMENTS: {
        "help": gettext_lazy(
            "How the managers support the new practice: time, resources, decisions and "
            "follow-up they commit to."
        ),
    },
}


@require_http_methods(["GET", "POST"])
@login_required
def document_edit(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    series, role = permissions.get_series_for_user(request.user, code)
    if kind not in SeriesDocument.Kind.values:
        raise Http404
    document = services.document_for(series, kind)
    form = DocumentForm(
        request.POST or None, initial={"text": document.text, "version": document.version}
    )
    stored = None
    if request.method == "POST" and form.is_valid():
        try:
            services.document_save(
                series,
                kind=kind,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"] or 0,
                by=request.user,
            )
        except StaleEdit as stale:
            stored = stale.current
            show_stale_edit(form, stored)
        else:
            messages.success(request, _("The text was saved."))
            return redirect("workshops:document", code=code, kind=kind)
    return render(
        request,
        "practices/document.html",
        {
            "series": series,
            "role": role,
            "document": document,
            "title": SeriesDocument.Kind(kind).label,
            "help": DOCUMENT_TEXTS[kind]["help"],
            "form": form,
            "stored": stored,
        },
        status=422 if form.errors else 200,
    )
