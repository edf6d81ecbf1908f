"""Dot voting under concurrency: needs PostgreSQL (skipped, with the reason, on SQLite).

The budget and the per-item limit hold by row lock and database constraints: many requests
of one voter at once leave exactly the budget, and concurrent moves never lose or duplicate
a dot.
"""

import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from workshops.live import converge, services
from workshops.live.services import LiveError
from workshops.models import Dot, LiveEvent

from .converge_fixtures import go

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")


def _race(functions):
    barrier = threading.Barrier(len(functions))
    results, errors = [], []

    def run(function):
        try:
            barrier.wait()
            results.append(function())
        except Exception as exc:  # every failure is reported by the caller
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def _dot(workshop, step, participant, item, action="add", source=None):
    return lambda: converge.dot_change(
        workshop=workshop,
        step=step,
        participant=participant,
        action=action,
        item_id=item.public_id,
        from_id=source.public_id if source else None,
    )


def test_fifty_concurrent_dots_of_one_voter_leave_exactly_the_budget(converging):
    workshop = converging["workshop"]
    step = go(workshop, "vote")
    anna = converging["anna"]
    waiting, flow = converging["themes"]
    # Half on each theme: the budget (3) binds, and max per item (2) on each theme too.
    results, errors = _race(
        [_dot(workshop, step, anna, waiting if i % 2 else flow) for i in range(50)]
    )
    assert len(results) == 3
    assert len(errors) == 47
    assert all(isinstance(e, LiveError) for e in errors), errors[:3]
    assert {e.code for e in errors} <= {"budget", "item_limit", "limit"}
    dots = list(Dot.objects.filter(step=step, participant=anna))
    assert len(dots) == 3
    assert sorted(d.slot for d in dots) == [1, 2, 3]
    for theme in (waiting, flow):
        assert len([d for d in dots if d.theme_id == theme.pk]) <= 2


def test_fifty_concurrent_dots_on_one_item_stop_at_its_limit(converging):
    workshop = converging["workshop"]
    step = go(workshop, "vote")
    results, errors = _race(
        [_dot(workshop, step, converging["ville"], converging["themes"][0]) for _ in range(50)]
    )
    assert len(results) == 2
    assert {e.code for e in errors} == {"item_limit"}
    assert Dot.objects.filter(step=step, participant=converging["ville"]).count() == 2


def test_two_concurrent_moves_never_lose_or_duplicate_a_dot(converging):
    workshop = converging["workshop"]
    step = go(workshop, "vote")
    anna = converging["anna"]
    waiting, flow = converging["themes"]
    converge.dot_change(
        workshop=workshop, step=step, participant=anna, action="add", item_id=waiting.public_id
    )
    converge.dot_change(
        workshop=workshop, step=step, participant=anna, action="add", item_id=flow.public_id
    )
    for _round in range(5):
        _results, errors = _race(
            [
                _dot(workshop, step, anna, flow, "move", waiting),
                _dot(workshop, step, anna, waiting, "move", flow),
            ]
        )
        assert not [e for e in errors if not isinstance(e, LiveError)]
        dots = list(Dot.objects.filter(step=step, participant=anna))
        assert len(dots) == 2
        assert len({d.slot for d in dots}) == 2
        assert all(d.item_slot <= d.max_per_item for d in dots)


def test_the_constraints_hold_without_the_service_lock(converging):
    """Two writers that skip the lock and both take slot 3: the database refuses one."""
    workshop = converging["workshop"]
    step = go(workshop, "vote")
    anna = converging["anna"]
    waiting, flow = converging["themes"]

    def insert(theme):
        def run():
            with transaction.atomic():
                return Dot.objects.create(
                    step=step,
                    participant=anna,
                    theme=theme,
                    slot=3,
                    budget=3,
                    item_slot=1,
                    max_per_item=2,
                )

        return run

    results, errors = _race([insert(waiting), insert(flow)])
    assert len(results) == 1
    assert len(errors) == 1 and isinstance(errors[0], IntegrityError)


def test_a_hidden_dot_is_not_notified_and_a_shown_one_is(
    converging, settings, django_assert_num_queries
):
    """With 300 voters, a hidden dot must not reach every phone: it is a staff-only event,
    not notified, so the phones' polls stay 204 without a query, while the staff screens'
    polls (always from the database) see it. A dot everyone sees (results shown) is notified
    and redraws the phones."""
    import time

    from workshops.live import poll, signals

    settings.NOPSA_LIVE_NOTIFY = True
    workshop = converging["workshop"]
    step = go(workshop, "vote")
    anna, ville = converging["anna"], converging["ville"]
    deadline = time.monotonic() + 5
    while signals.generation() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert signals.generation() is not None, "the listener did not connect"
    poll.start_covering(workshop.pk)
    marker = poll.latest_marker(workshop_id=workshop.pk)
    assert signals.known_latest(workshop.pk) == marker
    converge.dot_change(
        workshop=workshop,
        step=step,
        participant=anna,
        action="add",
        item_id=converging["themes"][0].public_id,
    )
    # Notifications arrive in commit order: once a later, visible change has arrived, a
    # notification of the dot would have arrived before it.
    services.timer_start(workshop=workshop)
    timer = LiveEvent.objects.latest("id").id
    while signals.known_latest(workshop.pk) != timer and time.monotonic() < deadline:
        time.sleep(0.05)
    _view, buffered = signals.recent_changes(workshop.pk, marker)
    assert [(e.id, e.kind) for e in buffered] == [(timer, LiveEvent.Kind.TIMER)]
    with django_assert_num_queries(0):
        assert (
            poll.changes_since(workshop_id=workshop.pk, since=timer, participant_id=ville.pk)
            is None
        )
    staff = poll.staff_changes_since(workshop_id=workshop.pk, since=marker)
    assert staff is not None
    assert [e.kind for e in staff.events] == [LiveEvent.Kind.VOTE, LiveEvent.Kind.TIMER]
    marker = timer
    step.settings = {**step.settings, "hide_results_until_closed": False}
    step.save(update_fields=["settings"])
    converge.dot_change(
        workshop=workshop,
        step=step,
        participant=anna,
        action="add",
        item_id=converging["themes"][1].public_id,
    )
    while signals.known_latest(workshop.pk) == marker and time.monotonic() < deadline:
        time.sleep(0.05)
    assert signals.known_latest(workshop.pk) > marker
    # A visible dot is not a note: the phone's poll goes to the database and redraws.
    assert (
        poll.recent_from_memory(workshop_id=workshop.pk, since=marker, participant_id=ville.pk)
        is None
    )


def _other_connection_sees(event_id) -> bool:
    """Whether a second connection (another request) sees the event: committed."""
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"], port=settings["PORT"]
    ) as other:
        return (
            other.execute("SELECT 1 FROM workshops_liveevent WHERE id = %s", [event_id]).fetchone()
            is not None
        )


def test_a_last_event_commits_with_its_insert_and_frees_the_workshop_at_once(converging):
    from workshops.live.services import _event

    workshop = converging["workshop"]
    with transaction.atomic():
        event = _event(workshop, "vote", commit=True)
        # Committed in the insert's round trip, before the block ends: the workshop's event
        # lock is not held while this thread goes on.
        assert _other_connection_sees(event.pk)
    assert _other_connection_sees(event.pk)


def test_a_nested_block_is_not_committed_early(converging):
    from workshops.live.services import _event

    workshop = converging["workshop"]
    with transaction.atomic(), transaction.atomic():
        event = _event(workshop, "vote", commit=True)
        assert not _other_connection_sees(event.pk)
    assert _other_connection_sees(event.pk)
    with pytest.raises(RuntimeError), transaction.atomic():
        event = _event(workshop, "vote")
        raise RuntimeError("the change fails after its event")
    assert not _other_connection_sees(event.pk)
