"""The final report's texts that the facilitator or coordinator edits before export."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .core import Series

REPORT_TEXT_MAX = 100_000


class ReportText(models.Model):
    """A series' own text for one practice-model section of the report, replacing the text
    drafted from the series' data. Saved with the same version check as `SeriesDocument`."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="report_texts")
    key = models.CharField(max_length=40)
    text = models.TextField(_("text"), max_length=REPORT_TEXT_MAX, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["series_id", "key"]
        verbose_name = _("report text")
        verbose_name_plural = _("report texts")
        constraints = [
            models.UniqueConstraint(fields=["series", "key"], name="workshops_reporttext_once"),
        ]

    def __str__(self) -> str:
        return f"{self.key} of {self.series_id}"


class ReportExport(models.Model):
    """One export of a series' final report as PDF, made by a background job.

    The PDF is kept in the database (`pdf`), so that every app server sharing the database can
    serve it, together with the fingerprint of the report HTML it was made from: while the
    series' report HTML has the same fingerprint the PDF is current and is reused without a new
    render. At most one export per series is queued or running (a database constraint)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Stage(models.TextChoices):
        WAITING = "waiting", _("Waiting for its turn")
        COLLECTING = "collecting", _("Collecting the series' data")
        LAYOUT = "layout", _("Laying out pages")
        WRITING = "writing", _("Writing the PDF")
        READY = "ready", _("Ready")
        STOPPED = "stopped", _("Stopped")

    class Failure(models.TextChoices):
        TIMEOUT = "timeout", _("time limit")
        MEMORY = "memory", _("memory limit")
        ERROR = "error", _("error")
        INTERRUPTED = "interrupted", _("interrupted")

    ACTIVE = (State.QUEUED, State.RUNNING)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="report_exports")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.WAITING)
    percent = models.PositiveSmallIntegerField(default=0)
    pages_done = models.PositiveIntegerField(default=0)
    failure = models.CharField(max_length=12, choices=Failure.choices, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        indexes = [
            models.Index(fields=["series", "-created_at"], name="workshops_reportexport_recent"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["series"],
                condition=models.Q(state__in=["queued", "running"]),
                name="workshops_reportexport_one_active",
            ),
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="workshops_reportexport_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"report export {self.public_id} of {self.series_id} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE
