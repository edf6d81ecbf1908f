"""Reads of the cases app: what each page shows, in a fixed number of queries."""

from __future__ import annotations

import logging

from django.db.models import Count, Prefetch

from workshops.models import Series

from . import diagrams
from .models import (
    Actor,
    ActorNetwork,
    Case,
    CausalMap,
    Flowchart,
    Persona,
    ServicePath,
)

logger = logging.getLogger(__name__)


def series_overview(series: Series) -> dict:
    """Everything of the series for the cases index, one query per kind of artefact."""
    return {
        "cases": list(Case.objects.filter(series=series).annotate(path_count=Count("paths"))),
        "personas": list(Persona.objects.filter(series=series).annotate(path_count=Count("paths"))),
        "paths": list(
            ServicePath.objects.filter(series=series)
            .select_related("case", "persona")
            .annotate(event_count=Count("events"))
        ),
        "maps": list(
            CausalMap.objects.filter(series=series).annotate(factor_count=Count("factors"))
        ),
        "networks": list(
            ActorNetwork.objects.filter(series=series).annotate(actor_count=Count("actors"))
        ),
        "flowcharts": list(
            Flowchart.objects.filter(series=series).annotate(step_count=Count("steps"))
        ),
    }


def case_page(case: Case) -> dict:
    return {"paths": list(case.paths.all())}


def persona_page(persona: Persona) -> dict:
    return {"paths": list(persona.paths.all())}


def _draw(function, *args):
    """The diagram, or "" when Graphviz fails: the page still has the text version."""
    try:
        return function(*args)
    except diagrams.DiagramError:
        logger.warning("diagram %s could not be drawn", function.__name__)
        return ""


def path_page(path: ServicePath) -> dict:
    events = list(path.events.all())
    points = list(path.critical_points.select_related("event"))
    solutions = list(
        path.solutions.select_related("critical_point", "prioritised_challenge", "practice")
    )
    by_point: dict[int, list] = {}
    for solution in solutions:
        by_point.setdefault(solution.critical_point_id, []).append(solution)
    for point in points:
        point.solution_list = by_point.get(point.pk, [])
    numbers = {event.pk: number for number, event in enumerate(events, start=1)}
    for point in points:
        point.event_number = numbers.get(point.event_id)
    critical = {point.event_id for point in points if point.event_id}
    for event in events:
        event.is_critical = event.pk in critical
    return {
        "events": events,
        "points": points,
        "solutions": solutions,
        "lanes": sorted({event.actor for event in events}),
        "svg": _draw(diagrams.service_path_svg, path, events, critical) if events else "",
        "wide": len(events) > 10,
    }


def feedback_loops(factors, links) -> list[list]:
    """Groups of factors that form a loop (strongly connected, more than one factor)."""
    graph: dict[int, list[int]] = {f.pk: [] for f in factors}
    for link in links:
        graph.setdefault(link.cause_id, []).append(link.effect_id)
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    groups: list[list[int]] = []
    counter = 0

    def visit(node: int) -> None:  # Tarjan; maps are small
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, []):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in graph:
        if node not in index:
            visit(node)
    by_pk = {f.pk: f for f in factors}
    return [sorted((by_pk[pk] for pk in group), key=lambda f: f.position) for group in groups]


def map_page(causal_map: CausalMap) -> dict:
    factors = list(causal_map.factors.all())
    links = list(causal_map.links.select_related("cause", "effect"))
    return {
        "factors": factors,
        "links": links,
        "loops": feedback_loops(factors, links),
        "svg": _draw(diagrams.causal_map_svg, causal_map, factors, links) if factors else "",
        "wide": False,
    }


def network_page(network: ActorNetwork) -> dict:
    actors = list(network.actors.all())
    services = list(
        network.services.prefetch_related(
            Prefetch("actors", queryset=Actor.objects.order_by("position", "id"))
        )
    )
    return {
        "actors": actors,
        "services": services,
        "cards": list(network.cards.all()),
        "svg": _draw(diagrams.actor_network_svg, network, actors, services) if actors else "",
        "wide": False,
    }


def flowchart_page(flowchart: Flowchart) -> dict:
    steps = list(flowchart.steps.all())
    return {
        "steps": steps,
        "svg": _draw(diagrams.flowchart_svg, flowchart, steps) if steps else "",
        "wide": False,
    }


PAGES = {
    "case": case_page,
    "persona": persona_page,
    "path": path_page,
    "map": map_page,
    "network": network_page,
    "flowchart": flowchart_page,
}
