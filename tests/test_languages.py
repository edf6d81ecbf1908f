"""The language switch keeps the page, and dates, times and numbers follow the page's language
(issue 10, item 4)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from workshops.feedback import charts
from workshops.feedback import services as feedback_services


@pytest.mark.parametrize("language", ["sv", "en", "fi"])
def test_the_language_switch_returns_to_the_same_page_in_the_new_language(
    client, facilitator, series, language
):
    client.force_login(facilitator)
    page = reverse("workshops:series-detail", args=[series.code]) + "?tab=workshops"
    form = client.get(page)
    # The switch in the header posts the page's own address as `next`.
    assert f'<input type="hidden" name="next" value="{page}">' in form.text

    response = client.post(reverse("set_language"), {"language": language, "next": page})

    assert response.status_code == 302
    assert response["Location"] == page
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
    assert f'<html lang="{language}">' in client.get(page).text


def test_the_language_switch_refuses_a_next_address_on_another_site(client, db):
    response = client.post(
        reverse("set_language"), {"language": "sv", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.fixture
def dated_workshop(workshop):
    workshop.date = dt.date(2026, 12, 3)
    workshop.start_time = dt.time(17, 30)
    workshop.save()
    return workshop


@pytest.mark.parametrize(
    ("language", "date", "time"),
    [
        ("fi", "torstai 3.12.2026", "17.30"),
        ("sv", "torsdag 3.12.2026", "17.30"),
        ("en", "Thursday 3 Dec 2026", "17:30"),
    ],
)
def test_a_workshop_date_and_time_in_each_languages_format(
    client, facilitator, series, dated_workshop, language, date, time
):
    client.force_login(facilitator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse("workshops:workshop-detail", args=[series.code, dated_workshop.code])
    page = client.get(url).text
    assert date in page
    assert time in page


@pytest.mark.parametrize(
    ("language", "number", "date"),
    [("fi", "12,5", "3.12.2026"), ("sv", "12,5", "3.12.2026"), ("en", "12.5", "3 Dec 2026")],
)
def test_a_measured_number_and_its_date_in_each_languages_format(
    client, coordinator, series, language, number, date
):
    indicator = feedback_services.indicator_create(
        series=series, name="Hyvinvointi", direction="up"
    )
    feedback_services.measurement_add(
        indicator=indicator, date=dt.date(2026, 12, 3), value=Decimal("12.5")
    )
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("feedback:indicator", args=[series.code, indicator.public_id])).text
    assert f"<td>{number}0</td>" in page  # the table (two decimals as stored)
    assert f'{date} <span class="badge">' in page
    assert f"{date}: {number}</desc>" in page  # the chart's text alternative


@pytest.mark.parametrize(
    ("language", "share"), [("fi", "(25 %)"), ("sv", "(25 %)"), ("en", "(25%)")]
)
def test_chart_percentages_are_written_as_each_language_writes_them(language, share):
    with translation.override(language):
        svg = charts.distribution_svg(title="Hyödyllinen", rows=[(1, 1, 0.25), (5, 3, 0.75)])
    assert f"1 {share}" in svg  # beside the bar
    assert f"1: 1 {share}" in svg  # in the text alternative


@pytest.mark.parametrize(("language", "label"), [("fi", "Teksti"), ("sv", "Text"), ("en", "Text")])
def test_a_form_label_defined_on_the_class_follows_the_request_language(
    client, facilitator, series, language, label
):
    """Form classes are built at import, before any request: their labels must be lazy."""
    client.force_login(facilitator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("workshops:report-text-edit", args=[series.code, "basic_idea"]))
    assert page.status_code == 200
    assert f'<label for="id_text">{label}:</label>' in page.text
