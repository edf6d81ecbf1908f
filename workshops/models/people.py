"""Participants between workshops: personal return links and calendar feeds.

A participant has no account. Their phone keeps them by a signed cookie; a **personal link**
brings them back to their series on any device (between workshops, to read and comment).
The link's token is shown once, stored only as its SHA-256, and can be revoked: a revoked
link, and every device that came in through it, stops working at once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .live import Participant


class PersonalLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class PersonalLink(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = PersonalLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")
        constraints = [
            # One working link per participant: issuing a new one revokes the old.
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(revoked_at__isnull=True),
                name="workshops_personallink_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"link of {self.participant_id}"
