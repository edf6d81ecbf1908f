"""Arbitrary text into every form and endpoint that takes text (issue 9, items 5 and 7).

Hypothesis writes text — control characters, NUL, right-to-left marks, astral characters, very
long strings — always carrying a piece of markup, into every text field of every endpoint in
`TARGETS`, as the endpoint's rightful user. Whatever the text:

- never a 500 (a refusal is a form with a message; PostgreSQL refuses NUL in text columns, so
  the forms must refuse it first);
- never a duplicate: an endpoint whose posts carry a client id is posted twice with the same
  one, and stores at most one row;
- never unescaped output: the markup never comes back raw, neither in the response nor in the
  page it leads to (and for the texts that others see, on the pages that show them).

`test_every_endpoint_that_takes_text_is_fuzzed` walks the permission matrix's POST rows
(tests/test_permission_matrix.py): each must be in `TARGETS` or in `NO_TEXT` with the reason,
so a new form cannot land without being fuzzed. `test_each_target_reaches_its_form` is the
positive control: a plain marker posted the same way is saved or shown back, which proves that
the field names are the form's own (a wrong name would make the fuzzing test nothing).

The graph of objects is the permission matrix's, made once for the module.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import Suggestion
from tests import test_permission_matrix as matrix
from workshops.feedback import services as feedback_services
from workshops.feedback.models import FeedbackForm
from workshops.feedback.services import field_name
from workshops.models import Note, PreworkQuestion, ThemeSuggestion

PROBE = '<script>alert("nopsa")</script><img src=x onerror=alert(1)>'
RAW_MARKUP = ('<script>alert("nopsa")', "<img src=x onerror")

# Text with anything in it but lone surrogates (a browser cannot send them: they are not UTF-8).
ANY_CHARACTER = st.characters(blacklist_categories=("Cs",))
PIECES = st.one_of(
    st.text(ANY_CHARACTER, max_size=80),
    st.text(st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=5),  # control chars
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "\u202eKäännetty",
            "𝕏𝕪𝕫 🙂",
            "&amp; &lt;b&gt;",
            "{{ 1|add:1 }} {% csrf_token %}",
            "%(name)s %s {0}",
            "x" * 5000,
            "ä" * 70_000,
            "\r\n\r\n",
            "010190-123A",
        ]
    ),
)
TEXTS = st.builds(lambda a, b: f"{a}{PROBE}{b}", PIECES, PIECES)


@dataclass(frozen=True)
class Target:
    """How to post text to one URL name of the permission matrix."""

    # The POST data with `text` in every text field.
    data: Callable[..., dict]
    # Puts the graph in the state the endpoint needs (a step of the live workshop).
    prepare: Callable | None = None
    # The field that carries the client's id: posted twice with the same id, one row at most.
    client_id: str | None = None
    # The rows counted for duplicates.
    counted: Callable[..., int] | None = None
    # Pages, besides the response, where others see the text: (who, URL name, kwargs).
    shown_at: tuple[tuple[str, str, Callable], ...] = ()
    htmx: bool = False
    who: str | None = None  # the matrix's rightful user unless given
    # Whether a plain text is saved or shown back (not so for numbers typed as text).
    echoes: bool = True


def live_note(g) -> Note:
    return Note.objects.filter(workshop=g.live).exclude(pk=g.note.pk).first()


def feedback_answers(form: FeedbackForm, text: str) -> dict:
    data = {"form": str(form.public_id)}
    for item in form.items.all():
        data[field_name(item)] = "3" if item.is_scale else text
    return data


def live_feedback_form(g) -> FeedbackForm:
    return feedback_services.form_ensure(step=g.live_steps["feedback"])


def prework_answers(g, text: str) -> dict:
    return {
        f"q_{q.public_id.hex}": text for q in PreworkQuestion.objects.filter(workshop=g.planned)
    }


def cockpit(g):
    return matrix.live(g)


TARGETS: dict[str, Target] = {
    # --- Public: joining and logging in
    "login": Target(lambda g, t: {"username": t, "password": t}),
    "live:join": Target(lambda g, t: {"code": t}),
    "live:join-workshop": Target(
        lambda g, t: {"nickname": t, "kind": "professional", "organisation_name": t},
        who="anonymous",
    ),
    # --- A participant's phone
    "live:note-post": Target(
        lambda g, t: {"text": t, "category": "", "client_id": g.client_id},
        prepare=matrix.at_step("brainstorm"),
        client_id="client_id",
        counted=lambda g: Note.objects.filter(workshop=g.live).count(),
        shown_at=(("facilitator", "workshops:cockpit", cockpit),),
        htmx=True,
    ),
    "live:note-edit": Target(
        lambda g, t: {"text": t, "category": ""},
        prepare=matrix.at_step("brainstorm"),
        htmx=True,
    ),
    "live:theme-suggest": Target(
        lambda g, t: {"client_id": g.client_id, "note": live_note(g).public_id, "new_name": t},
        prepare=matrix.at_step("themes"),
        client_id="client_id",
        counted=lambda g: ThemeSuggestion.objects.filter(workshop=g.live).count(),
        shown_at=(("facilitator", "workshops:cockpit", cockpit),),
        htmx=True,
    ),
    "cases:live-suggest": Target(
        lambda g, t: {"client_id": g.client_id, "part": "needs", "text": t},
        prepare=matrix.at_step("persona"),
        client_id="client_id",
        counted=lambda g: Suggestion.objects.filter(workshop=g.live).count(),
        shown_at=(("facilitator", "workshops:cockpit", cockpit),),
        htmx=True,
    ),
    "feedback:live-submit": Target(
        lambda g, t: feedback_answers(live_feedback_form(g), t),
        prepare=matrix.at_step("feedback"),
        htmx=True,
    ),
    "feedback:afterwards": Target(lambda g, t: feedback_answers(g.form, t)),
    "people:comment": Target(
        lambda g, t: {"text": t, "kind": "summary", "target": g.comment.target_id},
        shown_at=(("facilitator", "workshops:comments", matrix.series),),
    ),
    "people:prework": Target(prework_answers),
    "people:my-email": Target(lambda g, t: {"email": t}),
    # --- Staff: a series and its workshops
    "workshops:series-create": Target(
        lambda g, t: {
            "title": t,
            "goal": t,
            "target_group": t,
            "language": "fi",
            "facilitators": [g.facilitator.pk],
            "organisation": g.series.organisation_id,
            "place": t,
        }
    ),
    "workshops:series-edit": Target(
        lambda g, t: {
            "title": t,
            "goal": t,
            "target_group": t,
            "language": "fi",
            "facilitators": [g.facilitator.pk],
        }
    ),
    "workshops:workshop-edit": Target(
        lambda g, t: {"title": t, "purpose": t, "duration_minutes": "120", "place": t}
    ),
    "workshops:step-add": Target(
        lambda g, t: {
            "add-kind": "brainstorm",
            "add-title": t,
            "add-duration_minutes": "10",
            "add-instructions": t,
        }
    ),
    "workshops:step-edit": Target(
        lambda g, t: {
            f"s-{g.planned_step.public_id}-kind": "brainstorm",
            f"s-{g.planned_step.public_id}-title": t,
            f"s-{g.planned_step.public_id}-duration_minutes": "10",
            f"s-{g.planned_step.public_id}-instructions": t,
        }
    ),
    "workshops:prework-add": Target(lambda g, t: {"prework-text": t}),
    "workshops:participant-invite": Target(
        lambda g, t: {"nickname": t, "kind": "client", "organisation_name": t, "email": ""}
    ),
    "workshops:task-add": Target(lambda g, t: {"text": t, "owner_role": t}),
    "workshops:task-edit": Target(lambda g, t: {"text": t, "owner_role": t, "status": "open"}),
    "workshops:comment-reply": Target(
        lambda g, t: {"text": t, "kind": "summary", "target": g.comment.target_id}
    ),
    "workshops:summary": Target(lambda g, t: {"intro": t}),
    "workshops:practice-create": Target(
        lambda g, t: {
            "name": t,
            "description": t,
            "elements": t,
            "principles": t,
            "owners": t,
            "conditions": t,
            "tips": t,
        }
    ),
    "workshops:practice-edit": Target(lambda g, t: {"name": t, "description": t, "tips": t}),
    "workshops:practice-status": Target(
        lambda g, t: {"status": "piloted", "date": "2026-01-01", "note": t}
    ),
    "workshops:document": Target(lambda g, t: {"text": t}),
    "workshops:report-text-edit": Target(lambda g, t: {"text": t}),
    # --- Staff: live facilitation
    "workshops:live-group": Target(
        lambda g, t: {"notes": [live_note(g).public_id], "new_name": t},
        prepare=matrix.at_step("themes"),
        htmx=True,
    ),
    "workshops:live-theme-rename": Target(
        lambda g, t: {"name": t}, prepare=matrix.at_step("themes"), htmx=True
    ),
    "workshops:live-vote-settings": Target(
        lambda g, t: {"budget": t, "max_per_item": t, "target": t},
        prepare=matrix.at_step("vote"),
        htmx=True,
        echoes=False,
    ),
    "workshops:live-prioritise": Target(
        lambda g, t: {"items": [str(g.theme.public_id)], f"text-{g.theme.public_id}": t},
        prepare=matrix.at_step("prioritise"),
        htmx=True,
    ),
    "workshops:live-timer": Target(lambda g, t: {"minutes": t}, htmx=True, echoes=False),
    # --- Cases
    "cases:create": Target(
        lambda g, t: {
            "title": t,
            "situation": t,
            "services_involved": t,
            "tried": t,
            "client_goal": t,
            "confirmed": "on",
        }
    ),
    "cases:edit": Target(
        lambda g, t: {"title": t, "situation": t, "client_goal": t, "confirmed": "on"}
    ),
    "cases:item-add": Target(
        lambda g, t: {
            "add-event-when": t,
            "add-event-actor": t,
            "add-event-what": t,
            "add-event-experience": "neutral",
        }
    ),
    "cases:item-edit": Target(
        lambda g, t: {
            f"e-{g.event.public_id}-when": t,
            f"e-{g.event.public_id}-actor": t,
            f"e-{g.event.public_id}-what": t,
            f"e-{g.event.public_id}-experience": "neutral",
        }
    ),
    # --- Feedback and indicators
    "feedback:item-add": Target(
        lambda g, t: {"kind": "open", "text": t, "low_label": t, "high_label": t}
    ),
    "feedback:item-save": Target(
        lambda g, t: {"kind": "scale", "text": t, "low_label": t, "high_label": t}
    ),
    "feedback:indicator-add": Target(
        lambda g, t: {"name": t, "unit": t, "direction": "down", "description": t}
    ),
    "feedback:indicator-edit": Target(
        lambda g, t: {"name": t, "unit": t, "direction": "down", "description": t}
    ),
    "feedback:measurement-add": Target(
        lambda g, t: {"date": "2026-02-01", "value": t, "source": t}
    ),
}

# POST endpoints of the matrix that take no free text, each with the reason.
NO_TEXT = {
    "logout": "no fields",
    "workshops:workshop-add": "no fields: adds an empty workshop",
    "workshops:participant-link": "a 'send' switch only",
    "workshops:participant-revoke": "no fields",
    "workshops:prework-delete": "no fields",
    "workshops:prework-send": "no fields",
    "workshops:practice-adopt": "a choice of workshop (model choice) only",
    "workshops:report-export": "no fields",
    "workshops:series-close": "a confirmation checkbox only",
    "workshops:series-reopen": "no fields",
    "people:my-delete": "a choice of what to delete and its confirmation checkbox",
    "workshops:comment-addressed": "an 'addressed' switch only",
    "workshops:task-toggle": "no fields",
    "workshops:task-delete": "no fields",
    "workshops:step-delete": "no fields",
    "workshops:step-move": "no fields (the direction is in the address)",
    "workshops:go-live": "no fields",
    "workshops:live-end": "no fields",
    "workshops:live-step-go": "no fields",
    "workshops:live-step-move": "no fields",
    "workshops:live-step-control": "no fields (the action is in the address)",
    "workshops:live-note-hide": "no fields",
    "workshops:live-theme-delete": "no fields",
    "workshops:live-ungroup": "no fields",
    "workshops:live-theme-accept": "no fields",
    "workshops:live-theme-dismiss": "no fields",
    "live:note-delete": "no fields",
    "live:dot": "ids of a note or theme and an action only (see tests/live converge tests)",
    "cases:delete": "no fields",
    "cases:item-delete": "no fields",
    "cases:item-move": "no fields",
    "cases:live-choose": "an id only",
    "cases:live-accept": "no fields",
    "cases:live-dismiss": "no fields",
    "feedback:item-delete": "no fields",
    "feedback:form-state": "no fields",
    "feedback:indicator-delete": "no fields",
    "feedback:measurement-delete": "no fields",
}


def test_every_endpoint_that_takes_text_is_fuzzed():
    posts = {n for n, row in matrix.MATRIX.items() if row.use in (matrix.FORM, matrix.WRITE)}
    assert sorted(posts - set(TARGETS) - set(NO_TEXT)) == [], (
        "POST endpoints neither fuzzed nor listed as taking no text: add them to TARGETS "
        "(or, with the reason, to NO_TEXT) in this file"
    )
    assert sorted((set(TARGETS) | set(NO_TEXT)) - posts) == []
    assert not set(TARGETS) & set(NO_TEXT)


# --- The graph, once for the module -------------------------------------------------------------


@pytest.fixture(scope="module")
def graph(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        g = matrix.build_graph()
        yield g
        transaction.set_rollback(True)


@pytest.fixture
def g(graph, db):
    return graph


def post(g, name: str, text: str, *, client_id: str | None = None):
    target = TARGETS[name]
    g.client_id = client_id or str(uuid.uuid4())
    who = target.who or matrix.rightful(name)
    client = matrix.client_as(g, who) if who != "anonymous" else Client()
    headers = {"HTTP_HX_REQUEST": "true"} if target.htmx else {}
    return client.post(
        matrix.url_of(g, name), target.data(g, text), follow=not target.htmx, **headers
    )


def assert_escaped(body: str, where: str) -> None:
    for raw in RAW_MARKUP:
        assert raw not in body, f"unescaped markup in {where}"


def check(g, name: str, text: str) -> None:
    target = TARGETS[name]
    if target.prepare:
        target.prepare(g)
    before = target.counted(g) if target.counted else None
    client_id = str(uuid.uuid4())
    response = post(g, name, text, client_id=client_id)
    assert response.status_code < 500, (name, response.status_code)
    # (HX-Trigger headers may carry the text inside JSON: static/js/nopsa.js puts it on the
    # page as textContent, never as markup.)
    assert_escaped(response.content.decode(), f"the response of {name}")
    if target.client_id:
        again = post(g, name, text, client_id=client_id)
        assert again.status_code < 500
        assert target.counted(g) - before <= 1, f"{name} stored a duplicate"
    for who, page, kwargs in target.shown_at:
        shown = matrix.client_as(g, who).get(matrix.reverse(page, kwargs=kwargs(g)))
        assert shown.status_code == 200, (page, shown.status_code)
        assert_escaped(shown.content.decode(), page)


# Examples per endpoint: few, and the same on every run (derandomize), so that the suite stays
# quick and a failure is reproducible; NOPSA_FUZZ_EXAMPLES=200 for a deeper run by hand.
FUZZ = settings(
    max_examples=int(os.environ.get("NOPSA_FUZZ_EXAMPLES", "6")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("name", sorted(TARGETS))
@FUZZ
@given(text=TEXTS)
def test_arbitrary_text_never_breaks_duplicates_or_leaks_markup(g, name, text):
    check(g, name, text)


# --- Positive control ---------------------------------------------------------------------------

MARKER = "Tarkistusteksti-7319"


@pytest.mark.parametrize("name", sorted(n for n, t in TARGETS.items() if t.echoes))
def test_each_target_reaches_its_form(g, name):
    """A plain text posted the same way is saved or shown back (escaped markup along with it)."""
    target = TARGETS[name]
    if target.prepare:
        target.prepare(g)
    response = post(g, name, f"{MARKER} {PROBE}")
    assert response.status_code < 400 or response.status_code == 422, response.status_code
    body = response.content.decode()
    pages = [body] + [
        matrix.client_as(g, who).get(matrix.reverse(page, kwargs=kwargs(g))).content.decode()
        for who, page, kwargs in target.shown_at
    ]
    assert any(MARKER in page for page in pages) or _stored(MARKER), (
        f"{name}: the marker reached neither a page nor the database — wrong field names?"
    )


def _stored(marker: str) -> bool:
    """Whether any text column of the app's tables holds the marker."""
    from django.apps import apps
    from django.db import models

    for model in apps.get_models():
        text_fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, (models.CharField, models.TextField))
        ]
        for field in text_fields:
            if model._default_manager.filter(**{f"{field}__contains": marker}).exists():
                return True
    return False


def test_nul_is_refused_with_a_message_not_an_error(g):
    matrix.at_step("brainstorm")(g)
    response = post(g, "live:note-post", "Nollamerkki\x00 tässä")
    assert response.status_code == 200
    assert "Tyhjiä merkkejä (null) ei sallita." in response.content.decode()
    assert not Note.objects.filter(text__contains="Nollamerkki").exists()
