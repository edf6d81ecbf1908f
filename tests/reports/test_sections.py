"""The report's section registry: every app adds its sections, and a section without data is
left out."""

from pathlib import Path

import pytest
from django.utils import translation

import workshops.reports
from workshops import plugins


def present_keys(series) -> list[str]:
    with translation.override(series.language):
        return [s.key for s in plugins.report_sections() if s.build(series) is not None]


def test_the_apps_register_their_sections_without_workshops_importing_them():
    keys = [s.key for s in plugins.report_sections()]
    assert keys[0] == "cover"
    for key in ["workshops", "challenges", "themes", "practices", "vision", "agreements"]:
        assert key in keys  # from workshops
    for key in ["cases", "personas", "paths", "causal_maps", "networks", "flowcharts"]:
        assert key in keys  # from cases.apps
    for key in ["feedback", "indicators"]:
        assert key in keys  # from workshops.feedback.apps
    for source in Path(workshops.reports.__file__).parent.glob("*.py"):
        text = source.read_text()
        assert "import cases" not in text and "from cases" not in text
        assert "workshops.feedback" not in text and "from ..feedback" not in text


@pytest.mark.django_db
def test_the_cases_sections_appear_with_their_diagrams(series, everything):
    keys = present_keys(series)
    for key in ["cases", "personas", "paths", "causal_maps", "networks", "flowcharts"]:
        assert key in keys
    sections = {s.key: s for s in plugins.report_sections()}
    paths = sections["paths"].build(series)
    assert paths["items"][0]["svg"].startswith("<svg")
    assert ' id="node1"' not in paths["items"][0]["svg"]  # ids would repeat in one document


@pytest.mark.django_db
def test_a_series_with_nothing_in_it_has_no_data_sections(series):
    keys = set(present_keys(series))
    for key in [
        "challenges",
        "themes",
        "practices",
        "vision",
        "agreements",
        "actions",
        "cases",
        "personas",
        "paths",
        "feedback",
        "indicators",
    ]:
        assert key not in keys
