"""Lists of people sorted as a person reads them: "Osallistuja 2" before "Osallistuja 10"."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """Digits compared as numbers, letters without regard to case. The split alternates text
    and digits (text first, maybe empty), so keys of two texts always compare like with like."""
    return tuple(
        int(part) if index % 2 else part.casefold()
        for index, part in enumerate(_NUMBER.split(text))
    )


def by_nickname(participants) -> list:
    return sorted(participants, key=lambda p: (natural_key(p.nickname), p.pk))
