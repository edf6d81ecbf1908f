from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """Anonymised client cases and what is built on them; plugs into `workshops`."""

    name = "cases"
    verbose_name = _("Client cases")

    def ready(self) -> None:
        from workshops import plugins, stepkinds
        from workshops.stepkinds import StepKind

        from .live import kinds as live

        plugins.register_practice_section(
            plugins.PracticeSection(
                key="cases",
                template="cases/practices/_section.html",
                context=_practice_section,
                position=20,
            )
        )
        from .summary import register as register_summary

        register_summary()

        from .report import register as register_report

        register_report()

        from .retention import register as register_retention

        register_retention()

        from . import demo

        plugins.register_demo_seeder("cases", demo.seed)

        plugins.register_series_link(
            plugins.SeriesLink(
                key="cases",
                label=_("Cases, personas, paths and maps"),
                url_name="cases:index",
                position=10,
            )
        )

        for kind in [
            StepKind(
                "case_work",
                _("Case work"),
                _("The group works on an anonymised client case."),
                30,
                "cases",
                live=live.CASE_WORK,
            ),
            StepKind(
                "persona",
                _("Persona"),
                _("User personas and their client value."),
                30,
                "cases",
                live=live.PERSONA,
            ),
            StepKind(
                "service_path",
                _("Service path"),
                _("Events, meaningful and difficult moments, critical points."),
                30,
                "cases",
                live=live.SERVICE_PATH,
            ),
            StepKind(
                "causal_map",
                _("Causal map"),
                _("Causes and effects."),
                30,
                "cases",
                live=live.CAUSAL_MAP,
            ),
        ]:
            stepkinds.register(kind)


def _practice_section(practice):
    """The cases and solutions behind a practice (two queries), or None when there are none."""
    from .models import Solution

    cases = list(practice.cases.order_by("title"))
    solutions = list(
        Solution.objects.filter(practice=practice).select_related("path", "critical_point")
    )
    if not cases and not solutions:
        return None
    return {"cases": cases, "solutions": solutions}
