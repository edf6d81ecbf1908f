"""The workshop page and its agenda editor (HTMX, with plain-form fallbacks)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from .. import audit, permissions, selectors, services
from ..forms import StepForm
from ..models import Step, Workshop
from ..people import calendar
from ..people.forms import PreworkQuestionForm


def _agenda_context(workshop: Workshop, role: str, **extra) -> dict:
    return {
        "workshop": workshop,
        "series": workshop.series,
        "role": role,
        "agenda": selectors.workshop_agenda(workshop),
        "can_edit": permissions.can_edit_agenda(role, workshop),
        "add_form": extra.pop("add_form", None) or StepForm(prefix="add"),
        **extra,
    }


def render_workshop_page(
    request: HttpRequest, workshop: Workshop, role: str, *, status: int = 200, **extra
) -> HttpResponse:
    """The whole workshop page: agenda and pre-work (forms in `extra` keep their errors)."""
    prework_form = extra.pop("prework_form", None) or PreworkQuestionForm(prefix="prework")
    context = _agenda_context(workshop, role, **extra)
    context.update(selectors.workshop_prework(workshop))
    context["prework_form"] = prework_form
    context["feed_key"] = calendar.feed_key(workshop.series)
    return render(request, "workshops/workshop_detail.html", context, status=status)


def _render_agenda(
    request: HttpRequest, context: dict, *, announce: str = "", focus: str = ""
) -> HttpResponse:
    """After an HTMX change: the agenda fragment, plus a polite announcement and where to focus."""
    response = render(request, "workshops/workshop_detail.html#agenda", context)
    agenda = context["agenda"]
    if announce and agenda.overrun_minutes:
        announce = _("%(message)s The agenda is %(minutes)s minutes longer than planned.") % {
            "message": announce,
            "minutes": agenda.overrun_minutes,
        }
    if announce:
        trigger_client_event(response, "nopsa:announce", {"message": announce})
    if focus:
        trigger_client_event(response, "nopsa:focus", {"id": focus}, after="settle")
    return response


def _editable_workshop(request, code, workshop) -> tuple[Workshop, str]:
    workshop_obj, role = permissions.get_workshop_for_user(request.user, code, workshop)
    if not permissions.can_edit_agenda(role, workshop_obj):
        raise PermissionDenied(_("The agenda of a workshop that has been held cannot be changed."))
    return workshop_obj, role


def _editable_step(request, code, workshop, step) -> tuple[Step, str]:
    step_obj, role = permissions.get_step_for_user(request.user, code, workshop, step)
    if not permissions.can_edit_agenda(role, step_obj.workshop):
        raise PermissionDenied(_("The agenda of a workshop that has been held cannot be changed."))
    return step_obj, role


@require_GET
@login_required
def workshop_detail(request: HttpRequest, code: str, workshop: str) -> HttpResponse:
    workshop_obj, role = permissions.get_workshop_for_user(request.user, code, workshop)
    return render_workshop_page(request, workshop_obj, role)


@require_POST
@login_required
def step_add(request: HttpRequest, code: str, workshop: str) -> HttpResponse:
    workshop_obj, role = _editable_workshop(request, code, workshop)
    form = StepForm(request.POST, prefix="add")
    if form.is_valid():
        step = services.step_add(workshop=workshop_obj, **form.cleaned_data)
        if not request.htmx:
            messages.success(request, _("The step was added."))
            return redirect("workshops:workshop-detail", code=code, workshop=workshop)
        return _render_agenda(
            request,
            _agenda_context(workshop_obj, role),
            announce=_("Step “%(title)s” added.") % {"title": step.title},
            focus=f"step-{step.public_id}-edit",
        )
    if not request.htmx:
        return render_workshop_page(request, workshop_obj, role, add_form=form, status=422)
    context = _agenda_context(workshop_obj, role, add_form=form)
    response = _render_agenda(request, context, focus="add-errors")
    response.status_code = 200  # htmx swaps 2xx only; the fragment carries the errors
    return response


@require_http_methods(["GET", "POST"])
@login_required
def step_edit(request: HttpRequest, code: str, workshop: str, step: str) -> HttpResponse:
    step_obj, role = _editable_step(request, code, workshop, step)
    workshop_obj = step_obj.workshop
    initial = {
        "kind": step_obj.kind,
        "title": step_obj.title,
        "duration_minutes": step_obj.duration_minutes,
        "instructions": step_obj.instructions,
    }
    form = StepForm(request.POST or None, initial=initial, prefix=f"s-{step_obj.public_id}")
    if request.method == "POST" and form.is_valid():
        services.step_update(step=step_obj, **form.cleaned_data)
        if not request.htmx:
            messages.success(request, _("The step was saved."))
            return redirect("workshops:workshop-detail", code=code, workshop=workshop)
        return _render_agenda(
            request,
            _agenda_context(workshop_obj, role),
            announce=_("Step “%(title)s” saved.") % {"title": step_obj.title},
            focus=f"step-{step_obj.public_id}-edit",
        )
    if request.htmx:
        context = _agenda_context(workshop_obj, role, editing=step_obj.public_id, edit_form=form)
        focus = f"step-{step_obj.public_id}-errors" if form.errors else f"id_{form.prefix}-title"
        return _render_agenda(request, context, focus=focus)
    return render_workshop_page(
        request,
        workshop_obj,
        role,
        editing=step_obj.public_id,
        edit_form=form,
        status=422 if form.errors else 200,
    )


@require_POST
@login_required
def step_delete(request: HttpRequest, code: str, workshop: str, step: str) -> HttpResponse:
    step_obj, role = _editable_step(request, code, workshop, step)
    workshop_obj = step_obj.workshop
    title = step_obj.title
    services.step_delete(step=step_obj)
    audit.record(
        actor=request.user,
        action=audit.Action.DELETED,
        series=workshop_obj.series,
        kind=audit.Kind.STEP,
        object_id=step,
        workshop=workshop_obj,
    )
    if not request.htmx:
        messages.success(request, _("The step was removed."))
        return redirect("workshops:workshop-detail", code=code, workshop=workshop)
    return _render_agenda(
        request,
        _agenda_context(workshop_obj, role),
        announce=_("Step “%(title)s” removed.") % {"title": title},
        focus="agenda-heading",
    )


@require_POST
@login_required
def step_move(
    request: HttpRequest, code: str, workshop: str, step: str, direction: str
) -> HttpResponse:
    step_obj, role = _editable_step(request, code, workshop, step)
    offset = -1 if direction == "up" else 1
    moved = services.step_move(step=step_obj, offset=offset)
    if not request.htmx:
        return redirect("workshops:workshop-detail", code=code, workshop=workshop)
    context = _agenda_context(step_obj.workshop, role)
    position = next(
        i for i, row in enumerate(context["agenda"].rows, start=1) if row.step.pk == step_obj.pk
    )
    count = len(context["agenda"].rows)
    if not moved:
        message = (
            _("“%(title)s” is already first.") if offset < 0 else _("“%(title)s” is already last.")
        )
        message = message % {"title": step_obj.title}
    else:
        message = _("“%(title)s” moved to place %(position)s of %(count)s.") % {
            "title": step_obj.title,
            "position": position,
            "count": count,
        }
    # Keep focus on the same button; at either end, on the other one (the first has no "up").
    focus_direction = direction
    if position == 1 and direction == "up":
        focus_direction = "down"
    elif position == count and direction == "down":
        focus_direction = "up"
    return _render_agenda(
        request, context, announce=message, focus=f"step-{step_obj.public_id}-{focus_direction}"
    )
