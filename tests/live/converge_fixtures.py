"""A live Hukkapaja in small: brainstorm → themes → vote → prioritise, with notes to converge."""

import uuid

import pytest

from workshops.live import converge, services
from workshops.models import Participant, Step, Workshop


def make_converge_workshop(workshop: Workshop, *, target: str = "themes", hide: bool = True):
    kinds = [
        ("brainstorm", "Hukat", {"private_until_reveal": True}),
        ("themes", "Teemat", {}),
        (
            "vote",
            "Äänestys",
            {
                "budget": 3,
                "max_per_item": 2,
                "hide_results_until_closed": hide,
                "target": target,
            },
        ),
        ("prioritise", "Priorisointi", {"top_n": 2}),
    ]
    for position, (kind, title, settings) in enumerate(kinds, start=1):
        Step.objects.create(
            workshop=workshop,
            position=position,
            kind=kind,
            title=title,
            duration_minutes=10,
            settings=settings,
        )
    return services.workshop_go_live(workshop=workshop)


def person(workshop, nickname, kind=Participant.Kind.PROFESSIONAL):
    participant, _token = services.participant_join(workshop=workshop, nickname=nickname, kind=kind)
    return participant


def post_notes(workshop, participant, texts):
    return [
        services.note_post(
            workshop=workshop, participant=participant, text=text, client_id=uuid.uuid4()
        )[0]
        for text in texts
    ]


def step_of(workshop, kind):
    return workshop.steps.get(kind=kind)


def go(workshop, kind):
    step = step_of(workshop, kind)
    services.step_go(workshop=workshop, step=step)
    workshop.refresh_from_db()
    return workshop.current_step


@pytest.fixture
def converging(workshop):
    """The workshop at its themes step, with four revealed notes and two themes."""
    workshop = make_converge_workshop(workshop)
    anna = person(workshop, "Anna")
    ville = person(workshop, "Ville", Participant.Kind.CLIENT)
    go(workshop, "brainstorm")
    notes = post_notes(workshop, anna, ["Odotamme lähetteitä", "Tieto ei kulje"])
    notes += post_notes(workshop, ville, ["Jonot puhelimessa", "Sama asia kolmeen kertaan"])
    services.step_reveal(step=step_of(workshop, "brainstorm"))
    themes_step = go(workshop, "themes")
    waiting = converge.notes_group(
        workshop=workshop,
        step=themes_step,
        note_ids=[notes[0].public_id, notes[2].public_id],
        new_name="Odottaminen",
    )
    flow = converge.notes_group(
        workshop=workshop,
        step=themes_step,
        note_ids=[notes[1].public_id, notes[3].public_id],
        new_name="Tiedonkulku",
    )
    return {
        "workshop": workshop,
        "anna": anna,
        "ville": ville,
        "notes": notes,
        "themes": [waiting, flow],
    }
