"""Exports of a series as CSV and Excel, with Finnish column names, no names and no tokens.

Each dataset is an `Exporter` in a small registry: a key, a sheet name, Finnish headers and a
function that yields rows for a series. Dot votes join by registering one more exporter.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from workshops.models import Note, Participant, Series

from . import stats
from .models import FeedbackAnswer, Measurement

KIND_FI = {
    Participant.Kind.PROFESSIONAL: "ammattilainen",
    Participant.Kind.CLIENT: "asiakasedustaja",
}
NOT_SHOWN_FI = "ei eritelty"


@dataclass(frozen=True)
class Exporter:
    key: str
    label: str | Promise
    sheet: str  # Finnish; also the CSV file name
    headers: list[str]
    rows: Callable[[Series], Iterable[list]]


_EXPORTERS: dict[str, Exporter] = {}


def register_exporter(exporter: Exporter) -> Exporter:
    _EXPORTERS[exporter.key] = exporter
    return exporter


def exporters() -> list[Exporter]:
    return list(_EXPORTERS.values())


def get_exporter(key: str) -> Exporter | None:
    return _EXPORTERS.get(key)


# --- Datasets ---------------------------------------------------------------------------------


def _local(value):
    from django.utils import timezone

    return timezone.localtime(value).replace(tzinfo=None) if value else None


def note_rows(series: Series) -> Iterable[list]:
    """Notes that are not hidden, without their authors. The author's type is given where, in
    that workshop, each type has at least three note writers (or none): the screens show
    notes without names or types, and an export must not single out a lone client
    representative either."""
    notes = list(
        Note.objects.filter(workshop__series=series, hidden_at__isnull=True)
        .select_related("workshop", "step", "participant")
        .order_by("workshop__position", "step__position", "created_at", "id")
    )
    writers: dict[int, dict[str, set]] = {}
    for note in notes:
        if note.participant is not None:
            kinds = writers.setdefault(note.workshop_id, {})
            kinds.setdefault(note.participant.kind, set()).add(note.participant_id)
    show_kind = {
        workshop_id: stats.split_allowed({k: len(v) for k, v in kinds.items()})
        for workshop_id, kinds in writers.items()
    }
    for note in notes:
        kind = note.participant.kind if note.participant else ""
        yield [
            note.workshop.title,
            note.step.title,
            note.step.kind_label,
            note.category,
            note.text,
            KIND_FI.get(kind, "") if show_kind.get(note.workshop_id) else NOT_SHOWN_FI,
            _local(note.created_at),
        ]


def feedback_rows(series: Series) -> Iterable[list]:
    """One row per answer. Respondents are numbered per form in an order that says nothing
    about who they are; the type is left out where its group is smaller than the rule allows."""
    answers = (
        FeedbackAnswer.objects.filter(response__form__step__workshop__series=series)
        .select_related("item", "response__form__step__workshop")
        .order_by(
            "response__form__step__workshop__position",
            "response__form__step__position",
            "response__public_id",
            "item__position",
        )
    )
    answers = list(answers)
    groups: dict[int, dict[str, int]] = {}
    seen: dict[int, set] = {}
    for answer in answers:
        form_id = answer.response.form_id
        if answer.response_id not in seen.setdefault(form_id, set()):
            seen[form_id].add(answer.response_id)
            kind = answer.response.participant_kind
            groups.setdefault(form_id, {}).setdefault(kind, 0)
            groups[form_id][kind] += 1
    numbers: dict[int, int] = {}
    counters: dict[int, int] = {}
    for answer in answers:
        response = answer.response
        form_id = response.form_id
        if response.pk not in numbers:
            counters[form_id] = counters.get(form_id, 0) + 1
            numbers[response.pk] = counters[form_id]
        split = stats.split_allowed(groups.get(form_id, {}))
        step = response.form.step
        yield [
            step.workshop.title,
            step.title,
            numbers[response.pk],
            KIND_FI.get(response.participant_kind, "") if split else NOT_SHOWN_FI,
            answer.item.text,
            "asteikko 1–5" if answer.item.is_scale else "avoin",
            answer.value,
            answer.text,
        ]


def measurement_rows(series: Series) -> Iterable[list]:
    measurements = (
        Measurement.objects.filter(indicator__series=series)
        .select_related("indicator")
        .order_by("indicator__name", "indicator_id", "date", "id")
    )
    for m in measurements:
        indicator = m.indicator
        yield [
            indicator.name,
            indicator.unit,
            "suurempi on parempi" if indicator.direction == "up" else "pienempi on parempi",
            m.date,
            m.value,
            "kyllä" if m.is_baseline else "ei",
            m.source,
        ]


register_exporter(
    Exporter(
        "notes",
        _("Notes"),
        "muistiinpanot",
        ["Työpaja", "Vaihe", "Vaiheen laji", "Luokka", "Teksti", "Osallistujan tyyppi", "Aika"],
        note_rows,
    )
)
register_exporter(
    Exporter(
        "feedback",
        _("Feedback answers"),
        "palautevastaukset",
        [
            "Työpaja",
            "Vaihe",
            "Vastaaja",
            "Vastaajan tyyppi",
            "Kysymys",
            "Kysymyksen laji",
            "Arvo",
            "Vastaus",
        ],
        feedback_rows,
    )
)
register_exporter(
    Exporter(
        "indicators",
        _("Indicator measurements"),
        "mittaukset",
        ["Mittari", "Yksikkö", "Hyvän suunta", "Päivämäärä", "Arvo", "Lähtötaso", "Lähde"],
        measurement_rows,
    )
)


# --- Formats ----------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_text(value: str) -> str:
    """A text that a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if hasattr(value, "strftime"):
        return (
            value.strftime("%-d.%-m.%Y %H.%M")
            if hasattr(value, "hour")
            else (value.strftime("%-d.%-m.%Y"))
        )
    if isinstance(value, str):
        return _safe_text(value)
    return str(value)


def to_csv(exporter: Exporter, series: Series) -> bytes:
    """Semicolon-separated UTF-8 with a byte order mark: what Excel in Finnish opens as is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(exporter.headers)
    for row in exporter.rows(series):
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(selected: list[Exporter], series: Series) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for exporter in selected:
        sheet = workbook.create_sheet(exporter.sheet[:31])
        sheet.append(exporter.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in exporter.rows(series):
            sheet.append([_xlsx_cell(v) for v in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                elif hasattr(cell.value, "hour"):
                    cell.number_format = "d.m.yyyy h.mm"
                elif hasattr(cell.value, "year"):
                    cell.number_format = "d.m.yyyy"
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column[:200])
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(value):
    if isinstance(value, str):
        # Control characters break the file; the text guard refuses them on input already.
        return "".join(ch for ch in value if ch in "\t\n" or ord(ch) >= 32)
    return value
