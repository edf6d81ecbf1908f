"""The listener's buffer (workshops/live/signals.py) starts only where it is complete."""

from workshops.live import signals

CONTEXT = {"state": "live", "step": 1, "private": False}


def _listening(monkeypatch):
    """As in a process whose listener is connected (no database needed)."""
    monkeypatch.setattr(signals, "enabled", lambda: True)
    monkeypatch.setattr(signals, "_ensure_listener", lambda: None)
    monkeypatch.setattr(signals, "_listening", lambda: True)
    monkeypatch.setitem(signals._state, "generation", 7)
    monkeypatch.setattr(signals, "_views", {})
    monkeypatch.setattr(signals, "_latest", {})


def test_a_buffer_does_not_start_behind_an_event_that_came_before_it(monkeypatch):
    """The marker was read, then a change of step was notified while there was no buffer
    yet: a buffer from that marker would lack it, and a note after it would be served from
    memory without the step's change."""
    _listening(monkeypatch)
    signals._apply(
        '{"w": 5, "e": 11, "k": "step", "a": 0, "p": null,'
        ' "c": {"state": "live", "step": 2, "private": false}}'
    )
    signals.cover(5, 7, 10, CONTEXT)
    assert not signals.covered(5)
    assert signals.recent_changes(5, 10) is None  # the database path answers
    signals.cover(5, 7, 11, CONTEXT)  # read again after it: complete from there
    assert signals.covered(5)
    signals._apply('{"w": 5, "e": 12, "k": "note", "a": 0, "p": 3}')
    _view, events = signals.recent_changes(5, 11)
    assert [e.id for e in events] == [12]


def test_a_buffer_started_at_the_newest_event_keeps_what_comes_after(monkeypatch):
    _listening(monkeypatch)
    signals.cover(5, 7, 10, CONTEXT)
    assert signals.covered(5)
    signals._apply('{"w": 5, "e": 11, "k": "note", "a": 0, "p": 3}')
    _view, events = signals.recent_changes(5, 10)
    assert [e.id for e in events] == [11]
