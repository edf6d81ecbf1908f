"""Each app process's view of the newest event per workshop, fed by PostgreSQL NOTIFY.

An unchanged poll is the commonest request of a live workshop. With this, an app process can
answer it without asking the database: every event insert also sends `NOTIFY nopsa_live`
(delivered at commit, in commit order), and a listener thread in each process keeps the
highest event id per workshop. A poll whose marker is at or past that id gets 204 at once.

This is a cache of database state, never a source of it: when the listener is not connected
(SQLite, a restart, a lost connection) `known_latest` answers None and polls ask the database.
A notification can arrive a few milliseconds after its commit; a poll in that window is
answered on the next one. Several app processes each keep their own listener.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

CHANNEL = "nopsa_live"

_latest: dict[int, int] = {}
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


def notify(cursor, workshop_id: int, event_id: int) -> None:
    """Called in the transaction that inserts the event; delivered when it commits."""
    cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, f"{workshop_id}:{event_id}"])


def _listening() -> bool:
    return _state["connected"] and time.monotonic() - _state["alive_at"] < TRUST_SECONDS


def generation() -> int | None:
    """An opaque token for "listening since"; None when not listening (see `remember`)."""
    if not enabled():
        return None
    _ensure_listener()
    return _state["generation"] if _listening() else None


def known_latest(workshop_id: int, listening: int | None = None) -> int | None:
    """The newest event id this process knows for certain, or None when it cannot know.

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
                _state["generation"] += 1
                _state["alive_at"] = time.monotonic()
                _state["connected"] = True
                while True:
                    for note in conn.notifies(timeout=HEARTBEAT_SECONDS):
                        workshop, _, event = note.payload.partition(":")
                        try:
                            workshop_id, event_id = int(workshop), int(event)
                        except ValueError:
                            continue
                        if event_id > _latest.get(workshop_id, 0):
                            _latest[workshop_id] = event_id
                    # A heartbeat: a dead connection raises here instead of going quiet.
                    conn.execute("SELECT 1")
                    _state["alive_at"] = time.monotonic()
        except Exception:  # the database went away: polls ask it directly until it is back
            logger.warning("live listener lost its connection; retrying")
        _state["connected"] = False
        _state["generation"] += 1
        _latest.clear()
        time.sleep(1)
