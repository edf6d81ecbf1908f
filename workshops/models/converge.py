"""Converging a live workshop: themes, dot votes and the series' prioritised challenges.

The vote's two limits hold in the database, not only in Python (see `Dot`).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .core import TITLE_MAX, Series, Step, Workshop
from .live import Note, Participant

THEME_NAME_MAX = 120
# Upper bounds of a vote step's settings: the check constraints below use them too.
BUDGET_MAX = 20
TOP_N_MAX = 10


class Theme(models.Model):
    """A named group of notes, made by the facilitator in a themes step."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="themes")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("theme"), max_length=THEME_NAME_MAX)
    notes = models.ManyToManyField(Note, through="ThemeNote", related_name="themes")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="workshops_theme_has_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ThemeNote(models.Model):
    """A note in a theme. A note belongs to at most one theme of a themes step."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="memberships")
    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="theme_memberships")
    # Copied from the theme, so that "one theme per note and step" is a unique constraint.
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["step", "note"], name="workshops_themenote_one_theme"),
        ]

    def __str__(self) -> str:
        return f"{self.note} → {self.theme}"


class ThemeSuggestion(models.Model):
    """A participant's suggestion that a note belongs to a theme (an existing or a new one).

    The facilitator decides: accepting puts the note into the theme."""

    class State(models.TextChoices):
        OPEN = "open", _("waiting")
        ACCEPTED = "accepted", _("accepted")
        DISMISSED = "dismissed", _("dismissed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="+")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="theme_suggestions")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="theme_suggestions"
    )
    client_id = models.UUIDField()
    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="theme_suggestions")
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, null=True, blank=True, related_name="suggestions"
    )
    new_name = models.CharField(_("new theme"), max_length=THEME_NAME_MAX, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "client_id"], name="workshops_themesuggestion_idempotent"
            ),
            models.CheckConstraint(
                condition=Q(theme__isnull=False, new_name="")
                | Q(theme__isnull=True) & ~Q(new_name=""),
                name="workshops_themesuggestion_theme_or_name",
            ),
        ]

    def __str__(self) -> str:
        return self.theme.name if self.theme_id else self.new_name


class Dot(models.Model):
    """One dot of one participant in a vote step, on a theme or on a note.

    Both limits are the database's. Each dot takes a numbered slot of its voter's budget,
    1..`budget`, unique per voter and step; and a numbered slot of the item's allowance,
    1..`max_per_item`, unique per voter, step and item. The limits are copied from the step
    into the row when the dot is cast, so that check constraints can see them, and bounded
    by `BUDGET_MAX`. The service takes a lock on the voter's row, so concurrent requests of
    one voter queue instead of failing; the constraints hold even for code that skips it.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="dots")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="dots")
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, null=True, blank=True, related_name="dots"
    )
    note = models.ForeignKey(
        Note, on_delete=models.CASCADE, null=True, blank=True, related_name="dots"
    )
    slot = models.PositiveSmallIntegerField()
    budget = models.PositiveSmallIntegerField()
    item_slot = models.PositiveSmallIntegerField()
    max_per_item = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["step_id", "participant_id", "slot"]
        constraints = [
            models.UniqueConstraint(
                fields=["step", "participant", "slot"], name="workshops_dot_budget_slot"
            ),
            # NULLs are distinct: the first holds for dots on themes, the second on notes.
            models.UniqueConstraint(
                fields=["step", "participant", "theme", "item_slot"],
                name="workshops_dot_theme_slot",
            ),
            models.UniqueConstraint(
                fields=["step", "participant", "note", "item_slot"],
                name="workshops_dot_note_slot",
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=1, budget__lte=BUDGET_MAX)
                & Q(slot__gte=1, slot__lte=F("budget")),
                name="workshops_dot_within_budget",
            ),
            models.CheckConstraint(
                condition=Q(max_per_item__gte=1, max_per_item__lte=F("budget"))
                & Q(item_slot__gte=1, item_slot__lte=F("max_per_item")),
                name="workshops_dot_within_item_limit",
            ),
            models.CheckConstraint(
                condition=Q(theme__isnull=False, note__isnull=True)
                | Q(theme__isnull=True, note__isnull=False),
                name="workshops_dot_one_target",
            ),
        ]
        indexes = [models.Index(fields=["step", "theme"], name="workshops_dot_step_theme")]

    def __str__(self) -> str:
        return f"dot {self.slot} of {self.participant_id}"


class PrioritisedChallenge(models.Model):
    """One of the series' prioritised challenges, confirmed from a vote in a prioritise step.

    `source` keeps where it came from as it was when confirmed (the theme or note, its notes,
    its dots by participant type), so the record stays whole when themes change later.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="prioritised_challenges"
    )
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="+")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="challenges")
    vote_step = models.ForeignKey(
        Step, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rank = models.PositiveSmallIntegerField()
    text = models.CharField(_("challenge"), max_length=TITLE_MAX)
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.ForeignKey(
        Note, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dots = models.PositiveIntegerField(default=0)
    source = models.JSONField(default=dict, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["series_id", "confirmed_at", "rank", "id"]
        verbose_name = _("prioritised challenge")
        verbose_name_plural = _("prioritised challenges")
        constraints = [
            models.UniqueConstraint(fields=["step", "rank"], name="workshops_challenge_rank"),
            models.CheckConstraint(
                condition=Q(rank__gte=1, rank__lte=TOP_N_MAX), name="workshops_challenge_rank_range"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="workshops_challenge_has_text"),
        ]

    def __str__(self) -> str:
        return self.text
