"""Live behaviour of the step kinds that `workshops` itself provides.

A kind's live unit says whether it takes notes and which template renders its three views;
the template defines the partials `participant`, `cockpit` and `room`. Other apps attach a
`LiveKind` to the kinds they register in the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LiveKind:
    template: str = "live/kinds/prompt.html"
    takes_notes: bool = False
    # A warm-up round takes one answer per participant; a new answer replaces the old one.
    one_per_participant: bool = False
    # The step may define categories (e.g. the kinds of waste) for its notes.
    uses_categories: bool = False
    # Which key of the step's settings lists the categories: another app's kind may take them
    # from a list the step already has (case work: its guiding questions).
    categories_key: str = "categories"
    # How the phone names the choice (default "Category"); case work asks for a question.
    category_label: Any = None
    category_prompt: Any = None


PROMPT_ONLY = LiveKind()
WARMUP = LiveKind(template="live/kinds/notes.html", takes_notes=True, one_per_participant=True)
BRAINSTORM = LiveKind(template="live/kinds/notes.html", takes_notes=True, uses_categories=True)
# Converging (issue 4): reads and writes in `live/converge.py` and `live/converge_board.py`.
THEMES = LiveKind(template="live/kinds/themes.html")
VOTE = LiveKind(template="live/kinds/vote.html")
PRIORITISE = LiveKind(template="live/kinds/prioritise.html")


def live_unit(step) -> LiveKind:
    kind = step.kind_unit if step is not None else None
    return (kind.live if kind is not None and kind.live is not None else None) or PROMPT_ONLY


def step_categories(step) -> list[str]:
    """The categories a note of the step may have, from the settings key its kind names."""
    if step is None:
        return []
    return list(step.settings.get(live_unit(step).categories_key) or [])
