"""Domain rules for participants between workshops.

A personal link is a credential: its token is shown (or e-mailed) once and stored only as a
hash. Issuing a new link revokes the old one; revoking stops every device that came in by it.
"""

from __future__ import annotations

import logging

from django.core.mail import send_mail, send_mass_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..live import identity
from ..models import (
    Participant,
    PersonalLink,
    PreworkAnswer,
    PreworkQuestion,
    Series,
    Workshop,
)

logger = logging.getLogger(__name__)


class PeopleError(Exception):
    """A rule refused the change; the message is for the user."""


def issue_link(participant: Participant, *, by) -> str:
    """A new personal link for the participant (the old one stops working). Returns the
    token: it exists nowhere else, so show it or send it now."""
    token = identity.new_token()
    with transaction.atomic():
        # Lock the participant so two facilitators issuing at once make one working link.
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        PersonalLink.objects.active().filter(participant=participant).update(
            revoked_at=timezone.now(), revoked_by=by
        )
        PersonalLink.objects.create(
            participant=participant, token_hash=identity.hash_token(token), created_by=by
        )
    return token


def revoke_link(participant: Participant, *, by) -> bool:
    """Stop the participant's personal link. False when there was none to stop."""
    return bool(
        PersonalLink.objects.active()
        .filter(participant=participant)
        .update(revoked_at=timezone.now(), revoked_by=by)
    )


def redeem_link(token: str) -> PersonalLink | None:
    """The working link with this token, its use recorded; None for anything else."""
    if not token or len(token) > 100:
        return None
    link = (
        PersonalLink.objects.active()
        .select_related("participant__series")
        .filter(token_hash=identity.hash_token(token))
        .first()
    )
    if link is not None:
        PersonalLink.objects.filter(pk=link.pk).update(last_used_at=timezone.now())
    return link


def invite(
    series: Series,
    *,
    nickname: str,
    kind: str,
    organisation_name: str = "",
    email: str = "",
    by,
) -> tuple[Participant, str]:
    """Add a person to the series before they have joined any workshop, with a personal link.

    They join live workshops with the code as everyone else; a device that came in by the link
    is recognised there."""
    with transaction.atomic():
        participant = Participant(
            series=series,
            # A device token nobody holds: the person comes in by the personal link.
            token_hash=identity.hash_token(identity.new_token()),
            nickname=nickname,
            kind=kind,
            organisation_name=organisation_name,
            email=email,
        )
        participant.full_clean()
        participant.save()
        token = issue_link(participant, by=by)
    return participant, token


def set_email(participant: Participant, email: str) -> None:
    """The participant's address for notifications; an empty value deletes it."""
    participant.email = (email or "").strip()
    participant.full_clean(exclude=["series", "token_hash", "nickname", "kind"])
    participant.save(update_fields=["email"])


def send_link(participant: Participant, url: str) -> bool:
    """E-mail the personal link to the participant, in the series' language. False (and
    nothing sent) when they have not given an address."""
    if not participant.email:
        return False
    series = participant.series
    with translation.override(series.language):
        context = {"participant": participant, "series": series, "url": url}
        subject = _("Your personal link to %(series)s") % {"series": series.title}
        body = render_to_string("people/email_link.txt", context)
    try:
        send_mail(subject, body, None, [participant.email])
    except OSError as exc:  # SMTP down: the link is shown on the page all the same
        logger.warning("personal link e-mail not sent: %s", type(exc).__name__)
        return False
    return True


# --- Pre-work ---------------------------------------------------------------------------------


def _prework_open(workshop: Workshop) -> None:
    if workshop.state != Workshop.State.PLANNED:
        raise PeopleError(
            _("The workshop has already started, so its pre-work can no longer be changed.")
        )


def prework_add(workshop: Workshop, *, text: str) -> PreworkQuestion:
    _prework_open(workshop)
    with transaction.atomic():
        last = workshop.prework.aggregate(last=Max("position"))["last"]
        return PreworkQuestion.objects.create(
            workshop=workshop, text=text, position=(last or 0) + 1
        )


def prework_edit(question: PreworkQuestion, *, text: str) -> None:
    _prework_open(question.workshop)
    question.text = text
    question.save(update_fields=["text"])


def prework_delete(question: PreworkQuestion) -> None:
    _prework_open(question.workshop)
    question.delete()


def prework_send(workshop: Workshop, *, url: str) -> int:
    """E-mail the workshop's pre-work to the series' participants who have given an address,
    each in the series' language. Returns how many were sent."""
    _prework_open(workshop)
    questions = list(workshop.prework.all())
    if not questions:
        raise PeopleError(_("Add a question first."))
    series = workshop.series
    recipients = list(
        series.participants.exclude(email="").values_list("email", flat=True).distinct()
    )
    with translation.override(series.language):
        subject = _("Pre-work for %(workshop)s") % {"workshop": workshop.title}
        body = render_to_string(
            "people/email_prework.txt",
            {"workshop": workshop, "series": series, "questions": questions, "url": url},
        )
    messages = [(subject, body, None, [address]) for address in recipients]
    if messages:
        try:
            send_mass_mail(messages)
        except OSError as exc:
            logger.warning("pre-work e-mails not sent: %s", type(exc).__name__)
            raise PeopleError(
                _("The e-mail could not be sent just now. Nothing was sent; try again later.")
            ) from exc
    PreworkQuestion.objects.filter(workshop=workshop).update(sent_at=timezone.now())
    return len(messages)


def prework_answer(participant: Participant, workshop: Workshop, answers: dict) -> None:
    """Save the participant's answers ({question: text}); an empty text deletes an answer."""
    _prework_open(workshop)
    with transaction.atomic():
        for question, text in answers.items():
            text = (text or "").strip()
            if not text:
                PreworkAnswer.objects.filter(question=question, participant=participant).delete()
                continue
            PreworkAnswer.objects.update_or_create(
                question=question, participant=participant, defaults={"text": text}
            )
