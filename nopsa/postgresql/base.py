"""Django's PostgreSQL backend with a health check that needs no round trip while nothing is
wrong.

Django checks a kept connection before the first query of a request by sending `SELECT 1`
(`CONN_HEALTH_CHECKS`). On the 2-core machine every round trip of a busy request is a wait
for the database process and then for the GIL (~10 ms each under a big room's load), and a
dot of a vote made four of them. A server that ends a connection (a restart, an administrator)
first sends it a message and closes the socket; an idle connection on which nothing has
arrived is as the last query left it. So the socket is looked at first, and the server is
asked only when something has arrived (an ending, or a rare notice), when a transaction is
open, or when the connection has been idle for a while (a firewall may drop an idle connection
without a word). `settings.py` selects this backend for a `postgres://` DATABASE_URL.

It also lets the queries that ask for it be prepared (`get_connection_params`).
"""

from __future__ import annotations

import select
import time

from django.conf import settings
from django.db.backends.postgresql import base
from psycopg import pq

# A connection unused for longer than this is checked by the server, as Django checks it.
IDLE_SECONDS = 30
# psycopg prepares a query after this many executions, or at once when asked (`prepare=True`).
PREPARE_ONLY_WHEN_ASKED = 2**31 - 1


class DatabaseWrapper(base.DatabaseWrapper):
    _checked_at = 0.0

    def get_connection_params(self):
        """The hot queries (`workshops.live.fastread`: a phone's identity read, a dot's reads
        and writes, the events of a poll) are server-side prepared statements, planned once
        per connection. Django turns psycopg's prepared statements off (`prepare_threshold`
        None), and then psycopg ignores `prepare=True` too: every one of them was parsed and
        planned at each execution, which cost the database more than running them (~1 ms
        against ~0.4 ms for a dot's). With a threshold no query reaches, only the queries that
        ask for it are prepared; Django's own cursors bind on the client and never are.

        Off with `DB_PREPARED_STATEMENTS=false` (settings), or with `prepare_threshold` set
        in the database's OPTIONS: PgBouncer in transaction mode before 1.21 (or without
        `max_prepared_statements`) cannot keep a connection's prepared statements."""
        params = super().get_connection_params()
        explicit = "prepare_threshold" in self.settings_dict.get("OPTIONS", {})
        if settings.DB_PREPARED_STATEMENTS and not explicit:
            params["prepare_threshold"] = PREPARE_ONLY_WHEN_ASKED
        return params

    def is_usable(self) -> bool:
        raw = self.connection
        if raw is None or raw.closed:
            return False
        pgconn = raw.pgconn
        if pgconn.status != pq.ConnStatus.OK:
            return False
        now = time.monotonic()
        idle = now - self._checked_at
        self._checked_at = now
        if pgconn.transaction_status == pq.TransactionStatus.IDLE and idle < IDLE_SECONDS:
            # poll(), not select(): a busy process's sockets may have numbers above 1024.
            poller = select.poll()
            poller.register(pgconn.socket, select.POLLIN | select.POLLERR | select.POLLHUP)
            if not poller.poll(0):
                return True
        return super().is_usable()  # something arrived, a transaction is open, or long idle
