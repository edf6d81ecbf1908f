"""Every URL of the feedback app × every role: staff of the series see and do, coordinators
define indicators, participants see results only once published, others get 404."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.live.conftest import join
from workshops.feedback import services
from workshops.feedback.models import Indicator

from .conftest import held, live_at, post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(series):
    indicator = services.indicator_create(
        series=series, name="Henkilöstön hyvinvointi", unit="pistettä", direction="up"
    )
    measurement = services.measurement_add(
        indicator=indicator, date=dt.date(2027, 1, 1), value=Decimal("3.2"), is_baseline=True
    )
    indicator.m = measurement
    return indicator


@pytest.fixture
def urls(series, workshop, feedback_step, form, indicator):
    s, w, st = series.code, workshop.code, feedback_step.public_id
    item = form.items.first()
    i = indicator.public_id
    return {
        "series": ("get", reverse("feedback:series", args=[s]), {}),
        "export-csv": ("get", reverse("feedback:export", args=[s, "feedback", "csv"]), {}),
        "export-xlsx": ("get", reverse("feedback:export", args=[s, "kaikki", "xlsx"]), {}),
        "results": ("get", reverse("feedback:workshop-results", args=[s, w]), {}),
        "form-edit": ("get", reverse("feedback:form-edit", args=[s, w, st]), {}),
        "indicator": ("get", reverse("feedback:indicator", args=[s, i]), {}),
        "publish": ("post", reverse("feedback:form-state", args=[s, w, st, "publish"]), {}),
        "item-add": (
            "post",
            reverse("feedback:item-add", args=[s, w, st]),
            {"kind": "open", "text": "Mitä muuta?"},
        ),
        "item-save": (
            "post",
            reverse("feedback:item-save", args=[s, w, st, item.public_id]),
            {"kind": "scale", "text": "Uusi", "low_label": "Ei", "high_label": "Kyllä"},
        ),
        "item-delete": (
            "post",
            reverse("feedback:item-delete", args=[s, w, st, item.public_id]),
            {},
        ),
    }


@pytest.fixture
def indicator_urls(series, indicator):
    s, i = series.code, indicator.public_id
    return {
        "indicator-add": (
            reverse("feedback:indicator-add", args=[s]),
            {"name": "Asiakaskokemus", "direction": "up"},
        ),
        "indicator-edit": (
            reverse("feedback:indicator-edit", args=[s, i]),
            {"name": "Hyvinvointi", "direction": "up"},
        ),
        "measurement-add": (
            reverse("feedback:measurement-add", args=[s, i]),
            {"date": "2027-06-01", "value": "3,6"},
        ),
        "measurement-delete": (
            reverse("feedback:measurement-delete", args=[s, i, indicator.m.public_id]),
            {},
        ),
        "indicator-delete": (reverse("feedback:indicator-delete", args=[s, i]), {}),
    }


def _call(client, method, url, data):
    return getattr(client, method)(url, data)


@pytest.mark.parametrize("role", ["facilitator", "coordinator"])
def test_staff_of_the_series_reach_every_staff_url(client, request, urls, role):
    client.force_login(request.getfixturevalue(role))
    for name, (method, url, data) in urls.items():
        response = _call(client, method, url, data)
        assert response.status_code in (200, 302), (name, response.status_code)
        if method == "post":
            assert response.status_code == 302, (name, response.content.decode()[:500])


@pytest.mark.parametrize("role", ["colleague", "outsider", "other_coordinator"])
def test_other_staff_get_404_everywhere(client, request, urls, indicator_urls, role):
    client.force_login(request.getfixturevalue(role))
    for name, (method, url, data) in urls.items():
        assert _call(client, method, url, data).status_code == 404, name
    for name, (url, data) in indicator_urls.items():
        assert client.post(url, data).status_code == 404, name
    assert Indicator.objects.count() == 1


def test_anonymous_visitors_are_sent_to_log_in(client, urls, indicator_urls):
    for name, (method, url, data) in urls.items():
        response = _call(client, method, url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
    for name, (url, data) in indicator_urls.items():
        response = client.post(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_coordinators_define_indicators_and_record_measurements(
    client, coordinator, indicator_urls
):
    client.force_login(coordinator)
    for name, (url, data) in indicator_urls.items():
        response = client.post(url, data)
        assert response.status_code == 302, (name, response.content.decode()[:800])


def test_facilitators_read_indicators_but_may_not_change_them(
    client, facilitator, indicator_urls, indicator, series
):
    client.force_login(facilitator)
    for name, (url, data) in indicator_urls.items():
        assert client.post(url, data).status_code == 403, name
    page = client.get(reverse("feedback:indicator", args=[series.code, indicator.public_id]))
    assert page.status_code == 200
    assert "Kirjaa mittaus" not in page.content.decode()


def test_participants_see_results_only_once_the_facilitator_publishes_them(
    client, workshop, feedback_step, form
):
    live = live_at(workshop, feedback_step)
    join(client, live, "Kaija")
    client.post(
        reverse("feedback:live-submit", args=[live.code]),
        post_data(form, {"heard": 4, "useful": 5, "recommend": 3}),
    )
    url = reverse("feedback:participant-results", args=[live.code])
    assert client.get(url).status_code == 404
    services.form_set_published(form=form, published=True)
    page = client.get(url)
    assert page.status_code == 200
    assert "Kaija" not in page.content.decode()
    services.form_set_published(form=form, published=False)
    assert client.get(url).status_code == 404


def test_a_participant_reaches_no_staff_page(client, workshop, feedback_step, form, urls):
    live = live_at(workshop, feedback_step)
    join(client, live, "Kaija")
    for name, (method, url, data) in urls.items():
        response = _call(client, method, url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_participant_pages_need_the_participant_cookie_of_an_attendee(
    client, facilitator, workshop, feedback_step, form, series
):
    held(workshop)
    client.force_login(facilitator)  # staff have no participant identity
    for name in ("feedback:afterwards", "feedback:participant-results"):
        assert client.get(reverse(name, args=[workshop.code])).status_code == 404, name
    response = client.post(
        reverse("feedback:live-submit", args=[workshop.code]),
        post_data(form, {"heard": 4, "useful": 5, "recommend": 3}),
    )
    assert response.status_code == 404


def test_a_participant_of_another_workshop_cannot_answer_this_one(
    client, series, workshop, feedback_step, form
):
    from tests.workshops.factories import StepFactory, WorkshopFactory

    other = WorkshopFactory(series=series, position=2)
    other_step = StepFactory(workshop=other, kind="feedback", position=1)
    other_live = live_at(other, other_step)
    join(client, other_live, "Ville")
    held(workshop)
    assert client.get(reverse("feedback:afterwards", args=[workshop.code])).status_code == 404
