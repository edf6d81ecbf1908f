"""The reads every phone request makes (its workshop, and the participant on the device), as
SQL made once per process from the models' own field lists.

On the 2-core machine Django spends about 1.5 ms of CPU compiling such a query and the database
0.2 ms answering it; a big room sends hundreds of these a second (notes, dots, pages). The rows
become model instances exactly as the ORM makes them: the same columns, the same converters
(`from_db`), and a joined row is cached on the instance as `select_related` caches it. Anything
that is not hot stays with the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.db import connection

from ..models import Attendance, Dot, Note, Participant, Series, Step, Theme, ThemeNote, Workshop


@dataclass(frozen=True)
class _Table:
    model: type
    alias: str
    fields: tuple
    converters: tuple  # per field: (field, [converter, ...])

    @property
    def columns(self) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(f.column)}" for f in self.fields)

    def instance(self, values):
        row = []
        for (field, converters), value in zip(self.converters, values, strict=True):
            expression = field.get_col(self.alias)
            for converter in converters:
                value = converter(value, expression, connection)
            row.append(value)
        return self.model.from_db(connection.alias, [f.attname for f in self.fields], row)


def _table(model, alias: str) -> _Table:
    fields = tuple(model._meta.concrete_fields)
    converters = tuple(
        (
            field,
            connection.ops.get_db_converters(field.get_col(alias))
            + field.get_db_converters(connection),
        )
        for field in fields
    )
    return _Table(model, alias, fields, converters)


@cache
def _workshop_read():
    quote = connection.ops.quote_name
    w, s, t = _table(Workshop, "w"), _table(Series, "s"), _table(Step, "t")
    sql = (
        f"SELECT {w.columns}, {s.columns}, {t.columns} "  # noqa: S608 — names from the models
        f"FROM {quote(Workshop._meta.db_table)} w "
        f"JOIN {quote(Series._meta.db_table)} s ON s.id = w.series_id "
        f"LEFT JOIN {quote(Step._meta.db_table)} t ON t.id = w.current_step_id "
        "WHERE w.code = %s"
    )
    return sql, w, s, t


def workshop_by_code(code: str) -> Workshop | None:
    """The workshop with its series and current step (as `select_related` would give them)."""
    sql, w, s, t = _workshop_read()
    with connection.cursor() as cursor:
        cursor.execute(sql, [code])
        row = cursor.fetchone()
    if row is None:
        return None
    a, b = len(w.fields), len(w.fields) + len(s.fields)
    workshop = w.instance(row[:a])
    Workshop.series.field.set_cached_value(workshop, s.instance(row[a:b]))
    step = t.instance(row[b:]) if workshop.current_step_id is not None else None
    Workshop.current_step.field.set_cached_value(workshop, step)
    return workshop


@cache
def _participant_read():
    quote = connection.ops.quote_name
    p = _table(Participant, "p")
    sql = (
        f"SELECT {p.columns} FROM {quote(Participant._meta.db_table)} p "  # noqa: S608
        "WHERE p.id = %s AND p.series_id = %s AND p.token_hash = %s "
        f"AND EXISTS (SELECT 1 FROM {quote(Attendance._meta.db_table)} a "
        "WHERE a.participant_id = p.id AND a.workshop_id = %s)"
    )
    return sql, p


def device_participant(
    participant_id: int, series_id: int, token_hash: str, workshop_id: int
) -> Participant | None:
    """The participant whose device token hashes to `token_hash`, if they attend the workshop."""
    sql, p = _participant_read()
    with connection.cursor() as cursor:
        cursor.execute(sql, [participant_id, series_id, token_hash, workshop_id])
        row = cursor.fetchone()
    return p.instance(row) if row is not None else None


# A ballot shows a theme's first notes as a 160-character preview: this many are enough.
PREVIEW_NOTES = 12


@cache
def _ballot_themes_read():
    quote = connection.ops.quote_name
    t = _table(Theme, "t")
    theme, step = quote(Theme._meta.db_table), quote(Step._meta.db_table)
    link, note = quote(ThemeNote._meta.db_table), quote(Note._meta.db_table)
    sql = (
        f"SELECT {t.columns}, n.text FROM {theme} t "  # noqa: S608 — names from the models
        f"JOIN {step} s ON s.id = t.step_id "
        "LEFT JOIN (SELECT tn.theme_id AS theme_id, nt.text AS text, ROW_NUMBER() OVER "
        "(PARTITION BY tn.theme_id ORDER BY nt.created_at, nt.id) AS place "
        f"FROM {link} tn JOIN {note} nt ON nt.id = tn.note_id "
        f"JOIN {theme} t2 ON t2.id = tn.theme_id "
        "WHERE t2.workshop_id = %s AND nt.hidden_at IS NULL) n "
        "ON n.theme_id = t.id AND n.place <= %s "
        "WHERE t.workshop_id = %s AND s.position <= %s "
        "ORDER BY t.created_at, t.id, n.place"
    )
    return sql, t


def ballot_themes(step: Step) -> list[tuple[Theme, list[str]]]:
    """The themes a vote step votes on (as `converge.workshop_themes`), each with the texts of
    its first visible notes, oldest first: one query for the whole ballot."""
    sql, t = _ballot_themes_read()
    with connection.cursor() as cursor:
        cursor.execute(sql, [step.workshop_id, PREVIEW_NOTES, step.workshop_id, step.position])
        rows = cursor.fetchall()
    themes: list[tuple[Theme, list[str]]] = []
    width = len(t.fields)
    for row in rows:
        if not themes or themes[-1][0].pk != row[0]:
            themes.append((t.instance(row[:width]), []))
        if row[width] is not None:
            themes[-1][1].append(row[width])
    return themes


@cache
def _own_dots_read(column: str) -> str:
    quote = connection.ops.quote_name
    return (
        f"SELECT {quote(column)}, COUNT(*) FROM {quote(Dot._meta.db_table)} "  # noqa: S608
        f"WHERE step_id = %s AND participant_id = %s GROUP BY {quote(column)}"
    )


def own_dots(step_id: int, participant_id: int, field_name: str) -> dict[int, int]:
    """The voter's dots on the step, counted per item (`field_name`: "theme_id" or "note_id")."""
    column = Dot._meta.get_field(field_name.removesuffix("_id")).column
    with connection.cursor() as cursor:
        cursor.execute(_own_dots_read(column), [step_id, participant_id])
        return dict(cursor.fetchall())


# --- A dot: the voter's transaction (`converge.dot_change`) -----------------------------------


@cache
def _lock_participant_sql() -> str:
    quote = connection.ops.quote_name
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    return f"SELECT id FROM {quote(Participant._meta.db_table)} WHERE id = %s{lock}"  # noqa: S608


def lock_participant(participant_id: int) -> None:
    """Lock the participant's row until the transaction ends (SQLite: its writes are serial)."""
    with connection.cursor() as cursor:
        cursor.execute(_lock_participant_sql(), [participant_id])
        cursor.fetchone()


@cache
def _step_read():
    t = _table(Step, "t")
    quote = connection.ops.quote_name
    return f"SELECT {t.columns} FROM {quote(Step._meta.db_table)} t WHERE t.id = %s", t  # noqa: S608


def step_by_id(step_id: int) -> Step | None:
    """The step as committed now (`Step.objects.get(pk=...)`)."""
    sql, t = _step_read()
    with connection.cursor() as cursor:
        cursor.execute(sql, [step_id])
        row = cursor.fetchone()
    return t.instance(row) if row is not None else None


@cache
def _vote_theme_read():
    quote = connection.ops.quote_name
    t = _table(Theme, "t")
    sql = (
        f"SELECT {t.columns} FROM {quote(Theme._meta.db_table)} t "  # noqa: S608
        f"JOIN {quote(Step._meta.db_table)} s ON s.id = t.step_id "
        "WHERE t.workshop_id = %s AND s.position <= %s AND t.public_id = %s"
    )
    return sql, t


def vote_theme(step: Step, public_id) -> Theme | None:
    """The theme with `public_id` among those the vote step votes on
    (`converge.workshop_themes(step).filter(public_id=...)`)."""
    sql, t = _vote_theme_read()
    value = Theme._meta.get_field("public_id").get_db_prep_value(public_id, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [step.workshop_id, step.position, value])
        row = cursor.fetchone()
    return t.instance(row) if row is not None else None


@cache
def _voter_dots_read():
    d = _table(Dot, "d")
    quote = connection.ops.quote_name
    sql = (
        f"SELECT {d.columns} FROM {quote(Dot._meta.db_table)} d "  # noqa: S608
        "WHERE d.step_id = %s AND d.participant_id = %s ORDER BY d.slot"
    )
    return sql, d


def voter_dots(step_id: int, participant_id: int) -> list[Dot]:
    """The voter's dots on the step (`Dot.objects.filter(step=..., participant=...)`)."""
    sql, d = _voter_dots_read()
    with connection.cursor() as cursor:
        cursor.execute(sql, [step_id, participant_id])
        return [d.instance(row) for row in cursor.fetchall()]
