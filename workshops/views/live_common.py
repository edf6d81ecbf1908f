"""What the three live views share: answering a poll that found changes."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_htmx.http import trigger_client_event

from ..live import poll
from ..live.kinds import live_unit
from ..live.render import Viewer, notes_html
from ..live.state import live_state, note_is_visible, note_visible, poll_interval_ms
from ..models import LiveEvent, Note, Workshop


def only_notes_changed(changes: poll.Changes, stage_version: int) -> bool:
    """No new step or state, no timer change, nothing else to redraw and no overflow: notes
    can be upserted."""
    return not (
        changes.truncated
        or changes.redraws
        or any(i > stage_version for i in changes.structural_ids)
        or changes.has(LiveEvent.Kind.TIMER)
    )


def notes_only_response(
    *, changes: poll.Changes, viewer: Viewer, poll_url: str, stage_version: int
) -> HttpResponse:
    """A participant's changed poll when only notes changed: upserts and removals.

    Built without the template engine: in a busy brainstorm nearly every poll is such a poll.
    """
    context = changes.context
    upserts, removals = [], []
    for note_id in changes.note_ids():
        note = changes.notes.get(note_id)
        if note is not None and note_visible(
            note, viewer, context.current_step_id, context.step_private
        ):
            upserts.append(note)
        else:
            removals.append(f"note-{note_id}")
    parts = [
        format_html(
            '<div id="live-poller" class="live-poller" hx-get="{}?since={}&amp;sv={}" '
            'hx-trigger="every {}ms, nopsa:poll-now from:body" hx-swap="outerHTML">',
            poll_url,
            changes.marker,
            stage_version,
            poll_interval_ms(),
        )
    ]
    if upserts:
        parts.append(
            format_html(
                '<template data-upsert="notes-list">{}</template>', notes_html(upserts, viewer)
            )
        )
    if removals:
        parts.append(format_html('<template data-remove="{}"></template>', " ".join(removals)))
    parts.append("</div>")
    return HttpResponse("".join(parts))


def poll_response(
    request: HttpRequest,
    *,
    template: str,
    workshop: Workshop,
    viewer: Viewer,
    changes: poll.Changes,
    stage_version: int,
    extra: dict | None = None,
    note_form_factory=None,
) -> HttpResponse:
    """The new poller (with note upserts) plus out-of-band swaps for what else changed.

    A change of step or state redraws the stage; otherwise notes are upserted one by one, so
    a busy brainstorm costs a few notes per poll, not the whole board.
    """
    new_structural = [i for i in changes.structural_ids if i > stage_version]
    # The room screen shows only a count while a step is private: new notes change the count.
    private_count = (
        viewer.role == "room"
        and workshop.current_step is not None
        and workshop.current_step.is_private
        and bool(changes.note_ids())
    )
    # The cockpit's timer buttons are on its stage: after a start or pause the button must
    # change (start ↔ pause), or the facilitator could not pause the timer they just started.
    timer_buttons = viewer.role == "cockpit" and changes.has(LiveEvent.Kind.TIMER)
    redraw = (
        bool(new_structural)
        or changes.truncated
        or private_count
        or changes.redraws
        or timer_buttons
    )
    context = {
        "workshop": workshop,
        "interval": poll_interval_ms(),
        "marker": changes.marker,
        "stage_version": max(new_structural) if new_structural else stage_version,
        "page_template": template,
        **(extra or {}),
    }
    if redraw:
        state = live_state(workshop, viewer)
        context["state"] = state
        context["render_stage"] = True
        context["render_timer"] = True
        context["render_people"] = viewer.role != "participant"
        if note_form_factory is not None:
            context["note_form"] = note_form_factory(state)
    else:
        upserts, removals = [], []
        note_ids = changes.note_ids()
        if note_ids:
            notes = {
                n.public_id: n
                for n in Note.objects.filter(
                    public_id__in=note_ids, workshop=workshop
                ).select_related("step")
            }
            for note_id in note_ids:
                note = notes.get(note_id)
                if note is not None and note_is_visible(note, viewer, workshop.current_step_id):
                    upserts.append(note)
                else:
                    removals.append(f"note-{note_id}")
        context["upserts"] = notes_html(upserts, viewer) if upserts else ""
        context["removals"] = " ".join(removals)
        context["render_timer"] = changes.has(LiveEvent.Kind.TIMER)
        # Staff screens list who has answered a warm-up: a new answer changes that list.
        answers_changed = (
            viewer.role == "cockpit"
            and changes.has(LiveEvent.Kind.NOTE)
            and live_unit(workshop.current_step).one_per_participant
        )
        if viewer.role != "participant" and (changes.has(LiveEvent.Kind.PEOPLE) or answers_changed):
            context["state"] = live_state(workshop, viewer)
            context["render_people"] = True
    html = render_to_string("live/_poll.html", context, request=request)
    response = HttpResponse(mark_safe(html))  # noqa: S308 — rendered by the template engine
    if new_structural:
        step = workshop.current_step
        if workshop.state == Workshop.State.HELD:
            message = _("The workshop has ended.")
        elif step is not None:
            message = _("Now: %(title)s") % {"title": step.title}
        else:
            message = ""
        if message:
            # After the swap: a poll that the screen does not draw (a user's own action is on
            # its way, see static/js/live.js) says nothing; the next one that is drawn says it.
            trigger_client_event(
                response, "nopsa:announce", {"message": message, "step": True}, after="settle"
            )
    return response


# --- Answers to a cockpit action of a live step kind ------------------------------------------


def cockpit_done(request: HttpRequest, workshop: Workshop, message: str) -> HttpResponse:
    """The cockpit's own poll redraws it and the message is announced; a plain form goes back
    to the cockpit."""
    if request.htmx:
        response = HttpResponse(status=204)
        trigger_client_event(response, "nopsa:poll-now", {})
        trigger_client_event(response, "nopsa:announce", {"message": message})
        return response
    messages.success(request, message)
    return redirect("workshops:cockpit", code=workshop.series.code, workshop=workshop.code)


def cockpit_problem(
    request: HttpRequest, workshop: Workshop, exc, *, template: str, context: dict, focus: str
) -> HttpResponse:
    """A refused cockpit action: `template` (a partial that shows `message`) swapped in next to
    what was tried, with focus on `focus` (HTMX); or the message on the cockpit. Nothing was
    written."""
    message = " ".join(exc.messages)
    if request.htmx:
        response = render(request, template, {"message": message, **context})
        trigger_client_event(response, "nopsa:focus", {"id": focus}, after="settle")
        return response
    messages.error(request, message)
    return redirect("workshops:cockpit", code=workshop.series.code, workshop=workshop.code)
