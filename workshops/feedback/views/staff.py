"""The staff's side: the series' feedback overview, a workshop's results, editing a form,
publishing and closing it. Coordinators of the organisation and facilitators of the series;
anyone else gets 404."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from workshops import audit
from workshops.live.services import event_record
from workshops.models import LiveEvent, Step, Workshop

from .. import exports, permissions, selectors, services, stats
from ..forms import IndicatorForm, ItemForm
from ..services import FeedbackError


@require_GET
@login_required
def series_overview(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series(request.user, code)
    forms = selectors.series_forms(series)
    counts = selectors.response_counts(forms)
    workshops = list(series.workshops.order_by("position", "id"))
    with_step = set(
        Step.objects.filter(workshop__series=series, kind="feedback").values_list(
            "workshop_id", flat=True
        )
    )
    rows = [
        {
            "workshop": w,
            "has_feedback_step": w.pk in with_step,
            "responses": sum(counts.get(f.pk, 0) for f in forms if f.step.workshop_id == w.pk),
        }
        for w in workshops
    ]
    return render(
        request,
        "feedback/series.html",
        {
            "series": series,
            "role": role,
            "rows": rows,
            "results": stats.series_results(forms),
            "indicators": selectors.indicator_summaries(series),
            "can_edit_indicators": permissions.can_edit_indicators(role),
            "indicator_form": IndicatorForm(),
            "exporters": exports.exporters(),
        },
    )


@require_GET
@login_required
def workshop_results(request: HttpRequest, code: str, workshop: str) -> HttpResponse:
    workshop_obj, _role = permissions.get_workshop(request.user, code, workshop)
    forms = []
    for step in selectors.feedback_steps(workshop_obj):
        form = services.form_ensure(step=step)
        form.step = step
        forms.append(form)
    return render(
        request,
        "feedback/workshop_results.html",
        {
            "series": workshop_obj.series,
            "workshop": workshop_obj,
            "results": stats.form_results(forms),
            "min_group": stats.MIN_GROUP,
            # Where participants answer afterwards (the personal return link will lead there).
            "afterwards_url": request.build_absolute_uri(
                reverse("feedback:afterwards", args=[workshop_obj.code])
            ),
        },
    )


@require_POST
@login_required
def form_state(
    request: HttpRequest, code: str, workshop: str, step: uuid.UUID, action: str
) -> HttpResponse:
    """Publish the results to participants (or withdraw them); close or reopen the form."""
    form, _role = permissions.get_form(request.user, code, workshop, step)
    if action in ("publish", "unpublish"):
        services.form_set_published(form=form, published=action == "publish")
        message = (
            _("The results are now visible to the participants.")
            if action == "publish"
            else _("The results are hidden from the participants again.")
        )
    elif action in ("close", "open"):
        services.form_set_closed(form=form, closed=action == "close")
        message = (
            _("The form is closed.") if action == "close" else _("The form takes answers again.")
        )
    else:
        raise Http404
    workshop_obj = form.step.workshop
    if workshop_obj.state == Workshop.State.LIVE:
        # Phones show the results link or the closed form on their next poll.
        event_record(workshop=workshop_obj, kind=LiveEvent.Kind.STEP)
    messages.success(request, message)
    return redirect("feedback:workshop-results", code=code, workshop=workshop)


@require_GET
@login_required
def form_edit(request: HttpRequest, code: str, workshop: str, step: uuid.UUID) -> HttpResponse:
    form, _role = permissions.get_form(request.user, code, workshop, step)
    return _edit_page(request, form)


def _edit_page(request, form, *, add_form=None, item_forms=None, status=200) -> HttpResponse:
    items = list(form.items.all())
    item_forms = item_forms or {}
    rows = [
        (
            item,
            item_forms.get(item.pk)
            or ItemForm(
                initial={
                    "kind": item.kind,
                    "text": item.text,
                    "low_label": item.low_label,
                    "high_label": item.high_label,
                    "required": item.required,
                },
                auto_id=f"item-{item.public_id}-%s",
            ),
        )
        for item in items
    ]
    workshop = form.step.workshop
    return render(
        request,
        "feedback/form_edit.html",
        {
            "series": workshop.series,
            "workshop": workshop,
            "form": form,
            "rows": rows,
            "editable": services.form_is_editable(form),
            "add_form": add_form or ItemForm(auto_id="new-%s"),
        },
        status=status,
    )


@require_POST
@login_required
def item_add(request: HttpRequest, code: str, workshop: str, step: uuid.UUID) -> HttpResponse:
    form, _role = permissions.get_form(request.user, code, workshop, step)
    add_form = ItemForm(request.POST, auto_id="new-%s")
    if add_form.is_valid():
        try:
            services.item_add(form=form, **add_form.cleaned_data)
        except FeedbackError as exc:
            add_form.add_error(None, exc)
        else:
            messages.success(request, _("Item added."))
            return redirect("feedback:form-edit", code=code, workshop=workshop, step=step)
    return _edit_page(request, form, add_form=add_form, status=422)


@require_http_methods(["POST"])
@login_required
def item_change(
    request: HttpRequest, code: str, workshop: str, step: uuid.UUID, item: uuid.UUID, action: str
) -> HttpResponse:
    item_obj, _role = permissions.get_item(request.user, code, workshop, step, item)
    form = item_obj.form
    if action == "delete":
        try:
            services.item_delete(item=item_obj)
        except FeedbackError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            workshop_obj = form.step.workshop
            audit.record(
                actor=request.user,
                action=audit.Action.DELETED,
                series=workshop_obj.series,
                kind=audit.Kind.FEEDBACK_ITEM,
                object_id=item,
                workshop=workshop_obj,
            )
            messages.success(request, _("Item removed."))
        return redirect("feedback:form-edit", code=code, workshop=workshop, step=step)
    item_form = ItemForm(request.POST, auto_id=f"item-{item_obj.public_id}-%s")
    if item_form.is_valid():
        try:
            services.item_update(item=item_obj, **item_form.cleaned_data)
        except FeedbackError as exc:
            item_form.add_error(None, exc)
        else:
            messages.success(request, _("Item saved."))
            return redirect("feedback:form-edit", code=code, workshop=workshop, step=step)
    return _edit_page(request, form, item_forms={item_obj.pk: item_form}, status=422)
