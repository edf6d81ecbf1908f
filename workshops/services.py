"""Writes of the workshops app. Views call these; they validate and write in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    Method,
    MethodStep,
    MethodTask,
    MethodWorkshop,
    Organisation,
    Series,
    SeriesTask,
    Step,
    Workshop,
)
from .translation import LANGUAGE_CODES, pick

# --- Method catalogue -------------------------------------------------------------------------


def methods_sync_builtin(*, using: str = "default") -> None:
    """Make the built-in methods in the database equal to `workshops/methods_data.py`.

    Runs after every `migrate` (post_migrate). Series already started from a method keep their
    own copies of the agendas, so replacing a method's workshops never touches a series.
    """
    from .methods_data import METHODS

    def texts(prefix: str, value: dict) -> dict:
        return {f"{prefix}_{lang}": value.get(lang, "") for lang in LANGUAGE_CODES}

    with transaction.atomic(using=using):
        for data in METHODS:
            method, _ = Method.objects.using(using).update_or_create(
                slug=data["slug"],
                defaults={
                    "position": data["position"],
                    "is_builtin": True,
                    **texts("name", data["name"]),
                    **texts("summary", data["summary"]),
                    **texts("purpose", data["purpose"]),
                    **texts("outputs", data["outputs"]),
                    **texts("origin", data["origin"]),
                },
            )
            MethodWorkshop.objects.using(using).filter(method=method).delete()
            for w_pos, w_data in enumerate(data["workshops"], start=1):
                workshop = MethodWorkshop.objects.using(using).create(
                    method=method,
                    position=w_pos,
                    duration_minutes=w_data["duration_minutes"],
                    **texts("name", w_data["name"]),
                    **texts("purpose", w_data["purpose"]),
                )
                MethodStep.objects.using(using).bulk_create(
                    MethodStep(
                        workshop=workshop,
                        position=s_pos,
                        kind=s_data["kind"],
                        duration_minutes=s_data["duration_minutes"],
                        settings=s_data.get("settings", {}),
                        **texts("title", s_data["title"]),
                        **texts("instructions", s_data["instructions"]),
                    )
                    for s_pos, s_data in enumerate(w_data["steps"], start=1)
                )
                MethodTask.objects.using(using).bulk_create(
                    MethodTask(workshop=workshop, position=t_pos, **texts("text", t_data))
                    for t_pos, t_data in enumerate(w_data.get("tasks_after", []), start=1)
                )


# --- Series -----------------------------------------------------------------------------------

DEFAULT_INTERVAL_DAYS = 14


@transaction.atomic
def series_create(
    *,
    organisation: Organisation,
    method: Method | None,
    title: str,
    goal: str = "",
    target_group: str = "",
    language: str = Series.Language.FI,
    facilitators: Iterable[AbstractBaseUser],
    created_by: AbstractBaseUser | None,
    first_date: dt.date | None = None,
    start_time: dt.time | None = None,
    place: str = "",
    interval_days: int = DEFAULT_INTERVAL_DAYS,
) -> Series:
    """Start a series from a method: copy its workshops, agendas and tasks in `language`.

    With `first_date`, the workshops are proposed `interval_days` apart (editable afterwards).
    """
    series = Series(
        organisation=organisation,
        method=method,
        title=title,
        goal=goal,
        target_group=target_group,
        language=language,
        created_by=created_by,
    )
    series.full_clean()
    series.save()
    series.facilitators.set(facilitators)
    if method is None:
        return series

    method_workshops = list(
        method.workshops.prefetch_related("steps", "tasks").order_by("position")
    )
    for index, m_workshop in enumerate(method_workshops):
        date = first_date + dt.timedelta(days=interval_days * index) if first_date else None
        workshop = Workshop.objects.create(
            series=series,
            position=index + 1,
            title=getattr(m_workshop, f"name_{language}") or m_workshop.name_fi,
            purpose=getattr(m_workshop, f"purpose_{language}") or m_workshop.purpose_fi,
            duration_minutes=m_workshop.duration_minutes,
            date=date,
            start_time=start_time if date else None,
            place=place,
        )
        Step.objects.bulk_create(
            Step(
                workshop=workshop,
                position=m_step.position,
                kind=m_step.kind,
                title=getattr(m_step, f"title_{language}") or m_step.title_fi,
                instructions=getattr(m_step, f"instructions_{language}") or m_step.instructions_fi,
                duration_minutes=m_step.duration_minutes,
                settings=pick(m_step.settings, language),
            )
            for m_step in m_workshop.steps.all()
        )
        SeriesTask.objects.bulk_create(
            SeriesTask(
                series=series,
                after_workshop=workshop,
                position=index * 100 + m_task.position,
                text=getattr(m_task, f"text_{language}") or m_task.text_fi,
            )
            for m_task in m_workshop.tasks.all()
        )
    return series


@transaction.atomic
def series_update(
    *,
    series: Series,
    title: str,
    goal: str,
    target_group: str,
    language: str,
    facilitators: Iterable[AbstractBaseUser],
) -> Series:
    series.title = title
    series.goal = goal
    series.target_group = target_group
    series.language = language
    series.full_clean()
    series.save(update_fields=["title", "goal", "target_group", "language", "updated_at"])
    series.facilitators.set(facilitators)
    return series


# --- Workshops --------------------------------------------------------------------------------


@transaction.atomic
def workshop_add(*, series: Series, title: str = "", duration_minutes: int = 120) -> Workshop:
    """Append a workshop; without a title it is named by its place ("Workshop 4")."""
    # Lock the series so that two concurrent adds do not take the same place.
    Series.objects.select_for_update().filter(pk=series.pk).first()
    last = series.workshops.order_by("-position").values_list("position", flat=True).first()
    position = (last or 0) + 1
    workshop = Workshop(
        series=series,
        position=position,
        title=title or _("Workshop %(number)s") % {"number": position},
        duration_minutes=duration_minutes,
    )
    workshop.full_clean()
    workshop.save()
    return workshop


@transaction.atomic
def workshop_update(
    *,
    workshop: Workshop,
    title: str,
    purpose: str,
    date: dt.date | None,
    start_time: dt.time | None,
    duration_minutes: int,
    place: str,
) -> Workshop:
    workshop.title = title
    workshop.purpose = purpose
    workshop.date = date
    workshop.start_time = start_time
    workshop.duration_minutes = duration_minutes
    workshop.place = place
    workshop.full_clean()
    workshop.save(
        update_fields=["title", "purpose", "date", "start_time", "duration_minutes", "place"]
    )
    return workshop


# --- Agenda steps -----------------------------------------------------------------------------


@transaction.atomic
def step_add(
    *, workshop: Workshop, kind: str, title: str, instructions: str, duration_minutes: int
) -> Step:
    # Lock the workshop row so that two concurrent adds do not take the same position.
    Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
    last = workshop.steps.order_by("-position").values_list("position", flat=True).first()
    step = Step(
        workshop=workshop,
        position=(last or 0) + 1,
        kind=kind,
        title=title,
        instructions=instructions,
        duration_minutes=duration_minutes,
    )
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def step_update(
    *, step: Step, kind: str, title: str, instructions: str, duration_minutes: int
) -> Step:
    step.kind = kind
    step.title = title
    step.instructions = instructions
    step.duration_minutes = duration_minutes
    step.full_clean()
    step.save(update_fields=["kind", "title", "instructions", "duration_minutes"])
    return step


@transaction.atomic
def step_delete(*, step: Step) -> None:
    Workshop.objects.select_for_update().filter(pk=step.workshop_id).first()
    position = step.position
    workshop_id = step.workshop_id
    step.delete()
    Step.objects.filter(workshop_id=workshop_id, position__gt=position).update(
        position=F("position") - 1
    )


@transaction.atomic
def step_move(*, step: Step, offset: int) -> bool:
    """Move a step `offset` places (-1 up, +1 down). Returns False at either end."""
    Workshop.objects.select_for_update().filter(pk=step.workshop_id).first()
    steps = list(Step.objects.filter(workshop_id=step.workshop_id).order_by("position", "id"))
    index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
    target = index + offset
    if target < 0 or target >= len(steps):
        return False
    steps.insert(target, steps.pop(index))
    for position, item in enumerate(steps, start=1):
        item.position = position
    Step.objects.bulk_update(steps, ["position"])
    return True


# --- Between-workshop tasks -------------------------------------------------------------------


@transaction.atomic
def task_add(
    *,
    series: Series,
    text: str,
    after_workshop: Workshop | None = None,
    owner=None,
    owner_role: str = "",
    due_date=None,
    challenge=None,
    practice=None,
) -> SeriesTask:
    last = series.tasks.order_by("-position").values_list("position", flat=True).first()
    task = SeriesTask(
        series=series,
        text=text,
        after_workshop=after_workshop,
        owner=owner,
        owner_role=owner_role,
        due_date=due_date,
        challenge=challenge,
        practice=practice,
        position=(last or 0) + 1,
    )
    task.full_clean()
    task.save()
    return task


def _set_status(task: SeriesTask, status: str) -> None:
    task.status = status
    if status == SeriesTask.Status.DONE:
        task.done_at = task.done_at or timezone.now()
    else:
        task.done_at = None


@transaction.atomic
def task_update(*, task: SeriesTask, status: str, **fields) -> SeriesTask:
    for name, value in fields.items():
        setattr(task, name, value)
    _set_status(task, status)
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def task_set_done(*, task: SeriesTask, done: bool) -> SeriesTask:
    _set_status(task, SeriesTask.Status.DONE if done else SeriesTask.Status.OPEN)
    task.save(update_fields=["status", "done_at"])
    return task


@transaction.atomic
def task_delete(*, task: SeriesTask) -> None:
    task.delete()
