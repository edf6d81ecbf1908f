from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """Feedback forms, results, follow-up indicators and exports; plugs into `workshops`."""

    name = "workshops.feedback"
    label = "feedback"
    verbose_name = _("Feedback and evaluation")

    def ready(self) -> None:
        from workshops import plugins, stepkinds
        from workshops.stepkinds import StepKind

        from . import demo
        from .live import FEEDBACK

        plugins.register_demo_seeder("feedback", demo.seed)

        from .report import register as register_report

        register_report()

        from .retention import register as register_retention

        register_retention()
        plugins.register_participant_workshop_link(
            plugins.ParticipantWorkshopLink(
                key="feedback",
                label=_("Give feedback"),
                url_name="feedback:afterwards",
                available=_with_feedback,
                done=_answered,
                done_label=_("Answered – you can still change your answers"),
            )
        )

        plugins.register_series_link(
            plugins.SeriesLink(
                key="feedback",
                label=_("Feedback, indicators and exports"),
                url_name="feedback:series",
                position=20,
            )
        )
        stepkinds.register(
            StepKind(
                "feedback",
                _("Feedback"),
                _("A short feedback form at the end."),
                5,
                "feedback",
                live=FEEDBACK,
            )
        )


def _answered(workshop_ids, participant) -> set[int]:
    """Of these workshops, those whose feedback the participant has given (one query)."""
    from .models import FeedbackResponse

    return set(
        FeedbackResponse.objects.filter(
            participant=participant, form__step__workshop_id__in=workshop_ids
        ).values_list("form__step__workshop_id", flat=True)
    )


def _with_feedback(workshops, participant) -> set[int]:
    """Workshops the participant attended that have begun and have a feedback step: their
    form can be answered afterwards (one query)."""
    from workshops.models import Step, Workshop

    started = [w.pk for w in workshops if w.state != Workshop.State.PLANNED]
    return set(
        Step.objects.filter(
            workshop_id__in=started,
            kind="feedback",
            workshop__attendances__participant=participant,
        ).values_list("workshop_id", flat=True)
    )
