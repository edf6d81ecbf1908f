"""Demo content of the feedback app for `seed_demo`: answers to the feedback of the workshops
already held, and two follow-up indicators. Running it again changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from workshops.live import identity
from workshops.models import Attendance, Participant, Series, Workshop

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
    for series in Series.objects.filter(organisation=organisation).select_related("method"):
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
