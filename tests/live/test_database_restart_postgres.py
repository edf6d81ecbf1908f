"""The database restarting during a live workshop (issue 9, item 7): needs PostgreSQL.

A restart is simulated without touching the shared server: from a connection to the `postgres`
database the test database stops accepting connections (`ALLOW_CONNECTIONS false`) and every
backend of it is terminated, as a restart would; then it is let back. An app process (gunicorn,
as in production) serves a participant's phone throughout.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection

from tests.live.outage import admin_connection, database_down, restart_database
from workshops.live import services
from workshops.models import Note, Step

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
MARKER = "Asiakas-Anna-0101"


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")


def _live(workshop):
    Step.objects.create(
        workshop=workshop, position=1, kind="brainstorm", title="Ideointi", duration_minutes=20
    )
    return services.workshop_go_live(workshop=workshop)


@pytest.fixture
def app():
    """One gunicorn process on a free port, as in production (persistent connections, health
    checks, the live listener); its log goes to a file that the tests read."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}:{settings.get('PASSWORD') or ''}@"
        f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "NOPSA_TESTING": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "NOPSA_LIVE_NOTIFY": "true",
    }
    env.pop("DB_CONN_HEALTH_CHECKS", None)  # the default is under test
    command = [sys.executable, "-m", "gunicorn", "nopsa.wsgi", "-b", f"127.0.0.1:{port}"]
    command += ["-w", "1", "--no-control-socket", "--log-level", "warning"]
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}/join/", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                raise RuntimeError("the app process did not start")

            class App:
                url = base

                @staticmethod
                def log() -> str:
                    log.seek(0)
                    return log.read()

            yield App
        finally:
            process.terminate()
            process.wait(timeout=10)


class Phone:
    """A cookie-keeping HTTP client that reports error statuses instead of raising."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.csrf = ""

    def _open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def get(self, path: str) -> tuple[int, str]:
        status, html = self._open(self.base + path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if found:
            self.csrf = found.group(1)
        return status, html

    def post(self, path: str, data: dict, *, htmx: bool = True) -> tuple[int, str]:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf}).encode()
        headers = {"Referer": self.base + path}
        if htmx:
            headers["HX-Request"] = "true"
        return self._open(urllib.request.Request(self.base + path, data=body, headers=headers))


def joined_phone(app, workshop) -> Phone:
    phone = Phone(app.url)
    join = f"/join/{workshop.join_code}/"
    phone.get(join)
    status, _html = phone.post(join, {"nickname": "Anna", "kind": "professional"}, htmx=False)
    assert status == 200, status
    status, _html = phone.get(f"/live/{workshop.code}/")
    assert status == 200
    return phone


def assert_friendly_503(status: int, html: str) -> None:
    assert status == 503, status
    assert "<h1>Lyhyt tauko</h1>" in html
    for leak in ("Traceback", "OperationalError", "psycopg", "not currently accepting", MARKER):
        assert leak not in html


def test_a_request_during_the_outage_gets_the_friendly_503_and_logs_no_client_data(app, workshop):
    workshop = _live(workshop)
    phone = joined_phone(app, workshop)
    with database_down():
        assert_friendly_503(*phone.get(f"/live/{workshop.code}/"))
        assert_friendly_503(*phone.get(f"/live/{workshop.code}/poll/?since=0&sv=0"))
        status, html = phone.post(
            f"/live/{workshop.code}/notes/",
            {"text": MARKER, "client_id": str(uuid.uuid4()), "category": ""},
        )
        assert_friendly_503(status, html)
    log = app.log()
    assert "database unavailable: OperationalError" in log
    assert MARKER not in log
    assert "Traceback" not in log


def test_after_a_restart_the_very_next_request_works_without_restarting_the_app(app, workshop):
    workshop = _live(workshop)
    phone = joined_phone(app, workshop)  # the app process now holds a persistent connection
    restart_database()  # ... which the restart has killed
    status, html = phone.get(f"/live/{workshop.code}/")
    assert status == 200, html[:500]
    assert "Ideointi" in html
    status, _html = phone.get(f"/live/{workshop.code}/poll/?since=0&sv=0")
    assert status == 200


def test_a_note_sent_during_the_outage_and_resent_after_it_is_stored_once(app, workshop):
    workshop = _live(workshop)
    phone = joined_phone(app, workshop)
    note = {"text": "Tieto ei kulje", "client_id": str(uuid.uuid4()), "category": ""}
    with database_down():
        status, _html = phone.post(f"/live/{workshop.code}/notes/", note)
        assert status == 503
    assert not Note.objects.filter(client_id=note["client_id"]).exists()
    # The page resends the same note (the same client id) once the server answers again;
    # a second resend, as after a lost response, changes nothing.
    for _ in range(2):
        status, html = phone.post(f"/live/{workshop.code}/notes/", note)
        assert status == 200, html[:500]
    assert Note.objects.filter(client_id=note["client_id"]).count() == 1
    assert Note.objects.get(client_id=note["client_id"]).text == "Tieto ei kulje"


def test_the_allow_connections_switch_is_restored_even_when_the_block_fails(workshop):
    with pytest.raises(RuntimeError), database_down():
        raise RuntimeError("a failing test inside the outage")
    assert Note.objects.count() == 0  # the database answers again
    with admin_connection() as admin:
        allowed = admin.execute(
            "SELECT datallowconn FROM pg_database WHERE datname = %s",
            [connection.settings_dict["NAME"]],
        ).fetchone()[0]
    assert allowed is True
