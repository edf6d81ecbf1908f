"""Work between workshops: pre-work questions sent ahead of a workshop and their answers."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .core import LONG_TEXT_MAX, Workshop
from .live import Participant

PREWORK_QUESTION_MAX = 500


class PreworkQuestion(models.Model):
    """A question participants answer before a workshop ("list the topics you want to
    discuss"); the answers are ready in the cockpit when the workshop starts."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="prework")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("question"), max_length=PREWORK_QUESTION_MAX)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["workshop_id", "position", "id"]
        verbose_name = _("pre-work question")
        verbose_name_plural = _("pre-work questions")

    def __str__(self) -> str:
        return self.text[:60]


class PreworkAnswer(models.Model):
    question = models.ForeignKey(PreworkQuestion, on_delete=models.CASCADE, related_name="answers")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="prework_answers"
    )
    text = models.TextField(_("answer"), max_length=LONG_TEXT_MAX)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["question_id", "updated_at", "id"]
        verbose_name = _("pre-work answer")
        verbose_name_plural = _("pre-work answers")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "participant"], name="workshops_preworkanswer_once"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]
