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
