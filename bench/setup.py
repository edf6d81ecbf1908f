"""Runs inside `manage.py shell` for the benchmark: creates its data, moves the workshop from
the brainstorm to the vote as a facilitator would, and reads the outcome."""

from __future__ import annotations

import os
import time

from django.contrib.auth import get_user_model
from django.core import signing
from django.db.models import Count

from workshops import services
from workshops.live import converge, identity
from workshops.live import services as live
from workshops.models import Dot, Membership, Note, Organisation, Participant, Step, Workshop

BUDGET = 3
THEMES = 8
# The vote as a real one runs by default: on themes, 3 dots each, results hidden while voting.
VOTE_SETTINGS = {"budget": BUDGET, "hide_results_until_closed": True, "target": "themes"}


def setup(participants: int) -> dict:
    organisation = Organisation.objects.create(name="Benchmark")
    user = get_user_model().objects.create_user("bench", password="bench-password-123")  # noqa: S106 — throw-away
    Membership.objects.create(organisation=organisation, user=user, role="facilitator")
    series = services.series_create(
        organisation=organisation,
        method=None,
        title="Benchmark",
        facilitators=[user],
        created_by=user,
    )
    workshop = services.workshop_add(series=series, title="Kuormitustesti")
    Step.objects.create(
        workshop=workshop,
        position=1,
        kind="brainstorm",
        title="Ideointi",
        duration_minutes=30,
        settings={},
    )
    Step.objects.create(
        workshop=workshop, position=2, kind="themes", title="Teemat", duration_minutes=10
    )
    Step.objects.create(
        workshop=workshop,
        position=3,
        kind="vote",
        title="Äänestys",
        duration_minutes=5,
        settings=VOTE_SETTINGS,
    )
    workshop = live.workshop_go_live(workshop=workshop)
    cookies = []
    for index in range(participants):
        participant, token = live.participant_join(
            workshop=workshop,
            nickname=f"Osallistuja {index}",
            kind=Participant.Kind.CLIENT if index % 5 == 0 else Participant.Kind.PROFESSIONAL,
        )
        cookies.append(
            signing.dumps(
                {str(series.pk): f"{participant.pk}:{token}"},
                salt=identity.COOKIE_SALT,
                compress=True,
            )
        )
    # A database in use has planner statistics; a freshly filled one gets them now.
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"workshop": workshop.code, "cookies": cookies}


def to_vote(workshop_code: str) -> dict:
    """What the facilitator does after the brainstorm, through the same services as the
    cockpit: go to the themes step, group the brainstorm's notes into themes, go to the vote.
    Each write appends its LiveEvent, so the phones redraw by their polls."""
    started = time.time()
    workshop = Workshop.objects.get(code=workshop_code)
    themes_step = workshop.steps.get(kind="themes")
    vote_step = workshop.steps.get(kind="vote")
    workshop = live.step_go(workshop=workshop, step=themes_step)
    notes = list(converge.source_notes(themes_step).values_list("public_id", flat=True))
    count = min(THEMES, len(notes))
    for index in range(count):
        converge.notes_group(
            workshop=workshop,
            step=themes_step,
            note_ids=notes[index::count],
            new_name=f"Teema {index + 1}",
        )
    # `--themes-seconds`: how long the themes step lasts before the vote (a real one: minutes).
    time.sleep(float(os.environ.get("BENCH_THEMES_SECONDS", "0")))
    live.step_go(workshop=workshop, step=vote_step)
    opened = time.time()
    return {
        "themes": count,
        "notes": len(notes),
        "vote_open_at": opened,
        "seconds": opened - started,
    }


def outcome(workshop_code: str) -> dict:
    workshop = Workshop.objects.get(code=workshop_code)
    notes = Note.objects.filter(workshop=workshop)
    # Every simulated post has a unique text: a text stored twice is a duplicated note.
    duplicates = notes.values("text").annotate(n=Count("id")).filter(n__gt=1).count()
    vote_step = workshop.steps.get(kind="vote")
    # Stored dots per participant (by nickname, which carries the simulated index).
    dots = dict(
        Dot.objects.filter(step=vote_step)
        .values("participant__nickname")
        .annotate(n=Count("id"))
        .values_list("participant__nickname", "n")
    )
    return {
        "note_ids": [str(n) for n in notes.values_list("public_id", flat=True)],
        "duplicates": duplicates,
        "budget": converge.vote_settings(vote_step).budget,
        "dots": dots,
    }
