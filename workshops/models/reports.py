"""The final report's texts that the facilitator or coordinator edits before export."""

from __future__ import annotations

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
