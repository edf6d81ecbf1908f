"""Background jobs of the report (django-tasks; `manage.py db_worker` runs them)."""

from __future__ import annotations

from django_tasks import task


@task()
def export_report_job(export_id: str) -> None:
    """Render a queued export of a series' final report (see `exports.export_run`)."""
    from .exports import export_run

    export_run(export_id)
