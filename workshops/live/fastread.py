"""The reads every phone request makes (its workshop, and the participant on the device), as
SQL made once per process from the models' own field lists.

On the 2-core machine Django spends about 1.5 ms of CPU compiling such a query and the database
0.2 ms answering it; a big room sends hundreds of these a second (notes, dots, pages). The rows
become model instances exactly as the ORM makes them: the same columns, the same converters
(`from_db`), and a joined row is cached on the instance as `select_related` caches it. Anything
that is not hot stays with the ORM.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cache

from django.db import DEFAULT_DB_ALIAS, connection, connections

from ..models import Attendance, Dot, Note, Participant, Series, Step, Theme, ThemeNote, Workshop
from . import boardcache


@dataclass(frozen=True)
class _Table:
    model: type
    alias: str
    fields: tuple
    attnames: tuple
    converters: tuple  # (index, expression, [converter, ...]) of each field that has any

    @property
    def columns(self) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(f.column)}" for f in self.fields)

    def instance(self, values):
        row = list(values)
        if len(row) != len(self.fields):
            raise ValueError(f"{len(row)} values for {len(self.fields)} fields")
        db = connections[DEFAULT_DB_ALIAS]
        for index, expression, converters in self.converters:
            value = row[index]
            for converter in converters:
                value = converter(value, expression, db)
            row[index] = value
        return self.model.from_db(DEFAULT_DB_ALIAS, self.attnames, row)


def _table(model, alias: str) -> _Table:
    fields = tuple(model._meta.concrete_fields)
    converters = []
    for index, field in enumerate(fields):
        expression = field.get_col(alias)
        found = connection.ops.get_db_converters(expression) + field.get_db_converters(connection)
        if found:
            converters.append((index, expression, found))
    return _Table(model, alias, fields, tuple(f.attname for f in fields), tuple(converters))


@cache
def _workshop_read():
    """The workshop's, its series' and its current step's columns, and the joins that give
    them (a query adds its own WHERE)."""
    quote = connection.ops.quote_name
    w, s, t = _table(Workshop, "w"), _table(Series, "s"), _table(Step, "t")
    columns = f"{w.columns}, {s.columns}, {t.columns}"
    joins = (
        f"{quote(Workshop._meta.db_table)} w "
        f"JOIN {quote(Series._meta.db_table)} s ON s.id = w.series_id "
        f"LEFT JOIN {quote(Step._meta.db_table)} t ON t.id = w.current_step_id"
    )
    return columns, joins, w, s, t


def _workshop(row) -> Workshop:
    """A workshop with its series and current step cached, from a row of `_workshop_read`'s
    columns (more may follow)."""
    _columns, _joins, w, s, t = _workshop_read()
    a = len(w.fields)
    b = a + len(s.fields)
    c = b + len(t.fields)
    workshop = w.instance(row[:a])
    Workshop.series.field.set_cached_value(workshop, s.instance(row[a:b]))
    step = t.instance(row[b:c]) if workshop.current_step_id is not None else None
    Workshop.current_step.field.set_cached_value(workshop, step)
    return workshop


def workshop_by_code(code: str) -> Workshop | None:
    """The workshop with its series and current step (as `select_related` would give them)."""
    columns, joins, *_tables = _workshop_read()
    sql = f"SELECT {columns} FROM {joins} WHERE w.code = %s"  # noqa: S608 — names from the models
    with connection.cursor() as cursor:
        cursor.execute(sql, [code])
        row = cursor.fetchone()
    return _workshop(row) if row is not None else None


@cache
def _workshop_participant_read():
    quote = connection.ops.quote_name
    columns, joins, *_tables = _workshop_read()
    p = _table(Participant, "p")
    sql = (
        f"SELECT {columns}, {p.columns}, a.id FROM {joins} "  # noqa: S608 — names from the models
        f"LEFT JOIN {quote(Participant._meta.db_table)} p ON p.id = %s "
        "AND p.series_id = w.series_id AND p.token_hash = %s "
        f"LEFT JOIN {quote(Attendance._meta.db_table)} a "
        "ON a.participant_id = p.id AND a.workshop_id = w.id "
        "WHERE w.code = %s"
    )
    return sql, p


def workshop_with_device_participant(
    code: str, participant_id: int, token_hash: str
) -> tuple[Workshop | None, Participant | None]:
    """The workshop with its series and current step (as `workshop_by_code`; None when the code
    is unknown) and the participant whose device token hashes to `token_hash`, if they belong
    to its series and attend it (else None): one query. Every phone request asks both."""
    sql, p = _workshop_participant_read()
    rows = fetch(sql, [participant_id, token_hash, code])
    if not rows:
        return None, None
    row = rows[0]
    width = len(p.fields)
    workshop = _workshop(row[: -width - 1])
    attends = row[-1] is not None
    participant = p.instance(row[-width - 1 : -1]) if attends else None
    return workshop, participant


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


def own_dots_and_board_version(
    step_id: int, participant_id: int, field_name: str, workshop_id: int
) -> tuple[dict[int, int], int]:
    """`own_dots` and the board's version (see `boardcache`) in one round trip: what a ballot
    reads besides the items drawn for everyone."""
    column = Dot._meta.get_field(field_name.removesuffix("_id")).column
    own, version = batch(
        [
            (_own_dots_read(column), [step_id, participant_id]),
            (boardcache.VERSION_SQL, [workshop_id]),
        ]
    )
    return dict(own), version[0][0]


# --- Statements sent together ----------------------------------------------------------------


def fetch(sql: str, params: list) -> list[tuple]:
    """The rows of one hot query: on PostgreSQL a prepared statement (see `batch`)."""
    return batch([(sql, params)])[0]


def _raw_connection():
    """The psycopg connection, checked and opened as Django's cursors do it (the health check
    of a kept connection before a request's first query: see nopsa/postgresql/base.py)."""
    connection.validate_thread_sharing()
    connection.validate_no_broken_transaction()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    return connection.connection


def _outermost_transaction() -> bool:
    """In one `transaction.atomic()` block, not nested in another (a test's is not): only
    then may a batch commit the transaction early."""
    return (
        connection.in_atomic_block
        and len(connection.atomic_blocks) == 1
        and not connection.savepoint_ids
        and not connection.needs_rollback
    )


def _log(statements: list[str], started: float) -> None:
    """Queries sent past Django's cursors, logged as those log theirs (the tests' counts)."""
    if connection.queries_logged:
        took = f"{(time.monotonic() - started) / len(statements):.3f}"
        connection.queries_log.extend({"sql": sql, "time": took} for sql in statements)


def batch(statements: list[tuple[str, list]], *, commit: bool = False) -> list[list[tuple]]:
    """Run `statements` in order in the current transaction and return each one's rows.

    On PostgreSQL they are prepared statements (planning a joined query cost the database more
    than running it: ~1 ms against ~0.1 ms for a phone's identity read; each connection plans
    it once), and several go to the server together, in one round trip (psycopg's pipeline);
    with `commit`, the transaction's COMMIT goes with them when this is the outermost `atomic`
    block (nested in another, the block's end commits as usual). In a threaded worker every
    return from the database waits for the GIL, and under load that wait, not the database,
    was most of a dot's time. The statements run one after the other all the same: each sees
    what the one before it did (in READ COMMITTED, a read after a lock sees what was committed
    while it waited). A failing statement skips the rest and raises the database's error as
    Django's (IntegrityError and so on). Elsewhere they run one by one, and the transaction
    commits when its block ends.
    """
    commit = commit and _outermost_transaction()
    if connection.vendor != "postgresql":
        results = []
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                results.append(cursor.fetchall() if cursor.description else [])
        return results
    import psycopg

    raw = _raw_connection()
    started = time.monotonic()
    with connection.wrap_database_errors:
        if len(statements) == 1 and not commit:  # one round trip anyway: no pipeline
            (sql, params), cursor = statements[0], psycopg.Cursor(raw)
            cursor.execute(sql, params, prepare=True)
            cursors = [cursor]
        else:
            with raw.pipeline():
                cursors = []
                for sql, params in statements:
                    cursor = psycopg.Cursor(raw)
                    cursor.execute(sql, params, prepare=True)
                    cursors.append(cursor)
                if commit:
                    raw.commit()  # Django's commit at the end of the block finds nothing to do
        results = [c.fetchall() if _has_rows(c) else [] for c in cursors]
    _log([sql for sql, _params in statements], started)
    return results


def _has_rows(cursor) -> bool:
    """Whether the statement returned rows (`description` would build a column list)."""
    from psycopg import pq

    result = cursor.pgresult
    return result is not None and result.status == pq.ExecStatus.TUPLES_OK


# --- A dot: the voter's transaction (`converge.dot_change`) -----------------------------------


@dataclass
class DotReads:
    """What a dot's transaction reads under the voter's lock, in one round trip."""

    step: Step | None  # as committed now: closed or not
    themes: dict  # public id -> Theme, of the asked ids that the vote step votes on
    dots: list[Dot]  # the voter's dots on the step, in slot order
    board_version: int  # see `boardcache`: for drawing the ballot of the answer


@cache
def _dot_reads_sql() -> tuple[str, str, str, str, _Table, _Table, _Table]:
    quote = connection.ops.quote_name
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    step_table, theme_table = quote(Step._meta.db_table), quote(Theme._meta.db_table)
    s, t, d = _table(Step, "t"), _table(Theme, "t"), _table(Dot, "d")
    lock_sql = f"SELECT id FROM {quote(Participant._meta.db_table)} WHERE id = %s{lock}"  # noqa: S608
    step_sql = f"SELECT {s.columns} FROM {step_table} t WHERE t.id = %s"  # noqa: S608
    # The themes a vote step votes on: the workshop's, of its steps up to the vote
    # (`converge.workshop_themes`).
    themes_sql = (
        f"SELECT {t.columns} FROM {theme_table} t "  # noqa: S608 — names from the models
        f"JOIN {step_table} s ON s.id = t.step_id JOIN {step_table} v ON v.id = %s "
        "WHERE t.workshop_id = v.workshop_id AND s.position <= v.position "
        "AND t.public_id IN (%s, %s)"
    )
    dots_sql = (
        f"SELECT {d.columns} FROM {quote(Dot._meta.db_table)} d "  # noqa: S608
        "WHERE d.step_id = %s AND d.participant_id = %s ORDER BY d.slot"
    )
    return lock_sql, step_sql, themes_sql, dots_sql, s, t, d


def dot_reads(*, participant_id: int, step_id: int, workshop_id: int, item_ids) -> DotReads:
    """Lock the voter's row until the transaction ends (SQLite: its writes are serial), then
    read the vote step, the themes of `item_ids` (one or two public ids), the voter's dots and
    the board's version: one round trip on PostgreSQL."""
    lock_sql, step_sql, themes_sql, dots_sql, s, t, d = _dot_reads_sql()
    first, second = (list(item_ids) * 2)[:2]
    value = Theme._meta.get_field("public_id").get_db_prep_value
    _lock, steps, themes, dots, version = batch(
        [
            (lock_sql, [participant_id]),
            (step_sql, [step_id]),
            (themes_sql, [step_id, value(first, connection), value(second, connection)]),
            (dots_sql, [step_id, participant_id]),
            (boardcache.VERSION_SQL, [workshop_id]),
        ]
    )
    return DotReads(
        step=s.instance(steps[0]) if steps else None,
        themes={theme.public_id: theme for theme in map(t.instance, themes)},
        dots=[d.instance(row) for row in dots],
        board_version=version[0][0],
    )


@cache
def _insert_sql(model) -> tuple[str, tuple]:
    quote = connection.ops.quote_name
    fields = tuple(f for f in model._meta.local_concrete_fields if not f.primary_key)
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})", fields  # noqa: S608


def insert_statement(instance) -> tuple[str, list]:
    """The INSERT of an unsaved `instance` as the ORM makes it (each field's `pre_save` and
    `get_db_prep_save`), for `batch`; its id is not read back."""
    sql, fields = _insert_sql(type(instance))
    return sql, [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]


def update_statement(instance, field_names: list[str]) -> tuple[str, list]:
    """The ORM's UPDATE of `field_names` of a saved `instance`, for `batch`."""
    from django.db.models.sql import UpdateQuery

    model = type(instance)
    query = UpdateQuery(model)
    query.add_update_values({name: getattr(instance, name) for name in field_names})
    query.add_filter("pk", instance.pk)
    sql, params = query.get_compiler(connection=connection).as_sql()
    return sql, list(params)


def delete_statement(instance) -> tuple[str, list]:
    """A DELETE of a saved `instance` by its id, for `batch` (no cascades: for a row that
    nothing refers to, such as a dot)."""
    quote = connection.ops.quote_name
    meta = instance._meta
    sql = f"DELETE FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    return sql, [instance.pk]
