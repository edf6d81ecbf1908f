"""A series with one of every kind of participant content, and a second series beside it.

Made with the ORM (and the services where they are the only sane way), so that every table the
purge touches has rows; tests say what must be gone and what must stay."""

from __future__ import annotations

import datetime as dt
import uuid
from types import SimpleNamespace

import pytest
from django.core import signing
from django.test import Client

from cases.models import Case, Persona, ServicePath, Suggestion
from tests.cases.factories import CaseFactory, PathEventFactory, PersonaFactory, ServicePathFactory
from tests.workshops.factories import SeriesFactory, StepFactory, WorkshopFactory
from workshops.feedback import services as feedback_services
from workshops.feedback.models import FeedbackAnswer, FeedbackResponse
from workshops.live import identity
from workshops.models import (
    Attendance,
    Comment,
    Dot,
    LiveEvent,
    Note,
    Participant,
    PersonalLink,
    Practice,
    PreworkAnswer,
    PreworkQuestion,
    PrioritisedChallenge,
    ReportExport,
    Theme,
    ThemeNote,
    ThemeSuggestion,
    Workshop,
)
from workshops.people import services as people_services

NOTE_TEXTS = ["Kahvi auttaa", "Tieto ei kulje", "Jonot puhelimessa"]


def make_participant(series, nickname, kind, email=""):
    token = identity.new_token()
    participant = Participant.objects.create(
        series=series,
        token_hash=identity.hash_token(token),
        nickname=nickname,
        kind=kind,
        organisation_name="Kotihoito",
        email=email,
    )
    return participant, token


def device(participant, token) -> Client:
    """A phone on which the participant joined: the signed identity cookie."""
    client = Client()
    entries = {str(participant.series_id): f"{participant.pk}:{token}"}
    client.cookies[identity.cookie_name()] = signing.dumps(
        entries, salt=identity.COOKIE_SALT, compress=True
    )
    return client


def note(workshop, step, participant, text):
    return Note.objects.create(
        workshop=workshop, step=step, participant=participant, client_id=uuid.uuid4(), text=text
    )


def dot(step, participant, *, theme=None, note=None):
    return Dot.objects.create(
        step=step,
        participant=participant,
        theme=theme,
        note=note,
        slot=Dot.objects.filter(step=step, participant=participant).count() + 1,
        budget=3,
        item_slot=1,
        max_per_item=1,
    )


def fill_series(series, facilitator) -> SimpleNamespace:
    c = SimpleNamespace(series=series)
    c.workshop = WorkshopFactory(series=series, position=1)
    steps = {}
    for position, kind in enumerate(
        ["warmup", "brainstorm", "themes", "vote", "prioritise", "feedback"], start=1
    ):
        steps[kind] = StepFactory(workshop=c.workshop, position=position, kind=kind, title=kind)
    c.steps = steps
    Workshop.objects.filter(pk=c.workshop.pk).update(state=Workshop.State.HELD)
    c.workshop.refresh_from_db()
    c.planned = WorkshopFactory(series=series, position=2)

    c.anna, c.anna_token = make_participant(
        series, "Anna", Participant.Kind.PROFESSIONAL, email="anna@example.fi"
    )
    c.ben, c.ben_token = make_participant(series, "Ben", Participant.Kind.CLIENT)
    for person in (c.anna, c.ben):
        Attendance.objects.create(participant=person, workshop=c.workshop)

    c.warmup = note(c.workshop, steps["warmup"], c.anna, NOTE_TEXTS[0])
    c.anna_note = note(c.workshop, steps["brainstorm"], c.anna, NOTE_TEXTS[1])
    c.ben_note = note(c.workshop, steps["brainstorm"], c.ben, NOTE_TEXTS[2])
    c.theme = Theme.objects.create(workshop=c.workshop, step=steps["themes"], name="Tiedonkulku")
    ThemeNote.objects.create(theme=c.theme, note=c.anna_note, step=steps["themes"])
    ThemeSuggestion.objects.create(
        workshop=c.workshop,
        step=steps["themes"],
        participant=c.ben,
        client_id=uuid.uuid4(),
        note=c.anna_note,
        new_name="Odottaminen",
    )
    dot(steps["vote"], c.ben, theme=c.theme)
    dot(steps["vote"], c.anna, theme=c.theme)
    dot(steps["vote"], c.anna, note=c.ben_note)
    c.challenge = PrioritisedChallenge.objects.create(
        series=series,
        workshop=c.workshop,
        step=steps["prioritise"],
        rank=1,
        text="Tiedonkulku katkeaa",
        theme=c.theme,
        dots=2,
        source={
            "kind": "theme",
            "name": "Tiedonkulku",
            "notes": [NOTE_TEXTS[1]],
            "dots": 2,
            "dots_by_kind": {"professional": 1, "client": 1},
            "vote_step": "vote",
        },
    )
    question = PreworkQuestion.objects.create(workshop=c.planned, text="Mitä haluat käsitellä?")
    PreworkAnswer.objects.create(
        question=question, participant=c.anna, text="Haluan puhua jonoista"
    )
    c.comment = Comment.objects.create(
        series=series,
        target_kind="summary",
        target_id=uuid.uuid4(),
        participant=c.anna,
        text="Hyvä yhteenveto",
    )
    Comment.objects.create(
        series=series,
        target_kind="summary",
        target_id=c.comment.target_id,
        author=facilitator,
        parent=c.comment,
        text="Kiitos, korjataan",
    )
    c.link_token = people_services.issue_link(c.anna, by=facilitator)
    LiveEvent.objects.create(
        workshop=c.workshop,
        kind=LiveEvent.Kind.NOTE,
        audience=LiveEvent.Audience.EVERYONE,
        participant=c.anna,
        note_public_id=c.anna_note.public_id,
    )

    form = feedback_services.form_ensure(step=steps["feedback"])
    response = FeedbackResponse.objects.create(
        form=form, participant=c.anna, participant_kind=c.anna.kind
    )
    for item in form.items.all():
        FeedbackAnswer.objects.create(
            response=response,
            item=item,
            value=4 if item.is_scale else None,
            text="" if item.is_scale else "Liian lyhyt aika",
        )

    c.case = CaseFactory(series=series, title="Asiakas A")
    c.path = ServicePathFactory(series=series, case=c.case)
    PathEventFactory(path=c.path)
    c.persona = PersonaFactory(series=series)
    Suggestion.objects.create(
        workshop=c.workshop,
        step=steps["brainstorm"],
        participant=c.anna,
        client_id=uuid.uuid4(),
        kind=Suggestion.Kind.PERSONA_LINE,
        data={"field": "needs", "text": "Yksi yhteyshenkilö"},
    )
    c.practice = Practice.objects.create(series=series, name="Yhteinen kirjaaminen")
    # A final report rendered earlier: its themes list their notes.
    ReportExport.objects.create(
        series=series, state=ReportExport.State.DONE, pdf=b"%PDF-1.7 Tieto ei kulje"
    )
    return c


@pytest.fixture
def content(series, facilitator):
    return fill_series(series, facilitator)


@pytest.fixture
def other(organisation, facilitator):
    """Another series of the same organisation, with the same kinds of content, never closed."""
    return fill_series(
        SeriesFactory(organisation=organisation, facilitators=[facilitator]), facilitator
    )


def participant_content(series) -> dict[str, int]:
    """How much participant content the series holds, by kind."""
    workshops = Workshop.objects.filter(series=series)
    return {
        "notes": Note.objects.filter(workshop__in=workshops).count(),
        "theme_suggestions": ThemeSuggestion.objects.filter(workshop__in=workshops).count(),
        "prework_answers": PreworkAnswer.objects.filter(question__workshop__in=workshops).count(),
        "comments": Comment.objects.filter(series=series).count(),
        "links": PersonalLink.objects.filter(participant__series=series).count(),
        "nicknames": Participant.objects.filter(series=series).exclude(nickname="").count(),
        "emails": Participant.objects.filter(series=series).exclude(email="").count(),
        "feedback_texts": FeedbackAnswer.objects.filter(
            response__form__step__workshop__series=series
        )
        .exclude(text="")
        .count(),
        "cases": Case.objects.filter(series=series).count(),
        "case_paths": ServicePath.objects.filter(series=series, case__isnull=False).count(),
        "case_suggestions": Suggestion.objects.filter(workshop__series=series).count(),
        "live_events": LiveEvent.objects.filter(workshop__in=workshops).count(),
        "report_pdfs": ReportExport.objects.filter(series=series).count(),
    }


def record(series) -> dict:
    """What stays after the purge: the anonymous and the staff's record of the series."""
    return {
        "participants_by_kind": sorted(
            Participant.objects.filter(series=series).values_list("kind", flat=True)
        ),
        "attendances": Attendance.objects.filter(workshop__series=series).count(),
        "dots_on_themes": Dot.objects.filter(
            step__workshop__series=series, theme__isnull=False
        ).count(),
        "themes": list(
            Theme.objects.filter(workshop__series=series).values_list("name", flat=True)
        ),
        "challenges": list(
            PrioritisedChallenge.objects.filter(series=series).values_list("text", "dots")
        ),
        "feedback_values": sorted(
            FeedbackAnswer.objects.filter(
                response__form__step__workshop__series=series, value__isnull=False
            ).values_list("value", flat=True)
        ),
        "feedback_responses_by_kind": sorted(
            FeedbackResponse.objects.filter(form__step__workshop__series=series).values_list(
                "participant_kind", flat=True
            )
        ),
        "practices": Practice.objects.filter(series=series).count(),
        "personas": Persona.objects.filter(series=series).count(),
        "workshops": Workshop.objects.filter(series=series).count(),
    }


def days_later(moment: dt.datetime, days: float) -> dt.datetime:
    return moment + dt.timedelta(days=days)


T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
