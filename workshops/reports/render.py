"""The final report as PDF: its sections rendered into one HTML document with print CSS,
laid out by WeasyPrint.

WeasyPrint fetches nothing but our own static files and data: URIs (`StaticOnlyFetcher`):
every text in the report comes from users, and though the templates escape it, a fetch of
`file:///etc/passwd` or a cloud metadata address must be impossible whatever slips through.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .. import plugins
from ..models import Series
from .limits import PDF_OPTIONS

logger = logging.getLogger(__name__)


class FetchRefused(ValueError):
    """A URL outside our own static files; WeasyPrint logs it and leaves the resource out."""


def _static_roots() -> list[Path]:
    roots = [Path(p).resolve() for p in getattr(settings, "STATICFILES_DIRS", [])]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


class StaticOnlyFetcher(URLFetcher):
    """Fetches data: URIs and files inside our static folders; refuses everything else."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, **kwargs)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and self._is_static(url):
            return super().fetch(url, headers)
        self.refused.append(url)
        logger.warning("report: refused to fetch %s", url[:200])
        raise FetchRefused(f"not fetched: {url[:200]}")

    @staticmethod
    def _is_static(url: str) -> bool:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parts.path)).resolve()
        return any(path.is_relative_to(root) for root in _static_roots())


def report_context(series: Series, *, dated: bool = True) -> dict:
    """The sections that have something to show, each with its context, in their order.

    `dated=False` leaves out the day the report is made (the only part of the report that does
    not come from the series), for the fingerprint."""
    sections = []
    for section in plugins.report_sections():
        context = section.build(series)
        if context is None:
            continue
        sections.append(
            {
                "key": section.key,
                "title": str(section.title),
                "template": section.template,
                "in_contents": section.in_contents,
                "context": context,
            }
        )
    return {
        "series": series,
        "sections": sections,
        "contents": [s for s in sections if s["in_contents"]],
        "created": timezone.localdate() if dated else None,
    }


def report_html(series: Series, *, dated: bool = True) -> str:
    with translation.override(series.language):
        return render_to_string("reports/report.html", report_context(series, dated=dated))


def _fingerprint(undated_html: str) -> str:
    return hashlib.sha256(undated_html.encode()).hexdigest()


def report_fingerprint(series: Series) -> str:
    """A hash of what the report would show now: equal fingerprints, equal reports (but for
    the day they were made). Costs the HTML, not the render."""
    return _fingerprint(report_html(series, dated=False))


def report_html_and_fingerprint(series: Series) -> tuple[str, str]:
    """The report's HTML and its fingerprint, with the sections' data read once (the export
    job needs both)."""
    with translation.override(series.language):
        context = report_context(series, dated=False)
        fingerprint = _fingerprint(render_to_string("reports/report.html", context))
        context["created"] = timezone.localdate()
        return render_to_string("reports/report.html", context), fingerprint


def render_pdf(series: Series, *, url_fetcher=None) -> bytes:
    """The report of the series as PDF bytes, in the series' language, in this process and
    without limits (the shell and the benchmark; the export job uses `limits.render_limited`)."""
    return html_to_pdf(report_html(series), url_fetcher=url_fetcher)


def html_to_pdf(html: str, *, url_fetcher=None) -> bytes:
    fetcher = url_fetcher or StaticOnlyFetcher()
    document = HTML(string=html, base_url=None, url_fetcher=fetcher)
    # Tagged PDF/UA-1: headings and reading order for screen readers, headings as bookmarks;
    # the language comes from the document's `lang`.
    return document.write_pdf(**PDF_OPTIONS)


def summary_html(summary) -> str:
    """The published summary of one workshop as a print document, in the series' language."""
    workshop = summary.workshop
    series = workshop.series
    with translation.override(series.language):
        return render_to_string(
            "reports/summary.html",
            {
                "series": series,
                "workshop": workshop,
                "summary": summary,
                "sections": summary.included_sections,
            },
        )
