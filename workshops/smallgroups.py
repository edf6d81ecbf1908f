"""The small-group rule for every figure about people (feedback, the report's participant
counts): a group of fewer than `MIN_GROUP` people is never shown on its own, nor so that it can
be worked out by subtracting the groups shown from a total.

Two shapes of the rule:
- `split_allowed`: a total is split into its groups only when every group that has anyone in
  it has at least MIN_GROUP (with two groups, showing one would reveal the other);
- `named_groups`: many groups (organisations) — those with at least MIN_GROUP are shown by
  name, the rest are merged into one "other" count that is itself never under MIN_GROUP.
"""

from __future__ import annotations

from collections.abc import Mapping

MIN_GROUP = 3


def split_allowed(counts: Mapping[str, int]) -> bool:
    """Every group that has anyone in it has at least MIN_GROUP, and there is more than one
    such group (one group alone is the total)."""
    present = [n for n in counts.values() if n > 0]
    return len(present) > 1 and all(n >= MIN_GROUP for n in present)


def named_groups(counts: Mapping[str, int]) -> tuple[list[tuple[str, int]], int]:
    """(name, count) of the groups that may be shown by name, largest first, and the count of
    everyone else merged as "other".

    A group under MIN_GROUP is merged. If the merged count is then above zero but under
    MIN_GROUP, the total minus the named groups would reveal a small group, so the smallest
    named groups join the merged ones until it reaches MIN_GROUP. The merged count thus holds
    two groups or more whenever it holds anyone."""
    ordered = sorted(
        ((name, n) for name, n in counts.items() if n > 0), key=lambda item: (-item[1], item[0])
    )
    named = [(name, n) for name, n in ordered if n >= MIN_GROUP]
    other = sum(n for _name, n in ordered if n < MIN_GROUP)
    while 0 < other < MIN_GROUP and named:
        _name, n = named.pop()
        other += n
    return named, other
