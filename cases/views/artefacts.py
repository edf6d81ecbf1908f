"""Pages of a series' cases, personas, service paths, causal maps, actor networks and
collaboration flowcharts: the index, create, show, edit, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from workshops import audit

from .. import permissions, selectors, services
from ..forms import CaseForm, NetworkForm, PathForm, PersonaForm, TitledForm
from ..models import ActorNetwork, Case, CausalMap, Flowchart, Persona, ServicePath

NEW_TITLES = {
    "case": gettext_lazy("New client case"),
    "persona": gettext_lazy("New persona"),
    "path": gettext_lazy("New service path"),
    "map": gettext_lazy("New causal map"),
    "network": gettext_lazy("New actor network"),
    "flowchart": gettext_lazy("New collaboration flowchart"),
}
KIND_NAMES = {
    "case": gettext_lazy("Client case"),
    "persona": gettext_lazy("Persona"),
    "path": gettext_lazy("Service path"),
    "map": gettext_lazy("Causal map"),
    "network": gettext_lazy("Actor network"),
    "flowchart": gettext_lazy("Collaboration flowchart"),
}
FORM_FIELDS = {
    "case": ["title", "situation", "life_areas", "services_involved", "tried", "client_goal"],
    "persona": [
        "name",
        "age_group",
        "life_situation",
        "needs",
        "goals",
        "value_functional",
        "value_social",
        "value_emotional",
    ],
    "path": ["title"],
    "map": ["title", "description"],
    "network": ["title", "client_segment"],
    "flowchart": ["title", "description"],
}


def detail_url(kind: str, instance) -> str:
    from django.urls import reverse

    return reverse("cases:detail", args=[instance.series.code, kind, instance.public_id])


def apply_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form, field by field where the field exists."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _form(kind: str, series, data=None, instance=None):
    initial = {}
    if instance is not None:
        initial = {name: getattr(instance, name) for name in FORM_FIELDS[kind]}
    if kind == "case":
        if instance is not None:
            initial["practices"] = list(instance.practices.values_list("pk", flat=True))
        return CaseForm(data, initial=initial, series=series)
    if kind == "persona":
        return PersonaForm(data, initial=initial)
    if kind == "path":
        if instance is not None:
            subject = instance.subject
            prefix = "case" if instance.case_id else "persona"
            initial["subject"] = f"{prefix}:{subject.public_id}"
        return PathForm(
            data,
            initial=initial,
            cases=Case.objects.filter(series=series),
            personas=Persona.objects.filter(series=series),
        )
    if kind == "network":
        return NetworkForm(data, initial=initial)
    return TitledForm(data, initial=initial)


MODELS = {
    "persona": Persona,
    "path": ServicePath,
    "map": CausalMap,
    "network": ActorNetwork,
    "flowchart": Flowchart,
}


def _save(kind: str, form, *, series, user, instance=None):
    data = dict(form.cleaned_data)
    if kind == "case":
        confirmed = data.pop("confirmed")
        return services.case_save(
            case=instance, series=series, user=user, confirmed=confirmed, **data
        )
    if kind == "path":
        subject = data.pop("subject")
        data["case"] = subject if isinstance(subject, Case) else None
        data["persona"] = subject if isinstance(subject, Persona) else None
    return services.artefact_save(
        instance=instance, model=MODELS[kind], series=series, user=user, **data
    )


def _audit(request: HttpRequest, action: str, kind: str, instance) -> None:
    """The audit log's entry: the kind and public id of the artefact, never its text."""
    audit.record(
        actor=request.user,
        action=action,
        series=instance.series,
        kind=kind,
        object_id=instance.public_id,
    )


@require_GET
@login_required
def index(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series(request.user, code)
    return render(
        request,
        "cases/index.html",
        {"series": series, "role": role, **selectors.series_overview(series)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def create(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    series, role = permissions.get_series(request.user, code)
    form = _form(kind, series, request.POST or None)
    if kind == "path" and len(form.fields["subject"].choices) == 1:
        messages.info(request, _("Write a client case or a persona first: a path belongs to one."))
    if request.method == "POST" and form.is_valid():
        try:
            instance = _save(kind, form, series=series, user=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            _audit(request, audit.Action.CASE_CREATED, kind, instance)
            messages.success(request, _("Saved."))
            return redirect(detail_url(kind, instance))
    status = 422 if form.errors else 200
    return render(
        request,
        "cases/artefact_form.html",
        {
            "series": series,
            "role": role,
            "kind": kind,
            "form": form,
            "heading": NEW_TITLES[kind],
            "cancel_url": None,
        },
        status=status,
    )


@require_GET
@login_required
def detail(request: HttpRequest, code: str, kind: str, public_id) -> HttpResponse:
    instance, role = permissions.get_artefact_for_user(request.user, code, kind, public_id)
    from .items import page_context

    _audit(request, audit.Action.CASE_VIEWED, kind, instance)
    return render(request, f"cases/{kind}_detail.html", page_context(kind, instance, role))


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: HttpRequest, code: str, kind: str, public_id) -> HttpResponse:
    instance, role = permissions.get_artefact_for_user(request.user, code, kind, public_id)
    series = instance.series
    form = _form(kind, series, request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            _save(kind, form, series=series, user=request.user, instance=instance)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            _audit(request, audit.Action.CASE_CHANGED, kind, instance)
            messages.success(request, _("Saved."))
            return redirect(detail_url(kind, instance))
    status = 422 if form.errors else 200
    return render(
        request,
        "cases/artefact_form.html",
        {
            "series": series,
            "role": role,
            "kind": kind,
            "form": form,
            "object": instance,
            "heading": _("Edit: %(title)s") % {"title": str(instance)},
            "cancel_url": detail_url(kind, instance),
        },
        status=status,
    )


@require_POST
@login_required
def delete(request: HttpRequest, code: str, kind: str, public_id) -> HttpResponse:
    instance, _role = permissions.get_artefact_for_user(request.user, code, kind, public_id)
    if kind not in KIND_NAMES:
        raise Http404
    title = str(instance)
    _audit(request, audit.Action.CASE_DELETED, kind, instance)
    services.artefact_delete(instance=instance)
    messages.success(request, _("“%(title)s” was removed.") % {"title": title})
    return redirect("cases:index", code=code)
