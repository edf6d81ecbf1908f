"""Follow-up indicators: measurements over time, change from baseline, the trend chart, and
bad input."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from workshops.feedback import charts, selectors, services
from workshops.feedback.models import Indicator, Measurement

pytestmark = pytest.mark.django_db


@pytest.fixture
def hours(series):
    return services.indicator_create(
        series=series, name="Henkilöstötunnit asiakasta kohden", unit="h", direction="down"
    )


def test_change_from_baseline_follows_the_direction_of_good(hours):
    services.measurement_add(
        indicator=hours, date=dt.date(2027, 1, 1), value=Decimal("12.0"), is_baseline=True
    )
    services.measurement_add(indicator=hours, date=dt.date(2027, 4, 1), value=Decimal("11.0"))
    services.measurement_add(indicator=hours, date=dt.date(2027, 9, 1), value=Decimal("9.0"))
    summary = selectors.summary(hours)
    assert summary.baseline.value == Decimal("12.00")
    assert summary.latest.value == Decimal("9.00")
    assert summary.change == Decimal("-3.00")
    assert summary.change_percent == Decimal("-25")
    assert summary.improved is True  # fewer hours per client is better


def test_a_new_baseline_replaces_the_old_one(hours):
    services.measurement_add(
        indicator=hours, date=dt.date(2027, 1, 1), value=Decimal("12"), is_baseline=True
    )
    services.measurement_add(
        indicator=hours, date=dt.date(2027, 2, 1), value=Decimal("13"), is_baseline=True
    )
    assert Measurement.objects.filter(indicator=hours, is_baseline=True).count() == 1
    assert selectors.summary(hours).baseline.date == dt.date(2027, 2, 1)


def test_the_trend_chart_is_accessible_svg_without_script_or_style(hours):
    with translation.override("fi"):
        svg = charts.trend_svg(
            title="Tunnit",
            points=[(dt.date(2027, 1, 1), Decimal("12")), (dt.date(2027, 6, 1), Decimal("9.5"))],
            baseline=Decimal("12"),
            unit="h",
        )
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "<script" not in svg and "style" not in svg
    assert "9,5" in svg and "1.6.2027" in svg


def test_the_indicator_page_shows_the_chart_and_the_table(client, coordinator, series, hours):
    services.measurement_add(
        indicator=hours, date=dt.date(2027, 1, 1), value=Decimal("12"), is_baseline=True
    )
    services.measurement_add(indicator=hours, date=dt.date(2027, 6, 1), value=Decimal("9.5"))
    client.force_login(coordinator)
    page = client.get(reverse("feedback:indicator", args=[series.code, hours.public_id]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "<table" in html
    assert "parempi" in html  # the change is said in words, not by colour only


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("kaksitoista", "Kirjoita luku"),
        ("1e30", "liian suuri"),
        ("", "vaaditaan"),
        ("NaN", "Kirjoita luku"),
        ("Infinity", "liian suuri"),
    ],
)
def test_bad_values_get_a_clear_message_and_the_form_keeps_the_input(
    client, coordinator, series, hours, value, message
):
    client.force_login(coordinator)
    response = client.post(
        reverse("feedback:measurement-add", args=[series.code, hours.public_id]),
        {"date": "2027-03-01", "value": value, "source": "Työajanseuranta"},
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert message.lower() in html.lower()
    assert "Työajanseuranta" in html
    assert not Measurement.objects.exists()


def test_identifying_data_in_a_source_is_refused_and_kept(client, coordinator, series, hours):
    client.force_login(coordinator)
    response = client.post(
        reverse("feedback:measurement-add", args=[series.code, hours.public_id]),
        {"date": "2027-03-01", "value": "10", "source": "Kysy matti.meikalainen@example.com"},
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "<mark>matti.meikalainen@example.com</mark>" in html
    assert not Measurement.objects.exists()


def test_a_bad_indicator_keeps_what_was_typed(client, coordinator, series):
    client.force_login(coordinator)
    response = client.post(
        reverse("feedback:indicator-add", args=[series.code]),
        {"name": "x" * 500, "unit": "h", "direction": "sideways"},
    )
    assert response.status_code == 422
    assert "x" * 500 in response.content.decode()
    assert not Indicator.objects.exists()
