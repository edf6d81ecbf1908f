"""The final report's export as a background job: queued from the page, run by the worker,
followed by polling, downloaded when done, reused while the series is unchanged, and stopped
with a clear message past its time or memory limit."""

import io
import time

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from workshops.models import ReportExport
from workshops.reports import exports, limits, practice_model
from workshops.reports.render import report_fingerprint, report_html

HTMX = {"HTTP_HX_REQUEST": "true"}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _export_url(series):
    return reverse("workshops:report-export", args=[series.code])


def _status_url(export):
    return reverse("workshops:report-export-status", args=[export.series.code, export.public_id])


def _pdf_url(export):
    return reverse("workshops:report-export-pdf", args=[export.series.code, export.public_id])


def _message(export, language="fi") -> str:
    with translation.override(language):
        return exports.failure_message(export)


@pytest.fixture
def no_render(monkeypatch):
    """Fails the test if anything lays a PDF out."""

    def refuse(*args, **kwargs):
        raise AssertionError("a render was started")

    monkeypatch.setattr(limits, "render_limited", refuse)


@pytest.mark.django_db(transaction=True)
def test_an_export_is_queued_run_by_the_worker_and_downloaded(client, facilitator, series):
    client.force_login(facilitator)
    response = client.post(_export_url(series), **HTMX)
    assert response.status_code == 200
    export = ReportExport.objects.get(series=series)
    assert export.state == ReportExport.State.QUEUED
    body = response.content.decode()
    # The page follows the job by polling, and says where it is.
    assert f'hx-get="{_status_url(export)}?stage=waiting"' in body
    assert 'hx-trigger="every 1000ms"' in body
    assert "<progress" in body and "Odottaa vuoroaan" in body
    assert DBTaskResult.objects.filter(task_path__endswith="export_report_job").count() == 1

    # The real worker, once through the queue.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    export.refresh_from_db()
    assert export.state == ReportExport.State.DONE, export.failure
    assert export.percent == 100 and export.pages >= 2 and export.size > 1000
    assert export.fingerprint == report_fingerprint(series)
    status = client.get(_status_url(export) + "?stage=layout", **HTMX)
    assert status.status_code == 200
    assert "hx-trigger" not in status.text, "a finished export is not polled"
    assert _pdf_url(export) in status.text
    assert "nopsa:announce" in status["HX-Trigger-After-Settle"], (
        "the end is announced to screen readers"
    )

    download = client.get(_pdf_url(export))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "private, no-store"
    assert download["Content-Disposition"].startswith(f'attachment; filename="report-{series.code}')
    reader = PdfReader(io.BytesIO(download.content))
    assert len(reader.pages) == export.pages
    assert series.title in reader.pages[0].extract_text()


@pytest.mark.django_db
def test_a_second_request_joins_the_queued_export(client, facilitator, coordinator, series):
    client.force_login(facilitator)
    first = client.post(_export_url(series), **HTMX)
    client.force_login(coordinator)
    second = client.post(_export_url(series), **HTMX)
    export = ReportExport.objects.get(series=series)
    assert str(export.public_id) in first.text and str(export.public_id) in second.text
    assert DBTaskResult.objects.count() == 1, "one job for the series"


@pytest.mark.django_db
def test_without_htmx_the_export_redirects_to_the_report_page(client, facilitator, series):
    client.force_login(facilitator)
    response = client.post(_export_url(series))
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("workshops:report-texts", args=[series.code]) + "#report-export"
    )
    page = client.get(response["Location"])
    export = ReportExport.objects.get(series=series)
    assert _status_url(export) in page.text, "the report page follows the running export"


@pytest.mark.django_db
def test_an_unchanged_series_reuses_its_pdf_and_a_changed_one_is_made_anew(
    client, facilitator, series, settings, monkeypatch
):
    settings.TASKS = IMMEDIATE  # the job runs within the request
    client.force_login(facilitator)
    client.post(_export_url(series), **HTMX)
    made = ReportExport.objects.get(series=series)
    assert made.state == ReportExport.State.DONE

    monkeypatch.setattr(limits, "render_limited", lambda *a, **k: pytest.fail("rendered again"))
    again = client.post(_export_url(series), **HTMX)
    assert ReportExport.objects.count() == 1
    assert _pdf_url(made) in again.text, "the stored PDF is offered at once"
    page = client.get(reverse("workshops:report-texts", args=[series.code]))
    assert _pdf_url(made) in page.text

    practice_model.text_save(series, key="basic_idea", text="Uusi perusidea", version=0, by=None)
    page = client.get(reverse("workshops:report-texts", args=[series.code]))
    assert _pdf_url(made) not in page.text, "an old PDF is not offered as current"
    assert "Sarja on muuttunut" in page.text

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.post(_export_url(series), **HTMX)
    assert ReportExport.objects.filter(series=series, state="queued").count() == 1


@pytest.mark.django_db
def test_a_render_past_the_time_limit_is_stopped_with_a_message(
    client, facilitator, series, settings, monkeypatch
):
    settings.TASKS = IMMEDIATE
    settings.NOPSA_REPORT_TIMEOUT = 1

    def slow_render(self, *args, **kwargs):  # runs in the forked child
        time.sleep(60)

    monkeypatch.setattr("weasyprint.HTML.render", slow_render)
    client.force_login(facilitator)
    started = time.monotonic()
    response = client.post(_export_url(series), **HTMX)
    assert time.monotonic() - started < 15, "the child was not left to hang"
    export = ReportExport.objects.get(series=series)
    assert export.state == ReportExport.State.FAILED
    assert export.failure == ReportExport.Failure.TIMEOUT
    message = _message(export)
    assert "yli 1 sekunnin" in message
    assert message in response.text
    assert "Vie PDF" in response.text, "the export can be asked again"
    assert _message(export, "sv") != _message(export, "en") != message


@pytest.mark.django_db
def test_a_render_past_the_memory_limit_is_stopped_with_a_message(
    client, facilitator, series, settings, monkeypatch
):
    settings.TASKS = IMMEDIATE
    settings.NOPSA_REPORT_MEMORY_MB = 50

    def greedy_render(self, *args, **kwargs):  # runs in the forked child
        return bytearray(2 * 1024**3)

    monkeypatch.setattr("weasyprint.HTML.render", greedy_render)
    client.force_login(facilitator)
    response = client.post(_export_url(series), **HTMX)
    export = ReportExport.objects.get(series=series)
    assert export.state == ReportExport.State.FAILED
    assert export.failure == ReportExport.Failure.MEMORY
    assert _message(export) in response.text
    assert "50 Mt" in _message(export) or "50 MB" in _message(export)


@pytest.mark.django_db
def test_the_limits_stop_a_real_weasyprint_render(series):
    html = report_html(series)
    with pytest.raises(limits.RenderStopped) as stopped:
        limits.render_limited(html, timeout=0.01)
    assert stopped.value.reason == limits.TIMEOUT
    rendered = limits.render_limited(html)
    assert rendered.pdf.startswith(b"%PDF-") and rendered.pages >= 2


# In a fresh process, as in a worker's first job: the limit is on what the render may grow by,
# and a process that has rendered before may have room enough in its heap for a small report.
_FRESH = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nopsa.settings")
django.setup()
from workshops.reports import limits
html = "<html lang=fi><body>" + "<h2>Otsikko</h2><p>Tekstiä sivulle.</p>" * 400 + "</body></html>"
try:
    limits.render_limited(html, memory_mb=1, timeout=60)
except limits.RenderStopped as stopped:
    print("stopped:", stopped.reason)
else:
    print("rendered")
"""


def test_the_memory_limit_stops_a_real_weasyprint_render():
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", _FRESH],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NOPSA_TESTING": "1"},
        check=False,
    )
    assert result.stdout.strip().endswith("stopped: memory"), result.stdout + result.stderr[-2000:]


@pytest.mark.django_db
def test_export_report_honours_the_limits(series, settings, tmp_path):
    settings.NOPSA_REPORT_TIMEOUT = 0
    output = tmp_path / "r.pdf"
    with pytest.raises(CommandError, match=r"Vienti pysäytettiin|export was stopped"):
        call_command("export_report", series.code, "-o", str(output))
    assert not output.exists()
    settings.NOPSA_REPORT_TIMEOUT = 120
    call_command("export_report", series.code, "-o", str(output))
    assert output.read_bytes().startswith(b"%PDF-")


@pytest.mark.django_db
def test_a_job_whose_worker_died_blocks_no_new_export(client, facilitator, series, settings):
    from django.utils import timezone

    stale = ReportExport.objects.create(
        series=series,
        state=ReportExport.State.RUNNING,
        stage=ReportExport.Stage.LAYOUT,
        started_at=timezone.now() - timezone.timedelta(hours=1),
    )
    client.force_login(facilitator)
    client.post(_export_url(series), **HTMX)
    stale.refresh_from_db()
    assert stale.state == ReportExport.State.FAILED
    assert stale.failure == ReportExport.Failure.INTERRUPTED
    assert ReportExport.objects.filter(series=series, state="queued").count() == 1


@pytest.mark.django_db
def test_a_job_delivered_twice_runs_once(series, no_render):
    export = ReportExport.objects.create(
        series=series, state=ReportExport.State.DONE, pdf=b"%PDF", size=4
    )
    exports.export_run(str(export.public_id))  # would fail the test if it rendered
    export.refresh_from_db()
    assert export.state == ReportExport.State.DONE


# --- Bad input and query counts ----------------------------------------------------------------


@pytest.mark.django_db
def test_get_on_the_export_endpoint_is_405(client, facilitator, series):
    client.force_login(facilitator)
    assert client.get(_export_url(series)).status_code == 405
    assert not ReportExport.objects.exists()


@pytest.mark.django_db
def test_unknown_or_foreign_exports_are_404(client, facilitator, series, organisation):
    from tests.workshops.factories import SeriesFactory

    other = SeriesFactory(organisation=organisation)
    foreign = ReportExport.objects.create(
        series=other, state=ReportExport.State.DONE, pdf=b"%PDF", size=4
    )
    unfinished = ReportExport.objects.create(series=series)
    client.force_login(facilitator)
    for url in [
        reverse(
            "workshops:report-export-status",
            args=[series.code, "00000000-0000-0000-0000-000000000000"],
        ),
        reverse(
            "workshops:report-export-pdf",
            args=[series.code, "00000000-0000-0000-0000-000000000000"],
        ),
        # Another series' export under this series' code.
        reverse("workshops:report-export-status", args=[series.code, foreign.public_id]),
        reverse("workshops:report-export-pdf", args=[series.code, foreign.public_id]),
        # Not finished: nothing to download.
        _pdf_url(unfinished),
    ]:
        assert client.get(url, **HTMX).status_code == 404, url
    assert client.get(f"/series/{series.code}/report/exports/not-a-uuid/").status_code == 404


@pytest.mark.django_db
def test_export_pages_have_bounded_queries(
    client, facilitator, series, django_assert_max_num_queries
):
    client.force_login(facilitator)
    running = ReportExport.objects.create(
        series=series, state=ReportExport.State.RUNNING, stage=ReportExport.Stage.LAYOUT
    )
    running.series = series
    with django_assert_max_num_queries(6, info="a poll is the permission check and one row"):
        assert client.get(_status_url(running), **HTMX).status_code == 200
    with django_assert_max_num_queries(8, info="joining a running export builds no report"):
        assert client.post(_export_url(series), **HTMX).status_code == 200
    series_url = reverse("workshops:series-detail", args=[series.code])
    with django_assert_max_num_queries(16, info="the series page asks only for a running export"):
        assert client.get(series_url).status_code == 200
    ReportExport.objects.filter(pk=running.pk).update(state="done", pdf=b"%PDF", size=4)
    # The report page builds the report's HTML to tell whether the PDF is current: bounded by
    # the sections, not by the series' size (see test_report's section query bounds).
    with django_assert_max_num_queries(60, info="the report page's check of the stored PDF"):
        assert client.get(reverse("workshops:report-texts", args=[series.code])).status_code == 200


@pytest.mark.django_db
def test_the_series_page_offers_the_export_to_its_staff(client, coordinator, series):
    client.force_login(coordinator)
    page = client.get(reverse("workshops:series-detail", args=[series.code]))
    assert f'hx-post="{_export_url(series)}"' in page.text
    assert f'action="{_export_url(series)}"' in page.text, "works without JavaScript too"


@pytest.mark.django_db
def test_the_fingerprint_is_the_same_for_the_same_series(settings):
    """Nothing random in the report's HTML (chart ids, diagram ids), or every export would
    render anew and a fresh PDF would look stale."""
    from workshops.models import Series

    settings.DEBUG = True
    call_command("seed_demo")
    for series in Series.objects.all():
        assert report_fingerprint(series) == report_fingerprint(series), series.title


@pytest.mark.django_db
def test_the_database_holds_one_active_export_per_series(series, facilitator, monkeypatch):
    from django.db import IntegrityError, transaction

    running = ReportExport.objects.create(series=series, state=ReportExport.State.RUNNING)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportExport.objects.create(series=series)
    # Two requests at once: the one that loses the race joins the other's export.
    real = exports.active_export
    calls = []

    def first_sees_nothing(series):
        calls.append(1)
        return None if len(calls) == 1 else real(series)

    monkeypatch.setattr(exports, "active_export", first_sees_nothing)
    assert exports.export_request(series=series, by=facilitator).pk == running.pk
    assert ReportExport.objects.filter(series=series).count() == 1
