"""Each app process's view of the newest event per workshop, fed by PostgreSQL NOTIFY.

An unchanged poll is the commonest request of a live workshop. With this, an app process can
answer it without asking the database: every event insert that a participant could see
also sends `NOTIFY nopsa_live` (delivered at commit, in commit order), and a listener thread
in each process keeps the highest such event id per workshop. A participant's poll whose
marker is at or past that id gets 204 at once. Staff-only events (a hidden vote's dots,
joins) are not notified: staff screens read the database at each poll.

This is a cache of database state, never a source of it: when the listener is not connected
(SQLite, a restart, a lost connection) `known_latest` answers None and polls ask the database.
A notification can arrive a few milliseconds after its commit; a poll in that window is
answered on the next one. Several app processes each keep their own listener.

The notification carries the event itself (the note's text, or the workshop's new step and
privacy), so a process also keeps a short buffer of each workshop's recent events and can
answer a participant's changed poll from memory (`recent_changes`). A buffer is trusted only
from the point where it is known to be complete: the newest event id read from the database
after the listener started (`cover`).
"""

from __future__ import annotations

import collections
import json
import logging
import os
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

CHANNEL = "nopsa_live"

_latest: dict[int, int] = {}
BUFFER_EVENTS = 2000


@dataclass(frozen=True)
class BufferedEvent:
    id: int
    kind: str
    audience: int
    participant_id: int | None
    note_public_id: str | None
    # The note as it was at the event: (public id, step id, author id, text, category, hidden)
    note: tuple | None


@dataclass
class WorkshopView:
    """A workshop as this process knows it from notifications, complete after `covered_from`."""

    covered_from: int
    state: str
    current_step_id: int | None
    step_private: bool
    events: collections.deque


_views: dict[int, WorkshopView] = {}
_state = {"pid": None, "connected": False, "alive_at": 0.0, "generation": 0}
_lock = threading.Lock()
HEARTBEAT_SECONDS = 2.0
TRUST_SECONDS = 3 * HEARTBEAT_SECONDS


def enabled() -> bool:
    # Read from settings, not `connection.vendor`: the connection proxy is a thread-local
    # lookup, and this runs on every poll.
    return (
        getattr(settings, "NOPSA_LIVE_NOTIFY", True)
        and "postgresql" in settings.DATABASES["default"]["ENGINE"]
    )


def payload_without_id(event, note=None, context: dict | None = None) -> str:
    """The notification of `event`, inserted in this transaction and delivered at its commit,
    as JSON without the event id and without its opening brace: the insert that learns the
    id puts `{"e": id,` in front (`services._event`).

    `note` is the note as it is now (None when it is gone); `context` the workshop's state,
    current step and privacy after a change of step or state.
    """
    payload = {
        "w": event.workshop_id,
        "k": event.kind,
        "a": event.audience,
        "p": event.participant_id,
    }
    if event.note_public_id is not None:
        payload["i"] = str(event.note_public_id)
    if note is not None:
        payload["n"] = [
            str(note.public_id),
            note.step_id,
            note.participant_id,
            note.text,
            note.category,
            bool(note.hidden_at),
        ]
    if context is not None:
        payload["c"] = context
    return json.dumps(payload)[1:]


def _apply(payload: str) -> None:
    data = json.loads(payload)
    workshop_id, event_id = int(data["w"]), int(data["e"])
    with _lock:  # not between `cover`'s check and its new buffer
        if event_id > _latest.get(workshop_id, 0):
            _latest[workshop_id] = event_id
        view = _views.get(workshop_id)
        if view is None:
            return
        context = data.get("c")
        if context is not None:
            view.state = context["state"]
            view.current_step_id = context["step"]
            view.step_private = context["private"]
        note = data.get("n")
        if len(view.events) == view.events.maxlen:
            # The oldest event falls out: the buffer is complete only after it from now on.
            view.covered_from = view.events[0].id
        view.events.append(
            BufferedEvent(
                id=event_id,
                kind=data["k"],
                audience=data["a"],
                participant_id=data["p"],
                note_public_id=data.get("i"),
                note=tuple(note) if note is not None else None,
            )
        )


def cover(workshop_id: int, since_generation: int | None, marker: int, context: dict) -> None:
    """Start buffering a workshop: `marker` and `context` were read from the database in one
    query that began while the listener was listening (`since_generation`)."""
    if since_generation is None or since_generation != _state["generation"] or not _listening():
        return
    with _lock:
        if workshop_id in _views:
            return
        if _latest.get(workshop_id, 0) > marker:
            # An event newer than the marker arrived before there was a buffer to keep it:
            # from this marker the buffer would miss it. The next poll that asks the
            # database tries again.
            return
        view = WorkshopView(
            covered_from=marker,
            state=context["state"],
            current_step_id=context["step"],
            step_private=context["private"],
            events=collections.deque(maxlen=BUFFER_EVENTS),
        )
        _views[workshop_id] = view
    if marker > _latest.get(workshop_id, 0):
        _latest[workshop_id] = marker


def covered(workshop_id: int) -> bool:
    return workshop_id in _views


def recent_changes(workshop_id: int, since: int) -> tuple[WorkshopView, list] | None:
    """The buffered events after `since`, when this process is sure it has them all."""
    if generation() is None:
        return None
    view = _views.get(workshop_id)
    if view is None or since < view.covered_from:
        return None
    events = [event for event in list(view.events) if event.id > since]
    return view, events


def _listening() -> bool:
    return _state["connected"] and time.monotonic() - _state["alive_at"] < TRUST_SECONDS


def generation() -> int | None:
    """An opaque token for "listening since"; None when not listening (see `remember`)."""
    if not enabled():
        return None
    _ensure_listener()
    return _state["generation"] if _listening() else None


def known_latest(workshop_id: int, listening: int | None = None) -> int | None:
    """The newest event id that participants could see, as this process knows it for certain,
    or None when it cannot know (staff-only events are not notified: see the module).

    Pass the `generation()` the caller already has to save a second check."""
    if listening is None:
        listening = generation()
    if listening is None:
        return None
    return _latest.get(workshop_id)


def remember(workshop_id: int, event_id: int, since_generation: int | None) -> None:
    """Record an id read from the database by a query that started while the listener was
    already listening (`since_generation`); any later event will then be notified."""
    if since_generation is None or since_generation != _state["generation"] or not _listening():
        return
    if event_id > _latest.get(workshop_id, 0):
        _latest[workshop_id] = event_id


def _ensure_listener() -> None:
    pid = os.getpid()
    if _state["pid"] == pid:
        return
    with _lock:
        if _state["pid"] == pid:
            return
        # A new process (e.g. a forked gunicorn worker): start afresh.
        _latest.clear()
        _views.clear()
        _state.update(pid=pid, connected=False)
        thread = threading.Thread(target=_listen, name="nopsa-live-listener", daemon=True)
        _state["thread"] = thread
        thread.start()


def _listen() -> None:
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    params.pop("connect_timeout", None)
    while True:
        try:
            with psycopg.connect(autocommit=True, connect_timeout=5, **params) as conn:
                conn.execute(f"LISTEN {CHANNEL}")
                # Only from now on is the cache complete: ids known before were forgotten.
                _latest.clear()
                _views.clear()
                _state["generation"] += 1
                _state["alive_at"] = time.monotonic()
                _state["connected"] = True
                while True:
                    for notification in conn.notifies(timeout=HEARTBEAT_SECONDS):
                        try:
                            _apply(notification.payload)
                        except (ValueError, KeyError, TypeError):
                            logger.warning("live listener: unreadable notification ignored")
                    # A heartbeat: a dead connection raises here instead of going quiet.
                    conn.execute("SELECT 1")
                    _state["alive_at"] = time.monotonic()
        except Exception:  # the database went away: polls ask it directly until it is back
            logger.warning("live listener lost its connection; retrying")
        _state["connected"] = False
        _state["generation"] += 1
        _latest.clear()
        _views.clear()
        time.sleep(1)
