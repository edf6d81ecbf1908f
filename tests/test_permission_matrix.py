"""The permission matrix: every URL of the app, who may reach it and who may not (issue 9, item 1).

`MATRIX` has one row per URL name: how to build its arguments from one object graph (`Graph`,
made once for the module) and what kind of URL it is. The coverage test walks the URLconf and
fails for a pattern without a row (and for a row without a pattern), so a new URL cannot land
without its permission tests; `test_the_coverage_check_reports_an_unlisted_pattern` shows that
on a URLconf with two extra patterns.

For each object-scoped row the outsiders get 404 (anonymous gets the login page for staff
URLs) and change nothing in the database: every INSERT, UPDATE or DELETE the request runs is
recorded, and the row counts of every table are compared before and after. Every write
endpoint refuses GET (405) and refuses a POST without a CSRF token (403); the POST is made by
the URL's rightful user, so the refusal is the CSRF check's and not the permission's. A
positive control (the rightful user is not refused) proves that each row's arguments name real
objects — otherwise a 404 for outsiders would prove nothing.

The graph and the logins are made once, inside a transaction that is rolled back at the end of
the module; each test runs in a savepoint of it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core import signing
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from cases.models import Suggestion
from tests.cases.factories import (
    CaseFactory,
    PathEventFactory,
    PersonaFactory,
    ServicePathFactory,
)
from tests.workshops.factories import (
    MembershipFactory,
    OrganisationFactory,
    SeriesFactory,
    SeriesTaskFactory,
    StepFactory,
    UserFactory,
    WorkshopFactory,
)
from workshops.feedback import services as feedback_services
from workshops.feedback.models import Indicator, Measurement
from workshops.live import converge, identity
from workshops.live import services as live_services
from workshops.models import (
    Attendance,
    Comment,
    Membership,
    Participant,
    Practice,
    PreworkQuestion,
    ReportExport,
    ThemeSuggestion,
    Workshop,
)
from workshops.people import calendar
from workshops.people import services as people_services
from workshops.reports import exports, practice_model
from workshops.summaries import services as summary_services

# --- Kinds of URL -------------------------------------------------------------------------------

STAFF = "staff"  # a series' facilitators and its organisation's coordinators; others 404
PARTICIPANT = "participant"  # the device of a participant of the series (signed cookie)
TOKEN = "token"  # the secret is in the address (personal link, calendar key)
ACCOUNT = "account"  # any logged-in staff member; not scoped to an object
PUBLIC = "public"  # anyone: joining, the front page, logging in and out

# How a URL is used.
READ = "read"  # GET only; it must write nothing
FORM = "form"  # GET shows a form, POST writes
WRITE = "write"  # POST only; GET → 405


@dataclass(frozen=True)
class Row:
    kind: str
    use: str
    args: Callable[[SimpleNamespace], dict]
    # Who may use it, when not the kind's usual person (`RIGHTFUL`).
    rightful: str | None = None
    # Puts the graph in the state the rightful user's request needs (the positive control
    # only; outsiders are tried in the graph's resting state).
    prepare: Callable[[SimpleNamespace], None] | None = None


def at_step(kind: str) -> Callable[[SimpleNamespace], None]:
    def prepare(g):
        live_services.step_go(workshop=Workshop.objects.get(pk=g.live.pk), step=g.live_steps[kind])

    return prepare


COORDINATOR_ONLY = "coordinator"  # indicators: the organisation's coordinators edit them


def series(g):
    return {"code": g.series.code}


def held(g):
    return {"code": g.series.code, "workshop": g.held.code}


def live(g):
    return {"code": g.series.code, "workshop": g.live.code}


def planned(g):
    return {"code": g.series.code, "workshop": g.planned.code}


def step_of(g, kind):
    return {**live(g), "step": g.live_steps[kind].public_id}


def item(g, **extra):
    return {
        "code": g.series.code,
        "kind": "path",
        "public_id": g.path.public_id,
        "item_kind": "event",
        **extra,
    }


MATRIX: dict[str, Row] = {
    # accounts
    "login": Row(PUBLIC, FORM, lambda g: {}),
    "logout": Row(PUBLIC, WRITE, lambda g: {}),
    "session-keepalive": Row(ACCOUNT, READ, lambda g: {}),  # counts as activity; 204
    # workshops: pages
    "workshops:home": Row(PUBLIC, READ, lambda g: {}),
    "health": Row(PUBLIC, READ, lambda g: {}),  # the load balancer's check, no session
    "workshops:accessibility": Row(PUBLIC, READ, lambda g: {}),  # the statement, no login
    "workshops:dashboard": Row(ACCOUNT, READ, lambda g: {}),
    "workshops:method-list": Row(ACCOUNT, READ, lambda g: {}),
    "workshops:method-detail": Row(ACCOUNT, READ, lambda g: {"slug": "paku"}),
    "workshops:series-create": Row(ACCOUNT, FORM, lambda g: {}),
    # workshops: an organisation (its coordinators only; the series' facilitators get 404)
    "workshops:audit-log": Row(
        STAFF, READ, lambda g: {"code": g.organisation.code}, rightful=COORDINATOR_ONLY
    ),
    # workshops: a series
    "workshops:series-detail": Row(STAFF, READ, series),
    "workshops:series-edit": Row(STAFF, FORM, series),
    "workshops:workshop-add": Row(STAFF, WRITE, series),
    # retention: closing and reopening are the coordinators' (facilitators get 403)
    "workshops:series-close": Row(STAFF, WRITE, series, rightful=COORDINATOR_ONLY),
    "workshops:series-reopen": Row(STAFF, WRITE, series, rightful=COORDINATOR_ONLY),
    "workshops:series-export": Row(STAFF, READ, series),
    "workshops:participant-list": Row(STAFF, READ, series),
    "workshops:participant-invite": Row(STAFF, WRITE, series),
    "workshops:participant-link": Row(
        STAFF, WRITE, lambda g: {**series(g), "participant": g.anna.public_id}
    ),
    "workshops:participant-revoke": Row(
        STAFF, WRITE, lambda g: {**series(g), "participant": g.anna.public_id}
    ),
    "workshops:prework-add": Row(STAFF, WRITE, planned),
    "workshops:prework-delete": Row(
        STAFF, WRITE, lambda g: {**planned(g), "question": g.question.public_id}
    ),
    "workshops:prework-send": Row(STAFF, WRITE, planned),
    "workshops:practice-list": Row(STAFF, READ, series),
    "workshops:practice-create": Row(STAFF, FORM, series),
    "workshops:practice-detail": Row(
        STAFF, READ, lambda g: {**series(g), "practice": g.practice.public_id}
    ),
    "workshops:practice-edit": Row(
        STAFF, FORM, lambda g: {**series(g), "practice": g.practice.public_id}
    ),
    "workshops:practice-status": Row(
        STAFF, WRITE, lambda g: {**series(g), "practice": g.practice.public_id}
    ),
    "workshops:practice-adopt": Row(
        STAFF, WRITE, lambda g: {**series(g), "practice": g.practice.public_id}
    ),
    "workshops:document": Row(STAFF, FORM, lambda g: {**series(g), "kind": "vision"}),
    "workshops:report-texts": Row(STAFF, READ, series),
    "workshops:report-export": Row(STAFF, WRITE, series),
    "workshops:report-export-status": Row(
        STAFF, READ, lambda g: {**series(g), "export": g.export.public_id}
    ),
    "workshops:report-export-pdf": Row(
        STAFF, READ, lambda g: {**series(g), "export": g.export.public_id}
    ),
    "workshops:report-text-edit": Row(STAFF, FORM, lambda g: {**series(g), "key": g.report_key}),
    "workshops:summary": Row(STAFF, FORM, held),
    "workshops:summary-pdf": Row(STAFF, READ, held),
    "workshops:comments": Row(STAFF, READ, series),
    "workshops:comment-reply": Row(
        STAFF, WRITE, lambda g: {**series(g), "comment": g.comment.public_id}
    ),
    "workshops:comment-addressed": Row(
        STAFF, WRITE, lambda g: {**series(g), "comment": g.comment.public_id}
    ),
    "workshops:task-add": Row(STAFF, WRITE, series),
    "workshops:task-edit": Row(STAFF, FORM, lambda g: {**series(g), "task": g.task.public_id}),
    "workshops:task-toggle": Row(STAFF, WRITE, lambda g: {**series(g), "task": g.task.public_id}),
    "workshops:task-delete": Row(STAFF, WRITE, lambda g: {**series(g), "task": g.task.public_id}),
    # workshops: a workshop and its agenda
    "workshops:workshop-detail": Row(STAFF, READ, planned),
    "workshops:workshop-edit": Row(STAFF, FORM, planned),
    "workshops:step-add": Row(STAFF, WRITE, planned),
    "workshops:step-edit": Row(
        STAFF, FORM, lambda g: {**planned(g), "step": g.planned_step.public_id}
    ),
    "workshops:step-delete": Row(
        STAFF, WRITE, lambda g: {**planned(g), "step": g.planned_step.public_id}
    ),
    "workshops:step-move": Row(
        STAFF,
        WRITE,
        lambda g: {**planned(g), "step": g.planned_step.public_id, "direction": "down"},
    ),
    # workshops: facilitating live
    "workshops:cockpit": Row(STAFF, READ, live),
    "workshops:room": Row(STAFF, READ, live),
    "workshops:go-live": Row(STAFF, WRITE, planned),
    "workshops:live-end": Row(STAFF, WRITE, live),
    "workshops:live-poll": Row(STAFF, READ, live),
    "workshops:live-step-go": Row(STAFF, WRITE, lambda g: step_of(g, "brainstorm")),
    "workshops:live-step-move": Row(STAFF, WRITE, lambda g: {**live(g), "direction": "next"}),
    "workshops:live-timer": Row(STAFF, WRITE, lambda g: {**live(g), "action": "start"}),
    "workshops:live-step-control": Row(STAFF, WRITE, lambda g: {**live(g), "action": "reveal"}),
    "workshops:live-note-hide": Row(STAFF, WRITE, lambda g: {**live(g), "note": g.note.public_id}),
    "workshops:live-group": Row(STAFF, WRITE, lambda g: step_of(g, "themes")),
    "workshops:live-theme-rename": Row(
        STAFF, WRITE, lambda g: {**step_of(g, "themes"), "theme": g.theme.public_id}
    ),
    "workshops:live-theme-delete": Row(
        STAFF, WRITE, lambda g: {**step_of(g, "themes"), "theme": g.theme.public_id}
    ),
    "workshops:live-ungroup": Row(
        STAFF, WRITE, lambda g: {**step_of(g, "themes"), "note": g.note.public_id}
    ),
    "workshops:live-theme-accept": Row(
        STAFF, WRITE, lambda g: {**live(g), "suggestion": g.theme_suggestion.public_id}
    ),
    "workshops:live-theme-dismiss": Row(
        STAFF, WRITE, lambda g: {**live(g), "suggestion": g.theme_suggestion.public_id}
    ),
    "workshops:live-vote-settings": Row(STAFF, WRITE, lambda g: step_of(g, "vote")),
    "workshops:live-prioritise": Row(STAFF, WRITE, lambda g: step_of(g, "prioritise")),
    # live: a participant's phone
    "live:join": Row(PUBLIC, FORM, lambda g: {}),
    "live:join-workshop": Row(PUBLIC, FORM, lambda g: {"code": g.live.join_code}),
    "live:participant": Row(PARTICIPANT, READ, lambda g: {"workshop": g.live.code}),
    "live:poll": Row(PARTICIPANT, READ, lambda g: {"workshop": g.live.code}),
    "live:note-post": Row(PARTICIPANT, WRITE, lambda g: {"workshop": g.live.code}),
    "live:note-edit": Row(
        PARTICIPANT, FORM, lambda g: {"workshop": g.live.code, "note": g.note.public_id}
    ),
    "live:note-delete": Row(
        PARTICIPANT,
        WRITE,
        lambda g: {"workshop": g.live.code, "note": g.note.public_id},
        prepare=at_step("brainstorm"),
    ),
    "live:dot": Row(PARTICIPANT, WRITE, lambda g: {"workshop": g.live.code}),
    "live:theme-suggest": Row(PARTICIPANT, WRITE, lambda g: {"workshop": g.live.code}),
    # people: between workshops
    "people:return": Row(TOKEN, READ, lambda g: {"token": g.link_token}),
    "people:my-series": Row(PARTICIPANT, READ, series),
    "people:my-email": Row(PARTICIPANT, WRITE, series),
    "people:my-delete": Row(PARTICIPANT, FORM, series),
    "people:prework": Row(PARTICIPANT, FORM, planned),
    "people:summary": Row(PARTICIPANT, READ, held),
    "people:summary-pdf": Row(PARTICIPANT, READ, held),
    "people:comment": Row(PARTICIPANT, WRITE, held),
    "people:calendar-feed": Row(TOKEN, READ, lambda g: {"key": g.feed_key}),
    "people:calendar-workshop": Row(
        TOKEN, READ, lambda g: {"key": g.feed_key, "workshop": g.planned.code}
    ),
    # cases
    "cases:index": Row(STAFF, READ, series),
    "cases:create": Row(STAFF, FORM, lambda g: {**series(g), "kind": "case"}),
    "cases:detail": Row(
        STAFF, READ, lambda g: {**series(g), "kind": "case", "public_id": g.case.public_id}
    ),
    "cases:edit": Row(
        STAFF, FORM, lambda g: {**series(g), "kind": "case", "public_id": g.case.public_id}
    ),
    "cases:delete": Row(
        STAFF, WRITE, lambda g: {**series(g), "kind": "case", "public_id": g.case.public_id}
    ),
    "cases:item-add": Row(STAFF, WRITE, item),
    "cases:item-edit": Row(STAFF, FORM, lambda g: item(g, item_id=g.event.public_id)),
    "cases:item-delete": Row(STAFF, WRITE, lambda g: item(g, item_id=g.event.public_id)),
    "cases:item-move": Row(
        STAFF, WRITE, lambda g: item(g, item_id=g.event.public_id, direction="down")
    ),
    "cases:live-suggest": Row(PARTICIPANT, WRITE, lambda g: {"workshop": g.live.code}),
    "cases:live-choose": Row(STAFF, WRITE, lambda g: step_of(g, "persona")),
    "cases:live-accept": Row(
        STAFF, WRITE, lambda g: {**live(g), "suggestion": g.case_suggestion.public_id}
    ),
    "cases:live-dismiss": Row(
        STAFF, WRITE, lambda g: {**live(g), "suggestion": g.case_suggestion.public_id}
    ),
    # feedback
    "feedback:series": Row(STAFF, READ, series),
    "feedback:export": Row(
        STAFF, READ, lambda g: {**series(g), "dataset": "kaikki", "fmt": "xlsx"}
    ),
    "feedback:workshop-results": Row(STAFF, READ, held),
    "feedback:form-edit": Row(STAFF, READ, lambda g: {**held(g), "step": g.form.step.public_id}),
    "feedback:item-add": Row(STAFF, WRITE, lambda g: {**held(g), "step": g.form.step.public_id}),
    "feedback:item-save": Row(
        STAFF,
        WRITE,
        lambda g: {**held(g), "step": g.form.step.public_id, "item": g.form_item.public_id},
    ),
    "feedback:item-delete": Row(
        STAFF,
        WRITE,
        lambda g: {**held(g), "step": g.form.step.public_id, "item": g.form_item.public_id},
    ),
    "feedback:form-state": Row(
        STAFF, WRITE, lambda g: {**held(g), "step": g.form.step.public_id, "action": "publish"}
    ),
    "feedback:indicator-add": Row(STAFF, WRITE, series, rightful=COORDINATOR_ONLY),
    "feedback:indicator": Row(
        STAFF,
        READ,
        lambda g: {**series(g), "indicator": g.indicator.public_id},
    ),
    "feedback:indicator-edit": Row(
        STAFF,
        WRITE,
        lambda g: {**series(g), "indicator": g.indicator.public_id},
        rightful=COORDINATOR_ONLY,
    ),
    "feedback:indicator-delete": Row(
        STAFF,
        WRITE,
        lambda g: {**series(g), "indicator": g.indicator.public_id},
        rightful=COORDINATOR_ONLY,
    ),
    "feedback:measurement-add": Row(
        STAFF,
        WRITE,
        lambda g: {**series(g), "indicator": g.indicator.public_id},
        rightful=COORDINATOR_ONLY,
    ),
    "feedback:measurement-delete": Row(
        STAFF,
        WRITE,
        lambda g: {
            **series(g),
            "indicator": g.indicator.public_id,
            "measurement": g.measurement.public_id,
        },
        rightful=COORDINATOR_ONLY,
    ),
    "feedback:afterwards": Row(PARTICIPANT, FORM, lambda g: {"workshop": g.held.code}),
    "feedback:participant-results": Row(PARTICIPANT, READ, lambda g: {"workshop": g.held.code}),
    "feedback:live-submit": Row(
        PARTICIPANT, WRITE, lambda g: {"workshop": g.live.code}, prepare=at_step("feedback")
    ),
}

# Patterns the matrix leaves out, each with the reason. Keys are URL names or namespaces.
SKIPPED_NAMESPACES = {
    "admin": "Django's admin: only is_staff superusers reach it; Django tests its own checks",
}
SKIPPED_NAMES = {
    "set_language": "Django's i18n view: sets the language of the visitor's own session only",
}
SKIPPED_ROUTES = {
    "bench/floor/": "only with NOPSA_BENCH (never in production): `make bench`'s bare view",
}
# Not in the URLconf at all, so nothing to skip: static and media files (WhiteNoise serves
# static files outside Django's URLs; there are no uploaded media) and django-tasks (the
# report export's worker has no URLs; its admin pages are under admin/).


# --- Walking the URLconf ------------------------------------------------------------------------


def url_names(resolver: URLResolver, prefix: str = "") -> list[str]:
    """Every pattern's full name (`namespace:name`), through includes; a pattern without a
    name is listed by its route, so that it is reported too."""
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            inner = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names += url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            if str(pattern.pattern) in SKIPPED_ROUTES:
                continue
            names.append(prefix + (pattern.name or f"<unnamed {pattern.pattern}>"))
    return names


def uncovered(resolver: URLResolver) -> list[str]:
    return sorted(
        name
        for name in set(url_names(resolver))
        if name not in MATRIX and name not in SKIPPED_NAMES
    )


def test_every_url_pattern_has_a_row_in_the_matrix():
    assert uncovered(get_resolver()) == [], (
        "URL patterns without permission tests: add a row to MATRIX in this file"
    )


def test_every_row_of_the_matrix_names_a_url_pattern():
    assert sorted(set(MATRIX) - set(url_names(get_resolver()))) == []


def test_the_coverage_check_reports_an_unlisted_pattern():
    unlisted = ["<unnamed series/<code:code>/nameless/>", "extra:secret", "matrix-unlisted"]
    assert uncovered(get_resolver("tests.matrix_urls")) == unlisted
    with override_settings(ROOT_URLCONF="tests.matrix_urls"):
        assert uncovered(get_resolver()) == unlisted
        with pytest.raises(AssertionError, match="URL patterns without permission tests"):
            test_every_url_pattern_has_a_row_in_the_matrix()


# --- The object graph ---------------------------------------------------------------------------


def participant_cookie(participant: Participant, token: str) -> str:
    entries = {str(participant.series_id): f"{participant.pk}:{token}"}
    return signing.dumps(entries, salt=identity.COOKIE_SALT, compress=True)


def session_of(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def build_graph() -> SimpleNamespace:
    g = SimpleNamespace()
    organisation = OrganisationFactory(name="Esimerkkilän hyvinvointialue")
    other_organisation = OrganisationFactory(name="Muualla oleva hyvinvointialue")

    def member(org, username, role):
        user = UserFactory(username=username)
        MembershipFactory(organisation=org, user=user, role=role)
        return user

    g.organisation = organisation
    g.facilitator = member(organisation, "fanni", Membership.Role.FACILITATOR)
    g.colleague = member(organisation, "kalle", Membership.Role.FACILITATOR)
    g.coordinator = member(organisation, "kaisa", Membership.Role.COORDINATOR)
    g.other_coordinator = member(other_organisation, "otto", Membership.Role.COORDINATOR)
    g.series = SeriesFactory(organisation=organisation, facilitators=[g.facilitator])

    # A held workshop: a feedback form, a summary and a comment on it.
    g.held = WorkshopFactory(series=g.series, position=1)
    StepFactory(workshop=g.held, position=1, kind="brainstorm", title="Hukat")
    feedback_step = StepFactory(workshop=g.held, position=2, kind="feedback", title="Palaute")
    g.form = feedback_services.form_ensure(step=feedback_step)
    g.form_item = g.form.items.first()
    Workshop.objects.filter(pk=g.held.pk).update(state=Workshop.State.HELD)
    g.held.refresh_from_db()
    summary = summary_services.summary_for(g.held)
    summary.published_at = timezone.now()
    summary.save()
    feedback_services.form_set_published(form=g.form, published=True)

    # A live workshop with Anna on her phone, notes in a theme and suggestions waiting.
    g.live = WorkshopFactory(series=g.series, position=2)
    g.live_steps = {}
    for position, kind in enumerate(
        ["brainstorm", "themes", "vote", "prioritise", "persona", "feedback"], start=1
    ):
        g.live_steps[kind] = StepFactory(
            workshop=g.live, position=position, kind=kind, title=kind, duration_minutes=10
        )
    g.live = live_services.workshop_go_live(workshop=g.live)
    g.live_steps = {kind: g.live.steps.get(pk=step.pk) for kind, step in g.live_steps.items()}
    g.anna, anna_token = live_services.participant_join(
        workshop=g.live, nickname="Anna", kind=Participant.Kind.PROFESSIONAL
    )
    Attendance.objects.create(participant=g.anna, workshop=g.held)
    g.live = live_services.step_go(workshop=g.live, step=g.live_steps["brainstorm"])
    g.note, _ = live_services.note_post(
        workshop=g.live, participant=g.anna, text="Tieto ei kulje", client_id=uuid.uuid4()
    )
    other_note, _ = live_services.note_post(
        workshop=g.live, participant=g.anna, text="Jonot puhelimessa", client_id=uuid.uuid4()
    )
    live_services.step_reveal(step=g.live_steps["brainstorm"])
    g.live = live_services.step_go(workshop=g.live, step=g.live_steps["themes"])
    g.theme = converge.notes_group(
        workshop=g.live,
        step=g.live_steps["themes"],
        note_ids=[g.note.public_id],
        new_name="Tiedonkulku",
    )
    g.theme_suggestion = ThemeSuggestion.objects.create(
        workshop=g.live,
        step=g.live_steps["themes"],
        participant=g.anna,
        client_id=uuid.uuid4(),
        note=other_note,
        new_name="Odottaminen",
    )
    g.case_suggestion = Suggestion.objects.create(
        workshop=g.live,
        step=g.live_steps["persona"],
        participant=g.anna,
        client_id=uuid.uuid4(),
        kind=Suggestion.Kind.PERSONA_LINE,
        data={"field": "needs", "text": "Yksi yhteyshenkilö"},
    )

    # A planned workshop: an agenda to edit and a pre-work question.
    g.planned = WorkshopFactory(series=g.series, position=3)
    g.planned_step = StepFactory(workshop=g.planned, position=1, kind="brainstorm")
    StepFactory(workshop=g.planned, position=2, kind="discussion")
    g.question = PreworkQuestion.objects.create(workshop=g.planned, text="Mitä haluat käsitellä?")

    # The series' own things.
    g.task = SeriesTaskFactory(series=g.series, after_workshop=g.held)
    g.practice = Practice.objects.create(series=g.series, name="Yhteinen kirjaaminen")
    g.case = CaseFactory(series=g.series)
    PersonaFactory(series=g.series)
    g.path = ServicePathFactory(series=g.series, case=g.case)
    g.event = PathEventFactory(path=g.path)
    PathEventFactory(path=g.path)
    g.indicator = Indicator.objects.create(series=g.series, name="Jonotusaika", unit="pv")
    g.measurement = Measurement.objects.create(
        indicator=g.indicator, date=dt.date(2026, 1, 1), value=12
    )
    g.comment = Comment.objects.create(
        series=g.series,
        target_kind="summary",
        target_id=summary.public_id,
        participant=g.anna,
        text="Hyvä yhteenveto",
    )
    g.export = exports.export_request(series=g.series, by=g.facilitator)
    ReportExport.objects.filter(pk=g.export.pk).update(
        state=ReportExport.State.DONE, pdf=b"%PDF-1.7 matrix", finished_at=timezone.now()
    )
    g.report_key = next(iter(practice_model.CORE_KEYS))
    g.link_token = people_services.issue_link(g.anna, by=g.facilitator)
    g.feed_key = calendar.feed_key(g.series)

    # Another series of the same organisation, run by the colleague, with its own participant.
    g.other_series = SeriesFactory(organisation=organisation, facilitators=[g.colleague])
    other_live = WorkshopFactory(series=g.other_series, position=1)
    StepFactory(workshop=other_live, position=1, kind="brainstorm")
    other_live = live_services.workshop_go_live(workshop=other_live)
    g.other_workshop = other_live
    bea, bea_token = live_services.participant_join(
        workshop=other_live, nickname="Bea", kind=Participant.Kind.CLIENT
    )
    g.other_feed_key = calendar.feed_key(g.other_series)
    g.other_link_token = people_services.issue_link(bea, by=g.colleague)

    # Who is on which device: staff sessions and participants' cookies, made once.
    g.sessions = {
        "facilitator": session_of(g.facilitator),
        "colleague": session_of(g.colleague),
        "coordinator": session_of(g.coordinator),
        "other_coordinator": session_of(g.other_coordinator),
    }
    # A participant of the same series who attended neither the held nor the live workshop.
    carl_token = identity.new_token()
    carl = Participant.objects.create(
        series=g.series,
        token_hash=identity.hash_token(carl_token),
        nickname="Carl",
        kind=Participant.Kind.PROFESSIONAL,
    )
    g.cookies = {
        "anna": participant_cookie(g.anna, anna_token),
        "other_workshop_participant": participant_cookie(carl, carl_token),
        "other_participant": participant_cookie(bea, bea_token),
    }
    return g


@pytest.fixture(scope="module")
def graph(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        g = build_graph()
        yield g
        transaction.set_rollback(True)


@pytest.fixture
def g(graph, db):
    """The graph, in a savepoint that each test rolls back."""
    return graph


def client_as(g, who: str, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    if who in g.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = g.sessions[who]
    elif who in g.cookies:
        client.cookies[identity.cookie_name()] = g.cookies[who]
    return client


# --- Watching the database ----------------------------------------------------------------------

IGNORED_TABLES = {"django_session"}  # a visitor's own session is not the app's data


def _tables() -> list[str]:
    return sorted(
        {m._meta.db_table for m in apps.get_models(include_auto_created=True)} - IGNORED_TABLES
    )


def row_counts() -> dict[str, int]:
    tables = _tables()
    quote = connection.ops.quote_name
    # One query for all tables; the names come from the app registry, quoted.
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)  # noqa: S608
    sql = f"SELECT {counts}"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


class WriteRecorder:
    """Every INSERT, UPDATE or DELETE a request runs (rolled back or not), but the session's."""

    def __init__(self):
        self.writes: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if head in ("INSERT", "UPDATE", "DELETE", "REPLACE") and not any(
            t in sql for t in IGNORED_TABLES
        ):
            self.writes.append(sql[:200])
        return execute(sql, params, many, context)


def request_watching(client: Client, method: str, url: str):
    """The response and what the request wrote: (response, writes, changed row counts)."""
    recorder = WriteRecorder()
    before = row_counts()
    with connection.execute_wrapper(recorder):
        response = getattr(client, method)(url)
    after = row_counts()
    changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
    return response, recorder.writes, changed


def methods_of(row: Row) -> list[str]:
    return {READ: ["get"], FORM: ["get", "post"], WRITE: ["post"]}[row.use]


def url_of(g, name: str, **override) -> str:
    return reverse(name, kwargs={**MATRIX[name].args(g), **override})


def names(*kinds: str, uses: tuple[str, ...] = (READ, FORM, WRITE)) -> list[str]:
    return sorted(n for n, r in MATRIX.items() if r.kind in kinds and r.use in uses)


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- The rightful user is not refused (the rows' arguments name real objects) -------------------

RIGHTFUL = {STAFF: "facilitator", ACCOUNT: "facilitator", PARTICIPANT: "anna"}


def rightful(name: str) -> str:
    row = MATRIX[name]
    return row.rightful or RIGHTFUL.get(row.kind, "nobody")


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_the_rightful_user_reaches_the_url(g, name):
    row = MATRIX[name]
    if row.prepare:
        row.prepare(g)
    client = client_as(g, rightful(name))
    method = "get" if row.use in (READ, FORM) else "post"
    response = getattr(client, method)(url_of(g, name))
    assert response.status_code not in (403, 404, 405), (name, response.status_code)
    assert response.status_code < 500
    if row.kind != PUBLIC:  # logging out goes to the login page
        assert not is_login_redirect(response)


# --- Outsiders: 404 (or the login page) and nothing written -------------------------------------

STAFF_OUTSIDERS = ["anonymous", "colleague", "other_coordinator", "anna"]
PARTICIPANT_OUTSIDERS = ["anonymous", "other_participant", "colleague"]


@pytest.mark.parametrize("who", STAFF_OUTSIDERS)
@pytest.mark.parametrize("name", names(STAFF))
def test_outsiders_get_404_from_staff_urls_and_change_nothing(g, name, who):
    client = client_as(g, who)
    for method in methods_of(MATRIX[name]):
        response, writes, changed = request_watching(client, method, url_of(g, name))
        if who in ("anonymous", "anna"):
            assert is_login_redirect(response), (method, response.status_code)
        else:
            assert response.status_code == 404, (method, response.status_code)
        assert writes == [], method
        assert changed == {}, method


@pytest.mark.parametrize("who", PARTICIPANT_OUTSIDERS)
@pytest.mark.parametrize("name", names(PARTICIPANT))
def test_outsiders_get_404_from_participant_urls_and_change_nothing(g, name, who):
    client = client_as(g, who)
    for method in methods_of(MATRIX[name]):
        response, writes, changed = request_watching(client, method, url_of(g, name))
        assert response.status_code == 404, (method, response.status_code)
        assert writes == [], method
        assert changed == {}, method


# A workshop's participant pages: only for the devices that attended that workshop.
WORKSHOP_SCOPED = [
    n for n in names(PARTICIPANT) if n.split(":")[0] in ("live", "feedback", "cases")
]


@pytest.mark.parametrize("name", WORKSHOP_SCOPED)
def test_a_participant_of_another_workshop_of_the_series_gets_404_and_changes_nothing(g, name):
    client = client_as(g, "other_workshop_participant")
    for method in methods_of(MATRIX[name]):
        response, writes, changed = request_watching(client, method, url_of(g, name))
        assert response.status_code == 404, (method, response.status_code)
        assert writes == [] and changed == {}, method


# --- Their own series' address with our object: each object is looked up inside its scope -----

# Arguments that choose a variant of a page, not an object.
NOT_OBJECTS = {"kind", "item_kind", "direction", "action", "dataset", "fmt", "key", "slug"}


def mixed_args(g, name: str) -> dict | None:
    """The row's arguments with the outsider's own series (and workshop) put in, keeping our
    object: a facilitator of series B asks for series B's address with series A's task, step,
    note, ... The outsider may open their own series, so each object must be looked up in the
    scope of the address, or B's address leaks A's object. None when nothing of ours is left
    (the address would be wholly the outsider's own)."""
    row = MATRIX[name]
    args = row.args(g)
    objects = set(args) - NOT_OBJECTS - {"code", "workshop"}
    mixed = dict(args)
    if "code" in args:
        mixed["code"] = g.other_series.code
        if objects and "workshop" in args:
            mixed["workshop"] = g.other_workshop.code
        elif not objects and "workshop" not in args:
            return None
    elif "workshop" in args:
        if not objects:
            return None
        mixed["workshop"] = g.other_workshop.code
    else:
        return None
    return mixed


class _Anything:
    """Stands for the graph when only the names of a row's arguments are wanted."""

    def __getattr__(self, name):
        return self

    def __getitem__(self, key):
        return self


def has_mixed_args(name: str) -> bool:
    return mixed_args(_Anything(), name) is not None


# Coordinator-only rows are left out: the colleague's role is refused (403) before any lookup.
MIXED_STAFF = [n for n in names(STAFF) if MATRIX[n].rightful is None and has_mixed_args(n)]
MIXED_PARTICIPANT = [n for n in names(PARTICIPANT) if has_mixed_args(n)]


# In the cockpit an unknown theme suggestion is "no longer there" (another tab may have
# decided it): a redirect back with that message rather than 404. Another series' suggestion
# must get exactly that answer, the same as an id that never existed.
ANSWERED_AS_GONE = {"workshops:live-theme-accept", "workshops:live-theme-dismiss"}


def made_up_objects(args: dict) -> dict:
    return {
        k: uuid.uuid4() if k not in NOT_OBJECTS | {"code", "workshop"} else v
        for k, v in args.items()
    }


@pytest.mark.parametrize("name", MIXED_STAFF)
def test_another_series_facilitator_cannot_reach_our_object_through_their_own_series(g, name):
    client = client_as(g, "colleague")
    args = mixed_args(g, name)
    for method in methods_of(MATRIX[name]):
        response, writes, changed = request_watching(client, method, reverse(name, kwargs=args))
        assert writes == [] and changed == {}, method
        if name in ANSWERED_AS_GONE:
            made_up = getattr(client, method)(reverse(name, kwargs=made_up_objects(args)))
            assert response.status_code == made_up.status_code == 302
            assert response["Location"] == made_up["Location"]
        else:
            assert response.status_code == 404, (method, response.status_code)


@pytest.mark.parametrize("name", MIXED_PARTICIPANT)
def test_another_series_participant_cannot_reach_our_object_through_their_own_series(g, name):
    client = client_as(g, "other_participant")
    url = reverse(name, kwargs=mixed_args(g, name))
    for method in methods_of(MATRIX[name]):
        response, writes, changed = request_watching(client, method, url)
        assert response.status_code == 404, (method, response.status_code)
        assert writes == [] and changed == {}, method


def token_outsiders(g) -> dict[str, dict]:
    """For each token URL: arguments an outsider could try instead of the real ones."""
    forged_key = signing.Signer(salt="not-the-feed").sign(g.series.code)
    return {
        "people:return": [
            {"token": "x" * 43},
            # One character off (never the same character: the token may end in "A").
            {"token": g.link_token[:-1] + ("B" if g.link_token.endswith("A") else "A")},
        ],
        "people:calendar-feed": [{"key": forged_key}, {"key": g.series.code}],
        "people:calendar-workshop": [
            {"key": forged_key},
            # Another series' key does not open this series' workshop.
            {"key": g.other_feed_key},
        ],
    }


@pytest.mark.parametrize("name", names(TOKEN))
def test_a_wrong_or_another_series_token_gets_404_and_changes_nothing(g, name):
    tries = token_outsiders(g)[name]
    assert tries
    for override in tries:
        response, writes, changed = request_watching(Client(), "get", url_of(g, name, **override))
        assert response.status_code == 404, override
        assert writes == [] and changed == {}, override


def test_the_watch_sees_what_a_request_writes(g):
    """The no-change checks can fail: a rightful write is seen both as statements and counts."""
    client = client_as(g, "facilitator")
    _response, writes, changed = request_watching(
        client, "post", url_of(g, "workshops:task-toggle")
    )
    assert any(w.startswith("UPDATE") for w in writes)
    _response, writes, changed = request_watching(
        client_as(g, "coordinator"), "post", url_of(g, "feedback:indicator-delete")
    )
    assert any(w.startswith("DELETE") for w in writes)
    assert changed["feedback_indicator"][0] - changed["feedback_indicator"][1] == 1


def test_a_personal_link_of_another_series_leads_to_that_series_only(g):
    client = Client()
    response = client.get(reverse("people:return", args=[g.other_link_token]))
    assert response.status_code == 302
    assert client.get(url_of(g, "people:my-series")).status_code == 404


@pytest.mark.parametrize("name", names(ACCOUNT))
def test_anonymous_gets_the_login_page_for_account_urls(g, name):
    for method in methods_of(MATRIX[name]):
        response, writes, changed = request_watching(Client(), method, url_of(g, name))
        assert is_login_redirect(response), method
        assert writes == [] and changed == {}


def test_another_organisations_coordinator_cannot_start_a_series_in_this_organisation(g):
    """The one ACCOUNT write: the form offers only the user's own organisations."""
    client = client_as(g, "other_coordinator")
    response, writes, changed = request_watching(
        client, "post", url_of(g, "workshops:series-create")
    )
    assert response.status_code == 200  # the form again, with errors
    assert writes == [] and changed == {}


# --- Write endpoints: GET refused, POST without a CSRF token refused ----------------------------


@pytest.mark.parametrize("name", names(STAFF, PARTICIPANT, ACCOUNT, PUBLIC, uses=(WRITE,)))
def test_a_write_endpoint_refuses_get(g, name):
    client = client_as(g, rightful(name))
    response, writes, changed = request_watching(client, "get", url_of(g, name))
    assert response.status_code == 405
    assert writes == [] and changed == {}


@pytest.mark.parametrize("name", names(STAFF, PARTICIPANT, ACCOUNT, TOKEN, PUBLIC, uses=(READ,)))
def test_a_read_endpoint_refuses_post_and_writes_nothing_on_get(g, name):
    client = client_as(g, rightful(name))
    response, _writes, changed = request_watching(client, "post", url_of(g, name))
    assert response.status_code == 405
    assert changed == {}


@pytest.mark.parametrize(
    "name", names(STAFF, PARTICIPANT, ACCOUNT, TOKEN, PUBLIC, uses=(WRITE, FORM))
)
def test_a_post_without_a_csrf_token_is_refused_and_changes_nothing(g, name):
    client = client_as(g, rightful(name), csrf=True)
    response, writes, changed = request_watching(client, "post", url_of(g, name))
    assert response.status_code == 403
    assert b"CSRF" in response.content, "refused by the CSRF check, not by a permission"
    assert writes == [] and changed == {}
