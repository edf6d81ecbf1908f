"""Diagrams as inline SVG, laid out by Graphviz on the server (the same in browser and print).

All user text goes into DOT through `_label`, which escapes backslashes (DOT escape sequences)
and marks the string as not-HTML (a label "<b>…</b>" would otherwise be an HTML-like label);
the python `graphviz` package quotes the rest, and Graphviz escapes text into the SVG. Node
names are internal ids, never user text. The SVG gets role="img" and a <title>, loses its
fixed width and height (it scales with its container) and Graphviz's per-node <title>s.
Each page shows the same content as a list or table next to the diagram (its text
alternative).
"""

from __future__ import annotations

import functools
import itertools
import re
import subprocess
import textwrap
from collections.abc import Sequence

import graphviz
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

FONT = "DejaVu Sans"
WRAP = 28
LABEL_MAX = 140
INK = "#1b2631"


def _label(*lines: str, width: int = WRAP, limit: int = LABEL_MAX) -> str:
    """A safe, wrapped multi-line DOT label from user text."""
    out: list[str] = []
    for line in lines:
        line = " ".join(str(line).split())
        if len(line) > limit:
            line = line[: limit - 1] + "…"
        out += textwrap.wrap(line, width=width) or [""]
    return graphviz.nohtml("\\n".join(graphviz.escape(part) for part in out))


def _graph(name: str, **attrs) -> graphviz.Digraph:
    graph = graphviz.Digraph(name, engine="dot")
    graph.attr(fontname=FONT, fontsize="12", bgcolor="transparent", **attrs)
    graph.attr("node", fontname=FONT, fontsize="11", color=INK, fontcolor=INK)
    graph.attr("edge", fontname=FONT, fontsize="10", color=INK, fontcolor=INK)
    return graph


_PROLOG = re.compile(r"^.*?(?=<svg)", re.S)
_SIZE = re.compile(r'\s(width|height)="[^"]*"')
_VIEWBOX = re.compile(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"')
_TITLES = re.compile(r"<title>.*?</title>", re.S)
_COMMENTS = re.compile(r"<!--.*?-->", re.S)


PIPE_TIMEOUT = 15  # seconds: a page never hangs on a pathological layout


class DiagramError(Exception):
    """Graphviz could not draw the diagram in time; the page shows the text version only."""


@functools.lru_cache(maxsize=64)
def _pipe(source: str) -> str:
    """Graphviz's SVG for a DOT source; cached, since pages are viewed more than edited."""
    try:
        done = subprocess.run(
            ["dot", "-Tsvg"],  # noqa: S607 — Debian's graphviz on PATH; the layout attr picks neato
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=PIPE_TIMEOUT,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise DiagramError(str(exc)) from exc
    return done.stdout.decode("utf-8")


def to_svg(graph: graphviz.Digraph, *, title: str, dom_id: str) -> SafeString:
    """Accessible inline SVG: role="img", its own <title>, no fixed size."""
    svg = _pipe(graph.source)
    svg = _PROLOG.sub("", svg, count=1)
    svg = _COMMENTS.sub("", svg)
    svg = _TITLES.sub("", svg)
    head_end = svg.index(">") + 1
    head = _SIZE.sub("", svg[:head_end])
    # Small diagrams are not blown up to the full width: a size class caps them.
    view_box = _VIEWBOX.search(head)
    natural_width = float(view_box[1]) if view_box else 10_000
    size = "s" if natural_width < 450 else "m" if natural_width < 800 else "l"
    head = head.replace(
        "<svg",
        f'<svg id="{dom_id}" class="diagram-svg diagram-svg--{size}" role="img" '
        f'aria-labelledby="{dom_id}-title"',
        1,
    )
    svg = head + f'<title id="{dom_id}-title">{escape(title)}</title>' + svg[head_end:]
    return mark_safe(svg)  # noqa: S308 — Graphviz output from escaped labels; see module doc


# --- Service path as swimlanes ----------------------------------------------------------------

EXPERIENCE_STYLE = {
    # shape and text carry the meaning; colour only repeats it
    "meaningful": {"shape": "box", "style": "rounded,bold", "peripheries": "2", "color": "#1d6b3f"},
    "difficult": {"shape": "octagon", "style": "bold,dashed", "color": "#a4262c"},
    "neutral": {"shape": "box", "style": "rounded"},
}


def experience_marker(experience: str) -> str:
    return {
        "meaningful": _("★ Meaningful"),
        "difficult": _("⚠ Difficult"),
    }.get(experience, "")


STRETCH_MAX = 30


def service_path_svg(path, events: Sequence, critical_event_ids: set[int]) -> SafeString:
    """One lane per actor (in order of first appearance), the events in order left to right.

    Each lane is a cluster stretched over the whole width by an invisible start and end node
    (the start node carries the lane's name), so the lanes stack as horizontal bands.
    """
    graph = _graph("path", rankdir="LR", newrank="true", nodesep="0.2", ranksep="0.3")
    # Stretching every lane over the whole width costs Graphviz more than linear time; long
    # paths (where lanes interleave and stack anyway) go without it.
    stretch = len(events) <= STRETCH_MAX
    numbers = {event.pk: index for index, event in enumerate(events, start=1)}
    lanes: dict[str, list] = {}
    for event in events:
        lanes.setdefault(event.actor.strip().casefold(), []).append(event)
    for index, lane_events in enumerate(lanes.values()):
        with graph.subgraph(name=f"cluster_lane{index}") as lane:
            lane.attr(
                label="",
                style="filled",
                fillcolor="#f4f6f8" if index % 2 else "#e5eff6",
                color="#c9d2da",
            )
            lane.node(
                f"lane{index}",
                _label(lane_events[0].actor, width=18),
                shape="plaintext",
                fontsize="12",
            )
            if stretch:
                lane.node(f"lane{index}_end", "", shape="point", style="invis", width="0")
            for event in lane_events:
                lines = [f"{numbers[event.pk]}. {event.when}".strip()]
                marker = experience_marker(event.experience)
                if marker:
                    lines.append(marker)
                if event.pk in critical_event_ids:
                    lines.append(_("◆ Critical point"))
                lines.append(event.what)
                lane.node(f"e{event.pk}", _label(*lines), **EXPERIENCE_STYLE[event.experience])
                if stretch:
                    lane.edge(f"lane{index}", f"e{event.pk}", style="invis")
                    lane.edge(f"e{event.pk}", f"lane{index}_end", style="invis")
            if not stretch:
                lane.edge(f"lane{index}", f"e{lane_events[0].pk}", style="invis")
    with graph.subgraph() as first:
        first.attr(rank="min")
        for index in range(len(lanes)):
            first.node(f"lane{index}")
    if stretch:
        with graph.subgraph() as last:
            last.attr(rank="max")
            for index in range(len(lanes)):
                last.node(f"lane{index}_end")
    for before, after in itertools.pairwise(events):
        graph.edge(f"e{before.pk}", f"e{after.pk}", weight="2")
    return to_svg(
        graph,
        title=_("Service path “%(title)s” as swimlanes") % {"title": path.title},
        dom_id=f"diagram-{path.public_id}",
    )


# --- Causal map -------------------------------------------------------------------------------

SIGN_LABEL = {"reinforcing": "+", "weakening": "−"}


def causal_map_svg(causal_map, factors: Sequence, links: Sequence) -> SafeString:
    graph = _graph("causal", rankdir="TB", nodesep="0.4", ranksep="0.45")
    graph.attr("node", shape="box", style="rounded")
    for factor in factors:
        graph.node(f"f{factor.pk}", _label(factor.name))
    for link in links:
        attrs = {}
        if link.sign:
            attrs["label"] = SIGN_LABEL[link.sign]
            attrs["fontsize"] = "16"
        if link.sign == "weakening":
            attrs["style"] = "dashed"
            attrs["arrowhead"] = "tee"
        graph.edge(f"f{link.cause_id}", f"f{link.effect_id}", **attrs)
    return to_svg(
        graph,
        title=_("Causal map “%(title)s”") % {"title": causal_map.title},
        dom_id=f"diagram-{causal_map.public_id}",
    )


# --- Actor network ----------------------------------------------------------------------------

ACTOR_SHAPES = {
    "organisation": "box",
    "service": "component",
    "profession": "ellipse",
    "ngo": "hexagon",
    "parish": "house",
    "own_network": "egg",
}


def actor_network_svg(network, actors: Sequence, services: Sequence) -> SafeString:
    """The client segment in the middle, actors around it, coordinated services linking them."""
    graph = _graph("network", layout="neato", overlap="false", splines="true", sep="+12")
    graph.engine = "neato"
    graph.node(
        "segment",
        _label(network.client_segment or _("Client segment"), width=20),
        shape="doublecircle",
        style="bold",
    )
    for actor in actors:
        graph.node(
            f"a{actor.pk}",
            _label(actor.name, f"({actor.get_type_display()})", width=22),
            shape=ACTOR_SHAPES.get(actor.type, "box"),
        )
        graph.edge(f"a{actor.pk}", "segment", dir="none", style="dotted", len="2")
    for service in services:
        graph.node(f"s{service.pk}", _label(service.name, width=22), shape="note", style="bold")
        for actor in service.actors.all():
            graph.edge(f"a{actor.pk}", f"s{service.pk}", len="1.5")
    return to_svg(
        graph,
        title=_("Actor network “%(title)s”") % {"title": network.title},
        dom_id=f"diagram-{network.public_id}",
    )


# --- Collaboration flowchart ------------------------------------------------------------------


def flowchart_svg(flowchart, steps: Sequence) -> SafeString:
    """The agreed steps top to bottom; a hand-off is an edge labelled with whom it goes to."""
    graph = _graph("flow", rankdir="TB", nodesep="0.3", ranksep="0.4")
    graph.attr("node", shape="box", style="rounded")
    for number, step in enumerate(steps, start=1):
        graph.node(f"s{step.pk}", _label(f"{number}. {step.actor}", step.action))
    for before, after in itertools.pairwise(steps):
        attrs = {}
        if before.handoff_to:
            attrs["label"] = _label(_("hand-off → %(who)s") % {"who": before.handoff_to})
            attrs["style"] = "bold"
        graph.edge(f"s{before.pk}", f"s{after.pk}", **attrs)
    if steps and steps[-1].handoff_to:
        graph.node("end", _label(steps[-1].handoff_to), shape="box", style="dashed")
        graph.edge(
            f"s{steps[-1].pk}",
            "end",
            label=_label(_("hand-off → %(who)s") % {"who": steps[-1].handoff_to}),
        )
    return to_svg(
        graph,
        title=_("Collaboration flowchart “%(title)s”") % {"title": flowchart.title},
        dom_id=f"diagram-{flowchart.public_id}",
    )
