"""Write the final report of a series as PDF: `manage.py export_report SERIES_CODE -o FILE.pdf`.

Renders here and now (no worker needed), within the same time and memory limits as the
export job."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from workshops import audit
from workshops.models import Series


class Command(BaseCommand):
    help = "Write the final report of a series (by the code shown on its page) as a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("code", help="the series code, as shown on the series page")
        parser.add_argument("-o", "--output", required=True, help="the PDF file to write")

    def handle(self, *args, code: str, output: str, **options):
        series = (
            Series.objects.select_related("organisation", "method")
            .filter(code=code.strip().upper())
            .first()
        )
        if series is None:
            raise CommandError(f"No series with the code {code!r}.")
        if options["verbosity"] < 2:  # WeasyPrint logs every page of every layout pass
            logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
        # After the log level: WeasyPrint's import logs.
        from workshops.reports import exports, limits
        from workshops.reports.render import report_html

        started = time.perf_counter()
        html = report_html(series)
        left = settings.NOPSA_REPORT_TIMEOUT - (time.perf_counter() - started)
        try:
            # The same limits as the export job: NOPSA_REPORT_TIMEOUT, NOPSA_REPORT_MEMORY_MB.
            rendered = limits.render_limited(html, timeout=max(left, 0.001))
        except limits.RenderStopped as stopped:
            with translation.override(series.language):
                raise CommandError(exports.stopped_message(stopped.reason)) from None
        seconds = time.perf_counter() - started
        Path(output).write_bytes(rendered.pdf)
        # No person to name: the system exported it (whoever runs manage.py on the server).
        audit.record(
            actor=None, action=audit.Action.REPORT_EXPORTED, series=series, kind=audit.Kind.REPORT
        )
        self.stdout.write(
            f"{output}: {rendered.pages} pages, {len(rendered.pdf)} bytes in {seconds:.2f} s"
        )
