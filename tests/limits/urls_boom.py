"""The app's URLs plus a view that fails, for the 500 page's tests."""

from django.db import IntegrityError, OperationalError
from django.urls import path

from nopsa.urls import handler500  # noqa: F401 — the app's error handler here too
from nopsa.urls import urlpatterns as app_urlpatterns


def boom(request):
    raise RuntimeError("kaatui: salainen-asiakastieto")


def database_down(request):
    raise OperationalError("connection to server failed")


def duplicate(request):
    # What PostgreSQL says about a unique violation: the row's values are in the message.
    raise IntegrityError(
        'duplicate key value violates unique constraint "workshops_note_client_id"\n'
        f"DETAIL:  Key (text)=({request.POST.get('text', '')}) already exists."
    )


class DatabaseDownMiddleware:
    """Meets an unreachable database before any view runs (as the session middleware would)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/middleware-database-down/":
            raise OperationalError(f"connection failed: {request.POST.get('text', '')}")
        return self.get_response(request)


urlpatterns = [
    path("boom/", boom),
    path("database-down/", database_down),
    path("duplicate/", duplicate),
    *app_urlpatterns,
]
