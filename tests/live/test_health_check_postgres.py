"""The kept connection's health check (nopsa/postgresql/base.py): no round trip while the
connection is sound, the server asked when something has arrived, a dead one replaced."""

from __future__ import annotations

import pytest
from django.db import connection, connections
from django.db.backends.postgresql.base import DatabaseWrapper as DjangoWrapper

from tests.live.outage import admin_connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")


@pytest.fixture
def asked(monkeypatch):
    """How often the check asked the server (Django's own `SELECT 1`)."""
    calls = []
    original = DjangoWrapper.is_usable

    def counting(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(DjangoWrapper, "is_usable", counting)
    return calls


def test_the_postgres_url_selects_the_backend():
    assert connection.settings_dict["ENGINE"] == "nopsa.postgresql"
    assert type(connections["default"]).__module__ == "nopsa.postgresql.base"


def test_a_sound_idle_connection_is_usable_without_asking_the_server(asked):
    connection.ensure_connection()
    assert connection.is_usable() is True  # the first check: unused since it opened
    asked.clear()
    assert connection.is_usable() is True
    assert asked == []


def test_a_connection_idle_for_long_is_checked_by_the_server(asked):
    connection.ensure_connection()
    connection.is_usable()
    asked.clear()
    connection._checked_at -= 31  # a firewall may have dropped it without a word
    assert connection.is_usable() is True
    assert asked == [1]


def test_a_socket_numbered_above_1024_is_checked_without_asking(asked):
    """A busy worker has many open files; select() could not take such a socket."""
    import os
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 1200:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(2048, hard), hard))
    connection.close()
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        connection.ensure_connection()
        assert connection.connection.pgconn.socket > 1024
        connection.is_usable()
        asked.clear()
        assert connection.is_usable() is True
        assert asked == []
    finally:
        connection.close()
        for fd in held:
            os.close(fd)


def test_a_connection_the_server_ended_is_not_usable_and_is_replaced(asked):
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    with admin_connection() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
            pass
    assert connection.is_usable() is False
    assert asked == [1]  # the ending arrived on the socket: the server was asked
    # What Django does before a request's first query: close it, and connect anew.
    connection.health_check_done = False
    connection.close_if_health_check_failed()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_an_open_transaction_is_checked_by_the_server(asked):
    connection.ensure_connection()
    connection.connection.execute("BEGIN")
    try:
        assert connection.is_usable() is True
        assert asked == [1]
    finally:
        connection.connection.execute("ROLLBACK")


HOT = "SELECT COUNT(*) FROM workshops_workshop WHERE id > %s"


def _prepared(text: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE %s", [f"%{text}%"]
        )
        return cursor.fetchone()[0]


def test_the_hot_queries_are_prepared_once_and_djangos_are_not():
    """`prepare=True` in `fastread` makes a server-side prepared statement (Django's default
    turned psycopg's preparing off, and then that flag did nothing); the ORM's queries bind
    on the client and are not prepared."""
    from workshops.live import fastread
    from workshops.models import Workshop

    for _ in range(3):
        fastread.fetch(HOT, [0])
    assert _prepared("FROM workshops_workshop WHERE id > $1") == 1
    for _ in range(10):
        list(Workshop.objects.filter(pk__gt=0).values_list("pk"))
    assert _prepared('FROM "workshops_workshop" WHERE "workshops_workshop"."id" >') == 0


def test_prepared_statements_can_be_turned_off_for_a_connection_pooler(settings):
    """PgBouncer in transaction mode (before 1.21) cannot keep prepared statements."""
    from workshops.live import fastread

    settings.DB_PREPARED_STATEMENTS = False
    connection.close()
    try:
        for _ in range(3):
            fastread.fetch(HOT, [0])
        assert _prepared("FROM workshops_workshop WHERE id > $1") == 0
    finally:
        connection.close()  # the next test connects with the default
