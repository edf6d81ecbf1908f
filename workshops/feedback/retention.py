"""Feedback's part of retention (see `workshops/retention.py`): written answers are the
participants' content and go; numeric answers stay, counted by participant type, so that the
series' feedback results and charts stay whole."""

from __future__ import annotations

from django.utils.translation import gettext as _

from workshops import plugins

from .models import FeedbackAnswer, FeedbackResponse


def _written(queryset):
    return queryset.exclude(text="")


def purge_series(series) -> dict[str, int]:
    answers = FeedbackAnswer.objects.filter(response__form__step__workshop__series=series)
    return {"texts": _written(answers).update(text="")}


def purge_participant(participant) -> dict[str, int]:
    answers = FeedbackAnswer.objects.filter(response__participant=participant)
    return {"texts": _written(answers).update(text="")}


def count_participant(participant) -> list[tuple[str, int]]:
    count = _written(FeedbackAnswer.objects.filter(response__participant=participant)).count()
    return [(_("written feedback answers"), count)]


def export(series) -> list[dict]:
    """Each response with its answers; the participant by public id. Two queries."""
    responses = (
        FeedbackResponse.objects.filter(form__step__workshop__series=series)
        .select_related("participant", "form__step__workshop")
        .prefetch_related("answers__item")
        .order_by("form__step__workshop__position", "form_id", "id")
    )
    return [
        {
            "workshop": r.form.step.workshop.code,
            "step": str(r.form.step.public_id),
            "participant": str(r.participant.public_id),
            "participant_kind": r.participant_kind,
            "channel": r.channel,
            "submitted_at": r.submitted_at.isoformat(),
            "answers": [
                {"question": a.item.text, "kind": a.item.kind, "value": a.value, "text": a.text}
                for a in r.answers.all()
            ],
        }
        for r in responses
    ]


def register() -> None:
    plugins.register_content_keeper(
        plugins.ContentKeeper(
            key="feedback",
            purge_series=purge_series,
            purge_participant=purge_participant,
            count_participant=count_participant,
            export=export,
            position=20,
        )
    )
