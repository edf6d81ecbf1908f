"""Series planning: create a series from a method, its timeline, workshop details."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from .. import audit, permissions, plugins, retention, selectors, services
from ..forms import (
    SeriesCreateForm,
    SeriesForm,
    TaskEditForm,
    TaskForm,
    WorkshopForm,
    series_close_form,
)
from ..models import Method
from ..reports import exports


@require_http_methods(["GET", "POST"])
@login_required
def series_create(request: HttpRequest) -> HttpResponse:
    organisations = permissions.organisations_for_new_series(request.user)
    if not organisations.exists():
        raise Http404
    candidates = permissions.facilitator_candidates_for_user(request.user)
    initial = {"facilitators": [request.user.pk]}
    method_slug = request.GET.get("method")
    if method_slug:
        initial["method"] = Method.objects.filter(slug=method_slug).first()
    form = SeriesCreateForm(
        request.POST or None,
        initial=initial,
        organisations=organisations,
        facilitator_queryset=candidates,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        series = services.series_create(
            organisation=data["organisation"],
            method=data["method"],
            title=data["title"],
            goal=data["goal"],
            target_group=data["target_group"],
            language=data["language"],
            facilitators=data["facilitators"],
            created_by=request.user,
            first_date=data["first_date"],
            start_time=data["start_time"],
            place=data["place"],
        )
        messages.success(request, _("The series was created. Check the dates and agendas."))
        return redirect("workshops:series-detail", code=series.code)
    methods = list(Method.objects.order_by("position"))
    return render(request, "workshops/series_create.html", {"form": form, "methods": methods})


def _series_context(series, role: str, **extra) -> dict:
    return {
        "series": series,
        "role": role,
        "workshops": selectors.series_timeline(series),
        "facilitators": list(series.facilitators.order_by("first_name", "last_name", "username")),
        "unassigned_tasks": list(
            series.tasks.filter(after_workshop__isnull=True).select_related(
                "owner", "challenge", "practice"
            )
        ),
        "overdue_tasks": list(series.tasks.overdue().select_related("owner")),
        "task_form": extra.pop("task_form", None) or TaskForm(series=series),
        "series_links": plugins.series_links(series),
        # Only an export that is running: whether a finished PDF is still current is asked on
        # the report page, which builds the report for it.
        "report_export": exports.active_export(series),
        "export_poll_ms": exports.POLL_MS,
        "retention_days": retention.retention_days(),
        "purge_due_at": retention.purge_due_at(series),
        "can_close": permissions.can_close_series(role),
        "close_form": extra.pop("close_form", None)
        or series_close_form(days=retention.retention_days()),
        "can_export_data": permissions.can_export_series_data(role),
        **extra,
    }


@require_GET
@login_required
def series_detail(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series_for_user(request.user, code)
    return render(request, "workshops/series_detail.html", _series_context(series, role))


@require_http_methods(["GET", "POST"])
@login_required
def series_edit(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series_for_user(request.user, code)
    candidates = permissions.facilitator_candidates(series.organisation)
    initial = {
        "title": series.title,
        "goal": series.goal,
        "target_group": series.target_group,
        "language": series.language,
        "facilitators": list(series.facilitators.values_list("pk", flat=True)),
    }
    form = SeriesForm(request.POST or None, initial=initial, facilitator_queryset=candidates)
    if request.method == "POST" and form.is_valid():
        services.series_update(series=series, **form.cleaned_data)
        messages.success(request, _("The series was saved."))
        return redirect("workshops:series-detail", code=series.code)
    return render(
        request, "workshops/series_edit.html", {"series": series, "role": role, "form": form}
    )


@require_POST
@login_required
def workshop_add(request: HttpRequest, code: str) -> HttpResponse:
    series, _role = permissions.get_series_for_user(request.user, code)
    workshop = services.workshop_add(series=series)
    messages.success(request, _("A workshop was added. Give it a date and an agenda."))
    return redirect("workshops:workshop-edit", code=series.code, workshop=workshop.code)


@require_http_methods(["GET", "POST"])
@login_required
def workshop_edit(request: HttpRequest, code: str, workshop: str) -> HttpResponse:
    workshop_obj, role = permissions.get_workshop_for_user(request.user, code, workshop)
    initial = {
        "title": workshop_obj.title,
        "purpose": workshop_obj.purpose,
        "date": workshop_obj.date,
        "start_time": workshop_obj.start_time,
        "duration_minutes": workshop_obj.duration_minutes,
        "place": workshop_obj.place,
    }
    form = WorkshopForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.workshop_update(workshop=workshop_obj, **form.cleaned_data)
        messages.success(request, _("The workshop was saved."))
        return redirect("workshops:workshop-detail", code=code, workshop=workshop_obj.code)
    return render(
        request,
        "workshops/workshop_edit.html",
        {"workshop": workshop_obj, "series": workshop_obj.series, "role": role, "form": form},
    )


# --- Between-workshop tasks -------------------------------------------------------------------


@require_POST
@login_required
def task_add(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series_for_user(request.user, code)
    form = TaskForm(request.POST, series=series)
    if form.is_valid():
        services.task_add(series=series, **form.cleaned_data)
        messages.success(request, _("The task was added."))
        return redirect("workshops:series-detail", code=series.code)
    return render(
        request,
        "workshops/series_detail.html",
        _series_context(series, role, task_form=form),
        status=422,
    )


@require_http_methods(["GET", "POST"])
@login_required
def task_edit(request: HttpRequest, code: str, task: str) -> HttpResponse:
    task_obj, role = permissions.get_task_for_user(request.user, code, task)
    series = task_obj.series
    initial = {
        "text": task_obj.text,
        "status": task_obj.status,
        "owner": task_obj.owner_id,
        "owner_role": task_obj.owner_role,
        "due_date": task_obj.due_date,
        "after_workshop": task_obj.after_workshop_id,
        "challenge": task_obj.challenge_id,
        "practice": task_obj.practice_id,
    }
    form = TaskEditForm(request.POST or None, initial=initial, series=series, instance=task_obj)
    if request.method == "POST" and form.is_valid():
        services.task_update(task=task_obj, **form.cleaned_data)
        messages.success(request, _("The action was saved."))
        return redirect(reverse("workshops:series-detail", args=[code]) + "#tasks-heading")
    return render(
        request,
        "workshops/task_edit.html",
        {"series": series, "task": task_obj, "role": role, "form": form},
        status=422 if form.errors else 200,
    )


@require_POST
@login_required
def task_toggle(request: HttpRequest, code: str, task: str) -> HttpResponse:
    task_obj, _role = permissions.get_task_for_user(request.user, code, task)
    services.task_set_done(task=task_obj, done=task_obj.done_at is None)
    if request.htmx:
        response = render(
            request, "workshops/_task.html", {"task": task_obj, "series": task_obj.series}
        )
        done = task_obj.done_at is not None
        trigger_client_event(
            response,
            "nopsa:announce",
            {"message": _("Task marked done.") if done else _("Task marked not done.")},
        )
        trigger_client_event(
            response, "nopsa:focus", {"id": f"task-{task_obj.public_id}-toggle"}, after="settle"
        )
        return response
    return redirect("workshops:series-detail", code=code)


@require_POST
@login_required
def task_delete(request: HttpRequest, code: str, task: str) -> HttpResponse:
    task_obj, _role = permissions.get_task_for_user(request.user, code, task)
    services.task_delete(task=task_obj)
    audit.record(
        actor=request.user,
        action=audit.Action.DELETED,
        series=task_obj.series,
        kind=audit.Kind.TASK,
        object_id=task,
    )
    messages.success(request, _("The task was removed."))
    return redirect("workshops:series-detail", code=code)
