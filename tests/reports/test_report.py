"""The final report: its sections from every app, the PDF the command and the view write, and
what it must never do (fetch anything, print empty sections)."""

import re
import time

import pytest
from django.core.management import call_command
from django.utils import translation

from tests.forked import run_forked
from tests.reports.conftest import pdf_text
from tests.workshops.factories import StepFactory, WorkshopFactory
from workshops import plugins
from workshops.models import (
    Practice,
    PrioritisedChallenge,
    ReportText,
    Series,
    SeriesDocument,
    Workshop,
)
from workshops.reports import limits, practice_model, render
from workshops.reports.render import StaticOnlyFetcher


def titles(series, keys) -> list[str]:
    sections = {s.key: s for s in plugins.report_sections()}
    with translation.override(series.language):
        return [str(sections[key].title) for key in keys]


def present_keys(series) -> list[str]:
    with translation.override(series.language):
        return [s["key"] for s in render.report_context(series)["sections"]]


class SpyFetcher(StaticOnlyFetcher):
    """Records every URL WeasyPrint asks for, before our fetcher decides."""

    def __init__(self):
        super().__init__()
        self.asked: list[str] = []

    def fetch(self, url, headers=None):
        self.asked.append(url)
        return super().fetch(url, headers)


def spied_render(html: str) -> tuple[bytes, list[str], list[str]]:
    """The PDF of `html` with what WeasyPrint asked for and what was refused (for
    `run_forked`: the spy lives in the child)."""
    spy = SpyFetcher()
    pdf = render.html_to_pdf(html, url_fetcher=spy)
    return pdf, spy.asked, spy.refused


@pytest.mark.django_db
def test_export_report_writes_the_demo_series(settings, tmp_path):
    settings.DEBUG = True
    call_command("seed_demo")
    series = Series.objects.filter(method__slug="paku").order_by("created_at").first()
    held = series.workshops.exclude(state=Workshop.State.PLANNED).order_by("position").first()
    step = StepFactory(workshop=held, kind="prioritise")
    for rank, (text, dots) in enumerate(
        [("Asiakas ei tiedä, kehen ottaa yhteyttä", 14), ("Tieto ei kulje toimijoiden välillä", 9)],
        start=1,
    ):
        PrioritisedChallenge.objects.create(
            series=series, workshop=held, step=step, rank=rank, text=text, dots=dots
        )
    output = tmp_path / "report.pdf"

    started = time.perf_counter()
    call_command("export_report", series.code.lower(), "-o", str(output))
    seconds = time.perf_counter() - started

    assert output.read_bytes().startswith(b"%PDF-")
    text = pdf_text(output)
    flat = " ".join(text.split())
    keys = present_keys(series)
    expected = [
        *(s.key for s in practice_model.CORE),
        "workshops",
        "challenges",
        "practices",
        "vision",
        "actions",
        "feedback",
        "indicators",
    ]
    assert set(expected) <= set(keys)
    for title in titles(series, keys[1:]):
        assert title in flat, title
    assert "Asiakas ei tiedä, kehen ottaa yhteyttä" in flat
    assert "Tieto ei kulje toimijoiden välillä" in flat
    for name in Practice.objects.filter(series=series).values_list("name", flat=True):
        assert name in flat
    pages = text.count("\f")
    assert pages > 3
    # The cover has no footer.
    assert f"Sivu 2 / {pages}" in flat and f"Sivu {pages} / {pages}" in flat
    # The table of contents gives each section's page.
    assert re.search(rf"{re.escape(titles(series, ['practices'])[0])}\s*\.+\s*\d+", text)
    # Counts of participants, never their names.
    for nickname in series.participants.values_list("nickname", flat=True)[:20]:
        assert f" {nickname} " not in f" {flat} "
    assert seconds < 15, seconds


@pytest.mark.django_db
def test_an_almost_empty_series_makes_a_clean_report(series, tmp_path):
    series.language = Series.Language.SV
    series.goal = ""
    series.target_group = ""
    series.save()
    keys = present_keys(series)
    # Nothing but the cover, where the practice was made and the method (when it has one).
    assert set(keys) <= {"cover", "environment", "workshops"}
    output = tmp_path / "empty.pdf"
    output.write_bytes(limits.render_limited(render.report_html(series)).pdf)
    text = pdf_text(output)
    flat = " ".join(text.split())
    assert series.title in flat
    absent = [k for k in (s.key for s in plugins.report_sections()) if k not in keys]
    for title in titles(series, absent):
        if title != str(titles(series, ["cover"])[0]):
            assert title not in flat, title
    pages = text.count("\f")
    assert f"Sida {pages} / {pages}" in flat  # the series' language


@pytest.mark.django_db
def test_text_that_looks_like_html_or_a_url_is_printed_and_nothing_is_fetched(series, tmp_path):
    evil = '<img src="file:///etc/passwd"> http://169.254.169.254/latest/meta-data/'
    ReportText.objects.create(series=series, key="basic_idea", text=evil)
    Practice.objects.create(
        series=series,
        name="Käytäntö <img src=http://169.254.169.254/>",
        description='<link rel="stylesheet" href="file:///etc/passwd">'
        "<style>@import url(http://169.254.169.254/x.css);</style>",
    )
    SeriesDocument.objects.create(
        series=series, kind="vision", text="<svg><image href='file:///etc/passwd'/></svg>"
    )
    output = tmp_path / "evil.pdf"
    pdf, asked, _refused = run_forked(spied_render, render.report_html(series))
    output.write_bytes(pdf)
    assert asked == []  # the texts were escaped: nothing even asked for
    flat = " ".join(pdf_text(output).split())
    assert '<img src="file:///etc/passwd">' in flat
    assert "http://169.254.169.254/latest/meta-data/" in flat
    assert "root:" not in flat


def test_the_fetcher_refuses_everything_but_data_and_our_static_files(settings, tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    (static / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    settings.STATICFILES_DIRS = [static]
    settings.STATIC_ROOT = None
    fetcher = StaticOnlyFetcher()
    for url in [
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/x.png",
        f"file://{static}/../../etc/passwd",
        f"file://evil.example{static}/dot.svg",
        "ftp://example.org/x",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.refused[0] == "file:///etc/passwd"
    assert fetcher.fetch("data:text/plain,hello")
    assert fetcher.fetch(f"file://{static}/dot.svg")

    # Even markup that reaches WeasyPrint unescaped fetches nothing.
    _pdf, _asked, refused = run_forked(
        spied_render, '<p>x</p><img src="file:///etc/passwd"><img src="http://169.254.169.254/">'
    )
    assert set(refused) == {"file:///etc/passwd", "http://169.254.169.254/"}


@pytest.mark.django_db
def test_a_100000_character_section_renders(series, tmp_path):
    long = ("Pitkä kappale tekstiä, jossa on sanoja. " * 25 + "\n\n") * 100
    long = long[:100_000]
    practice_model.text_save(series, key="basic_idea", text=long, version=0, by=None)
    WorkshopFactory(series=series, position=1, state=Workshop.State.HELD)
    output = tmp_path / "long.pdf"
    # Through the export's path: in the child process, within the default limits.
    output.write_bytes(limits.render_limited(render.report_html(series)).pdf)
    text = pdf_text(output)
    assert text.count("\f") > 20
    assert "Pitkä kappale" in text


@pytest.mark.django_db
def test_the_pdf_is_tagged_in_the_series_language_with_headings_as_bookmarks(series):
    import io

    from pypdf import PdfReader

    series.language = Series.Language.SV
    series.save()
    practice_model.text_save(series, key="basic_idea", text="Grundidén", version=0, by=None)
    WorkshopFactory(series=series, position=1, state=Workshop.State.HELD)
    reader = PdfReader(io.BytesIO(limits.render_limited(render.report_html(series)).pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root, "a tagged PDF"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert b"pdfuaid" in reader.xmp_metadata.stream.get_data(), "declares PDF/UA-1"
    assert reader.metadata.title == series.title
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    expected = titles(series, [k for k in present_keys(series) if k != "cover"])
    assert expected and set(expected) <= set(bookmarks), (expected, bookmarks)
