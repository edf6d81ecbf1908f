"""The practice-model core of the report: drafted from the series' data, replaced by the
staff's own text with a version check, and back to the draft on request."""

import pytest
from django.core.exceptions import ValidationError

from workshops import plugins
from workshops.models import Practice, ReportText
from workshops.models.reports import REPORT_TEXT_MAX
from workshops.practices.services import StaleEdit
from workshops.reports import practice_model


def test_the_core_sections_come_first_in_the_register_order():
    keys = [s.key for s in plugins.report_sections()]
    core = [s.key for s in practice_model.CORE]
    assert core == [
        "basic_idea",
        "environment",
        "target_group",
        "conditions",
        "evaluation",
        "tips",
        "path",
    ]
    assert keys[1 : 1 + len(core)] == core


@pytest.mark.django_db
def test_the_drafts_come_from_the_series(series, workshop):
    series.goal = "Asiakas saa avun yhdellä yhteydenotolla."
    series.target_group = "Ikääntyneet kotihoidon asiakkaat"
    series.save()
    practice = Practice.objects.create(
        series=series,
        name="Yhteinen puhelinaika",
        description="Toimijat vastaavat samaan aikaan.",
        conditions="Esihenkilöt sopivat ajan.",
        tips="Aloita pienestä.",
    )
    practice.workshops.set([workshop])
    workshop.state = workshop.State.HELD
    workshop.save()
    assert "Asiakas saa avun" in practice_model.text_for(series, "basic_idea")
    assert "Yhteinen puhelinaika: Toimijat vastaavat" in practice_model.text_for(
        series, "basic_idea"
    )
    assert practice_model.text_for(series, "target_group") == "Ikääntyneet kotihoidon asiakkaat"
    assert "Esihenkilöt sopivat ajan." in practice_model.text_for(series, "conditions")
    assert "Aloita pienestä." in practice_model.text_for(series, "tips")
    assert workshop.title in practice_model.text_for(series, "path")
    assert series.organisation.name in practice_model.text_for(series, "environment")


@pytest.mark.django_db
def test_own_text_is_saved_over_its_version_only(series, facilitator):
    series.target_group = "Ikääntyneet"
    series.save()
    first = practice_model.text_save(
        series, key="target_group", text="Oma teksti", version=0, by=facilitator
    )
    assert first.version == 1 and first.updated_by == facilitator
    assert practice_model.text_for(series, "target_group") == "Oma teksti"
    with pytest.raises(StaleEdit) as stale:
        practice_model.text_save(series, key="target_group", text="Toinen", version=0, by=None)
    assert stale.value.current.text == "Oma teksti"
    assert practice_model.text_for(series, "target_group") == "Oma teksti"

    # An empty text leaves the section out of the report.
    practice_model.text_save(series, key="target_group", text="", version=1, by=None)
    sections = {s.key: s for s in plugins.report_sections()}
    assert sections["target_group"].build(series) is None

    practice_model.text_reset(series, "target_group")
    assert practice_model.text_for(series, "target_group") == "Ikääntyneet"


@pytest.mark.django_db
def test_a_text_over_the_limit_is_refused_and_nothing_is_saved(series):
    with pytest.raises(ValidationError):
        practice_model.text_save(
            series, key="tips", text="x" * (REPORT_TEXT_MAX + 1), version=0, by=None
        )
    assert not ReportText.objects.exists()
    with pytest.raises(KeyError):
        practice_model.text_save(series, key="nothing", text="x", version=0, by=None)
