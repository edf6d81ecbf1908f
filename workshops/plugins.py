"""Registries through which other apps plug into `workshops` without being imported by it.

Step kinds have their own registry (`stepkinds.py`); this module holds the smaller ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class SeriesLink:
    """A page of the series contributed by another app, linked from the series page.

    `url_name` is reversed with the series code as its only argument.
    """

    key: str
    label: str | Promise
    url_name: str
    position: int = 100


_SERIES_LINKS: dict[str, SeriesLink] = {}


def register_series_link(link: SeriesLink) -> SeriesLink:
    _SERIES_LINKS[link.key] = link
    return link


def series_links(series) -> list[tuple[str, str]]:
    """(label, url) pairs for the series page, in their registered order."""
    links = sorted(_SERIES_LINKS.values(), key=lambda link: (link.position, link.key))
    return [(str(link.label), reverse(link.url_name, args=[series.code])) for link in links]


# --- Demo data --------------------------------------------------------------------------------

_DEMO_SEEDERS: dict[str, Callable[..., None]] = {}


def register_demo_seeder(key: str, seeder: Callable[..., None]) -> None:
    """`seed_demo` calls `seeder(organisation=...)` after it has made the demo series, inside
    its transaction; a seeder must change nothing when run again."""
    _DEMO_SEEDERS[key] = seeder


def demo_seeders() -> list[Callable[..., None]]:
    return list(_DEMO_SEEDERS.values())
