"""Writing the audit log (`AuditEntry`): one function, `record`, called by the views and
commands that act for a person — they know who acts; the services stay free of it.

What an entry may say about its object is fixed here, not by the caller: the object's public
id (a UUID or a code) and a label made of the series' and workshop's codes. Titles, case
text, note text, nicknames, e-mail addresses and tokens have no way in.
"""

from __future__ import annotations

import re
import uuid

from .models import AuditEntry, Series, Workshop

Action = AuditEntry.Action
Kind = AuditEntry.Kind

_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[2-9A-Z]{6,12}")


def record(
    *,
    actor,
    action: str,
    series: Series,
    kind: str,
    object_id: uuid.UUID | str = "",
    workshop: Workshop | None = None,
) -> AuditEntry:
    """Append an entry: `actor` did `action` to the `kind` object `object_id` of `series` (in
    `workshop`). `actor` None (or anonymous) is the system. Raises ValueError for an action or
    kind not in the lists, or an id that is neither a UUID nor a code."""
    if action not in Action.values or kind not in Kind.values:
        raise ValueError(f"unknown audit action or kind: {action!r}, {kind!r}")
    object_id = str(object_id)
    if object_id and not _ID.fullmatch(object_id):
        raise ValueError("an audit entry names its object by a UUID or a code")
    label = series.code if workshop is None else f"{series.code} / {workshop.code}"
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        organisation_id=series.organisation_id,
        series=series,
        object_kind=kind,
        object_id=object_id,
        label=label,
    )
