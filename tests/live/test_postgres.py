"""Concurrency and several app processes: needs PostgreSQL (skipped, with the reason, on SQLite)."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection, connections

from workshops.live import services
from workshops.models import Note, Participant, Step

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")


def _live(workshop):
    Step.objects.create(
        workshop=workshop, position=1, kind="brainstorm", title="Ideointi", duration_minutes=20
    )
    return services.workshop_go_live(workshop=workshop)


def test_twenty_concurrent_retries_of_one_note_make_one_note(workshop):
    workshop = _live(workshop)
    participant, _token = services.participant_join(
        workshop=workshop, nickname="Anna", kind=Participant.Kind.PROFESSIONAL
    )
    client_id = uuid.uuid4()
    barrier = threading.Barrier(20)
    results, errors = [], []

    def post():
        try:
            barrier.wait()
            note, _created = services.note_post(
                workshop=workshop, participant=participant, text="Sama", client_id=client_id
            )
            results.append(note.pk)
        except Exception as exc:  # every failure is reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(set(results)) == 1
    assert Note.objects.count() == 1


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_app(port):
    settings = connection.settings_dict
    host = settings["HOST"] or "127.0.0.1"
    url = (
        f"postgres://{settings['USER']}:{settings.get('PASSWORD') or ''}@{host}"
        f":{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "NOPSA_TESTING": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        # Each process learns of the other's events by NOTIFY; unchanged polls skip the query.
        "NOPSA_LIVE_NOTIFY": "true",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "nopsa.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/join/", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the app process did not start")


class Browser:
    """A tiny cookie-keeping HTTP client, like one phone."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url):
        with self.opener.open(url, timeout=5) as response:
            return response.status, response.read().decode()

    def post_form(self, page_url, post_url, data):
        _status, html = self.get(page_url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(post_url, data=body, headers={"Referer": page_url})
        with self.opener.open(request, timeout=5) as response:
            return response.status, response.read().decode()


def test_two_app_processes_serve_one_workshop(workshop):
    workshop = _live(workshop)
    ports = [_free_port(), _free_port()]
    processes = [_start_app(port) for port in ports]
    try:
        a, b = (f"http://127.0.0.1:{port}" for port in ports)
        anna, ville = Browser(), Browser()
        join_path = f"/join/{workshop.join_code}/"
        anna.post_form(a + join_path, a + join_path, {"nickname": "Anna", "kind": "professional"})
        ville.post_form(b + join_path, b + join_path, {"nickname": "Ville", "kind": "client"})
        live_path = f"/live/{workshop.code}/"
        _status, page = ville.get(b + live_path)
        marker = re.search(r"since=(\d+)", page).group(1)
        sv = re.search(r"sv=(\d+)", page).group(1)
        # Anna posts through process A ...
        anna.post_form(
            a + live_path,
            a + live_path + "notes/",
            {"text": "Prosessin A kautta", "client_id": str(uuid.uuid4()), "category": ""},
        )
        # ... and Ville, polling process B, sees it.
        status, body = ville.get(f"{b}{live_path}poll/?since={marker}&sv={sv}")
        assert status == 200
        assert "Prosessin A kautta" in body
        # And the other way round.
        _status, page = anna.get(a + live_path)
        marker = re.search(r"since=(\d+)", page).group(1)
        ville.post_form(
            b + live_path,
            b + live_path + "notes/",
            {"text": "Prosessin B kautta", "client_id": str(uuid.uuid4()), "category": ""},
        )
        status, body = anna.get(f"{a}{live_path}poll/?since={marker}&sv={sv}")
        assert "Prosessin B kautta" in body
        assert Note.objects.count() == 2
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def test_an_unchanged_poll_needs_no_query_once_the_process_listens(
    workshop, settings, django_assert_num_queries
):
    from workshops.live import poll, signals

    settings.NOPSA_LIVE_NOTIFY = True
    workshop = _live(workshop)
    participant, _token = services.participant_join(
        workshop=workshop, nickname="Anna", kind=Participant.Kind.PROFESSIONAL
    )
    deadline = time.monotonic() + 5
    while signals.generation() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert signals.generation() is not None, "the listener did not connect"
    note, _created = services.note_post(
        workshop=workshop, participant=participant, text="Uusi", client_id=uuid.uuid4()
    )
    latest = poll.latest_marker(workshop_id=workshop.pk)
    while signals.known_latest(workshop.pk) != latest and time.monotonic() < deadline:
        time.sleep(0.05)
    assert signals.known_latest(workshop.pk) == latest
    mine = {"participant_id": participant.pk, "token_hash": participant.token_hash}
    with django_assert_num_queries(0):
        assert poll.changes_since(workshop_id=workshop.pk, since=latest, **mine) is None
    # A newer event reaches the cache by NOTIFY, and the poll asks the database again.
    services.step_reveal(step=note.step)
    while signals.known_latest(workshop.pk) == latest and time.monotonic() < deadline:
        time.sleep(0.05)
    changes = poll.changes_since(workshop_id=workshop.pk, since=latest, **mine)
    assert changes is not None and changes.marker > latest


def test_a_poll_that_brings_notes_is_answered_from_memory(
    workshop, settings, django_assert_num_queries
):
    from workshops.live import poll, signals

    settings.NOPSA_LIVE_NOTIFY = True
    workshop = _live(workshop)
    private = Step.objects.create(
        workshop=workshop,
        position=2,
        kind="brainstorm",
        title="Yksityinen",
        duration_minutes=20,
        settings={"private_until_reveal": True},
    )
    anna, _ = services.participant_join(workshop=workshop, nickname="Anna", kind="professional")
    ville, _ = services.participant_join(workshop=workshop, nickname="Ville", kind="client")
    deadline = time.monotonic() + 5
    while signals.generation() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    poll.start_covering(workshop.pk)
    marker = poll.latest_marker(workshop_id=workshop.pk)
    note, _ = services.note_post(
        workshop=workshop, participant=ville, text="Muistista", client_id=uuid.uuid4()
    )
    while signals.known_latest(workshop.pk) == marker and time.monotonic() < deadline:
        time.sleep(0.05)
    with django_assert_num_queries(0):
        changes = poll.recent_from_memory(
            workshop_id=workshop.pk, since=marker, participant_id=anna.pk
        )
    assert changes is not None
    assert changes.notes[note.public_id].text == "Muistista"
    assert changes.marker > marker
    # A change of step is not served from memory: the database path redraws the stage.
    services.step_go(workshop=workshop, step=private)
    latest = changes.marker
    while signals.known_latest(workshop.pk) == latest and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (
        poll.recent_from_memory(workshop_id=workshop.pk, since=latest, participant_id=anna.pk)
        is None
    )
    # After it, a private note reaches its author from memory but not the others.
    latest = signals.known_latest(workshop.pk)
    workshop.refresh_from_db()
    secret, _ = services.note_post(
        workshop=workshop, participant=ville, text="Vain minulle", client_id=uuid.uuid4()
    )
    while signals.known_latest(workshop.pk) == latest and time.monotonic() < deadline:
        time.sleep(0.05)
    for_anna = poll.recent_from_memory(
        workshop_id=workshop.pk, since=latest, participant_id=anna.pk
    )
    for_ville = poll.recent_from_memory(
        workshop_id=workshop.pk, since=latest, participant_id=ville.pk
    )
    assert for_anna is not None and secret.public_id not in for_anna.notes
    assert for_ville is not None and for_ville.notes[secret.public_id].text == "Vain minulle"
