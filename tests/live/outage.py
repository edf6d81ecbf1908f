"""A database restart, simulated without touching the shared PostgreSQL server (PostgreSQL only).

From a connection to the `postgres` database the test database stops accepting connections
(`ALTER DATABASE ... ALLOW_CONNECTIONS false`) and every backend of it is terminated, as a
restart would; at the end of the block it is let back.
"""

from __future__ import annotations

import contextlib
import time

import psycopg
from django.db import connection
from psycopg import sql


def admin_connection() -> psycopg.Connection:
    params = connection.get_connection_params()
    return psycopg.connect(
        host=params.get("host") or "127.0.0.1",
        port=params.get("port") or 5432,
        user=params.get("user"),
        password=params.get("password") or None,
        dbname="postgres",
        autocommit=True,
    )


@contextlib.contextmanager
def database_down():
    """The test database refuses connections and has lost every backend until the block ends.

    ALLOW_CONNECTIONS is restored in `finally`, whatever happens: the rest of the suite runs on
    the same database."""
    name = connection.settings_dict["NAME"]
    with admin_connection() as admin:
        try:
            admin.execute(
                sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(sql.Identifier(name))
            )
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            # As in a restart, the backends are gone (each has told its client so) before the
            # server is back: pg_terminate_backend only signals them.
            deadline = time.monotonic() + 10
            while (
                time.monotonic() < deadline
                and admin.execute(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = %s "
                    "AND pid <> pg_backend_pid()",
                    [name],
                ).fetchone()[0]
            ):
                time.sleep(0.01)
            yield
        finally:
            admin.execute(
                sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(sql.Identifier(name))
            )
            # The test's own connection was terminated too.
            connection.close()


def restart_database():
    with database_down():
        pass
