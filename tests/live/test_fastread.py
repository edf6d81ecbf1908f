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
        ({"other_series": True}, False),
        ({"attends": False}, False),
        ({"participant": 0}, False),
    ],
)
def test_the_device_read_needs_the_token_the_series_and_attendance(
    live_workshop, change, found, django_assert_num_queries
):
    from workshops.models import Series

    token = identity.new_token()
    series = live_workshop.series
    if change.get("other_series"):
        series = Series.objects.create(
            organisation=series.organisation, title="Toinen", code="OTHER123"
        )
    person = Participant.objects.create(
        series=series, nickname="Anna", token_hash=identity.hash_token(token)
    )
    if change.get("attends", True):
        Attendance.objects.create(participant=person, workshop=live_workshop)
    with django_assert_num_queries(1):
        workshop, result = fastread.workshop_with_device_participant(
            live_workshop.code,
            change.get("participant", person.pk),
            identity.hash_token(change.get("token", token)),
        )
    # The workshop comes whoever asks, as `workshop_by_code` gives it.
    assert _fields(workshop) == _fields(fastread.workshop_by_code(live_workshop.code))
    assert _fields(workshop.current_step) == _fields(live_workshop.current_step)
    if found:
        assert _fields(result) == _fields(Participant.objects.get(pk=person.pk))
    else:
        assert result is None
    assert fastread.workshop_with_device_participant("NOSUCH", person.pk, "x") == (None, None)


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
    from workshops.live import boardcache, converge
    from workshops.models import Dot, Step

    workshop, anna = converging["workshop"], converging["anna"]
    waiting, flow = converging["themes"]
    vote = go(workshop, "vote")
    workshop.refresh_from_db()
    for theme in (flow, waiting):
        converge.dot_change(
            workshop=workshop, step=vote, participant=anna, action="add", item_id=theme.public_id
        )

    def reads(step, participant, item_ids):
        return fastread.dot_reads(
            participant_id=participant.pk,
            step_id=step.pk,
            workshop_id=workshop.pk,
            item_ids=item_ids,
        )

    with django_assert_num_queries(5):  # lock, step, themes, dots, version: one round trip
        got = reads(vote, anna, [waiting.public_id, flow.public_id])
    assert _fields(got.step) == _fields(Step.objects.get(pk=vote.pk))
    assert got.step.settings == vote.settings and isinstance(got.step.settings, dict)
    orm_themes = converge.workshop_themes(vote).filter(
        public_id__in=[waiting.public_id, flow.public_id]
    )
    assert {k: _fields(t) for k, t in got.themes.items()} == {
        t.public_id: _fields(t) for t in orm_themes
    }
    orm = list(Dot.objects.filter(step=vote, participant=anna))
    assert [_fields(d) for d in got.dots] == [_fields(d) for d in orm] and len(got.dots) == 2
    assert [d.slot for d in got.dots] == [1, 2]  # in slot order, as the model's ordering
    assert got.board_version == boardcache.version(workshop.pk) > 0
    # One id is enough; unknown ids, and a theme of a later step, are not found.
    assert list(reads(vote, anna, [flow.public_id]).themes) == [flow.public_id]
    assert reads(vote, anna, [uuid.uuid4()]).themes == {}
    earlier = Step.objects.filter(workshop=workshop, position__lt=vote.position).first()
    assert reads(earlier, anna, [waiting.public_id]).themes == {}
    assert reads(vote, converging["ville"], [flow.public_id]).dots == []
    missing = Step(pk=0, workshop=workshop)
    assert reads(missing, anna, [flow.public_id]).step is None


def test_the_write_statements_do_what_the_orm_does(converging):
    """A dot's insert, move and delete as SQL for the batch: the rows the ORM would write."""
    from tests.live.converge_fixtures import go
    from workshops.models import Dot

    workshop, anna = converging["workshop"], converging["anna"]
    waiting, flow = converging["themes"]
    vote = go(workshop, "vote")
    dot = Dot(step=vote, participant=anna, slot=1, budget=3, item_slot=1, max_per_item=2)
    dot.theme = waiting
    fastread.batch([fastread.insert_statement(dot)])
    stored = Dot.objects.get(step=vote, participant=anna)
    assert stored.public_id == dot.public_id and stored.created_at == dot.created_at
    assert (stored.theme_id, stored.slot, stored.item_slot) == (waiting.pk, 1, 1)
    stored.theme, stored.item_slot = flow, 2
    fastread.batch([fastread.update_statement(stored, ["theme", "item_slot"])])
    moved = Dot.objects.get(pk=stored.pk)
    assert (moved.theme_id, moved.item_slot, moved.slot) == (flow.pk, 2, 1)
    fastread.batch([fastread.delete_statement(moved)])
    assert not Dot.objects.filter(step=vote).exists()


def test_a_batch_gives_each_statements_rows_and_the_databases_errors_as_djangos(converging):
    from django.db import IntegrityError, transaction

    from tests.live.converge_fixtures import go
    from workshops.models import Dot

    workshop, anna = converging["workshop"], converging["anna"]
    waiting, _flow = converging["themes"]
    vote = go(workshop, "vote")
    first, empty, count = fastread.batch(
        [
            ("SELECT 1, 2", []),
            ("SELECT id FROM workshops_dot WHERE step_id = %s", [vote.pk]),
            ("SELECT COUNT(*) FROM workshops_step WHERE workshop_id = %s", [workshop.pk]),
        ]
    )
    assert first == [(1, 2)] and empty == [] and count[0][0] == workshop.steps.count()
    dot = Dot(step=vote, participant=anna, theme=waiting, slot=1, budget=3, item_slot=1)
    dot.max_per_item = 1
    twin = Dot(step=vote, participant=anna, theme=waiting, slot=1, budget=3, item_slot=1)
    twin.max_per_item = 1
    with pytest.raises(IntegrityError), transaction.atomic():
        fastread.batch([fastread.insert_statement(dot), fastread.insert_statement(twin)])
    assert not Dot.objects.filter(step=vote).exists()  # the block rolled back both


def test_a_batch_commits_early_only_in_the_outermost_block(converging):
    """Nested in another block (here the test's own), `commit` waits for the block's end: a
    failure after the batch takes its write back."""
    from django.db import transaction

    from tests.live.converge_fixtures import go
    from workshops.models import Dot

    workshop, anna = converging["workshop"], converging["anna"]
    waiting, _flow = converging["themes"]
    vote = go(workshop, "vote")
    dot = Dot(step=vote, participant=anna, theme=waiting, slot=1, budget=3, item_slot=1)
    dot.max_per_item = 1
    with pytest.raises(RuntimeError), transaction.atomic():
        fastread.batch([fastread.insert_statement(dot)], commit=True)
        assert Dot.objects.filter(step=vote).count() == 1
        raise RuntimeError("after the batch")
    assert not Dot.objects.filter(step=vote).exists()
