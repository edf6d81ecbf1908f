"""The final report's PDF export as a background job: ask for it, run it, tell how it goes.

A web request only queues the job (or joins the one already queued or running for the series,
or reuses the stored PDF when the report has not changed since); `manage.py db_worker` runs
`export_run`, which builds the report's HTML and has it laid out in a child process within the
time and memory limits (`limits.render_limited`), recording its stage as it goes.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import ReportExport, Series
from . import limits

logger = logging.getLogger(__name__)

State = ReportExport.State
Stage = ReportExport.Stage
Failure = ReportExport.Failure

_FAILURES = {limits.TIMEOUT: Failure.TIMEOUT, limits.MEMORY: Failure.MEMORY}

# How often the page asks how a running export goes (milliseconds), and after how many seconds
# in the queue it says that the background worker may not be running.
POLL_MS = 1000
WAITING_HINT_AFTER = 20

# How often a running job writes its progress to the database (seconds).
PROGRESS_EVERY = 0.5


def _stale_before():
    """A job still "running" this long after it started has lost its worker."""
    return timezone.now() - timedelta(seconds=settings.NOPSA_REPORT_TIMEOUT + 120)


def active_export(series: Series) -> ReportExport | None:
    """The export queued or running for the series, if any (without its PDF). A running job
    whose worker died long ago is marked interrupted, so that it blocks no new export."""
    export = (
        ReportExport.objects.defer("pdf")
        .filter(series=series, state__in=ReportExport.ACTIVE)
        .first()
    )
    if export is not None and mark_if_stale(export):
        return None
    return export


def mark_if_stale(export: ReportExport) -> bool:
    """Mark a job that has been running far past the time limit interrupted (its worker was
    stopped); True if it was."""
    if export.state == State.RUNNING and export.started_at and export.started_at < _stale_before():
        _fail(export, Failure.INTERRUPTED)
        return True
    return False


def latest_export(series: Series) -> ReportExport | None:
    """The series' newest export, without its PDF."""
    return ReportExport.objects.defer("pdf").filter(series=series).first()


def is_current(export: ReportExport, fingerprint: str | None = None) -> bool:
    """Whether a finished export shows the series as it is now."""
    if export.state != State.DONE or not export.size:
        return False
    from .render import report_fingerprint

    return export.fingerprint == (fingerprint or report_fingerprint(export.series))


def export_request(*, series: Series, by) -> ReportExport:
    """Queue an export of the series' report, unless one is queued or running (it is joined) or
    the stored PDF is still current (it is returned, done, without a render)."""
    active = active_export(series)
    if active is not None:
        return active
    from .render import report_fingerprint

    fingerprint = report_fingerprint(series)
    current = (
        ReportExport.objects.defer("pdf")
        .filter(series=series, state=State.DONE, fingerprint=fingerprint, size__gt=0)
        .first()
    )
    if current is not None:
        return current
    from .tasks import export_report_job

    try:
        with transaction.atomic():
            export = ReportExport.objects.create(
                series=series, requested_by=by, fingerprint=fingerprint
            )
            export_report_job.enqueue(str(export.public_id))
    except IntegrityError:
        # Another request queued one a moment ago (one active export per series): join it.
        joined = active_export(series)
        if joined is None:
            raise
        return joined
    export.refresh_from_db(fields=["state", "stage", "percent", "failure", "size", "pages"])
    return export


def _save(export: ReportExport, **fields) -> None:
    for name, value in fields.items():
        setattr(export, name, value)
    ReportExport.objects.filter(pk=export.pk).update(**fields)


def _fail(export: ReportExport, failure: str) -> None:
    _save(
        export,
        state=State.FAILED,
        stage=Stage.STOPPED,
        failure=failure,
        finished_at=timezone.now(),
    )


def _layout_percent(page: int) -> int:
    """15 % when layout starts, approaching 80 % as pages are laid out (the page count is known
    only at the end, and WeasyPrint may lay the pages out twice for the table of contents)."""
    return 15 + round(65 * page / (page + 12))


def export_run(export_id: str) -> None:
    """Run a queued export: build the report, render it within the limits, store the PDF."""
    export = (
        ReportExport.objects.defer("pdf")
        .select_related("series__organisation", "series__method")
        .filter(public_id=export_id)
        .first()
    )
    if export is None or export.state != State.QUEUED:
        return  # already run (a job delivered twice) or deleted with its series
    series = export.series
    started = time.monotonic()
    _save(export, state=State.RUNNING, stage=Stage.COLLECTING, percent=5, started_at=timezone.now())
    from .render import report_html_and_fingerprint

    last_write = 0.0

    def on_stage(stage: str, page: int) -> None:
        nonlocal last_write
        if stage == "writing":
            _save(export, stage=Stage.WRITING, percent=85, pages_done=page)
            last_write = time.monotonic()
            return
        percent = max(export.percent, _layout_percent(page))
        if time.monotonic() - last_write >= PROGRESS_EVERY and percent != export.percent:
            _save(export, stage=Stage.LAYOUT, percent=percent, pages_done=page)
            last_write = time.monotonic()

    try:
        html, fingerprint = report_html_and_fingerprint(series)
        _save(export, stage=Stage.LAYOUT, percent=15, fingerprint=fingerprint)
        left = settings.NOPSA_REPORT_TIMEOUT - (time.monotonic() - started)
        if left <= 0:
            raise limits.RenderStopped(limits.TIMEOUT)
        rendered = limits.render_limited(html, on_stage=on_stage, timeout=left)
    except limits.RenderStopped as stopped:
        _fail(export, _FAILURES.get(stopped.reason, Failure.ERROR))
        return
    except Exception as exc:
        # The type only: a message could quote the series' texts, which stay out of logs.
        logger.error("report export %s failed: %s", export.public_id, type(exc).__name__)
        _fail(export, Failure.ERROR)
        return
    with transaction.atomic():
        _save(
            export,
            state=State.DONE,
            stage=Stage.READY,
            percent=100,
            pdf=rendered.pdf,
            size=len(rendered.pdf),
            pages=rendered.pages,
            pages_done=rendered.pages,
            finished_at=timezone.now(),
        )
        # Only the newest PDF of a series is kept.
        ReportExport.objects.filter(series=series, state=State.DONE).exclude(pk=export.pk).update(
            pdf=None, size=0
        )


def failure_message(export: ReportExport) -> str:
    """What the people of the series are told when an export stopped."""
    if export.failure == Failure.TIMEOUT:
        seconds = settings.NOPSA_REPORT_TIMEOUT
        return ngettext(
            "The export was stopped: making the PDF took longer than %(seconds)s second. "
            "Shorten the longest texts of the report, or try again later.",
            "The export was stopped: making the PDF took longer than %(seconds)s seconds. "
            "Shorten the longest texts of the report, or try again later.",
            seconds,
        ) % {"seconds": seconds}
    if export.failure == Failure.MEMORY:
        return _(
            "The export was stopped: making the PDF needed more memory than allowed "
            "(%(megabytes)s MB). Shorten the longest texts of the report, or ask the "
            "administrator to raise the limit."
        ) % {"megabytes": settings.NOPSA_REPORT_MEMORY_MB}
    if export.failure == Failure.INTERRUPTED:
        return _("The export was interrupted because the background worker stopped. Export again.")
    return _(
        "The export failed because of an error. Try again; if it fails again, tell the "
        "administrator."
    )


def stopped_message(reason: str) -> str:
    """The same message for a render stopped outside an export (a summary, the shell)."""
    return failure_message(ReportExport(failure=_FAILURES.get(reason, Failure.ERROR)))
