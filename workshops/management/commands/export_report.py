"""Write the final report of a series as PDF: `manage.py export_report SERIES_CODE -o FILE.pdf`."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

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
        from workshops.reports.render import render_pdf  # after the log level: its import logs

        started = time.perf_counter()
        pdf = render_pdf(series)
        seconds = time.perf_counter() - started
        Path(output).write_bytes(pdf)
        self.stdout.write(f"{output}: {len(pdf)} bytes in {seconds:.2f} s")
