"""Live workshops: participants without accounts, their notes, and the change log.

Every change in a live workshop appends a `LiveEvent`. Screens poll with the id of the last
event they have seen; "anything new for me since X?" is one indexed range lookup, and no row
is updated by every write (no hot row).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .core import Series, Step, Workshop

NOTE_MAX = 1000
NICKNAME_MAX = 40


class Participant(models.Model):
    """A person taking part in a series without an account.

    Identified by a random token kept in a signed cookie; only its SHA-256 is stored.
    """

    class Kind(models.TextChoices):
        PROFESSIONAL = "professional", _("professional")
        CLIENT = "client", _("client representative")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="participants")
    token_hash = models.CharField(max_length=64, unique=True)
    nickname = models.CharField(_("nickname"), max_length=NICKNAME_MAX)
    kind = models.CharField(_("I take part as"), max_length=20, choices=Kind.choices)
    organisation_name = models.CharField(_("organisation"), max_length=100, blank=True)
    # Optional, given by the participant for notifications; they can delete it at any time.
    email = models.EmailField(_("e-mail address"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.nickname


class Attendance(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendances"
    )
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="attendances")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "workshop"], name="workshops_attendance_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.workshop}"


class Note(models.Model):
    """A participant's contribution to a step: a brainstorm note or a warm-up answer."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="notes")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="notes")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="notes", null=True, blank=True
    )
    # Made by the participant's browser: a retried POST carries the same id.
    client_id = models.UUIDField()
    text = models.TextField(_("note"))
    category = models.CharField(_("category"), max_length=100, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "client_id"], name="workshops_note_idempotent_post"
            ),
        ]
        indexes = [models.Index(fields=["step", "created_at"], name="workshops_note_step_time")]

    def __str__(self) -> str:
        return self.text[:40]


# Kinds of LiveEvent that change what a board shows to everyone (themes, notes, the step).
BOARD_KINDS = ("state", "step", "note", "note_gone", "theme")


class LiveEvent(models.Model):
    """One change in a live workshop, appended in the same transaction as the change."""

    class Audience(models.IntegerChoices):
        EVERYONE = 0, "everyone"
        STAFF = 1, "staff"
        PERSONAL = 2, "one participant (and staff)"

    class Kind(models.TextChoices):
        STATE = "state"  # went live, ended
        STEP = "step"  # current step changed, step settings, reveal, close
        TIMER = "timer"
        PEOPLE = "people"  # someone joined
        NOTE = "note"  # note added or changed
        NOTE_GONE = "note_gone"  # note deleted or hidden
        THEME = "theme"  # themes formed or changed, a theme suggested or decided
        VOTE = "vote"  # a dot cast, moved or taken back; a vote's settings
        CHALLENGE = "challenge"  # prioritised challenges confirmed

    id = models.BigAutoField(primary_key=True)
    # The composite indexes below serve every lookup; no separate FK indexes.
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="events", db_index=False
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    audience = models.PositiveSmallIntegerField(choices=Audience.choices)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    note_public_id = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["workshop", "id"], name="workshops_liveevent_all"),
            models.Index(
                fields=["workshop", "audience", "id"], name="workshops_liveevent_audience"
            ),
            models.Index(
                fields=["participant", "workshop", "id"], name="workshops_liveevent_personal"
            ),
            # The newest change of what every viewer of a board sees alike: the version of
            # shared, cached drawings (`live.boardcache`). Dots, timers and joins skip it.
            models.Index(
                fields=["workshop", "id"],
                condition=models.Q(kind__in=BOARD_KINDS),
                name="workshops_liveevent_board",
            ),
            # What a participant's poll reads, and a phone page's marker: every event but the
            # staff-only ones (1: Audience.STAFF), such as the dots of a hidden vote, which
            # would otherwise be stepped over one by one.
            models.Index(
                fields=["workshop", "id"],
                condition=~models.Q(audience=1),
                name="workshops_liveevent_phones",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.id}"
