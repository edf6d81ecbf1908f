"""Standard actors and factories for every test.

The actors: `facilitator` runs `series` of `organisation`; `coordinator` coordinates the same
organisation; `colleague` is a facilitator of the same organisation who does not run `series`;
`outsider` is a facilitator of another organisation; `other_coordinator` coordinates another
organisation.
"""

import os

import pytest
from pytest_factoryboy import register

from tests.workshops.factories import (
    MembershipFactory,
    OrganisationFactory,
    SeriesFactory,
    SeriesTaskFactory,
    StepFactory,
    UserFactory,
    WorkshopFactory,
)
from workshops.models import Membership

register(UserFactory)
register(OrganisationFactory)
register(MembershipFactory)
register(SeriesFactory)
register(WorkshopFactory)
register(StepFactory)
register(SeriesTaskFactory)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Esimerkkilän hyvinvointialue")


def _member(organisation, username, role, first_name):
    user = UserFactory(username=username, first_name=first_name)
    MembershipFactory(organisation=organisation, user=user, role=role)
    return user


@pytest.fixture
def facilitator(organisation):
    return _member(organisation, "fanni", Membership.Role.FACILITATOR, "Fanni")


@pytest.fixture
def coordinator(organisation):
    return _member(organisation, "kaisa", Membership.Role.COORDINATOR, "Kaisa")


@pytest.fixture
def colleague(organisation):
    return _member(organisation, "kalle", Membership.Role.FACILITATOR, "Kalle")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Muualla oleva hyvinvointialue")


@pytest.fixture
def outsider(other_organisation):
    return _member(other_organisation, "olli", Membership.Role.FACILITATOR, "Olli")


@pytest.fixture
def other_coordinator(other_organisation):
    return _member(other_organisation, "otto", Membership.Role.COORDINATOR, "Otto")


@pytest.fixture
def series(organisation, facilitator):
    return SeriesFactory(organisation=organisation, facilitators=[facilitator])


@pytest.fixture
def workshop(series):
    return WorkshopFactory(series=series, position=1)


@pytest.fixture
def step(workshop):
    return StepFactory(workshop=workshop, position=1, duration_minutes=30)


@pytest.fixture
def task(series, workshop):
    return SeriesTaskFactory(series=series, after_workshop=workshop)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skipped browser test is a failure: the browser must be there. (A browser test
    that also needs PostgreSQL may skip on the SQLite run; the PostgreSQL run holds it.)"""
    outcome = yield
    report = outcome.get_result()
    if (
        os.environ.get("CI")
        and report.skipped
        and item.get_closest_marker("browser")
        and not (item.get_closest_marker("postgres") and not _on_postgresql())
    ):
        report.outcome = "failed"
        report.longrepr = f"browser test skipped in CI: {report.longrepr}"


def _on_postgresql() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"
