from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self) -> None:
        from . import stepkinds
        from .live.kinds import BRAINSTORM, PRIORITISE, THEMES, VOTE, WARMUP
        from .stepkinds import StepKind

        for kind in [
            StepKind(
                "warmup",
                _("Warm-up round"),
                _("Everyone answers one question."),
                10,
                live=WARMUP,
            ),
            StepKind(
                "brainstorm", _("Brainstorm"), _("Participants post notes."), 20, live=BRAINSTORM
            ),
            StepKind(
                "themes",
                _("Themes"),
                _("Notes are grouped into named themes."),
                15,
                live=THEMES,
            ),
            StepKind("vote", _("Dot voting"), _("Participants spend their dots."), 10, live=VOTE),
            StepKind(
                "prioritise",
                _("Prioritise"),
                _("The top items become the series' prioritised challenges."),
                10,
                live=PRIORITISE,
            ),
            StepKind("solutions", _("Solutions"), _("Ways to beat the challenges and points."), 20),
            StepKind(
                "practice", _("Practice"), _("Elements and principles of a new practice."), 30
            ),
            StepKind("actions", _("Actions"), _("Who does what, and by when."), 15),
            # "feedback" is registered by workshops.feedback, with its live form.
            StepKind(
                "discussion", _("Free discussion"), _("Prompt and timer, nothing stored."), 15
            ),
            StepKind("break", _("Break"), _("Time off."), 10),
        ]:
            stepkinds.register(kind)

        from . import plugins
        from .summaries import demo, sources

        sources.register()

        from .reports import demo as full_demo
        from .reports import practice_model
        from .reports import sections as report_sections

        report_sections.register()
        practice_model.register()
        # The complete series first: the cases and feedback seeders build on it.
        plugins.register_demo_seeder("full_series", full_demo.seed)
        plugins.register_demo_seeder("between", demo.seed)

        from .services import methods_sync_builtin

        post_migrate.connect(
            _sync_methods, sender=self, dispatch_uid="workshops_sync_builtin_methods"
        )
        self._methods_sync = methods_sync_builtin


def _sync_methods(sender, using="default", **kwargs) -> None:
    """Keep the built-in methods in the database identical to `methods_data.py`."""
    sender._methods_sync(using=using)
