"""The final report's sections that the cases app contributes: anonymised cases, personas with
their client value, service paths, causal maps, actor networks and collaboration flowcharts —
each diagram as inline SVG beside the same content as text."""

from __future__ import annotations

import re

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from workshops import plugins

from . import selectors
from .models import ActorNetwork, Case, CausalMap, Flowchart, Persona, ServicePath, Solution


def _cases(series):
    cases = list(Case.objects.filter(series=series).order_by("title", "id"))
    return {"cases": cases} if cases else None


def _personas(series):
    personas = list(Persona.objects.filter(series=series).order_by("name", "id"))
    return {"personas": personas} if personas else None


def _solutions(series):
    """Every solution of the series' paths with the critical point it answers, the prioritised
    challenge it beats and the practice it became part of (one query)."""
    solutions = list(
        Solution.objects.filter(path__series=series)
        .select_related("path", "critical_point", "prioritised_challenge", "practice")
        .order_by("path__title", "path_id", "critical_point__position", "position", "id")
    )
    return {"solutions": solutions} if solutions else None


# Graphviz numbers its groups from 1 in every diagram: in one document the ids would repeat.
_GRAPHVIZ_IDS = re.compile(r' id="(?:graph|node|edge|clust|a_node|a_edge)\d+"')
_VIEWBOX_WIDTH = re.compile(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) [\d.]+"')


def _print_size(svg: str) -> str:
    """On paper a diagram is drawn at its natural size (Graphviz's points), so its text is as
    large as the body text, and shrinks only when it is wider than the page."""
    width = _VIEWBOX_WIDTH.search(svg[: svg.index(">") + 1])
    if width is None:
        return svg
    return svg.replace("<svg", f'<svg style="width: {float(width[1]):.0f}pt"', 1)


def _with_pages(model, page, order="title"):
    def build(series):
        objects = list(model.objects.filter(series=series).order_by(order, "id"))
        if not objects:
            return None
        items = []
        for obj in objects:
            context = page(obj)
            if context.get("svg"):
                # Only Graphviz's own ids are removed from markup it made from escaped labels.
                svg = _print_size(_GRAPHVIZ_IDS.sub("", context["svg"]))
                context["svg"] = mark_safe(svg)  # noqa: S308
            items.append({"object": obj, **context})
        return {"items": items}

    return build


def register() -> None:
    for section in [
        plugins.ReportSection(
            "cases", _("Anonymised client cases"), _cases, "reports/cases/cases.html", position=300
        ),
        plugins.ReportSection(
            "personas",
            _("Personas and client value"),
            _personas,
            "reports/cases/personas.html",
            position=310,
        ),
        plugins.ReportSection(
            "paths",
            _("Service paths"),
            _with_pages(ServicePath, selectors.path_page),
            "reports/cases/paths.html",
            position=320,
        ),
        plugins.ReportSection(
            "causal_maps",
            _("Causal maps"),
            _with_pages(CausalMap, selectors.map_page),
            "reports/cases/maps.html",
            position=330,
        ),
        plugins.ReportSection(
            "networks",
            _("Actor network"),
            _with_pages(ActorNetwork, selectors.network_page),
            "reports/cases/networks.html",
            position=340,
        ),
        plugins.ReportSection(
            "flowcharts",
            _("Collaboration flowchart"),
            _with_pages(Flowchart, selectors.flowchart_page),
            "reports/cases/flowcharts.html",
            position=350,
        ),
        plugins.ReportSection(
            "solutions",
            _("Solutions"),
            _solutions,
            "reports/cases/solutions.html",
            position=360,
        ),
    ]:
        plugins.register_report_section(section)
