"""Acceptance of the final report on the complete demo series: `seed_demo` makes a PAKU series
of ten held workshops with everything a series produces, and `export_report` writes a PDF that
carries every section, the prioritised challenges, the practices and "Sivu N / M".

It seeds and renders the whole demo (some seconds); it runs in `make test` on purpose."""

import re

import pytest
from django.core.management import call_command

from cases.models import ActorNetwork, Case, CausalMap, Flowchart, Persona, ServicePath, Solution
from tests.reports.conftest import pdf_text
from workshops import plugins
from workshops.feedback.models import FeedbackResponse, Measurement
from workshops.models import (
    Note,
    Practice,
    PracticeStatusChange,
    PrioritisedChallenge,
    ReportText,
    Series,
    SeriesTask,
    Theme,
    Workshop,
)
from workshops.reports.demo import FULL_TITLE

# The headings as the issue lists them, in the series' language (Finnish).
HEADINGS = [
    "Ratkaisun perusidea",
    "Toimintaympäristö",
    "Kohderyhmä ja asiakasymmärrys",
    "Toimivuuden ja käyttöönoton ehdot",
    "Arvioinnin tulokset tiivistettynä",
    "Vinkit toimintamallin soveltajille",
    "Kehittämisen polku",
    "Menetelmä ja pidetyt työpajat",
    "Priorisoidut haasteet",
    "Teemoittelu",
    "Anonymisoidut asiakastapaukset",
    "Persoonat ja asiakasarvo",
    "Palvelupolut",
    "Kausaalikartat",
    "Toimijaverkosto",
    "Yhteistyön vuokaavio",
    "Ratkaisut",
    "Toimintatavat",
    "Lähivisio",
    "Johdon sopimukset",
    "Toimenpiteet",
    "Palaute",
    "Seurantamittarit",
]


def squeeze(text: str) -> str:
    """Text without spaces, line breaks and hyphens: a table cell may wrap or hyphenate."""
    return re.sub(r"[\s\-\u00ad\u2010]", "", text)


def counts(series) -> dict:
    return {
        "held": series.workshops.filter(state=Workshop.State.HELD).count(),
        "notes": Note.objects.filter(workshop__series=series).count(),
        "themes": Theme.objects.filter(workshop__series=series).count(),
        "challenges": PrioritisedChallenge.objects.filter(series=series).count(),
        "cases": Case.objects.filter(series=series).count(),
        "personas": Persona.objects.filter(series=series).count(),
        "paths": ServicePath.objects.filter(series=series, persona__isnull=False).count(),
        "maps": CausalMap.objects.filter(series=series).count(),
        "networks": ActorNetwork.objects.filter(series=series).count(),
        "flowcharts": Flowchart.objects.filter(series=series).count(),
        "solutions": Solution.objects.filter(path__series=series).count(),
        "practices": Practice.objects.filter(series=series).count(),
        "history": PracticeStatusChange.objects.filter(practice__series=series).count(),
        "tasks": SeriesTask.objects.filter(series=series).count(),
        "respondents": FeedbackResponse.objects.filter(form__step__workshop__series=series)
        .values("participant")
        .distinct()
        .count(),
        "responses": FeedbackResponse.objects.filter(form__step__workshop__series=series).count(),
        "measurements": Measurement.objects.filter(indicator__series=series).count(),
        "texts": ReportText.objects.filter(series=series).count(),
    }


@pytest.mark.django_db
def test_the_full_demo_series_exports_a_complete_report(settings, tmp_path, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    series = Series.objects.get(title=FULL_TITLE)
    assert series.code in capsys.readouterr().out  # seed_demo prints the code to export
    made = counts(series)
    assert made["held"] == series.workshops.count() == 10
    assert made["challenges"] == 3 and made["cases"] == 3 and made["maps"] == 3
    assert made["personas"] == made["paths"] == 6
    assert made["networks"] == made["flowcharts"] == 1
    assert made["practices"] == 20 and made["history"] > 20
    assert made["respondents"] == 88
    assert made["notes"] and made["themes"] and made["solutions"] and made["measurements"]
    # The planned and in-progress series are still there beside it.
    states = set(
        Workshop.objects.filter(series__organisation=series.organisation).values_list(
            "state", flat=True
        )
    )
    assert {Workshop.State.PLANNED, Workshop.State.HELD} <= states

    # Seeding again changes nothing.
    call_command("seed_demo")
    assert counts(series) == made
    assert Series.objects.filter(organisation=series.organisation).count() == 5

    output = tmp_path / "full.pdf"
    call_command("export_report", series.code, "-o", str(output))
    text = pdf_text(output)
    flat = " ".join(text.split())
    squeezed = squeeze(pdf_text(output, layout=False))

    for heading in HEADINGS:
        assert heading in flat, heading
    # Every registered section has its data in the full demo, so every title is printed.
    sections = [s for s in plugins.report_sections() if s.in_contents]
    assert len(sections) == len(HEADINGS)
    for challenge in PrioritisedChallenge.objects.filter(series=series):
        assert squeeze(challenge.text) in squeezed, challenge.text
    for name in Practice.objects.filter(series=series).values_list("name", flat=True):
        assert squeeze(name) in squeezed, name
    pages = text.count("\f")
    assert pages > 20
    assert f"Sivu 2 / {pages}" in flat and f"Sivu {pages} / {pages}" in flat
    # Counts by organisation, never a participant's nickname, never a small organisation.
    assert "muut organisaatiot" in flat
    assert "Liikuntapalvelut" not in flat
    nicknames = set(series.participants.values_list("nickname", flat=True))
    assert not any(re.search(rf"\b{re.escape(n)}\b", flat) for n in nicknames)
