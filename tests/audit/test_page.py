"""The coordinator's audit log page: their organisation's entries only, newest first, a page at
a time, filtered by action and series; 404 for everyone else."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.workshops.factories import SeriesFactory, UserFactory
from workshops import audit
from workshops.models import AuditEntry
from workshops.views.audit import PAGE_SIZE

Action = AuditEntry.Action


def url(organisation) -> str:
    return reverse("workshops:audit-log", args=[organisation.code])


def record(series, actor, action=Action.CASE_VIEWED, kind="case", **kwargs):
    return audit.record(
        actor=actor, action=action, series=series, kind=kind, object_id=series.code, **kwargs
    )


def test_the_coordinator_sees_the_organisations_entries_newest_first(
    as_coordinator, organisation, series, facilitator, other_organisation, outsider
):
    record(series, facilitator, Action.CASE_VIEWED)
    record(series, None, Action.REPORT_EXPORTED, "report")
    elsewhere = SeriesFactory(organisation=other_organisation, title="Muualla")
    record(elsewhere, outsider, Action.CASE_DELETED)
    response = as_coordinator.get(url(organisation))
    assert response.status_code == 200
    page = list(response.context["page"])
    assert [e.action for e in page] == [Action.REPORT_EXPORTED, Action.CASE_VIEWED]
    # The outsider's name, not a random surname that happens to contain it ("Ollila").
    assert "Muualla" not in response.text and outsider.get_full_name() not in response.text
    assert not re.search(r"\bolli\b", response.text.lower())
    assert series.title in response.text
    assert "Fanni" in response.text


@pytest.mark.parametrize("who", ["facilitator", "outsider", "other_coordinator"])
def test_anyone_but_the_organisations_coordinator_gets_404(client, request, organisation, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(organisation)).status_code == 404


def test_anonymous_gets_the_login_page(client, organisation):
    response = client.get(url(organisation))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_page_refuses_post(as_coordinator, organisation):
    assert as_coordinator.post(url(organisation)).status_code == 405


def test_entries_are_filtered_by_action_and_series(
    as_coordinator, organisation, series, facilitator
):
    other = SeriesFactory(organisation=organisation, title="Toinen sarja")
    record(series, facilitator, Action.CASE_VIEWED)
    record(series, facilitator, Action.LINK_REVOKED, "participant")
    record(other, facilitator, Action.CASE_VIEWED)

    def shown(**params):
        response = as_coordinator.get(url(organisation), params)
        assert response.status_code == 200
        return [(e.series_id, e.action) for e in response.context["page"]]

    assert len(shown()) == 3
    assert shown(action=Action.LINK_REVOKED) == [(series.pk, Action.LINK_REVOKED)]
    assert shown(series=other.code) == [(other.pk, Action.CASE_VIEWED)]
    assert shown(action=Action.CASE_VIEWED, series=series.code) == [(series.pk, Action.CASE_VIEWED)]


def test_a_filter_that_names_nothing_of_ours_is_refused_with_a_message(
    as_coordinator, organisation, series, facilitator, other_organisation
):
    record(series, facilitator)
    elsewhere = SeriesFactory(organisation=other_organisation)
    for params in ({"action": "case_read"}, {"series": elsewhere.code}):
        response = as_coordinator.get(url(organisation), params)
        assert response.status_code == 422
        assert list(response.context["form"].errors) == list(params)
        assert 'id="audit-filter-errors"' in response.text
        assert len(response.context["page"]) == 1  # the list stays, unfiltered


def test_the_entries_come_a_page_at_a_time_and_the_filter_stays(
    as_coordinator, organisation, series, facilitator
):
    start = timezone.now() - dt.timedelta(days=1)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            created_at=start + dt.timedelta(minutes=i),
            actor=facilitator,
            action=Action.CASE_VIEWED,
            organisation=organisation,
            series=series,
            object_kind="case",
            label=series.code,
        )
        for i in range(PAGE_SIZE + 5)
    )
    first = as_coordinator.get(url(organisation), {"action": Action.CASE_VIEWED})
    assert len(first.context["page"]) == PAGE_SIZE
    assert "action=case_viewed&amp;page=2" in first.text
    second = as_coordinator.get(url(organisation), {"action": Action.CASE_VIEWED, "page": 2})
    oldest = [e.created_at for e in second.context["page"]]
    assert len(oldest) == 5 and oldest[-1] == start
    assert as_coordinator.get(url(organisation), {"page": "x"}).status_code == 200


def test_the_page_queries_do_not_grow_with_entries_actors_or_series(
    as_coordinator, organisation, django_assert_max_num_queries
):
    for n in range(12):
        series = SeriesFactory(organisation=organisation)
        actor = UserFactory(username=f"user{n}")
        record(series, actor, Action.CASE_CHANGED)
        record(series, None, Action.REPORT_EXPORTED, "report")
    with django_assert_max_num_queries(
        7, info="the audit log is read in a fixed number of queries whatever it holds"
    ):
        response = as_coordinator.get(url(organisation))
    assert response.status_code == 200
    assert len(response.context["page"]) == 24


def test_the_dashboard_links_the_audit_log_for_coordinators_only(
    client, coordinator, facilitator, organisation
):
    client.force_login(coordinator)
    assert url(organisation) in client.get(reverse("workshops:dashboard")).text
    client.force_login(facilitator)
    assert url(organisation) not in client.get(reverse("workshops:dashboard")).text
