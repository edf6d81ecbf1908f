"""The participant's side of a live workshop: joining by code, the phone view, notes, polling.

Participants have no accounts: `live.identity` recognises them by a signed cookie.
"""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from .. import permissions
from ..live import identity, joinlimit, poll, services
from ..live.forms import JoinCodeForm, JoinForm, NoteForm
from ..live.render import Viewer, note_html
from ..live.services import LiveError
from ..live.state import input_state, live_state, poll_interval_ms, workshop_ids_for_code
from ..models import Note, Participant, Workshop
from .live_common import notes_only_response, only_notes_changed, poll_response


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    form = JoinCodeForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        wait = joinlimit.retry_after(request)
        if wait is not None:
            return _too_many_codes(request, form, wait)
        workshop = services.find_live_workshop(form.cleaned_data["code"])
        if workshop is not None:
            return redirect("live:join-workshop", code=workshop.join_code)
        joinlimit.count_wrong_code(request)
        form.add_error(
            "code",
            _(
                "No live workshop has this code. Check the code on the screen; "
                "it may also have ended."
            ),
        )
    status = 200 if not form.errors else 422
    return render(request, "live/join.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def join_workshop(request: HttpRequest, code: str) -> HttpResponse:
    # A code in the address is a guess like one typed into the form: the same limit.
    wait = joinlimit.retry_after(request)
    if wait is not None:
        return _too_many_codes(request, JoinCodeForm(initial={"code": code}), wait)
    workshop = services.find_live_workshop(code)
    if workshop is None:
        joinlimit.count_wrong_code(request)
        form = JoinCodeForm(initial={"code": code})
        form.is_bound = False
        return render(
            request,
            "live/join.html",
            {
                "form": form,
                "code_error": _(
                    "No live workshop has the code %(code)s. Check the code on the screen; "
                    "the workshop may also have ended."
                )
                % {"code": code},
            },
            status=404,
        )
    existing = identity.participant_for(request, workshop.series)
    initial = {}
    if existing is not None:
        initial = {
            "nickname": existing.nickname,
            "kind": existing.kind,
            "organisation_name": existing.organisation_name,
        }
    form = JoinForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            participant, token = services.participant_join(
                workshop=workshop, existing=existing, **form.cleaned_data
            )
        except LiveError as exc:
            form.add_error(None, exc)
        else:
            response = redirect("live:participant", workshop=workshop.code)
            if token is not None:
                identity.remember(request, response, participant, token)
            return response
    return render(
        request,
        "live/join_workshop.html",
        {"form": form, "workshop": workshop, "existing": existing},
        status=422 if form.errors else 200,
    )


def _too_many_codes(request: HttpRequest, form: JoinCodeForm, wait: int) -> HttpResponse:
    """429: too many wrong codes from this address; the same page for every code."""
    response = render(
        request,
        "live/join.html",
        {
            "form": form,
            "code_error": _(
                "Too many wrong codes have been tried from this network. Wait a minute and "
                "try again; check the code on the screen."
            ),
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


def _viewer(workshop: Workshop, participant: Participant) -> Viewer:
    return Viewer(
        role="participant",
        participant_id=participant.pk,
        series_code=workshop.series.code,
        workshop_code=workshop.code,
    )


@require_GET
def participant_view(request: HttpRequest, workshop: str) -> HttpResponse:
    try:
        workshop_obj, participant = permissions.get_live_participant(request, workshop)
    except Http404:
        # Not (yet) in this workshop: the join form, without revealing the workshop's code.
        return render(
            request,
            "live/join.html",
            {
                "form": JoinCodeForm(),
                "code_error": _(
                    "You have not joined this workshop on this device. Join with the code "
                    "that the facilitator shows."
                ),
            },
            status=404,
        )
    viewer = _viewer(workshop_obj, participant)
    # The marker first: anything that happens while the state is read arrives by poll again.
    marker = poll.latest_marker(workshop_id=workshop_obj.pk)
    state = live_state(workshop_obj, viewer)
    return render(
        request,
        "live/participant.html",
        {
            "state": state,
            "workshop": workshop_obj,
            "participant": participant,
            "note_form": _note_form(state),
            "marker": marker,
            "interval": poll_interval_ms(),
        },
    )


def _note_form(state, data=None) -> NoteForm:
    return NoteForm(data, initial={"client_id": uuid.uuid4()}, categories=state.categories)


@require_GET
def participant_poll(request: HttpRequest, workshop: str) -> HttpResponse:
    """Unchanged: 204 after one indexed query, without touching the session or the user.

    A device that is not a participant of the workshop gets an empty 404, the same as for a
    code that does not exist, so that the poll does not tell outsiders which codes exist."""
    ids = workshop_ids_for_code(workshop)
    if ids is None:
        return HttpResponseNotFound()
    workshop_id, series_id = ids
    claim = identity.claimed_identity(request, series_id)
    if claim is None:
        return HttpResponseNotFound()
    participant_id = claim.participant_id
    try:
        since = int(request.GET.get("since", "0"))
        stage_version = int(request.GET.get("sv", "0"))
    except ValueError:
        return HttpResponse(status=400)
    viewer = Viewer(role="participant", participant_id=participant_id, workshop_code=workshop)
    # From this process's buffer when it has every event since the marker (PostgreSQL with
    # the listener running); otherwise one query. A device that came in by a personal link
    # always goes to the database, which checks that the link has not been revoked.
    remembered = (
        None
        if claim.by_link
        else poll.recent_from_memory(
            workshop_id=workshop_id, since=since, participant_id=participant_id
        )
    )
    if remembered is not None and only_notes_changed(remembered, stage_version):
        return notes_only_response(
            changes=remembered,
            viewer=viewer,
            poll_url=reverse("live:poll", args=[workshop]),
            stage_version=stage_version,
        )
    changes = poll.changes_since(
        workshop_id=workshop_id,
        since=since,
        participant_id=participant_id,
        token_hash=identity.hash_token(claim.token),
        by_link=claim.by_link,
    )
    if changes is None:
        return HttpResponse(status=204)
    if not changes.context.valid:
        return HttpResponseNotFound()
    if only_notes_changed(changes, stage_version):
        # The common case in a busy brainstorm: only notes changed; still one query in all.
        return notes_only_response(
            changes=changes,
            viewer=Viewer(
                role="participant", participant_id=participant_id, workshop_code=workshop
            ),
            poll_url=reverse("live:poll", args=[workshop]),
            stage_version=stage_version,
        )
    workshop_obj, participant = permissions.get_live_participant(request, workshop)
    return poll_response(
        request,
        template="live/participant.html",
        workshop=workshop_obj,
        viewer=_viewer(workshop_obj, participant),
        changes=changes,
        stage_version=stage_version,
        extra={"participant": participant, "viewer_role": "participant"},
        note_form_factory=_note_form,
    )


@require_POST
def note_post(request: HttpRequest, workshop: str) -> HttpResponse:
    workshop_obj, participant = permissions.get_live_participant(request, workshop)
    viewer = _viewer(workshop_obj, participant)
    state = input_state(workshop_obj, viewer)
    form = _note_form(state, request.POST)
    error = None
    if form.is_valid():
        try:
            note, _created = services.note_post(
                workshop=workshop_obj,
                participant=participant,
                text=form.cleaned_data["text"],
                category=form.cleaned_data.get("category") or "",
                client_id=form.cleaned_data["client_id"],
            )
        except LiveError as exc:
            error = " ".join(exc.messages)
        else:
            if not request.htmx:
                return redirect("live:participant", workshop=workshop_obj.code)
            if state.unit.one_per_participant:
                state.own_answer = note  # the form now offers to change it
            response = render(
                request,
                "live/participant.html#note-form",
                {"state": state, "workshop": workshop_obj, "note_form": _note_form(state)},
            )
            response["X-Nopsa-Note"] = str(note.public_id)
            response.write(
                f'<template data-upsert="notes-list">{note_html(note, viewer)}</template>'
            )
            trigger_client_event(response, "nopsa:announce", {"message": _("Note sent.")})
            trigger_client_event(response, "nopsa:note-sent", {})
            return response
    else:
        error = " ".join(" ".join(errors) for errors in form.errors.values())
    # Keep the text and the same client id: resending it can never make a duplicate.
    context = {
        "state": state,
        "workshop": workshop_obj,
        "note_form": form,
        "note_error": error,
    }
    template = "live/participant.html#note-form" if request.htmx else "live/participant.html"
    if not request.htmx:  # the whole page again: with every note it shows
        context.update(
            state=live_state(workshop_obj, viewer),
            participant=participant,
            marker=poll.latest_marker(workshop_id=workshop_obj.pk),
            interval=poll_interval_ms(),
        )
    response = render(request, template, context, status=200 if request.htmx else 422)
    if request.htmx:
        trigger_client_event(response, "nopsa:focus", {"id": "note-error"}, after="settle")
    return response


def _own_note(request, workshop: str, note: uuid.UUID) -> tuple[Workshop, Participant, Note]:
    workshop_obj, participant = permissions.get_live_participant(request, workshop)
    note_obj = (
        Note.objects.select_related("step", "workshop")
        .filter(public_id=note, workshop=workshop_obj, participant=participant)
        .first()
    )
    if note_obj is None:
        raise Http404
    return workshop_obj, participant, note_obj


@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, workshop: str, note: uuid.UUID) -> HttpResponse:
    workshop_obj, participant, note_obj = _own_note(request, workshop, note)
    viewer = _viewer(workshop_obj, participant)
    error = None
    text = note_obj.text
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            services.note_edit(
                note=note_obj,
                participant=participant,
                text=text,
                category=request.POST.get("category", note_obj.category),
            )
        except LiveError as exc:
            error = " ".join(exc.messages)
        else:
            if not request.htmx:
                return redirect("live:participant", workshop=workshop_obj.code)
            return HttpResponse(note_html(note_obj, viewer))
    # HTMX swaps the editor into the note's place; a plain request gets it as a whole page.
    return render(
        request,
        "live/_note_edit.html" if request.htmx else "live/note_edit.html",
        {"note": note_obj, "workshop": workshop_obj, "text": text, "error": error},
        status=422 if error and not request.htmx else 200,
    )


@require_POST
def note_delete(request: HttpRequest, workshop: str, note: uuid.UUID) -> HttpResponse:
    workshop_obj, participant, note_obj = _own_note(request, workshop, note)
    try:
        services.note_delete(note=note_obj, participant=participant)
    except LiveError as exc:
        if request.htmx:
            response = HttpResponse(note_html(note_obj, _viewer(workshop_obj, participant)))
            trigger_client_event(response, "nopsa:announce", {"message": " ".join(exc.messages)})
            return response
        raise Http404 from exc
    if not request.htmx:
        return redirect("live:participant", workshop=workshop_obj.code)
    response = HttpResponse("")
    trigger_client_event(response, "nopsa:announce", {"message": _("Note deleted.")})
    return response
