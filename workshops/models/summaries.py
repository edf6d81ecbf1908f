"""Between workshops: the facilitator's summary of a workshop, and comments on what the series
produced (the summary as a whole, a prioritised challenge, a theme, a practice)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .core import LONG_TEXT_MAX, Series, Workshop
from .live import Participant

COMMENT_MAX = 2000


class WorkshopSummary(models.Model):
    """A draft compiled from what the workshop produced, edited, then published to the series'
    participants. `sections` is a list of {"key", "title", "text", "included"}."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    workshop = models.OneToOneField(Workshop, on_delete=models.CASCADE, related_name="summary")
    intro = models.TextField(_("introduction"), max_length=LONG_TEXT_MAX, blank=True)
    sections = models.JSONField(default=list, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("workshop summary")
        verbose_name_plural = _("workshop summaries")

    def __str__(self) -> str:
        return f"summary of {self.workshop_id}"

    @property
    def included_sections(self) -> list[dict]:
        return [s for s in self.sections if s.get("included")]


class Comment(models.Model):
    """A comment by a participant (no account) or a reply by staff, on one output of a series.

    The target is named by kind and public id; kinds are registered by the apps that own the
    outputs (`plugins.register_comment_target`)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="comments")
    target_kind = models.CharField(max_length=20)
    target_id = models.UUIDField()
    # What the target was called when the comment was written (shown in lists without a
    # lookup per target).
    target_label = models.CharField(max_length=300, blank=True)
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    text = models.TextField(_("comment"), max_length=COMMENT_MAX)
    created_at = models.DateTimeField(auto_now_add=True)
    addressed_at = models.DateTimeField(null=True, blank=True)
    addressed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(
                fields=["series", "target_kind", "target_id"], name="workshops_comment_target"
            ),
            models.Index(fields=["series", "created_at"], name="workshops_comment_recent"),
        ]

    def __str__(self) -> str:
        return self.text[:60]
