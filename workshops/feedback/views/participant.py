"""The participant's side: the live feedback step on a phone, the same form afterwards, and
published results. Participants are found as the live views find them (the signed cookie and
attendance of the workshop); issue 6's personal return link will lead to these same URLs."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from workshops.live import poll
from workshops.live.forms import NoteForm
from workshops.live.render import Viewer
from workshops.live.state import live_state, poll_interval_ms
from workshops.models import Workshop

from .. import permissions, selectors, services, stats
from ..models import FeedbackForm
from ..services import FeedbackError


def _submit(form: FeedbackForm, workshop, participant, data, *, live: bool):
    """Validate and store. Returns (board, saved): the board carries a bound form on error,
    so every answer the participant gave comes back with the message."""
    items = list(form.items.all())
    answer_form, has_answered = selectors.answer_form_for(form, participant, items, data)
    board = selectors.Board(form=form, items=items, answer_form=answer_form)
    board.has_answered = has_answered
    board.open_reason = services.form_open_reason(form, workshop, live=live)
    if answer_form.is_valid():
        try:
            services.response_submit(
                form=form,
                workshop=workshop,
                participant=participant,
                answers=answer_form.answers(),
                live=live,
            )
        except FeedbackError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    answer_form.add_error(name, errors)
            else:
                board.error = " ".join(exc.messages)
        else:
            board.saved = True
            board.has_answered = True
            board.answer_form, _answered = selectors.answer_form_for(form, participant, items)
    if board.error and board.open_reason:
        # Closed meanwhile: show the message and keep the answers visible in the form.
        board.open_reason = None
    return board


def _posted_form(request: HttpRequest, workshop) -> FeedbackForm | None:
    """The form the answers were written on (its public id is in the POST), if it belongs to
    the workshop."""
    try:
        public_id = uuid.UUID(request.POST.get("form", ""))
    except ValueError:
        return None
    return (
        FeedbackForm.objects.filter(public_id=public_id, step__workshop=workshop)
        .select_related("step")
        .first()
    )


@require_POST
def live_submit(request: HttpRequest, workshop: str) -> HttpResponse:
    workshop_obj, participant = permissions.get_participant(request, workshop)
    step = workshop_obj.current_step
    if step is not None and step.kind == "feedback":
        form = services.form_ensure(step=step)
        form.step = step
    else:
        form = _posted_form(request, workshop_obj)
        if form is None:
            raise Http404
    board = _submit(form, workshop_obj, participant, request.POST, live=True)
    action = request.path
    # The room has moved on (another step, or the workshop ended) since the form was shown.
    moved_on = (
        form.step_id != workshop_obj.current_step_id or workshop_obj.state != Workshop.State.LIVE
    )
    # The room has moved on, but the form still takes answers afterwards: offer that, with
    # everything the participant chose still in place.
    if (
        not board.saved
        and moved_on
        and services.form_open_reason(form, workshop_obj, live=False) is None
    ):
        board.error = _(
            "The facilitator has moved on, so your answers were not sent. They are kept "
            "below: send them again to save them."
        )
        action = reverse("feedback:afterwards", args=[workshop_obj.code])
    if request.htmx:
        response = render(
            request,
            "feedback/_answer_form.html#form",
            {"board": board, "region": "feedback-region", "action": action},
        )
        if board.saved:
            trigger_client_event(response, "nopsa:announce", {"message": _("Answers saved.")})
            trigger_client_event(
                response, "nopsa:focus", {"id": "feedback-region-status"}, after="settle"
            )
        else:
            target = "feedback-region-error" if board.error else "feedback-region-errors"
            trigger_client_event(response, "nopsa:focus", {"id": target}, after="settle")
        return response
    if board.saved:
        return redirect("live:participant", workshop=workshop_obj.code)
    if moved_on:
        # Without JavaScript: the afterwards page, with this form as it was sent.
        return render(
            request,
            "feedback/afterwards.html",
            {"workshop": workshop_obj, "boards": [board], "participant": participant},
            status=422,
        )
    viewer = Viewer(
        role="participant",
        participant_id=participant.pk,
        series_code=workshop_obj.series.code,
        workshop_code=workshop_obj.code,
    )
    context = {
        "state": live_state(workshop_obj, viewer),
        "workshop": workshop_obj,
        "participant": participant,
        "note_form": NoteForm(),
        "marker": poll.latest_marker(workshop_id=workshop_obj.pk),
        "interval": poll_interval_ms(),
        "feedback_error": board.error,
        "answer_form": board.answer_form,
        "has_answered": board.has_answered,
    }
    return render(request, "live/participant.html", context, status=422)


def _forms_of(workshop) -> list[FeedbackForm]:
    forms = []
    for step in selectors.feedback_steps(workshop):
        form = services.form_ensure(step=step)
        form.step = step
        forms.append(form)
    return forms


@require_http_methods(["GET", "POST"])
def afterwards(request: HttpRequest, workshop: str) -> HttpResponse:
    """The workshop's feedback form(s) after the live step: the same form, the same rules."""
    workshop_obj, participant = permissions.get_participant(request, workshop)
    forms = _forms_of(workshop_obj)
    if not forms:
        raise Http404
    boards = []
    status = 200
    posted = request.POST.get("form") if request.method == "POST" else None
    for form in forms:
        if posted == str(form.public_id):
            board = _submit(form, workshop_obj, participant, request.POST, live=False)
            if not board.saved:
                status = 200 if request.htmx else 422
            if request.htmx:
                response = render(
                    request,
                    "feedback/_answer_form.html#form",
                    {
                        "board": board,
                        "region": f"feedback-{form.public_id}",
                        "action": request.path,
                    },
                    status=status,
                )
                focus = (
                    f"feedback-{form.public_id}-status"
                    if board.saved
                    else f"feedback-{form.public_id}-error"
                    if board.error
                    else f"feedback-{form.public_id}-errors"
                )
                trigger_client_event(response, "nopsa:focus", {"id": focus}, after="settle")
                return response
        else:
            items = list(form.items.all())
            answer_form, has_answered = selectors.answer_form_for(form, participant, items)
            board = selectors.Board(
                form=form, items=items, answer_form=answer_form, has_answered=has_answered
            )
            board.open_reason = services.form_open_reason(form, workshop_obj, live=False)
        boards.append(board)
    return render(
        request,
        "feedback/afterwards.html",
        {"workshop": workshop_obj, "boards": boards, "participant": participant},
        status=status,
    )


@require_GET
def participant_results(request: HttpRequest, workshop: str) -> HttpResponse:
    """Published results only; the same anonymous figures the staff see."""
    workshop_obj, _participant = permissions.get_participant(request, workshop)
    forms = [f for f in _forms_of(workshop_obj) if permissions.participant_may_see_results(f)]
    if not forms:
        raise Http404
    return render(
        request,
        "feedback/participant_results.html",
        {"workshop": workshop_obj, "results": stats.form_results(forms)},
    )
