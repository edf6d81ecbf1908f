"""Converging live: themes, dot voting and prioritising (issue 4).

The facilitator's actions come from the cockpit; participants suggest themes and cast dots
from their phones. Views parse, check permission (`permissions`), call a service in
`live.converge` and answer; the three screens redraw through their polls.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from .. import audit, permissions
from ..live import converge, poll
from ..live.ballot import ballot_html
from ..live.converge_board import converge_board
from ..live.forms import NoteForm
from ..live.kinds import live_unit
from ..live.render import Viewer
from ..live.services import LiveError
from ..live.state import LiveState, live_state, poll_interval_ms
from ..models import Step, Workshop
from .live_common import cockpit_done, cockpit_problem

PROBLEM_ID = "converge-problem"


def _uuid(raw) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(raw)) if raw else None
    except ValueError:
        return None


# --- The facilitator's cockpit ----------------------------------------------------------------


def _staff_step(request, code: str, workshop: str, step: uuid.UUID, kind: str):
    workshop_obj = permissions.get_live_workshop_for_user(request.user, code, workshop)
    step_obj = workshop_obj.steps.filter(public_id=step, kind=kind).first()
    if step_obj is None:
        raise Http404
    step_obj.workshop = workshop_obj
    return workshop_obj, step_obj


def _fail(request: HttpRequest, workshop: Workshop, exc: LiveError) -> HttpResponse:
    """The message in the step's problem region (HTMX), or on the cockpit. Nothing written."""
    return cockpit_problem(
        request,
        workshop,
        exc,
        template="live/kinds/_converge.html#problem",
        context={"id": PROBLEM_ID},
        focus=PROBLEM_ID,
    )


@require_POST
@login_required
def notes_group(request: HttpRequest, code: str, workshop: str, step: uuid.UUID) -> HttpResponse:
    workshop_obj, step_obj = _staff_step(request, code, workshop, step, "themes")
    note_ids = [_uuid(raw) for raw in request.POST.getlist("notes")]
    theme_id = _uuid(request.POST.get("theme"))
    new_name = "" if theme_id else request.POST.get("new_name", "")
    try:
        if None in note_ids:
            raise LiveError(_("Choose from the list."))
        theme = converge.notes_group(
            workshop=workshop_obj,
            step=step_obj,
            note_ids=note_ids,
            theme_id=theme_id,
            new_name=new_name,
        )
    except LiveError as exc:
        return _fail(request, workshop_obj, exc)
    message = ngettext(
        "%(count)s note put into the theme %(theme)s.",
        "%(count)s notes put into the theme %(theme)s.",
        len(note_ids),
    ) % {"count": len(note_ids), "theme": theme.name}
    response = cockpit_done(request, workshop_obj, message)
    if request.htmx:
        # The ticks and the typed name survive polls (hx-preserve); a done grouping clears
        # what it grouped, and only that: the facilitator may have ticked more meanwhile.
        trigger_client_event(
            response,
            "nopsa:grouped",
            {"notes": [str(note_id) for note_id in note_ids], "name": new_name.strip()},
        )
    return response


@require_POST
@login_required
def theme_change(
    request: HttpRequest, code: str, workshop: str, step: uuid.UUID, theme: uuid.UUID, action: str
) -> HttpResponse:
    workshop_obj, step_obj = _staff_step(request, code, workshop, step, "themes")
    try:
        if action == "rename":
            renamed = converge.theme_rename(
                workshop=workshop_obj,
                step=step_obj,
                theme_id=theme,
                name=request.POST.get("name", ""),
            )
            message = _("Theme renamed: %(theme)s") % {"theme": renamed.name}
        else:
            converge.theme_delete(workshop=workshop_obj, step=step_obj, theme_id=theme)
            audit.record(
                actor=request.user,
                action=audit.Action.DELETED,
                series=workshop_obj.series,
                kind=audit.Kind.THEME,
                object_id=theme,
                workshop=workshop_obj,
            )
            message = _("Theme removed. Its notes are ungrouped again.")
    except LiveError as exc:
        return _fail(request, workshop_obj, exc)
    return cockpit_done(request, workshop_obj, message)


@require_POST
@login_required
def note_ungroup(
    request: HttpRequest, code: str, workshop: str, step: uuid.UUID, note: uuid.UUID
) -> HttpResponse:
    workshop_obj, step_obj = _staff_step(request, code, workshop, step, "themes")
    try:
        converge.note_ungroup(workshop=workshop_obj, step=step_obj, note_id=note)
    except LiveError as exc:
        return _fail(request, workshop_obj, exc)
    return cockpit_done(request, workshop_obj, _("The note was taken out of its theme."))


@require_POST
@login_required
def suggestion_decide(
    request: HttpRequest, code: str, workshop: str, suggestion: uuid.UUID, action: str
) -> HttpResponse:
    workshop_obj = permissions.get_live_workshop_for_user(request.user, code, workshop)
    try:
        if action == "accept":
            theme = converge.theme_suggestion_accept(
                workshop=workshop_obj, suggestion_id=suggestion
            )
            message = _("Accepted into the theme %(theme)s.") % {"theme": theme.name}
        else:
            converge.theme_suggestion_dismiss(workshop=workshop_obj, suggestion_id=suggestion)
            message = _("Suggestion dismissed.")
    except LiveError as exc:
        return _fail(request, workshop_obj, exc)
    return cockpit_done(request, workshop_obj, message)


@require_POST
@login_required
def vote_settings(request: HttpRequest, code: str, workshop: str, step: uuid.UUID) -> HttpResponse:
    workshop_obj, step_obj = _staff_step(request, code, workshop, step, "vote")
    try:
        converge.vote_settings_save(
            workshop=workshop_obj,
            step=step_obj,
            budget=request.POST.get("budget", ""),
            max_per_item=request.POST.get("max_per_item", ""),
            hide_results=request.POST.get("hide_results") == "on",
            target=request.POST.get("target", ""),
        )
    except LiveError as exc:
        return _fail(request, workshop_obj, exc)
    return cockpit_done(request, workshop_obj, _("The vote's settings were saved."))


@require_POST
@login_required
def prioritise(request: HttpRequest, code: str, workshop: str, step: uuid.UUID) -> HttpResponse:
    workshop_obj, step_obj = _staff_step(request, code, workshop, step, "prioritise")
    rows = []
    try:
        for raw in request.POST.getlist("items"):
            item_id = _uuid(raw)
            if item_id is None:
                raise LiveError(_("Choose from the vote's results."))
            rows.append((item_id, request.POST.get(f"text-{item_id}", "")))
        challenges = converge.challenges_confirm(
            workshop=workshop_obj, step=step_obj, user=request.user, rows=rows
        )
    except LiveError as exc:
        return _fail(request, workshop_obj, exc)
    message = ngettext(
        "%(count)s prioritised challenge confirmed.",
        "%(count)s prioritised challenges confirmed.",
        len(challenges),
    ) % {"count": len(challenges)}
    return cockpit_done(request, workshop_obj, message)


# --- The participant's phone ------------------------------------------------------------------


def _participant_state(workshop: Workshop, participant) -> LiveState:
    step = workshop.current_step
    viewer = Viewer(
        role="participant",
        participant_id=participant.pk,
        series_code=workshop.series.code,
        workshop_code=workshop.code,
    )
    return LiveState(workshop=workshop, viewer=viewer, step=step, unit=live_unit(step))


def _phone_answer(request, workshop: Workshop, participant, template: str, context: dict):
    """After a phone's POST: the region again (HTMX); for a plain form the page again, with
    the message and what was typed when it failed."""
    if request.htmx:
        return render(request, template, context)
    if not context.get("error"):
        return redirect("live:participant", workshop=workshop.code)
    viewer = Viewer(
        role="participant",
        participant_id=participant.pk,
        series_code=workshop.series.code,
        workshop_code=workshop.code,
    )
    state = live_state(workshop, viewer)
    page = {
        **context,
        "state": state,
        "participant": participant,
        "note_form": NoteForm(initial={"client_id": uuid.uuid4()}, categories=state.categories),
        "marker": poll.latest_marker(workshop_id=workshop.pk),
        "interval": poll_interval_ms(),
    }
    return render(request, "live/participant.html", page, status=422)


@require_POST
def dot(request: HttpRequest, workshop: str) -> HttpResponse:
    """Cast, take back or move one dot: POST `item` (theme or note id), `action` (add, remove,
    move) and for a move `from` (the item the dot leaves)."""
    workshop_obj, participant = permissions.get_live_participant(request, workshop)
    step = workshop_obj.current_step
    error = ""
    result = None
    try:
        if step is None or step.kind != "vote":
            raise LiveError(_("There is no vote on now."))
        item_id = _uuid(request.POST.get("item"))
        if item_id is None:
            raise LiveError(_("Choose from the list."))
        result = converge.dot_change(
            workshop=workshop_obj,
            step=step,
            participant=participant,
            action=request.POST.get("action", "add"),
            item_id=item_id,
            from_id=_uuid(request.POST.get("from")),
        )
    except LiveError as exc:
        error = " ".join(exc.messages)
    if step is None or step.kind != "vote":
        # The facilitator has moved on: say so where the ballot was; the poll redraws the rest.
        if not request.htmx:
            messages.error(request, error)
            return redirect("live:participant", workshop=workshop_obj.code)
        response = render(
            request, "live/kinds/_converge.html#problem", {"message": error, "id": "ballot"}
        )
        trigger_client_event(response, "nopsa:announce", {"message": error})
        trigger_client_event(response, "nopsa:poll-now", {})
        return response
    if result is not None:
        workshop_obj.current_step = result.step  # as the service read it under the lock
    else:
        workshop_obj.current_step = Step.objects.get(pk=step.pk)  # closed meanwhile?
    state = _participant_state(workshop_obj, participant)
    if not request.htmx:
        return _phone_answer(
            request,
            workshop_obj,
            participant,
            "live/kinds/vote.html#ballot",
            {"state": state, "workshop": workshop_obj, "error": error},
        )
    # The ballot as the `#ballot` partial draws it, without the template engine: in a big
    # room this answer is drawn a few hundred times a second. The voter's dots and the
    # board's version come from the dot's own transaction.
    board = converge_board(state, dots=result)
    response = HttpResponse(ballot_html(board, request, workshop_obj.code, error))
    if error:
        message = error
    else:
        message = ngettext(
            "%(item)s: your dots %(own)s. You have %(left)s dot left.",
            "%(item)s: your dots %(own)s. You have %(left)s dots left.",
            result.left,
        ) % {"item": result.item_name, "own": sum(result.own.values()), "left": result.left}
    # After the swap: the new ballot is in place (and its buttons live) when it is read.
    trigger_client_event(response, "nopsa:announce", {"message": message}, after="settle")
    return response


@require_POST
def theme_suggest(request: HttpRequest, workshop: str) -> HttpResponse:
    """Suggest a theme for a note: POST `note`, `theme` (an existing theme) or `new_name`, and
    `client_id` (a retry makes no second suggestion)."""
    workshop_obj, participant = permissions.get_live_participant(request, workshop)
    error = ""
    client_id = _uuid(request.POST.get("client_id")) or uuid.uuid4()
    try:
        note_id = _uuid(request.POST.get("note"))
        if note_id is None:
            raise LiveError(_("Choose a note first."))
        theme_id = _uuid(request.POST.get("theme"))
        converge.theme_suggest(
            workshop=workshop_obj,
            participant=participant,
            note_id=note_id,
            theme_id=theme_id,
            new_name="" if theme_id else request.POST.get("new_name", ""),
            client_id=client_id,
        )
    except LiveError as exc:
        error = " ".join(exc.messages)
    state = _participant_state(workshop_obj, participant)
    context = {"state": state, "workshop": workshop_obj, "error": error}
    if error:
        # Keep what was chosen and typed, and the same client id: a resend is no duplicate.
        context.update(
            posted=request.POST,
            client_id=client_id,
        )
    response = _phone_answer(
        request, workshop_obj, participant, "live/kinds/themes.html#suggest", context
    )
    if request.htmx:
        if error:
            trigger_client_event(response, "nopsa:focus", {"id": "suggest-error"}, after="settle")
        else:
            trigger_client_event(
                response, "nopsa:announce", {"message": _("Suggestion sent to the facilitator.")}
            )
    return response
