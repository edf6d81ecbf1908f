"""Counters of rate limits shared by every app process (they live in the database)."""

from __future__ import annotations

from django.db import models


class RateCount(models.Model):
    """How many counted requests one client made in one fixed window of one limit.

    `client` is a keyed hash of the client's address, never the address itself. Rows of past
    windows are deleted as new ones are written (see `workshops.live.joinlimit`).
    """

    scope = models.CharField(max_length=20)
    client = models.CharField(max_length=64)
    window_start = models.BigIntegerField(help_text="Unix time at which the window began.")
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "client", "window_start"], name="ratecount_one_per_window"
            )
        ]
        indexes = [models.Index(fields=["window_start"], name="ratecount_window")]

    def __str__(self) -> str:
        return f"{self.scope} {self.window_start}: {self.hits}"
