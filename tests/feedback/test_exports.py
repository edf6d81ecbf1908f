"""Exports open in a spreadsheet program: the Excel file is read back with openpyxl and the
CSV with the csv module; Finnish column names, no names, no tokens, no formulas."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from workshops.feedback import exports, services
from workshops.models import Note, Participant

from .conftest import held, make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(series, workshop, feedback_step, form):
    workshop = held(workshop)
    brainstorm = workshop.steps.get(kind="brainstorm")
    people = [
        make_participant(workshop, Participant.Kind.PROFESSIONAL, f"Ammattilainen {i}")
        for i in range(3)
    ] + [make_participant(workshop, Participant.Kind.CLIENT, "Asiakas Aino")]
    import uuid

    Note.objects.create(
        workshop=workshop,
        step=brainstorm,
        participant=people[0],
        client_id=uuid.uuid4(),
        text='=HYPERLINK("http://example.com")',
    )
    Note.objects.create(
        workshop=workshop,
        step=brainstorm,
        participant=people[3],
        client_id=uuid.uuid4(),
        text="Tieto ei kulje",
    )
    items = {i.key: i for i in form.items.all()}
    for index, person in enumerate(people):
        services.response_submit(
            form=form,
            workshop=workshop,
            participant=person,
            answers={
                items["heard"].pk: index + 1,
                items["useful"].pk: 5,
                items["recommend"].pk: 4,
                items["best"].pk: f"Hyvä päivä {index}",
            },
            live=False,
        )
    indicator = services.indicator_create(
        series=series, name="Asiakaskokemus", unit="pistettä", direction="up"
    )
    services.measurement_add(
        indicator=indicator,
        date=dt.date(2027, 1, 15),
        value=Decimal("7.5"),
        is_baseline=True,
        source="Asiakaskysely 1/2027",
    )
    services.measurement_add(indicator=indicator, date=dt.date(2027, 6, 1), value=Decimal("8.25"))
    return people


def test_the_excel_workbook_reads_back_with_finnish_headers_and_the_values(
    client, coordinator, series, data
):
    client.force_login(coordinator)
    response = client.get(reverse("feedback:export", args=[series.code, "kaikki", "xlsx"]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["muistiinpanot", "palautevastaukset", "mittaukset"]

    notes = list(book["muistiinpanot"].values)
    assert notes[0] == (
        "Työpaja",
        "Vaihe",
        "Vaiheen laji",
        "Luokka",
        "Teksti",
        "Osallistujan tyyppi",
        "Aika",
    )
    texts = [row[4] for row in notes[1:]]
    # One client representative among the note writers: no types for this workshop.
    assert {row[5] for row in notes[1:]} == {"ei eritelty"}
    # A text that looks like a formula stays text.
    assert '=HYPERLINK("http://example.com")' in texts
    assert book["muistiinpanot"]["E2"].data_type == "s"

    answers = list(book["palautevastaukset"].values)
    assert answers[0] == (
        "Työpaja",
        "Vaihe",
        "Vastaaja",
        "Vastaajan tyyppi",
        "Kysymys",
        "Kysymyksen laji",
        "Arvo",
        "Vastaus",
    )
    heard = sorted(r[6] for r in answers[1:] if r[4] == "Minun näkemykseni tuli kuulluksi.")
    assert heard == [1, 2, 3, 4]
    assert {r[2] for r in answers[1:]} == {1, 2, 3, 4}  # respondents numbered, not named
    # One client representative: the type is not shown for anyone in this form.
    assert {r[3] for r in answers[1:]} == {"ei eritelty"}

    measurements = list(book["mittaukset"].values)
    assert measurements[0] == (
        "Mittari",
        "Yksikkö",
        "Hyvän suunta",
        "Päivämäärä",
        "Arvo",
        "Lähtötaso",
        "Lähde",
    )
    assert measurements[1][0] == "Asiakaskokemus"
    assert measurements[1][3] == dt.datetime(2027, 1, 15)
    assert measurements[1][4] == 7.5
    assert measurements[1][5] == "kyllä"
    assert measurements[2][4] == 8.25

    everything = " ".join(str(c) for ws in book for row in ws.values for c in row)
    for person in data:
        assert person.nickname not in everything
        assert person.token_hash not in everything


def test_the_csv_is_semicolon_separated_utf8_with_finnish_numbers(
    client, coordinator, series, data
):
    client.force_login(coordinator)
    response = client.get(reverse("feedback:export", args=[series.code, "indicators", "csv"]))
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Mittari",
        "Yksikkö",
        "Hyvän suunta",
        "Päivämäärä",
        "Arvo",
        "Lähtötaso",
        "Lähde",
    ]
    assert rows[1] == [
        "Asiakaskokemus",
        "pistettä",
        "suurempi on parempi",
        "15.1.2027",
        "7,50",
        "kyllä",
        "Asiakaskysely 1/2027",
    ]
    notes = client.get(reverse("feedback:export", args=[series.code, "notes", "csv"]))
    text = notes.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text  # neutralised for spreadsheets
    for person in data:
        assert person.nickname not in text


def test_with_three_in_each_group_the_type_is_exported(series, workshop, feedback_step, form):
    workshop = held(workshop)
    items = {i.key: i for i in form.items.all()}
    for i, kind in enumerate([Participant.Kind.CLIENT] * 3 + [Participant.Kind.PROFESSIONAL] * 3):
        services.response_submit(
            form=form,
            workshop=workshop,
            participant=make_participant(workshop, kind, f"P{i}"),
            answers={items[k].pk: 3 for k in ("heard", "useful", "recommend")},
            live=False,
        )
    rows = list(exports.feedback_rows(series))
    assert sorted(r[3] for r in rows) == ["ammattilainen"] * 9 + ["asiakasedustaja"] * 9


def test_an_unknown_dataset_is_404(client, coordinator, series):
    client.force_login(coordinator)
    assert client.get(f"/series/{series.code}/export/votes.csv").status_code == 404
    assert client.get(f"/series/{series.code}/export/kaikki.csv").status_code == 404


def test_cells_are_finnish_whatever_the_language_of_the_ui(client, coordinator, series, data):
    client.force_login(coordinator)
    client.cookies["django_language"] = "en"
    text = client.get(
        reverse("feedback:export", args=[series.code, "notes", "csv"])
    ).content.decode("utf-8-sig")
    assert "Ideointi" in text and "Brainstorm" not in text
