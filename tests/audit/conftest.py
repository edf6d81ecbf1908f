import pytest
from django.test import Client

from tests.live.conftest import live_workshop  # noqa: F401 — a live workshop
from tests.live.converge_fixtures import converging  # noqa: F401 — themes to delete


@pytest.fixture
def as_facilitator(facilitator) -> Client:
    client = Client()
    client.force_login(facilitator)
    return client


@pytest.fixture
def as_coordinator(coordinator) -> Client:
    client = Client()
    client.force_login(coordinator)
    return client
