"""The phones' hot reads in SQL of their own give what the ORM gives, field by field."""

import pytest

from workshops.live import fastread, identity
from workshops.models import Attendance, Participant, Workshop

from .conftest import go_to


def _fields(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_the_workshop_read_matches_the_orm_with_series_and_step_cached(
    live_workshop, django_assert_num_queries
):
    go_to(live_workshop, "brainstorm")  # a step with JSON settings and a UUID
    with django_assert_num_queries(1):
        fast = fastread.workshop_by_code(live_workshop.code)
        series, step = fast.series, fast.current_step  # cached, as select_related caches them
    orm = Workshop.objects.select_related("series", "current_step").get(pk=live_workshop.pk)
    assert _fields(fast) == _fields(orm)
    assert _fields(series) == _fields(orm.series)
    assert _fields(step) == _fields(orm.current_step)
    assert step.settings["categories"] == ["Odottaminen", "Päällekkäinen työ"]
    assert fast.timer_ends_at == orm.timer_ends_at and fast.state == Workshop.State.LIVE


def test_a_workshop_without_a_current_step_and_an_unknown_code(workshop):
    assert workshop.current_step_id is None
    fast = fastread.workshop_by_code(workshop.code)
    assert fast.pk == workshop.pk and fast.current_step is None
    assert fastread.workshop_by_code("NOSUCH") is None


@pytest.mark.parametrize(
    ("change", "found"),
    [
        ({}, True),
        ({"token": "wrong"}, False),
        ({"series": 0}, False),
        ({"attends": False}, False),
    ],
)
def test_the_device_read_needs_the_token_the_series_and_attendance(live_workshop, change, found):
    token = identity.new_token()
    person = Participant.objects.create(
        series=live_workshop.series, nickname="Anna", token_hash=identity.hash_token(token)
    )
    if change.get("attends", True):
        Attendance.objects.create(participant=person, workshop=live_workshop)
    result = fastread.device_participant(
        person.pk,
        change.get("series", live_workshop.series_id),
        identity.hash_token(change.get("token", token)),
        live_workshop.pk,
    )
    if found:
        assert _fields(result) == _fields(Participant.objects.get(pk=person.pk))
    else:
        assert result is None


def test_the_ballots_themes_are_the_orms_with_only_the_first_visible_notes(workshop):
    from django.utils import timezone

    from tests.live.converge_fixtures import (
        go,
        make_converge_workshop,
        person,
        post_notes,
        step_of,
    )
    from workshops.live import converge, services
    from workshops.live.converge_board import vote_items
    from workshops.models import Theme

    workshop = make_converge_workshop(workshop)
    anna = person(workshop, "Anna")
    go(workshop, "brainstorm")
    notes = post_notes(workshop, anna, [f"Havainto {i}" for i in range(30)])
    services.step_reveal(step=step_of(workshop, "brainstorm"))
    go(workshop, "themes")
    themes_step = step_of(workshop, "themes")
    workshop.refresh_from_db()
    ids = [n.public_id for n in notes]
    converge.notes_group(
        workshop=workshop, step=themes_step, note_ids=ids[:20], new_name="Odottaminen"
    )
    converge.notes_group(
        workshop=workshop, step=themes_step, note_ids=ids[20:22], new_name="Päällekkäisyys"
    )
    Theme.objects.create(workshop=workshop, step=themes_step, name="Tyhjä")
    notes[1].hidden_at = timezone.now()  # hidden afterwards: never on a ballot
    notes[1].save(update_fields=["hidden_at"])
    vote = step_of(workshop, "vote")
    full, preview = vote_items(vote), vote_items(vote, preview=True)
    assert (
        [r.name for r in preview]
        == [r.name for r in full]
        == [
            "Odottaminen",
            "Päällekkäisyys",
            "Tyhjä",
        ]
    )
    assert [r.public_id for r in preview] == [r.public_id for r in full]
    assert [r.item.pk for r in preview] == [r.item.pk for r in full]
    for short, whole in zip(preview, full, strict=True):
        assert short.notes == whole.notes[: fastread.PREVIEW_NOTES]
    assert "Havainto 1" not in full[0].notes and len(full[0].notes) == 19
    assert len(preview[0].notes) == fastread.PREVIEW_NOTES and preview[2].notes == []


def test_the_voters_own_dots_are_counted_per_item_as_the_orm_counts_them(converging):
    from django.db.models import Count

    from tests.live.converge_fixtures import go
    from workshops.live import converge
    from workshops.models import Dot

    workshop, anna, ville = converging["workshop"], converging["anna"], converging["ville"]
    waiting, flow = converging["themes"]
    vote = go(workshop, "vote")
    workshop.refresh_from_db()
    for person, theme in [(anna, waiting), (anna, waiting), (anna, flow), (ville, flow)]:
        converge.dot_change(
            workshop=workshop, step=vote, participant=person, action="add", item_id=theme.public_id
        )
    orm = dict(
        Dot.objects.filter(step=vote, participant=anna)
        .values_list("theme_id")
        .annotate(n=Count("id"))
        .values_list("theme_id", "n")
    )
    assert fastread.own_dots(vote.pk, anna.pk, "theme_id") == orm == {waiting.pk: 2, flow.pk: 1}
    assert fastread.own_dots(vote.pk, ville.pk, "theme_id") == {flow.pk: 1}
    assert fastread.own_dots(vote.pk, anna.pk, "note_id") == {None: 3}  # a theme vote


def test_the_dot_transactions_reads_match_the_orm(converging, django_assert_num_queries):
    import uuid

    from tests.live.converge_fixtures import go
    from workshops.live import converge
    from workshops.models import Dot, Step

    workshop, anna = converging["workshop"], converging["anna"]
    waiting, flow = converging["themes"]
    vote = go(workshop, "vote")
    workshop.refresh_from_db()
    for theme in (flow, waiting):
        converge.dot_change(
            workshop=workshop, step=vote, participant=anna, action="add", item_id=theme.public_id
        )
    with django_assert_num_queries(4):
        fastread.lock_participant(anna.pk)
        step = fastread.step_by_id(vote.pk)
        theme = fastread.vote_theme(vote, waiting.public_id)
        dots = fastread.voter_dots(vote.pk, anna.pk)
    assert _fields(step) == _fields(Step.objects.get(pk=vote.pk))
    assert step.settings == vote.settings and isinstance(step.settings, dict)
    orm_theme = converge.workshop_themes(vote).get(public_id=waiting.public_id)
    assert _fields(theme) == _fields(orm_theme)
    orm = list(Dot.objects.filter(step=vote, participant=anna))
    assert [_fields(d) for d in dots] == [_fields(d) for d in orm] and len(dots) == 2
    assert [d.slot for d in dots] == [1, 2]  # in slot order, as the model's ordering
    # Unknown ids, and a theme of a later step, are not found.
    assert fastread.step_by_id(0) is None
    assert fastread.vote_theme(vote, uuid.uuid4()) is None
    earlier = Step.objects.filter(workshop=workshop, position__lt=vote.position).first()
    assert fastread.vote_theme(earlier, waiting.public_id) is None
    assert fastread.voter_dots(vote.pk, converging["ville"].pk) == []
