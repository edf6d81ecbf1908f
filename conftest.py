"""Root conftest: mark the process as a test run before Django reads its settings."""

import os

os.environ.setdefault("NOPSA_TESTING", "1")
# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the
# live_server-driven tests are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
