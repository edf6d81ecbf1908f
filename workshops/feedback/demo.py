"""Demo content of the feedback app for `seed_demo`: answers to the feedback of the workshops
already held, and two follow-up indicators; in the complete demo series
(`workshops.reports.demo`) the answers of its 88 respondents and three indicators measured
over a year. Running it again changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from workshops.live import identity
from workshops.models import Attendance, Participant, Series, Workshop
from workshops.reports.demo import full_series

from . import services
from .models import FeedbackResponse, Indicator

OPEN_ANSWERS = {
    "best": [
        "Pääsin ääneen siinä missä muutkin.",
        "Kuulin, miten muut yksiköt tekevät samaa työtä.",
        "Konkreettiset asiakastapaukset.",
        "Oppimiskahvila toimi hyvin.",
        "Hyvä ilmapiiri ja selkeä ohjaus.",
    ],
    "improve": [
        "Enemmän aikaa pienryhmille.",
        "Materiaali etukäteen luettavaksi.",
        "Tauko aiemmin.",
    ],
}


def seed(*, organisation) -> None:
    rng = random.Random(2026)  # noqa: S311 — repeatable demo data, not a secret
    full = full_series(organisation)
    if full is not None:
        _full_series(full, rng)
    others = Series.objects.filter(organisation=organisation).exclude(pk=getattr(full, "pk", None))
    for series in others.select_related("method"):
        for workshop in series.workshops.filter(state=Workshop.State.HELD):
            for step in workshop.steps.filter(kind="feedback"):
                form = services.form_ensure(step=step)
                if FeedbackResponse.objects.filter(form=form).exists():
                    continue
                _answers(form, workshop, rng)
        if series.workshops.filter(state=Workshop.State.HELD).exists():
            _indicators(series)


def _answers(form, workshop, rng: random.Random) -> None:
    items = list(form.items.all())
    for index in range(24):
        kind = Participant.Kind.CLIENT if index % 4 == 0 else Participant.Kind.PROFESSIONAL
        participant = Participant.objects.create(
            series=workshop.series,
            token_hash=identity.hash_token(identity.new_token()),
            nickname=f"Demo {workshop.position}-{index + 1}",
            kind=kind,
        )
        Attendance.objects.get_or_create(participant=participant, workshop=workshop)
        answers = {}
        for item in items:
            if item.is_scale:
                answers[item.pk] = rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 4, 8, 6])[0]
            elif item.key in OPEN_ANSWERS and rng.random() < 0.4:
                answers[item.pk] = rng.choice(OPEN_ANSWERS[item.key])
        services.response_submit(
            form=form, workshop=workshop, participant=participant, answers=answers, live=False
        )


def _indicators(series: Series) -> None:
    if series.indicators.exists():
        return
    start = series.workshops.order_by("position").values_list("date", flat=True).first()
    start = start or dt.date.today()
    for name, unit, direction, values, source in (
        (
            "Henkilöstön hyvinvointi-indeksi",
            "pistettä",
            Indicator.Direction.UP,
            ["3.4", "3.6", "3.9"],
            "Henkilöstökysely",
        ),
        (
            "Henkilöstötunnit asiakasta kohden",
            "h",
            Indicator.Direction.DOWN,
            ["6.5", "6.1", "5.4"],
            "Työajanseuranta",
        ),
    ):
        indicator = services.indicator_create(
            series=series, name=name, unit=unit, direction=direction
        )
        for index, value in enumerate(values):
            services.measurement_add(
                indicator=indicator,
                date=start + dt.timedelta(days=-14 + 90 * index),
                value=Decimal(value),
                source=source,
                is_baseline=index == 0,
            )


# The complete series: everyone who took part answers the feedback of their workshops, some of
# them in writing. Professionals and client representatives answer a little differently.
FULL_OPEN = {
    "best": [
        "Kehittäjäasiakkaiden puheenvuorot avasivat silmät.",
        "Persoonien polut tekivät ongelmat näkyviksi.",
        "Sain yhteystiedot ihmisiin, joille voin soittaa.",
        "Tunsin, että minun kokemuksellani on merkitystä.",
        "Konkreettiset päätökset siitä, kuka tekee mitä.",
        "Oppimiskahvilan kierrot olivat hyvin vedetyt.",
        "Kuulin, miten muut yksiköt tekevät samaa työtä.",
        "Yhteinen kieli eri ammattilaisten ja nuorten välillä.",
    ],
    "improve": [
        "Enemmän aikaa pienryhmille.",
        "Materiaalit etukäteen luettavaksi.",
        "Esihenkilöt mukaan jo aiemmin.",
        "Tauko aiemmin, iltapäivä venyi pitkäksi.",
        "Etäosallistuminen mahdolliseksi.",
    ],
}
# (indicator, unit, direction, description, values from the baseline on, source)
FULL_INDICATORS = [
    (
        "Odotusaika ensimmäiseen tapaamiseen",
        "vrk",
        Indicator.Direction.DOWN,
        "Mediaani päivinä yhteydenotosta ensimmäiseen tapaamiseen nuorten palveluohjauksessa.",
        ["21", "18", "14", "11", "9", "8"],
        "Asiakastietojärjestelmän raportti",
    ),
    (
        "Nuorten kokemus palvelusta",
        "pistettä (1–5)",
        Indicator.Direction.UP,
        "Nuorten palautekyselyn keskiarvo: sain apua, kun tarvitsin.",
        ["3.1", "3.2", "3.5", "3.8", "3.9", "4.1"],
        "Asiakaspalautekysely",
    ),
    (
        "Henkilöstön hyvinvointi-indeksi",
        "pistettä",
        Indicator.Direction.UP,
        "Henkilöstökyselyn hyvinvointi-indeksi palveluohjausta tekevissä yksiköissä.",
        ["3.6", "3.5", "3.6", "3.7", "3.6", "3.7"],
        "Henkilöstökysely",
    ),
]


def _full_series(series: Series, rng: random.Random) -> None:
    held = list(series.workshops.filter(state=Workshop.State.HELD).order_by("position"))
    answered_first: set[int] = set()  # the later workshops' people all answered at the kick-off
    for workshop in held:
        attendees = list(Participant.objects.filter(attendances__workshop=workshop).order_by("pk"))
        for step in workshop.steps.filter(kind="feedback"):
            form = services.form_ensure(step=step)
            if FeedbackResponse.objects.filter(form=form).exists():
                continue
            items = list(form.items.all())
            # 88 of the kick-off's 92 answered; about four in five later on.
            count = 88 if workshop.position == 1 else round(len(attendees) * 0.8)
            respondents = [p for p in attendees if p.kind == Participant.Kind.CLIENT]
            pros = [p for p in attendees if p.kind != Participant.Kind.CLIENT]
            if workshop.position > 1:
                pros = [p for p in pros if p.pk in answered_first]
            respondents += rng.sample(pros, max(0, min(len(pros), count - len(respondents))))
            for participant in respondents:
                services.response_submit(
                    form=form,
                    workshop=workshop,
                    participant=participant,
                    answers=_full_answers(items, participant, workshop.position, rng),
                    live=False,
                )
            if workshop.position == 1:
                answered_first = {p.pk for p in respondents}
    if series.indicators.exists() or not held:
        return
    # The baseline two weeks before the kick-off, the last measurement last week.
    start = held[0].date - dt.timedelta(days=14)
    step = (dt.date.today() - dt.timedelta(days=7) - start) / 5
    for name, unit, direction, description, values, source in FULL_INDICATORS:
        indicator = services.indicator_create(
            series=series, name=name, unit=unit, direction=direction, description=description
        )
        for index, value in enumerate(values):
            services.measurement_add(
                indicator=indicator,
                date=start + step * index,
                value=Decimal(value),
                source=source,
                is_baseline=index == 0,
            )


def _full_answers(items, participant, position: int, rng: random.Random) -> dict:
    client = participant.kind == Participant.Kind.CLIENT
    # Later workshops went better; client representatives felt heard a little less at first.
    weights = [1, 2, 4, 7 + position // 2, 5 + position // 2]
    if client and position < 4:
        weights = [1, 3, 5, 6, 3]
    answers = {}
    for item in items:
        if item.is_scale:
            answers[item.pk] = rng.choices([1, 2, 3, 4, 5], weights=weights)[0]
        elif item.key in FULL_OPEN and rng.random() < 0.3:
            answers[item.pk] = rng.choice(FULL_OPEN[item.key])
    return answers
