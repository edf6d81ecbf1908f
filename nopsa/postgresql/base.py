"""Django's PostgreSQL backend with a health check that needs no round trip while nothing is
wrong.

Django checks a kept connection before the first query of a request by sending `SELECT 1`
(`CONN_HEALTH_CHECKS`). On the 2-core machine every round trip of a busy request is a wait
for the database process and then for the GIL (~10 ms each under a big room's load), and a
dot of a vote made four of them. A server that ends a connection (a restart, an administrator)
first sends it a message and closes the socket; an idle connection on which nothing has
arrived is as the last query left it. So the socket is looked at first, and only when
something has arrived (an ending, or a rare notice) is the server asked. `settings.py` selects
this backend for a `postgres://` DATABASE_URL.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        raw = self.connection
        if raw is None or raw.closed:
            return False
        pgconn = raw.pgconn
        if pgconn.status != pq.ConnStatus.OK:
            return False
        if pgconn.transaction_status == pq.TransactionStatus.IDLE:
            try:
                readable, _w, _x = select.select([pgconn.socket], [], [], 0)
            except (OSError, ValueError):
                return False
            if not readable:
                return True
        return super().is_usable()  # something arrived, or a transaction is open: ask
