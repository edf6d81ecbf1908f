"""The live step kinds of the cases app: case work, persona, service path and causal map.

Participants suggest from their phones; the facilitator chooses the artefact and accepts or
dismisses suggestions in the cockpit. Nobody else can do either, bad input is refused with
the text kept, retries make no duplicates, and the three views stay bounded in queries.
"""

import uuid

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from cases.anonymise import hetu_check_char
from cases.live import services as live_services
from cases.live.kinds import CASE_WORK
from cases.models import CausalLink, Factor, PathEvent, Persona, Suggestion
from tests.live.conftest import join
from workshops.live import identity, services
from workshops.live.kinds import LiveKind, step_categories
from workshops.live.render import Viewer
from workshops.live.services import LiveError
from workshops.live.state import live_state
from workshops.models import AuditEntry, LiveEvent, Note, Step

from .factories import (
    CaseFactory,
    CausalMapFactory,
    FactorFactory,
    PersonaFactory,
    ServicePathFactory,
)

HETU = "010190-123" + hetu_check_char("010190", "123")
QUESTIONS = ["Mitä muutosta tavoitellaan?", "Miten sinne päästään?", "Kuka tekee mitä?"]

SUGGESTION_DATA = {
    "persona": {"part": "needs", "text": "Yksi tuttu työntekijä"},
    "service_path": {"what": "Soitti neuvontaan", "actor": "Kela", "experience": "difficult"},
    "causal_map": {"cause": "Työttömyys", "effect": "Velat"},
}


@pytest.fixture
def artefacts(series):
    case = CaseFactory(
        series=series,
        title="Monen palvelun asiakas",
        situation="Asiakas asioi viidessä palvelussa.",
        client_goal="Päästä töihin",
    )
    return {
        "case": case,
        "persona": PersonaFactory(series=series, name="Maija", needs=""),
        "path": ServicePathFactory(series=series, case=case, title="Maijan polku"),
        "map": CausalMapFactory(series=series, title="Syyt"),
    }


@pytest.fixture
def live(workshop, artefacts):
    for position, (kind, settings) in enumerate(
        [
            ("case_work", {"questions": QUESTIONS}),
            ("persona", {}),
            ("service_path", {}),
            ("causal_map", {}),
        ],
        start=1,
    ):
        Step.objects.create(
            workshop=workshop,
            position=position,
            kind=kind,
            title=f"Vaihe {kind}",
            duration_minutes=20,
            settings=settings,
        )
    return services.workshop_go_live(workshop=workshop)


def go(workshop, kind, choose=None):
    step = workshop.steps.get(kind=kind)
    services.step_go(workshop=workshop, step=step)
    if choose is not None:
        live_services.step_choose_artefact(workshop=workshop, step=step, public_id=choose.public_id)
    workshop.refresh_from_db()
    step.refresh_from_db()
    return step


@pytest.fixture
def anna(client, live):
    return join(client, live, "Anna")


@pytest.fixture
def staff(facilitator):
    client = Client()
    client.force_login(facilitator)
    return client


def suggest(client, workshop, data, client_id=None, htmx=True):
    payload = {**data, "client_id": str(client_id or uuid.uuid4())}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("cases:live-suggest", args=[workshop.code]), payload, **headers)


def staff_url(name, workshop, *args):
    return reverse(f"cases:{name}", args=[workshop.series.code, workshop.code, *args])


def snapshot():
    return (
        list(Suggestion.objects.values_list("state", "data")),
        list(Step.objects.order_by("id").values_list("settings", flat=True)),
        list(PathEvent.objects.values_list("what", flat=True)),
        list(Persona.objects.values_list("needs", flat=True)),
        LiveEvent.objects.count(),
    )


# --- The generic hook in workshops ------------------------------------------------------------


def test_a_kind_can_take_its_note_categories_from_another_settings_key(live):
    step = live.steps.get(kind="case_work")
    assert CASE_WORK.categories_key == "questions"
    assert step_categories(step) == QUESTIONS
    assert LiveKind().categories_key == "categories"
    brainstorm = Step(kind="brainstorm", settings={"categories": ["A"], "questions": ["B"]})
    assert step_categories(brainstorm) == ["A"]
    assert step_categories(None) == []


def test_case_work_notes_are_posted_against_the_guiding_questions(client, live, anna, artefacts):
    step = go(live, "case_work", choose=artefacts["case"])
    page = client.get(reverse("live:participant", args=[live.code]))
    assert "Monen palvelun asiakas" in page.text
    assert "Päästä töihin" in page.text
    for question in QUESTIONS:
        assert question in page.text
    response = client.post(
        reverse("live:note-post", args=[live.code]),
        {"text": "Työkokeilu", "category": QUESTIONS[1], "client_id": str(uuid.uuid4())},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    note = Note.objects.get()
    assert (note.step, note.category) == (step, QUESTIONS[1])
    with pytest.raises(LiveError):
        services.note_post(
            workshop=live,
            participant=anna,
            text="Muu",
            category="Ei kysymys",
            client_id=uuid.uuid4(),
        )


def test_the_case_is_shown_on_the_room_screen_and_in_the_cockpit(staff, live, artefacts):
    go(live, "case_work", choose=artefacts["case"])
    s, w = live.series.code, live.code
    room = staff.get(reverse("workshops:room", args=[s, w]))
    assert "Monen palvelun asiakas" in room.text
    assert "Asiakas asioi viidessä palvelussa." in room.text
    assert QUESTIONS[0] in room.text
    cockpit = staff.get(reverse("workshops:cockpit", args=[s, w]))
    assert f'value="{artefacts["case"].public_id}" selected' in cockpit.text


def test_a_case_of_another_series_cannot_be_chosen(
    staff, live, series_factory, organisation, facilitator
):
    foreign = CaseFactory(series=series_factory(organisation=organisation))
    step = go(live, "case_work")
    response = staff.post(
        staff_url("live-choose", live, step.public_id),
        {"artefact": str(foreign.public_id)},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.text
    step.refresh_from_db()
    assert "case" not in step.settings


# --- Suggesting and accepting -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "artefact"), [("persona", "persona"), ("service_path", "path"), ("causal_map", "map")]
)
def test_a_suggestion_is_accepted_into_the_artefact(
    client, staff, live, anna, artefacts, kind, artefact
):
    go(live, kind)
    step = live.steps.get(kind=kind)
    response = staff.post(
        staff_url("live-choose", live, step.public_id),
        {"artefact": str(artefacts[artefact].public_id)},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    response = suggest(client, live, SUGGESTION_DATA[kind])
    assert response.status_code == 200, response.text
    suggestion = Suggestion.objects.get()
    assert suggestion.participant == anna
    cockpit = staff.get(reverse("workshops:cockpit", args=[live.series.code, live.code]))
    assert suggestion.summary in cockpit.text
    response = staff.post(
        staff_url("live-accept", live, suggestion.public_id), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.ACCEPTED
    if kind == "persona":
        assert Persona.objects.get().needs == "Yksi tuttu työntekijä"
    elif kind == "service_path":
        event = PathEvent.objects.get()
        assert (event.what, event.actor, event.experience) == (
            "Soitti neuvontaan",
            "Kela",
            "difficult",
        )
    else:
        link = CausalLink.objects.get()
        assert (link.cause.name, link.effect.name) == ("Työttömyys", "Velat")
    room = staff.get(reverse("workshops:room", args=[live.series.code, live.code]))
    assert (suggestion.summary if kind != "causal_map" else "Työttömyys → Velat") in room.text
    mine = client.get(reverse("live:participant", args=[live.code]))
    assert "Hyväksytty" in mine.text
    if kind != "persona":
        assert str(artefacts[artefact]) in mine.text
    # The audit log names the artefact that was changed and who accepted the line.
    entry = AuditEntry.objects.get()
    assert (entry.actor.username, entry.action, entry.object_kind, entry.object_id) == (
        "fanni",
        AuditEntry.Action.CASE_CHANGED,
        artefact,
        str(artefacts[artefact].public_id),
    )


def test_a_dismissed_suggestion_changes_nothing_in_the_artefact(
    client, staff, live, anna, artefacts
):
    go(live, "service_path", choose=artefacts["path"])
    suggest(client, live, SUGGESTION_DATA["service_path"])
    suggestion = Suggestion.objects.get()
    staff.post(staff_url("live-dismiss", live, suggestion.public_id), HTTP_HX_REQUEST="true")
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.DISMISSED
    assert not PathEvent.objects.exists()
    again = staff.post(staff_url("live-accept", live, suggestion.public_id), HTTP_HX_REQUEST="true")
    assert "on jo käsitelty" in again.text
    assert not PathEvent.objects.exists()


def test_a_factor_that_is_on_the_map_already_is_reused(client, staff, live, anna, artefacts):
    FactorFactory(causal_map=artefacts["map"], name="työttömyys")
    go(live, "causal_map", choose=artefacts["map"])
    suggest(client, live, {"cause": "Työttömyys", "effect": ""})
    suggestion = Suggestion.objects.get()
    assert suggestion.kind == Suggestion.Kind.FACTOR
    staff.post(staff_url("live-accept", live, suggestion.public_id), HTTP_HX_REQUEST="true")
    assert Factor.objects.count() == 1


def test_a_duplicate_link_is_refused_at_accepting_with_a_message(
    client, staff, live, anna, artefacts
):
    go(live, "causal_map", choose=artefacts["map"])
    for _ in range(2):
        suggest(client, live, SUGGESTION_DATA["causal_map"])
    first, second = Suggestion.objects.order_by("id")
    staff.post(staff_url("live-accept", live, first.public_id), HTTP_HX_REQUEST="true")
    response = staff.post(staff_url("live-accept", live, second.public_id), HTTP_HX_REQUEST="true")
    assert "Tämä yhteys on jo kartalla." in response.text
    second.refresh_from_db()
    assert second.state == Suggestion.State.OPEN
    assert CausalLink.objects.count() == 1


def test_accepting_needs_a_chosen_artefact(client, staff, live, anna):
    go(live, "service_path")
    suggest(client, live, SUGGESTION_DATA["service_path"])
    suggestion = Suggestion.objects.get()
    response = staff.post(
        staff_url("live-accept", live, suggestion.public_id), HTTP_HX_REQUEST="true"
    )
    assert 'role="alert"' in response.text
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.OPEN


def test_every_write_records_a_live_event_for_the_right_screens(
    client, staff, live, anna, artefacts
):
    step = go(live, "service_path")
    before = LiveEvent.objects.latest("id").id
    live_services.step_choose_artefact(
        workshop=live, step=step, public_id=artefacts["path"].public_id
    )
    suggest(client, live, SUGGESTION_DATA["service_path"])
    suggestion = Suggestion.objects.get()
    live_services.suggestion_accept(suggestion=suggestion)
    events = list(
        LiveEvent.objects.filter(id__gt=before).values_list("kind", "audience", "participant")
    )
    assert events == [
        (LiveEvent.Kind.STEP, LiveEvent.Audience.EVERYONE, None),
        (LiveEvent.Kind.STEP, LiveEvent.Audience.STAFF, None),
        (LiveEvent.Kind.STEP, LiveEvent.Audience.PERSONAL, anna.pk),
    ]


# --- Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        (
            "service_path",
            {"what": "", "actor": "Kela", "experience": "neutral"},
            "Kirjoita, mitä tapahtui.",
        ),
        ("service_path", {"what": "x" * 1001, "actor": "Kela", "experience": "neutral"}, "1001"),
        ("persona", {"part": "needs", "text": "   "}, "Kirjoita ensin jotain."),
        ("persona", {"part": "", "text": "Tuki"}, "Valitse, mihin persoonan osaan"),
        ("causal_map", {"cause": "Velat", "effect": "velat"}, "Tekijä ei voi aiheuttaa itseään"),
    ],
)
def test_bad_suggestions_are_refused_and_the_text_is_kept(
    client, live, anna, artefacts, kind, data, message
):
    go(live, kind)
    response = suggest(client, live, data)
    assert response.status_code == 200
    assert message in response.text
    for value in data.values():
        if value.strip() and len(value) < 100:
            assert value in response.text
    assert not Suggestion.objects.exists()


def test_identifying_data_is_refused_with_the_text_kept(client, live, anna):
    go(live, "service_path")
    what = f"Asiakas {HETU} soitti numerosta 040 123 4567"
    response = suggest(client, live, {"what": what, "actor": "Kela", "experience": "neutral"})
    assert f"<mark>{HETU}</mark>" in response.text
    assert "<mark>040 123 4567</mark>" in response.text
    assert what in response.text
    assert not Suggestion.objects.exists()
    page = suggest(
        client, live, {"what": what, "actor": "Kela", "experience": "neutral"}, htmx=False
    )
    assert page.status_code == 422
    assert what in page.text
    with pytest.raises(ValidationError):  # the service is the last line of defence
        live_services.suggestion_post(
            workshop=live,
            participant=anna,
            kind=Suggestion.Kind.PATH_EVENT,
            data={"what": what, "actor": "Kela", "experience": "neutral"},
            client_id=uuid.uuid4(),
        )
    assert not Suggestion.objects.exists()


def test_a_suggestion_after_the_step_closed_is_refused_and_kept(client, live, anna):
    step = go(live, "service_path")
    services.step_set_input_open(step=step, open_=False)
    live.refresh_from_db()
    response = suggest(client, live, SUGGESTION_DATA["service_path"])
    assert "ei ota enää vastaan ehdotuksia" in response.text
    assert not Suggestion.objects.exists()


def test_a_suggestion_in_a_step_that_takes_none_is_refused(client, live, anna):
    go(live, "case_work")
    response = suggest(client, live, SUGGESTION_DATA["service_path"])
    assert response.status_code == 200
    assert "Tämä vaihe ei ota vastaan ehdotuksia." in response.text
    assert not Suggestion.objects.exists()


def test_a_retried_post_makes_one_suggestion(client, live, anna):
    go(live, "service_path")
    client_id = uuid.uuid4()
    for _ in range(3):
        assert suggest(client, live, SUGGESTION_DATA["service_path"], client_id).status_code == 200
    assert Suggestion.objects.count() == 1
    assert LiveEvent.objects.filter(audience=LiveEvent.Audience.STAFF, kind="step").count() == 1


# --- Permissions ------------------------------------------------------------------------------


def test_a_participant_of_another_workshop_cannot_suggest(
    live, anna, workshop_factory, series_factory, organisation, facilitator
):
    go(live, "service_path")
    other = services.workshop_go_live(
        workshop=workshop_factory(
            series=series_factory(organisation=organisation, facilitators=[facilitator])
        )
    )
    stranger = Client()
    join(stranger, other, "Vieras")
    before = snapshot()
    assert suggest(stranger, live, SUGGESTION_DATA["service_path"]).status_code == 404
    assert snapshot() == before


def test_a_stale_or_forged_cookie_or_no_cookie_cannot_suggest(live, anna):
    go(live, "service_path")
    stale = Client()
    stale.cookies[identity.cookie_name()] = signing.dumps(
        {str(live.series_id): f"{anna.pk}:wrong-token"}, salt=identity.COOKIE_SALT
    )
    forged = Client()
    forged.cookies[identity.cookie_name()] = "eyJ4IjoiMTox"
    before = snapshot()
    for client in (stale, forged, Client()):
        assert suggest(client, live, SUGGESTION_DATA["service_path"]).status_code == 404
    assert snapshot() == before


def test_a_participant_of_the_series_who_has_not_joined_this_workshop_cannot_suggest(
    live, workshop_factory
):
    earlier = workshop_factory(series=live.series, position=2)
    services.workshop_end(workshop=live)
    earlier = services.workshop_go_live(workshop=earlier)
    client = Client()
    join(client, earlier, "Anna")
    services.workshop_end(workshop=earlier)
    live.state = live.State.LIVE
    live.save(update_fields=["state"])
    go(live, "service_path")
    before = snapshot()
    assert suggest(client, live, SUGGESTION_DATA["service_path"]).status_code == 404
    assert snapshot() == before


def staff_posts(workshop, step, suggestion, artefact):
    return [
        (staff_url("live-choose", workshop, step.public_id), {"artefact": str(artefact.public_id)}),
        (staff_url("live-accept", workshop, suggestion.public_id), {}),
        (staff_url("live-dismiss", workshop, suggestion.public_id), {}),
    ]


@pytest.fixture
def waiting(client, live, anna, artefacts):
    step = go(live, "service_path")
    suggest(client, live, SUGGESTION_DATA["service_path"])
    return step, Suggestion.objects.get()


@pytest.mark.parametrize("who", ["outsider", "other_coordinator", "colleague"])
def test_staff_of_another_organisation_or_series_get_404_and_change_nothing(
    request, live, waiting, artefacts, who
):
    step, suggestion = waiting
    client = Client()
    client.force_login(request.getfixturevalue(who))
    before = snapshot()
    for url, data in staff_posts(live, step, suggestion, artefacts["path"]):
        assert client.post(url, data).status_code == 404, url
    assert snapshot() == before


def test_anonymous_users_are_sent_to_log_in(live, waiting, artefacts):
    step, suggestion = waiting
    before = snapshot()
    for url, data in staff_posts(live, step, suggestion, artefacts["path"]):
        response = Client().post(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert snapshot() == before


def test_a_participant_cannot_accept_dismiss_or_choose(client, live, waiting, artefacts):
    step, suggestion = waiting
    before = snapshot()
    for url, data in staff_posts(live, step, suggestion, artefacts["path"]):
        assert client.post(url, data).status_code == 302  # to the login page
    assert snapshot() == before
    assert Suggestion.objects.get().state == Suggestion.State.OPEN


def test_a_suggestion_of_another_workshop_is_not_found(
    staff, live, waiting, workshop_factory, artefacts
):
    step, suggestion = waiting
    other = services.workshop_go_live(workshop=workshop_factory(series=live.series, position=5))
    before = snapshot()
    assert staff.post(staff_url("live-accept", other, suggestion.public_id)).status_code == 404
    assert staff.post(staff_url("live-choose", other, step.public_id)).status_code == 404
    assert snapshot() == before


def test_the_coordinator_may_accept(live, waiting, artefacts, coordinator):
    step, suggestion = waiting
    client = Client()
    client.force_login(coordinator)
    client.post(
        staff_url("live-choose", live, step.public_id),
        {"artefact": str(artefacts["path"].public_id)},
    )
    response = client.post(staff_url("live-accept", live, suggestion.public_id))
    assert response.status_code == 302
    assert PathEvent.objects.count() == 1


# --- Query counts -----------------------------------------------------------------------------


def _crowd(workshop, people):
    joined = []
    for i in range(people):
        participant, _token = services.participant_join(
            workshop=workshop, nickname=f"Osallistuja {i}", kind="professional"
        )
        joined.append(participant)
    return joined


CROWD_DATA = {
    "case_work": None,
    "persona": (Suggestion.Kind.PERSONA_LINE, {"part": "goals", "text": "Tavoite"}),
    "service_path": (
        Suggestion.Kind.PATH_EVENT,
        {"what": "Tapahtui", "actor": "Kela", "experience": "meaningful"},
    ),
    "causal_map": (Suggestion.Kind.LINK, {"cause": "A", "effect": "B"}),
}
ARTEFACT_OF = {
    "case_work": "case",
    "persona": "persona",
    "service_path": "path",
    "causal_map": "map",
}


@pytest.mark.parametrize("kind", list(CROWD_DATA))
@pytest.mark.parametrize("people", [2, 20])
def test_the_three_views_are_bounded_in_queries(
    client, staff, live, anna, artefacts, kind, people, django_assert_max_num_queries
):
    go(live, kind, choose=artefacts[ARTEFACT_OF[kind]])
    for participant in [anna, *_crowd(live, people)]:
        for _ in range(2):
            if CROWD_DATA[kind] is None:
                services.note_post(
                    workshop=live,
                    participant=participant,
                    text="Ajatus",
                    category=QUESTIONS[0],
                    client_id=uuid.uuid4(),
                )
            else:
                suggestion, _created = live_services.suggestion_post(
                    workshop=live,
                    participant=participant,
                    kind=CROWD_DATA[kind][0],
                    data=CROWD_DATA[kind][1],
                    client_id=uuid.uuid4(),
                )
    if CROWD_DATA[kind] is not None:
        for suggestion in Suggestion.objects.all()[:3]:
            try:
                live_services.suggestion_accept(suggestion=suggestion)
            except LiveError:
                live_services.suggestion_dismiss(suggestion=suggestion)
    s, w = live.series.code, live.code
    with django_assert_max_num_queries(10, info="the phone view must not query per suggestion"):
        assert client.get(reverse("live:participant", args=[w])).status_code == 200
    with django_assert_max_num_queries(23, info="the cockpit must not query per suggestion"):
        assert staff.get(reverse("workshops:cockpit", args=[s, w])).status_code == 200
    with django_assert_max_num_queries(14, info="the room must not query per item"):
        assert staff.get(reverse("workshops:room", args=[s, w])).status_code == 200
    with django_assert_max_num_queries(18, info="a staff poll that redraws is bounded"):
        poll = reverse("workshops:live-poll", args=[s, w])
        assert staff.get(poll, {"since": 0, "sv": 0}).status_code == 200
    with django_assert_max_num_queries(12, info="a phone poll that redraws is bounded"):
        poll = reverse("live:poll", args=[w])
        assert client.get(poll, {"since": 0, "sv": 0}).status_code == 200


def test_live_state_of_a_cases_step_has_its_categories(live, artefacts):
    go(live, "case_work", choose=artefacts["case"])
    state = live_state(live, Viewer(role="room"))
    assert state.categories == QUESTIONS
