"""Themes, dot voting and prioritising: the domain rules and the database's limits."""

import uuid

import pytest
from django.db import IntegrityError, transaction

from workshops.live import converge
from workshops.live.converge_board import vote_results
from workshops.live.services import LiveError, note_set_hidden, step_set_input_open
from workshops.models import Dot, LiveEvent, PrioritisedChallenge, Theme, ThemeNote, ThemeSuggestion

from .converge_fixtures import go, person, post_notes, step_of

pytestmark = pytest.mark.django_db


# --- Themes -----------------------------------------------------------------------------------


def test_grouping_puts_notes_into_a_new_or_existing_theme(converging):
    workshop, notes = converging["workshop"], converging["notes"]
    step = workshop.current_step
    waiting, flow = converging["themes"]
    assert sorted(ThemeNote.objects.filter(theme=waiting).values_list("note_id", flat=True)) == [
        notes[0].pk,
        notes[2].pk,
    ]
    # Moving a note to another theme takes it out of the first: one theme per note.
    converge.notes_group(
        workshop=workshop, step=step, note_ids=[notes[0].public_id], theme_id=flow.public_id
    )
    assert ThemeNote.objects.get(note=notes[0]).theme == flow
    assert ThemeNote.objects.filter(step=step).count() == 4


def test_the_database_keeps_a_note_in_one_theme_per_step(converging):
    workshop, notes = converging["workshop"], converging["notes"]
    _waiting, flow = converging["themes"]
    with pytest.raises(IntegrityError), transaction.atomic():
        ThemeNote.objects.create(theme=flow, note=notes[0], step=workshop.current_step)


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_a_theme_without_a_proper_name_is_refused_and_nothing_is_grouped(converging, name):
    workshop, notes = converging["workshop"], converging["notes"]
    step = workshop.current_step
    converge.note_ungroup(workshop=workshop, step=step, note_id=notes[0].public_id)
    before = Theme.objects.count()
    with pytest.raises(LiveError) as error:
        converge.notes_group(
            workshop=workshop, step=step, note_ids=[notes[0].public_id], new_name=name
        )
    assert error.value.code in ("empty", "too_long")
    assert Theme.objects.count() == before
    assert not ThemeNote.objects.filter(note=notes[0]).exists()


@pytest.mark.parametrize("name", ["Odotus\x01", "Jono\x1bssa", "Tyhjä\x7f"])
def test_a_theme_name_with_control_characters_is_a_live_error_with_a_message(converging, name):
    """Found by tests/test_fuzz_text.py: the text validators' refusal was a plain
    ValidationError, which the live views do not catch (a 500 instead of the message)."""
    workshop = converging["workshop"]
    step = workshop.current_step
    _waiting, flow = converging["themes"]
    with pytest.raises(LiveError) as error:
        converge.theme_rename(workshop=workshop, step=step, theme_id=flow.public_id, name=name)
    assert "ohjausmerkkejä" in " ".join(error.value.messages)
    flow.refresh_from_db()
    assert "\x01" not in flow.name


def test_renaming_to_an_empty_name_is_refused_and_the_name_stays(converging):
    workshop = converging["workshop"]
    waiting = converging["themes"][0]
    with pytest.raises(LiveError, match="Anna teemalle nimi"):
        converge.theme_rename(
            workshop=workshop, step=workshop.current_step, theme_id=waiting.public_id, name=" "
        )
    waiting.refresh_from_db()
    assert waiting.name == "Odottaminen"


def test_a_hidden_note_cannot_be_grouped_and_leaves_the_themes_it_was_in(converging):
    workshop, notes = converging["workshop"], converging["notes"]
    note_set_hidden(note=notes[0], hidden=True)
    with pytest.raises(LiveError) as error:
        converge.notes_group(
            workshop=workshop,
            step=workshop.current_step,
            note_ids=[notes[0].public_id, notes[1].public_id],
            new_name="Uusi",
        )
    assert error.value.code == "note"
    assert not Theme.objects.filter(name="Uusi").exists()


def test_notes_of_a_private_step_are_not_offered_until_revealed(workshop):
    from .converge_fixtures import make_converge_workshop

    workshop = make_converge_workshop(workshop)
    anna = person(workshop, "Anna")
    go(workshop, "brainstorm")
    (note,) = post_notes(workshop, anna, ["Salainen"])
    step = go(workshop, "themes")
    assert list(converge.source_notes(step)) == []
    with pytest.raises(LiveError):
        converge.notes_group(
            workshop=workshop, step=step, note_ids=[note.public_id], new_name="Teema"
        )


def test_a_participant_suggests_a_theme_and_the_facilitator_decides(converging):
    workshop, notes, anna = converging["workshop"], converging["notes"], converging["anna"]
    client_id = uuid.uuid4()
    suggestion, created = converge.theme_suggest(
        workshop=workshop,
        participant=anna,
        note_id=notes[1].public_id,
        new_name="Puhelimet",
        client_id=client_id,
    )
    again, created_again = converge.theme_suggest(
        workshop=workshop,
        participant=anna,
        note_id=notes[1].public_id,
        new_name="Puhelimet",
        client_id=client_id,
    )
    assert created and not created_again and again == suggestion
    assert LiveEvent.objects.latest("id").audience == LiveEvent.Audience.STAFF
    theme = converge.theme_suggestion_accept(workshop=workshop, suggestion_id=suggestion.public_id)
    assert theme.name == "Puhelimet"
    assert ThemeNote.objects.get(note=notes[1]).theme == theme
    with pytest.raises(LiveError) as error:
        converge.theme_suggestion_dismiss(workshop=workshop, suggestion_id=suggestion.public_id)
    assert error.value.code == "decided"
    assert ThemeSuggestion.objects.get().state == ThemeSuggestion.State.ACCEPTED


def test_a_theme_suggestion_with_an_empty_name_is_refused(converging):
    workshop, notes, anna = converging["workshop"], converging["notes"], converging["anna"]
    with pytest.raises(LiveError) as error:
        converge.theme_suggest(
            workshop=workshop,
            participant=anna,
            note_id=notes[1].public_id,
            new_name="",
            client_id=uuid.uuid4(),
        )
    assert error.value.code == "empty"
    assert not ThemeSuggestion.objects.exists()


# --- Dot voting -------------------------------------------------------------------------------


def _vote(converging, **settings):
    workshop = converging["workshop"]
    step = step_of(workshop, "vote")
    if settings:
        step.settings = {**step.settings, **settings}
        step.save(update_fields=["settings"])
    go(workshop, "vote")
    workshop.refresh_from_db()
    return workshop, workshop.current_step


def _dot(workshop, step, participant, item, action="add", source=None):
    return converge.dot_change(
        workshop=workshop,
        step=step,
        participant=participant,
        action=action,
        item_id=item.public_id,
        from_id=source.public_id if source else None,
    )


def test_the_budget_holds_and_says_how_many_dots_are_left(converging):
    workshop, step = _vote(converging)
    anna = converging["anna"]
    waiting, flow = converging["themes"]
    assert _dot(workshop, step, anna, waiting).left == 2
    assert _dot(workshop, step, anna, waiting).left == 1
    assert _dot(workshop, step, anna, flow).left == 0
    with pytest.raises(LiveError) as error:
        _dot(workshop, step, anna, flow)
    assert error.value.code == "budget"
    assert Dot.objects.filter(participant=anna).count() == 3


def test_max_per_item_holds(converging):
    workshop, step = _vote(converging)
    anna = converging["anna"]
    waiting = converging["themes"][0]
    _dot(workshop, step, anna, waiting)
    _dot(workshop, step, anna, waiting)
    with pytest.raises(LiveError) as error:
        _dot(workshop, step, anna, waiting)
    assert error.value.code == "item_limit"
    assert Dot.objects.filter(participant=anna, theme=waiting).count() == 2


def test_a_dot_moves_and_comes_back(converging):
    workshop, step = _vote(converging)
    anna = converging["anna"]
    waiting, flow = converging["themes"]
    _dot(workshop, step, anna, waiting)
    _dot(workshop, step, anna, waiting)
    result = _dot(workshop, step, anna, flow, "move", waiting)
    assert result.left == 1
    assert Dot.objects.filter(participant=anna, theme=waiting).count() == 1
    assert Dot.objects.filter(participant=anna, theme=flow).count() == 1
    assert _dot(workshop, step, anna, flow, "remove").left == 2
    with pytest.raises(LiveError) as error:
        _dot(workshop, step, anna, flow, "remove")
    assert error.value.code == "none"


def test_voting_after_close_is_refused_and_dots_stay(converging):
    workshop, step = _vote(converging)
    anna = converging["anna"]
    waiting = converging["themes"][0]
    _dot(workshop, step, anna, waiting)
    step_set_input_open(step=step, open_=False)
    for action in ("add", "remove"):
        with pytest.raises(LiveError, match="Äänestys on suljettu") as error:
            _dot(workshop, step, anna, waiting, action)
        assert error.value.code == "closed"
    assert Dot.objects.filter(participant=anna).count() == 1


def test_voting_on_a_hidden_note_is_refused(converging):
    workshop, step = _vote(converging, target="notes")
    anna, notes = converging["anna"], converging["notes"]
    note_set_hidden(note=notes[2], hidden=True)
    with pytest.raises(LiveError, match="piilotettu") as error:
        _dot(workshop, step, anna, notes[2])
    assert error.value.code == "item"
    assert _dot(workshop, step, anna, notes[1]).left == 2
    assert not Dot.objects.filter(note=notes[2]).exists()


def test_hiding_a_note_gives_its_dots_back_while_the_vote_is_open(converging):
    workshop, step = _vote(converging, target="notes")
    anna, notes = converging["anna"], converging["notes"]
    _dot(workshop, step, anna, notes[0])
    _dot(workshop, step, anna, notes[0])
    note_set_hidden(note=notes[0], hidden=True)
    assert not Dot.objects.filter(participant=anna).exists()
    assert _dot(workshop, step, anna, notes[1]).left == 2
    # A closed vote's dots stay as counted.
    step_set_input_open(step=step, open_=False)
    note_set_hidden(note=notes[1], hidden=True)
    assert Dot.objects.filter(participant=anna, note=notes[1]).count() == 1


def test_a_hidden_vote_tells_only_staff(converging):
    workshop, step = _vote(converging)
    _dot(workshop, step, converging["anna"], converging["themes"][0])
    event = LiveEvent.objects.latest("id")
    assert (event.kind, event.audience) == (LiveEvent.Kind.VOTE, LiveEvent.Audience.STAFF)
    step.settings = {**step.settings, "hide_results_until_closed": False}
    step.save(update_fields=["settings"])
    _dot(workshop, step, converging["anna"], converging["themes"][0])
    event = LiveEvent.objects.latest("id")
    assert (event.kind, event.audience) == (LiveEvent.Kind.VOTE, LiveEvent.Audience.EVERYONE)


def test_results_are_split_by_participant_type_with_equal_weight(converging):
    workshop, step = _vote(converging)
    anna, ville = converging["anna"], converging["ville"]
    waiting, flow = converging["themes"]
    _dot(workshop, step, anna, flow)
    _dot(workshop, step, ville, flow)
    _dot(workshop, step, ville, waiting)
    rows = vote_results(step)
    assert [(r.name, r.total, r.by_kind) for r in rows] == [
        ("Tiedonkulku", 2, {"professional": 1, "client": 1}),
        ("Odottaminen", 1, {"professional": 0, "client": 1}),
    ]


def test_the_database_refuses_dots_past_the_budget_or_the_item_limit(converging):
    _workshop, step = _vote(converging)
    anna = converging["anna"]
    waiting, flow = converging["themes"]
    base = {"step": step, "participant": anna, "budget": 3, "max_per_item": 2}
    Dot.objects.create(theme=waiting, slot=1, item_slot=1, **base)
    bad = [
        {"theme": flow, "slot": 4, "item_slot": 1},  # past the budget
        {"theme": flow, "slot": 1, "item_slot": 1},  # a slot already taken
        {"theme": waiting, "slot": 2, "item_slot": 1},  # the item's slot taken
        {"theme": waiting, "slot": 2, "item_slot": 3},  # past the item limit
        {"theme": None, "slot": 2, "item_slot": 1},  # on nothing
    ]
    for fields in bad:
        with pytest.raises(IntegrityError), transaction.atomic():
            Dot.objects.create(**fields, **base)
    with pytest.raises(IntegrityError), transaction.atomic():
        Dot.objects.create(
            step=step,
            participant=anna,
            theme=flow,
            slot=25,
            item_slot=1,
            budget=25,
            max_per_item=2,
        )  # a budget past BUDGET_MAX
    assert Dot.objects.count() == 1


@pytest.mark.parametrize(
    ("budget", "max_per_item", "code"),
    [
        (-1, 1, "range"),
        (0, 1, "range"),
        (10**9, 2, "range"),
        ("kolme", 1, "range"),
        (3, 4, "range"),
    ],
)
def test_bad_vote_settings_get_a_clear_message_and_nothing_changes(
    converging, budget, max_per_item, code
):
    workshop, step = _vote(converging)
    before = dict(step.settings)
    with pytest.raises(LiveError) as error:
        converge.vote_settings_save(
            workshop=workshop,
            step=step,
            budget=budget,
            max_per_item=max_per_item,
            hide_results=True,
            target="themes",
        )
    assert error.value.code == code
    assert error.value.messages[0]
    step.refresh_from_db()
    assert step.settings == before


def test_vote_settings_cannot_change_after_the_first_dot(converging):
    workshop, step = _vote(converging)
    converge.vote_settings_save(
        workshop=workshop, step=step, budget=5, max_per_item=5, hide_results=False, target="themes"
    )
    step.refresh_from_db()
    assert converge.vote_settings(step).budget == 5
    _dot(workshop, step, converging["anna"], converging["themes"][0])
    with pytest.raises(LiveError) as error:
        converge.vote_settings_save(
            workshop=workshop,
            step=step,
            budget=2,
            max_per_item=1,
            hide_results=True,
            target="themes",
        )
    assert error.value.code == "started"


def test_broken_stored_settings_fall_back_to_defaults(step):
    step.settings = {"budget": -4, "max_per_item": 99, "target": "kaikki"}
    assert converge.vote_settings(step) == converge.VoteSettings(3, 3, False, "themes")
    step.settings = {"top_n": 0}
    assert converge.top_n(step) == 2


# --- Prioritising -----------------------------------------------------------------------------


def test_prioritising_stores_the_top_challenges_with_their_provenance(converging, facilitator):
    workshop, step = _vote(converging)
    anna, ville = converging["anna"], converging["ville"]
    waiting, flow = converging["themes"]
    _dot(workshop, step, anna, flow)
    _dot(workshop, step, ville, flow)
    _dot(workshop, step, ville, waiting)
    step_set_input_open(step=step, open_=False)
    prioritise = go(workshop, "prioritise")
    with pytest.raises(LiveError, match="2"):
        converge.challenges_confirm(
            workshop=workshop,
            step=prioritise,
            user=facilitator,
            rows=[(flow.public_id, "Tiedonkulku"), (waiting.public_id, "  ")],
        )
    assert not PrioritisedChallenge.objects.exists()
    converge.challenges_confirm(
        workshop=workshop,
        step=prioritise,
        user=facilitator,
        rows=[
            (flow.public_id, "Tieto ei kulje ammattilaisten välillä"),
            (waiting.public_id, "Odottaminen"),
        ],
    )
    first, second = PrioritisedChallenge.objects.filter(series=workshop.series).order_by("rank")
    assert first.text == "Tieto ei kulje ammattilaisten välillä"
    assert (first.theme, first.dots, first.vote_step) == (flow, 2, step)
    assert first.source["dots_by_kind"] == {"professional": 1, "client": 1}
    assert first.source["notes"] == ["Tieto ei kulje", "Sama asia kolmeen kertaan"]
    assert first.confirmed_by == facilitator
    assert second.rank == 2
    # Confirming again replaces this step's challenges (a corrected wording).
    converge.challenges_confirm(
        workshop=workshop, step=prioritise, user=facilitator, rows=[(flow.public_id, "Tiedonkulku")]
    )
    assert list(PrioritisedChallenge.objects.values_list("text", flat=True)) == ["Tiedonkulku"]


def test_prioritising_refuses_what_the_vote_did_not_have(converging, facilitator):
    workshop = converging["workshop"]
    prioritise = go(workshop, "prioritise")
    with pytest.raises(LiveError) as error:
        converge.challenges_confirm(
            workshop=workshop, step=prioritise, user=facilitator, rows=[(uuid.uuid4(), "Jotain")]
        )
    assert error.value.code == "choice"
    with pytest.raises(LiveError) as error:
        converge.challenges_confirm(workshop=workshop, step=prioritise, user=facilitator, rows=[])
    assert error.value.code == "empty"
    assert not PrioritisedChallenge.objects.exists()
