"""Demo content between workshops for `seed_demo`, in the PAKU series (two workshops held):
participants, a published summary with comments, practices, the near-term vision, actions
(one overdue) and pre-work for the next workshop. Running it again changes nothing."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from .. import services as workshop_services
from ..live import identity
from ..models import Attendance, Note, Participant, Series, SeriesTask, Workshop, WorkshopSummary
from ..people import services as people_services
from ..practices import services as practice_services
from . import services

PEOPLE = [
    ("Sanna", Participant.Kind.PROFESSIONAL, "Sosiaalityö"),
    ("Jari", Participant.Kind.PROFESSIONAL, "TE-palvelut"),
    ("Leena", Participant.Kind.CLIENT, ""),
    ("Timo", Participant.Kind.PROFESSIONAL, "Järjestö"),
]

NOTES = [
    "Asiakas joutuu kertomaan tarinansa monta kertaa.",
    "Palveluohjaajat eivät tiedä toistensa palveluista.",
    "Kokemusasiantuntija mukaan jo ensitapaamiseen.",
    "Yhteinen puhelinaika eri toimijoiden kesken.",
]


def seed(*, organisation) -> None:
    series = (
        Series.objects.filter(organisation=organisation, method__slug="paku")
        .order_by("created_at")
        .first()
    )
    if series is None or series.practices.exists():
        return
    facilitator = get_user_model().objects.filter(username="fasilitaattori").first()
    held = list(series.workshops.filter(state=Workshop.State.HELD).order_by("position"))
    if not held:
        return
    first = held[0]
    people = []
    for nickname, kind, org in PEOPLE:
        person = Participant.objects.create(
            series=series,
            token_hash=identity.hash_token(identity.new_token()),
            nickname=nickname,
            kind=kind,
            organisation_name=org,
        )
        for workshop in held:
            Attendance.objects.get_or_create(participant=person, workshop=workshop)
        people.append(person)
    step = first.steps.filter(kind__in=["brainstorm", "warmup", "case_work"]).first()
    if step is not None:
        for person, text in zip(people, NOTES, strict=False):
            Note.objects.create(
                workshop=first, step=step, participant=person, client_id=uuid.uuid4(), text=text
            )
    Workshop.objects.filter(pk__in=[w.pk for w in held]).update(
        ended_at=timezone.now() - dt.timedelta(days=7)
    )

    practice = practice_services.practice_create(
        series,
        by=facilitator,
        workshops=held,
        name="Varhaisen tuen sosiaalinen ohjaus",
        description="Asiakas saa yhdellä yhteydenotolla ohjauksen, joka kokoaa tarvittavat "
        "toimijat yhteen ennen kuin tilanne kriisiytyy.",
        elements="Yksi yhteydenotto riittää\nYhteinen puhelinaika\nKokemusasiantuntija mukana",
        principles="Asiakkaan tavoite ensin\nTieto kulkee asiakkaan luvalla",
        owners="palveluohjauksen esihenkilö",
        conditions="Toimijat sopivat yhteisestä puhelinajasta ja tiedonkulusta.",
        tips="Aloita yhdestä asiakasryhmästä ja laajenna.",
    )
    practice.history.update(date=timezone.localdate() - dt.timedelta(days=40))
    practice_services.practice_set_status(
        practice,
        status="prototype",
        date=timezone.localdate() - dt.timedelta(days=10),
        note="Kokeilu kahdella alueella",
        by=facilitator,
    )
    practice_services.document_save(
        series,
        kind="vision",
        text="Vuoden kuluttua asiakas saa varhaisen tuen yhdellä yhteydenotolla, ja "
        "palveluohjaajat tuntevat toistensa palvelut.",
        version=0,
        by=facilitator,
    )
    today = timezone.localdate()
    task = workshop_services.task_add(
        series=series,
        text="Kootaan palveluohjaajien yhteystiedot yhteen paikkaan",
        after_workshop=first,
        owner_role="palveluohjauksen esihenkilö",
        practice=practice,
    )
    SeriesTask.objects.filter(pk=task.pk).update(due_date=today - dt.timedelta(days=3))
    workshop_services.task_add(
        series=series,
        text="Sovitaan yhteisen puhelinajan kokeilu",
        after_workshop=held[-1],
        owner=facilitator,
        due_date=today + dt.timedelta(days=21),
        practice=practice,
    )

    summary = services.summary_save(
        first,
        intro="Kiitos kaikille aktiivisesta työskentelystä! Tässä tiivistys ensimmäisestä "
        "työpajasta. Kommentoikaa ennen seuraavaa kertaa.",
        sections=services.compile_sections(first),
        version=0,
        by=facilitator,
    )
    WorkshopSummary.objects.filter(pk=summary.pk).update(
        published_at=timezone.now() - dt.timedelta(days=6), published_by=facilitator
    )
    comment = services.comment_add(
        series,
        kind="summary",
        target_id=summary.public_id,
        text="Hyvä tiivistys. Toivoisin, että asiakkaan näkökulma näkyy vielä vahvemmin.",
        participant=people[2],
    )
    services.comment_add(
        series,
        kind="summary",
        target_id=summary.public_id,
        text="Kiitos, otetaan asiakkaan näkökulma seuraavan pajan alkuun.",
        author=facilitator,
        parent=comment,
    )
    services.comment_add(
        series,
        kind="practice",
        target_id=practice.public_id,
        text="Yhteinen puhelinaika kannattaa kokeilla ensin yhdellä alueella.",
        participant=people[0],
    )
    upcoming = series.workshops.filter(state=Workshop.State.PLANNED).order_by("position").first()
    if upcoming is not None:
        people_services.prework_add(
            upcoming, text="Listaa aiheet, joista haluat keskustella seuraavassa työpajassa."
        )
