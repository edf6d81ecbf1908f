"""Participants between workshops: the staff's participant list, invitations and personal
links; the participant's own series page, e-mail address and calendars."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import audit, permissions, selectors
from ..live import identity
from ..people import calendar, services
from ..people.forms import EmailForm, InviteForm, PreworkAnswerForm, PreworkQuestionForm
from .agenda import render_workshop_page

# --- Staff ------------------------------------------------------------------------------------


def _participants_page(request, series, role, *, form=None, new_link=None, status=200):
    response = render(
        request,
        "people/participants.html",
        {
            "series": series,
            "role": role,
            "participants": selectors.series_participants(series),
            "form": form or InviteForm(),
            "new_link": new_link,
            "feed_url": request.build_absolute_uri(
                reverse("people:calendar-feed", args=[calendar.feed_key(series)])
            ),
        },
        status=status,
    )
    if new_link is not None:
        response["Cache-Control"] = "no-store"  # the token is on this page and nowhere else
    return response


def _link_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("people:return", args=[token]))


def _audit_link(request, action: str, participant) -> None:
    """The participant by their public id only: not their nickname, never the link."""
    audit.record(
        actor=request.user,
        action=action,
        series=participant.series,
        kind=audit.Kind.PARTICIPANT,
        object_id=participant.public_id,
    )


@require_GET
@login_required
def participant_list(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series_for_user(request.user, code)
    return _participants_page(request, series, role)


@require_POST
@login_required
def participant_invite(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series_for_user(request.user, code)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _participants_page(request, series, role, form=form, status=422)
    participant, token = services.invite(series, by=request.user, **form.cleaned_data)
    _audit_link(request, audit.Action.LINK_ISSUED, participant)
    url = _link_url(request, token)
    sent = services.send_link(participant, url)
    return _participants_page(
        request, series, role, new_link={"participant": participant, "url": url, "sent": sent}
    )


@require_POST
@login_required
def participant_link_issue(request: HttpRequest, code: str, participant: str) -> HttpResponse:
    person, role = permissions.get_participant_for_user(request.user, code, participant)
    token = services.issue_link(person, by=request.user)
    _audit_link(request, audit.Action.LINK_ISSUED, person)
    url = _link_url(request, token)
    sent = request.POST.get("send") == "1" and services.send_link(person, url)
    return _participants_page(
        request, person.series, role, new_link={"participant": person, "url": url, "sent": sent}
    )


@require_POST
@login_required
def participant_link_revoke(request: HttpRequest, code: str, participant: str) -> HttpResponse:
    person, _role = permissions.get_participant_for_user(request.user, code, participant)
    if services.revoke_link(person, by=request.user):
        _audit_link(request, audit.Action.LINK_REVOKED, person)
        messages.success(
            request,
            _("The personal link of %(name)s no longer works.") % {"name": person.nickname},
        )
    else:
        messages.info(request, _("%(name)s had no working link.") % {"name": person.nickname})
    return redirect("workshops:participant-list", code=code)


# --- Participants -----------------------------------------------------------------------------


@require_GET
def link_return(request: HttpRequest, token: str) -> HttpResponse:
    """A personal link: recognise the device, then show the series without the token in the
    address bar."""
    link = services.redeem_link(token)
    if link is None:
        response = render(request, "people/link_invalid.html", status=404)
    else:
        participant = link.participant
        response = redirect("people:my-series", code=participant.series.code)
        identity.remember(request, response, participant, token, by_link=True)
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response


def _my_series_page(request, series, participant, *, email_form=None, status=200):
    return render(
        request,
        "people/my_series.html",
        {
            "series": series,
            "participant": participant,
            "email_form": email_form or EmailForm(initial={"email": participant.email}),
            "feed_key": calendar.feed_key(series),
            **selectors.participant_series_page(series, participant),
        },
        status=status,
    )


@require_GET
def my_series(request: HttpRequest, code: str) -> HttpResponse:
    series, participant = permissions.get_series_for_participant(request, code)
    return _my_series_page(request, series, participant)


@require_POST
def my_email(request: HttpRequest, code: str) -> HttpResponse:
    series, participant = permissions.get_series_for_participant(request, code)
    if request.POST.get("delete") == "1":
        services.set_email(participant, "")
        messages.success(request, _("Your e-mail address was deleted."))
        return redirect("people:my-series", code=series.code)
    form = EmailForm(request.POST)
    if not form.is_valid():
        return _my_series_page(request, series, participant, email_form=form, status=422)
    email = form.cleaned_data["email"]
    services.set_email(participant, email)
    if email:
        messages.success(request, _("Your e-mail address was saved."))
    else:
        messages.success(request, _("Your e-mail address was deleted."))
    return redirect("people:my-series", code=series.code)


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def calendar_feed(request: HttpRequest, key: str) -> HttpResponse:
    series = calendar.series_for_feed_key(key)
    if series is None:
        raise Http404
    workshops = series.workshops.order_by("position")
    return _ics(calendar.series_ics(series, workshops, request.get_host()), f"{series.code}.ics")


@require_http_methods(["GET"])
def calendar_workshop(request: HttpRequest, key: str, workshop: str) -> HttpResponse:
    series = calendar.series_for_feed_key(key)
    workshop_obj = series.workshops.filter(code=workshop).first() if series else None
    if workshop_obj is None:
        raise Http404
    workshop_obj.series = series
    return _ics(calendar.workshop_ics(workshop_obj, request.get_host()), f"{workshop_obj.code}.ics")


# --- Pre-work ---------------------------------------------------------------------------------


def _prework_question(request, code, workshop, question):
    workshop_obj, role = permissions.get_workshop_for_user(request.user, code, workshop)
    question_obj = workshop_obj.prework.filter(public_id=question).first()
    if question_obj is None:
        raise Http404
    question_obj.workshop = workshop_obj
    return question_obj, role


def _back_to_prework(code, workshop):
    return redirect(reverse("workshops:workshop-detail", args=[code, workshop]) + "#prework")


@require_POST
@login_required
def prework_add(request: HttpRequest, code: str, workshop: str) -> HttpResponse:
    workshop_obj, role = permissions.get_workshop_for_user(request.user, code, workshop)
    form = PreworkQuestionForm(request.POST, prefix="prework")
    if form.is_valid():
        try:
            services.prework_add(workshop_obj, text=form.cleaned_data["text"])
        except services.PeopleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The question was added."))
            return _back_to_prework(code, workshop_obj.code)
    return render_workshop_page(request, workshop_obj, role, prework_form=form, status=422)


@require_POST
@login_required
def prework_delete(request: HttpRequest, code: str, workshop: str, question: str) -> HttpResponse:
    question_obj, role = _prework_question(request, code, workshop, question)
    try:
        services.prework_delete(question_obj)
    except services.PeopleError as exc:
        return render_workshop_page(
            request, question_obj.workshop, role, prework_error=str(exc), status=422
        )
    audit.record(
        actor=request.user,
        action=audit.Action.DELETED,
        series=question_obj.workshop.series,
        kind=audit.Kind.PREWORK,
        object_id=question,
        workshop=question_obj.workshop,
    )
    messages.success(request, _("The question was removed."))
    return _back_to_prework(code, question_obj.workshop.code)


@require_POST
@login_required
def prework_send(request: HttpRequest, code: str, workshop: str) -> HttpResponse:
    workshop_obj, role = permissions.get_workshop_for_user(request.user, code, workshop)
    url = request.build_absolute_uri(
        reverse("people:prework", args=[workshop_obj.series.code, workshop_obj.code])
    )
    try:
        sent = services.prework_send(workshop_obj, url=url)
    except services.PeopleError as exc:
        return render_workshop_page(request, workshop_obj, role, prework_error=str(exc), status=422)
    messages.success(
        request,
        _("The pre-work was sent to %(count)s participants with an e-mail address.")
        % {"count": sent},
    )
    return _back_to_prework(code, workshop_obj.code)


def _participant_prework(request, code, workshop):
    series, participant = permissions.get_series_for_participant(request, code)
    workshop_obj = series.workshops.filter(code=workshop).first()
    if workshop_obj is None:
        raise Http404
    workshop_obj.series = series
    questions = list(workshop_obj.prework.all())
    if not questions:
        raise Http404
    return workshop_obj, participant, questions


@require_http_methods(["GET", "POST"])
def prework_answer(request: HttpRequest, code: str, workshop: str) -> HttpResponse:
    workshop_obj, participant, questions = _participant_prework(request, code, workshop)
    existing = dict(
        participant.prework_answers.filter(question__in=questions).values_list(
            "question__public_id", "text"
        )
    )
    initial = {f"q_{q.public_id.hex}": existing.get(q.public_id, "") for q in questions}
    form = PreworkAnswerForm(request.POST or None, initial=initial, questions=questions)
    is_open = workshop_obj.state == workshop_obj.State.PLANNED
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.prework_answer(participant, workshop_obj, form.answers())
            except services.PeopleError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Your answers were saved. You can change them until the workshop starts."),
                )
                return redirect("people:my-series", code=code)
        status = 422
    return render(
        request,
        "people/prework.html",
        {
            "series": workshop_obj.series,
            "workshop": workshop_obj,
            "participant": participant,
            "form": form,
            "is_open": is_open,
        },
        status=status,
    )
