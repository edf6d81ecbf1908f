from tests.live.conftest import anna, live_workshop  # noqa: F401 — shared live fixtures
