"""The inline editors of paths, causal maps, actor networks and flowcharts (HTMX, with
plain-form fallbacks): add, edit, remove and reorder items, as the agenda editor does."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from workshops import audit

from .. import permissions, selectors, services
from ..forms import ITEM_FORMS
from .artefacts import _audit, apply_errors, detail_url


def page_context(kind: str, instance, role: str, **extra) -> dict:
    """The context of an artefact's page, with an empty add form for each kind of item."""
    add_forms = extra.pop("add_forms", {})
    for item_kind in services.ITEM_KINDS_OF.get(kind, ()):
        add_forms.setdefault(
            item_kind, ITEM_FORMS[item_kind](prefix=f"add-{item_kind}", parent=instance)
        )
    return {
        "series": instance.series,
        "role": role,
        "kind": kind,
        "object": instance,
        "add_forms": add_forms,
        **selectors.PAGES[kind](instance),
        **extra,
    }


def _label(item) -> str:
    text = str(item)
    return text if len(text) <= 60 else text[:59] + "…"


def _render_editor(
    request: HttpRequest, context: dict, *, announce: str = "", focus: str = ""
) -> HttpResponse:
    response = render(request, f"cases/{context['kind']}_detail.html#editor", context)
    if announce:
        trigger_client_event(response, "nopsa:announce", {"message": announce})
    if focus:
        trigger_client_event(response, "nopsa:focus", {"id": focus}, after="settle")
    return response


@require_POST
@login_required
def item_add(request: HttpRequest, code: str, kind: str, public_id, item_kind: str):
    parent, role = permissions.get_artefact_for_user(request.user, code, kind, public_id)
    if item_kind not in services.ITEM_KINDS_OF.get(kind, ()):
        from django.http import Http404

        raise Http404
    form = ITEM_FORMS[item_kind](request.POST, prefix=f"add-{item_kind}", parent=parent)
    if form.is_valid():
        try:
            item = services.item_add(item_kind=item_kind, parent=parent, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            _audit(request, audit.Action.CASE_CHANGED, kind, parent)
            if not request.htmx:
                messages.success(request, _("Added."))
                return redirect(detail_url(kind, parent))
            return _render_editor(
                request,
                page_context(kind, parent, role),
                announce=_("“%(item)s” added.") % {"item": _label(item)},
                focus=f"add-{item_kind}-heading",
            )
    context = page_context(kind, parent, role, add_forms={item_kind: form})
    if not request.htmx:
        return render(request, f"cases/{kind}_detail.html", context, status=422)
    return _render_editor(request, context, focus=f"add-{item_kind}-errors")


@require_http_methods(["GET", "POST"])
@login_required
def item_edit(request: HttpRequest, code: str, kind: str, public_id, item_kind: str, item_id):
    parent, item, role = permissions.get_item_for_user(
        request.user, code, kind, public_id, item_kind, item_id
    )
    form_class = ITEM_FORMS[item_kind]
    initial = {name: getattr(item, name) for name in form_class.base_fields}
    if "actors" in initial:
        initial["actors"] = list(item.actors.all())
    prefix = f"e-{item.public_id}"
    form = form_class(request.POST or None, initial=initial, prefix=prefix, parent=parent)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(item=item, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            _audit(request, audit.Action.CASE_CHANGED, kind, parent)
            if not request.htmx:
                messages.success(request, _("Saved."))
                return redirect(detail_url(kind, parent))
            return _render_editor(
                request,
                page_context(kind, parent, role),
                announce=_("“%(item)s” saved.") % {"item": _label(item)},
                focus=f"{item_kind}-{item.public_id}-edit",
            )
    context = page_context(kind, parent, role, editing=item.public_id, edit_form=form)
    if request.htmx:
        first = next(iter(form.fields))
        focus = f"{item_kind}-{item.public_id}-errors" if form.errors else f"id_{prefix}-{first}"
        return _render_editor(request, context, focus=focus)
    return render(request, f"cases/{kind}_detail.html", context, status=422 if form.errors else 200)


@require_POST
@login_required
def item_delete(request: HttpRequest, code: str, kind: str, public_id, item_kind: str, item_id):
    parent, item, role = permissions.get_item_for_user(
        request.user, code, kind, public_id, item_kind, item_id
    )
    label = _label(item)
    services.item_delete(item_kind=item_kind, item=item)
    _audit(request, audit.Action.CASE_CHANGED, kind, parent)
    if not request.htmx:
        messages.success(request, _("“%(item)s” was removed.") % {"item": label})
        return redirect(detail_url(kind, parent))
    return _render_editor(
        request,
        page_context(kind, parent, role),
        announce=_("“%(item)s” was removed.") % {"item": label},
        focus=f"{item_kind}-list-heading",
    )


@require_POST
@login_required
def item_move(
    request: HttpRequest, code: str, kind: str, public_id, item_kind: str, item_id, direction: str
):
    parent, item, role = permissions.get_item_for_user(
        request.user, code, kind, public_id, item_kind, item_id
    )
    offset = -1 if direction == "up" else 1
    moved = services.item_move(item_kind=item_kind, item=item, offset=offset)
    if moved:
        _audit(request, audit.Action.CASE_CHANGED, kind, parent)
    if not request.htmx:
        return redirect(detail_url(kind, parent))
    model, parent_field = services.ITEM_MODELS[item_kind]
    order = list(
        model.objects.filter(**{parent_field: parent})
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    position = order.index(item.pk) + 1
    count = len(order)
    if not moved:
        message = (
            _("“%(item)s” is already first.") if offset < 0 else _("“%(item)s” is already last.")
        ) % {"item": _label(item)}
    else:
        message = _("“%(item)s” moved to place %(position)s of %(count)s.") % {
            "item": _label(item),
            "position": position,
            "count": count,
        }
    focus_direction = direction
    if position == 1 and direction == "up":
        focus_direction = "down"
    elif position == count and direction == "down":
        focus_direction = "up"
    return _render_editor(
        request,
        page_context(kind, parent, role),
        announce=message,
        focus=f"{item_kind}-{item.public_id}-{focus_direction}",
    )
