"""The registry of step kinds.

A step kind is one unit of workshop work (warm-up round, brainstorm, vote, ...). Apps register
their kinds in `AppConfig.ready()`, so `workshops` never imports the apps that plug into it
(the `cases` app registers case work, persona, service path and causal map).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class StepKind:
    """A kind of step. `live` (a `workshops.live.kinds.LiveKind`) is how it runs live; a kind
    without one shows its prompt and timer only."""

    key: str
    label: str | Promise
    description: str | Promise
    default_minutes: int
    app_label: str = "workshops"
    live: Any = None


_REGISTRY: dict[str, StepKind] = {}


def register(kind: StepKind) -> StepKind:
    existing = _REGISTRY.get(kind.key)
    if existing is not None and existing != kind:
        raise ValueError(f"Step kind {kind.key!r} is already registered by {existing.app_label}")
    _REGISTRY[kind.key] = kind
    return kind


def get(key: str) -> StepKind | None:
    return _REGISTRY.get(key)


def all_kinds() -> list[StepKind]:
    return list(_REGISTRY.values())


def choices() -> list[tuple[str, str]]:
    return [(kind.key, str(kind.label)) for kind in _REGISTRY.values()]


def label(key: str) -> str:
    kind = _REGISTRY.get(key)
    return str(kind.label) if kind else key
