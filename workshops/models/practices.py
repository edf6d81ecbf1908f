"""Practices — the series' real product — and the series' own documents (near-term vision,
leadership agreements)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .core import LONG_TEXT_MAX, TITLE_MAX, Series, Workshop


class Practice(models.Model):
    """A new way of working ("toimintatapa"): its elements and principles, who owns it, how far
    it has come, and what is behind it. A practice taken into another series keeps `origin`."""

    class Status(models.TextChoices):
        IDEA = "idea", _("idea")
        PROTOTYPE = "prototype", _("prototype")
        PILOTED = "piloted", _("piloted")
        IN_USE = "in_use", _("in use")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="practices")
    name = models.CharField(_("name"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=LONG_TEXT_MAX, blank=True)
    elements = models.TextField(_("elements"), max_length=LONG_TEXT_MAX, blank=True)
    principles = models.TextField(_("principles"), max_length=LONG_TEXT_MAX, blank=True)
    owners = models.CharField(_("owners"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IDEA
    )
    conditions = models.TextField(
        _("conditions for adoption"), max_length=LONG_TEXT_MAX, blank=True
    )
    tips = models.TextField(_("tips for adopters"), max_length=LONG_TEXT_MAX, blank=True)
    workshops = models.ManyToManyField(
        Workshop, blank=True, related_name="practices", verbose_name=_("workshops")
    )
    challenges = models.ManyToManyField(
        "PrioritisedChallenge",
        blank=True,
        related_name="practices",
        verbose_name=_("prioritised challenges"),
    )
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="derived",
        verbose_name=_("taken from"),
    )
    # Optimistic locking: an edit saves only over the version it started from.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["series_id", "name", "id"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def __str__(self) -> str:
        return self.name


class PracticeStatusChange(models.Model):
    """When a practice reached a status (idea → prototype → piloted → in use)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=12, choices=Practice.Status.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["practice_id", "date", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.status} {self.date}"


class SeriesDocument(models.Model):
    """A document of the series as a whole: its near-term vision, its leadership agreements
    (how managers support the practice)."""

    class Kind(models.TextChoices):
        VISION = "vision", _("near-term vision")
        AGREEMENTS = "agreements", _("leadership agreements")

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField(_("text"), max_length=20000, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["series_id", "kind"]
        verbose_name = _("series document")
        verbose_name_plural = _("series documents")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "kind"], name="workshops_seriesdocument_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} of {self.series_id}"
