"""Who may see or do what in the workshops app. The only place that decides it.

Outsiders get 404 rather than 403, so that they cannot learn which series exist.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from .models import Membership, Organisation, Series, SeriesTask, Step, Workshop


class SeriesRole:
    COORDINATOR = Membership.Role.COORDINATOR
    FACILITATOR = Membership.Role.FACILITATOR


def organisations_for_new_series(user) -> QuerySet[Organisation]:
    """Organisations in which the user may start a series: any they are a member of."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).distinct()


def role_in_series(user, series: Series) -> str | None:
    if not user.is_authenticated:
        return None
    if Membership.objects.filter(
        user=user, organisation_id=series.organisation_id, role=Membership.Role.COORDINATOR
    ).exists():
        return SeriesRole.COORDINATOR
    if series.facilitators.filter(pk=user.pk).exists():
        return SeriesRole.FACILITATOR
    return None


def get_series_for_user(user, code: str) -> tuple[Series, str]:
    """The series and the user's role in it (coordinator or facilitator); 404 for anyone else.

    Both roles may plan and edit the series: coordinators manage everything of their
    organisation, facilitators the series they are assigned to.
    """
    series = (
        Series.objects.select_related("organisation", "method").filter(code=code.upper()).first()
    )
    if series is None:
        raise Http404
    role = role_in_series(user, series)
    if role is None:
        raise Http404
    return series, role


def get_workshop_for_user(user, series_code: str, workshop_code: str) -> tuple[Workshop, str]:
    series, role = get_series_for_user(user, series_code)
    workshop = series.workshops.filter(code=workshop_code.upper()).first()
    if workshop is None:
        raise Http404
    workshop.series = series
    return workshop, role


def get_step_for_user(user, series_code: str, workshop_code: str, step_id) -> tuple[Step, str]:
    workshop, role = get_workshop_for_user(user, series_code, workshop_code)
    step = workshop.steps.filter(public_id=step_id).first()
    if step is None:
        raise Http404
    step.workshop = workshop
    return step, role


def get_task_for_user(user, series_code: str, task_id) -> tuple[SeriesTask, str]:
    series, role = get_series_for_user(user, series_code)
    task = series.tasks.filter(public_id=task_id).first()
    if task is None:
        raise Http404
    task.series = series
    return task, role


def get_coordinated_organisation(user, code: str) -> Organisation:
    """An organisation the user coordinates (its audit log); 404 for anyone else, facilitators
    of its series included."""
    if not user.is_authenticated:
        raise Http404
    organisation = Organisation.objects.filter(
        code=code.upper(),
        memberships__user=user,
        memberships__role=Membership.Role.COORDINATOR,
    ).first()
    if organisation is None:
        raise Http404
    return organisation


def coordinated_organisations(user) -> QuerySet[Organisation]:
    """The organisations the user coordinates (where the dashboard links their audit logs)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.COORDINATOR
    ).order_by("name")


def can_edit_agenda(role: str, workshop: Workshop) -> bool:
    """The agenda of a workshop that has been held is part of the record; it stays as it was."""
    return role in (SeriesRole.COORDINATOR, SeriesRole.FACILITATOR) and (
        workshop.state != Workshop.State.HELD
    )


def facilitator_candidates(organisation: Organisation) -> QuerySet:
    """Active members of the organisation: who can be made a facilitator of its series."""
    return (
        get_user_model()
        .objects.filter(
            pk__in=Membership.objects.filter(organisation=organisation).values("user_id"),
            is_active=True,
        )
        .order_by("first_name", "last_name", "username")
    )


def facilitator_candidates_for_user(user) -> QuerySet:
    """Active members of any organisation the user belongs to (for a new series)."""
    organisations = Membership.objects.filter(user=user).values("organisation_id")
    return (
        get_user_model()
        .objects.filter(
            pk__in=Membership.objects.filter(organisation__in=organisations).values("user_id"),
            is_active=True,
        )
        .order_by("first_name", "last_name", "username")
    )


def can_run_workshop(role: str) -> bool:
    """Going live and the cockpit: the series' facilitators and the organisation's coordinators."""
    return role in (SeriesRole.COORDINATOR, SeriesRole.FACILITATOR)


def get_live_workshop_for_user(user, code: str, workshop_code: str) -> Workshop:
    """A live workshop whose cockpit the user may run: 404 for outsiders (and a workshop that
    is not live), 403 for a role that may not run it. Every cockpit action of a live step
    (grouping notes, a vote's settings, prioritising) goes through here; participants never
    pass it (they suggest themes and cast dots from their phones)."""
    workshop, role = get_workshop_for_user(user, code, workshop_code)
    if not can_run_workshop(role):
        raise PermissionDenied
    if workshop.state != Workshop.State.LIVE:
        raise Http404
    return workshop


def get_live_participant(request, workshop_code: str):
    """The workshop and the participant on this device: the signed cookie checked against the
    stored token, and attendance of this workshop. 404 for anyone else (another workshop's
    participant, a stale cookie, no cookie)."""
    from .live import fastread, identity
    from .live.state import workshop_ids_for_code

    ids = workshop_ids_for_code(workshop_code)  # the cookie's entry is by series
    claim = identity.claimed_identity(request, ids[1]) if ids is not None else None
    if claim is None:
        raise Http404
    if not claim.by_link:
        # Every phone request: the workshop (with its series and current step) and the
        # participant in one query.
        workshop, participant = fastread.workshop_with_device_participant(
            workshop_code, claim.participant_id, identity.hash_token(claim.token)
        )
        if workshop is None or participant is None:
            raise Http404
        return workshop, participant
    workshop = fastread.workshop_by_code(workshop_code)  # with its series and current step
    if workshop is None:
        raise Http404
    participant = identity.participant_for(request, workshop.series, attending=workshop)
    if participant is None:
        raise Http404
    return workshop, participant


def get_participant_for_user(user, series_code: str, participant_id) -> tuple:
    """A participant of a series the user runs (staff side); 404 for anyone else."""
    from .models import Participant

    series, role = get_series_for_user(user, series_code)
    participant = Participant.objects.filter(series=series, public_id=participant_id).first()
    if participant is None:
        raise Http404
    participant.series = series
    return participant, role


def get_series_for_participant(request, series_code: str) -> tuple:
    """The series and the participant on this device (their cookie, checked against the stored
    token or their working personal link); 404 for anyone else."""
    from .live import identity

    series = Series.objects.select_related("organisation").filter(code=series_code).first()
    if series is None:
        raise Http404
    participant = identity.participant_for(request, series)
    if participant is None:
        raise Http404
    participant.series = series
    return series, participant


def get_practice_for_user(user, series_code: str, practice_id) -> tuple:
    from .models import Practice

    series, role = get_series_for_user(user, series_code)
    practice = Practice.objects.filter(series=series, public_id=practice_id).first()
    if practice is None:
        raise Http404
    practice.series = series
    return practice, role


def series_to_adopt_into(user, series: Series) -> QuerySet[Series]:
    """Other series of the same organisation that the user runs or coordinates."""
    coordinates = Membership.objects.filter(
        user=user, organisation_id=series.organisation_id, role=Membership.Role.COORDINATOR
    ).exists()
    candidates = Series.objects.filter(organisation_id=series.organisation_id).exclude(pk=series.pk)
    if not coordinates:
        candidates = candidates.filter(facilitators=user)
    return candidates.order_by("title")


def may_comment_on(summary, kind: str, target: str) -> bool:
    """A participant comments on a published summary as a whole, or on an output that one of
    its shown sections lists — not on whatever else of the series they can name."""
    if summary.published_at is None:
        return False
    if kind == "summary":
        return str(target) == str(summary.public_id)
    return any(
        item.get("kind") == kind and item.get("id") == str(target)
        for section in summary.included_sections
        for item in section.get("items", [])
    )


def can_close_series(role: str) -> bool:
    """Closing a series starts the countdown to the purge of its participants' content, and
    reopening stops it: a decision about the organisation's data, so its coordinators'."""
    return role == SeriesRole.COORDINATOR


def can_export_series_data(role: str) -> bool:
    """The series' content as a download: its coordinators and facilitators, who see all of
    it on their pages already."""
    return role in (SeriesRole.COORDINATOR, SeriesRole.FACILITATOR)
