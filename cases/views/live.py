"""The cases app's live steps: participants' suggestions from their phones, and the
facilitator's choices in the cockpit (what the step works on; accept or dismiss a suggestion).

The three screens redraw through the polls of `workshops` (each write records a LiveEvent).
"""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from workshops import audit
from workshops.live import poll
from workshops.live.forms import NoteForm
from workshops.live.render import Viewer
from workshops.live.services import LiveError
from workshops.live.state import live_state, poll_interval_ms
from workshops.models import Workshop
from workshops.views.live_common import cockpit_done, cockpit_problem

from .. import permissions
from ..live import services
from ..live.kinds import ARTEFACTS, artefact_id
from ..live.selectors import suggestion_form
from ..models import Suggestion

# --- The participant's phone ------------------------------------------------------------------


@require_POST
def suggestion_post(request: HttpRequest, workshop: str) -> HttpResponse:
    workshop_obj, participant = permissions.get_live_participant(request, workshop)
    viewer = Viewer(
        role="participant",
        participant_id=participant.pk,
        series_code=workshop_obj.series.code,
        workshop_code=workshop_obj.code,
    )
    state = live_state(workshop_obj, viewer)
    step = state.step
    own_count = Suggestion.objects.filter(step=step, participant=participant).count() if step else 0
    form = suggestion_form(step, own_count, request.POST) if step else None
    if form is None:
        # Not a suggestion step (any more): the phone's next poll shows what is on now.
        error = _("This step takes no suggestions. Your text was not sent.")
    elif form.is_valid():
        kind, data = form.suggestion()
        try:
            services.suggestion_post(
                workshop=workshop_obj,
                participant=participant,
                kind=kind,
                data=data,
                client_id=form.cleaned_data["client_id"],
            )
        except LiveError as exc:
            error = " ".join(exc.messages)
        else:
            if not request.htmx:
                return redirect("live:participant", workshop=workshop_obj.code)
            response = render(
                request,
                "cases/live/_suggest.html#form",
                {"state": state, "workshop": workshop_obj},
            )
            trigger_client_event(response, "nopsa:announce", {"message": _("Suggestion sent.")})
            return response
    else:
        error = ""
    # Keep the text and the same client id: resending it can never make a duplicate.
    context = {
        "state": state,
        "workshop": workshop_obj,
        "suggestion_form": form,
        "suggestion_error": error,
    }
    if request.htmx:
        response = render(request, "cases/live/_suggest.html#form", context)
        trigger_client_event(response, "nopsa:focus", {"id": "suggestion-errors"}, after="settle")
        return response
    context.update(
        participant=participant,
        note_form=NoteForm(initial={"client_id": uuid.uuid4()}),
        marker=poll.latest_marker(workshop_id=workshop_obj.pk),
        interval=poll_interval_ms(),
    )
    return render(request, "live/participant.html", context, status=422)


# --- The facilitator's cockpit ----------------------------------------------------------------


def _fail(request: HttpRequest, workshop: Workshop, exc: LiveError, target: str) -> HttpResponse:
    """The message next to what was tried (HTMX swaps it into `target`), or on the cockpit."""
    return cockpit_problem(
        request,
        workshop,
        exc,
        template="cases/live/_suggest.html#problem",
        context={"target": target},
        focus=target,
    )


@require_POST
@login_required
def step_choose(request: HttpRequest, code: str, workshop: str, step: uuid.UUID) -> HttpResponse:
    workshop_obj = permissions.get_live_workshop_for_user(request.user, code, workshop)
    step_obj = workshop_obj.steps.filter(public_id=step).first()
    if step_obj is None or step_obj.kind not in ARTEFACTS:
        raise Http404
    raw = request.POST.get("artefact", "")
    target = f"choose-problem-{step_obj.public_id}"
    try:
        public_id = uuid.UUID(raw) if raw else None
    except ValueError:
        return _fail(request, workshop_obj, LiveError(_("Choose from the list.")), target)
    try:
        services.step_choose_artefact(workshop=workshop_obj, step=step_obj, public_id=public_id)
    except LiveError as exc:
        return _fail(request, workshop_obj, exc, target)
    return cockpit_done(request, workshop_obj, _("Chosen."))


@require_POST
@login_required
def suggestion_decide(
    request: HttpRequest, code: str, workshop: str, suggestion: uuid.UUID, action: str
) -> HttpResponse:
    workshop_obj = permissions.get_live_workshop_for_user(request.user, code, workshop)
    suggestion_obj = Suggestion.objects.filter(public_id=suggestion, workshop=workshop_obj).first()
    if suggestion_obj is None:
        raise Http404
    target = f"suggestion-problem-{suggestion_obj.public_id}"
    try:
        if action == "accept":
            services.suggestion_accept(suggestion=suggestion_obj)
            step = suggestion_obj.step
            audit.record(  # a participant's line written into the case material
                actor=request.user,
                action=audit.Action.CASE_CHANGED,
                series=workshop_obj.series,
                kind=ARTEFACTS[step.kind][0],
                object_id=artefact_id(step) or "",
                workshop=workshop_obj,
            )
            message = _("Accepted: %(text)s") % {"text": suggestion_obj.summary[:60]}
        else:
            services.suggestion_dismiss(suggestion=suggestion_obj)
            message = _("Dismissed: %(text)s") % {"text": suggestion_obj.summary[:60]}
    except LiveError as exc:
        return _fail(request, workshop_obj, exc, target)
    return cockpit_done(request, workshop_obj, message)
