"""Faults: the database going away, and what the logs may say about an error (issue 9, item 7).

When the database restarts during a live workshop, requests that meet it get a friendly 503
("try again in a moment", `templates/503.html`) instead of the 500 page: the participant's page
(static/js/live.js) shows a polite "connection lost, retrying" and resends by itself. The app
needs no restart afterwards: with CONN_HEALTH_CHECKS a stale persistent connection is replaced
before the first query of the next request.

Two ways in, because a database error can be raised in a view or in a middleware:
`DatabaseUnavailableMiddleware.process_exception` for views (one warning line, no traceback:
an outage would otherwise log one traceback per poll), and `server_error` (Django's handler500)
for everything else.

`RedactingFilter` keeps client data out of the logs: a logged exception keeps its type and its
traceback (file, line, code) but not its message, which for a database error can carry row
values (`Key (text)=(...) already exists`); the request object is dropped from the record and a
request's path is logged as its URL pattern (`return/<str:token>/`), so that personal-link
tokens and codes in addresses stay out too.
"""

from __future__ import annotations

import logging
import sys
import traceback

from django import db
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger("nopsa.faults")

# Seconds a client is asked to wait before trying again (the Retry-After header).
RETRY_AFTER_SECONDS = 5

# Errors that mean "the database cannot be reached right now", not "this request is wrong".
UNAVAILABLE = (db.OperationalError, db.InterfaceError)


def is_database_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, UNAVAILABLE)


def database_unavailable_response() -> HttpResponse:
    """The 503 page. Rendered without a request or a database, like the 500 page."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A view that meets an unreachable database answers 503 and logs one line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not is_database_unavailable(exception):
            return None
        logger.warning("database unavailable: %s", _redacted_exception(exception))
        return database_unavailable_response()


@requires_csrf_token
def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: the 503 page for a database outage met outside a view, else the 500 page."""
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable_response()
    try:
        return django_server_error(request, template_name=template_name)
    except Exception:  # the 500 page itself must never fail
        return HttpResponseServerError("<h1>Server Error (500)</h1>", content_type="text/html")


# --- Logs -------------------------------------------------------------------------------------


def _redacted_exception(exc: BaseException) -> str:
    name = type(exc).__qualname__
    # PostgreSQL's SQLSTATE (e.g. 23505 unique_violation) says what happened without the data.
    cause = exc.__cause__ if isinstance(exc, db.Error) else exc
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    return f"{name} (message withheld{f', SQLSTATE {code}' if code else ''})"


def format_exception_redacted(exc: BaseException, _seen: set[int] | None = None) -> str:
    """The traceback as Python prints it, each exception's message replaced by its type."""
    seen = _seen if _seen is not None else set()
    seen.add(id(exc))
    parts: list[str] = []
    cause, context = exc.__cause__, exc.__context__
    if cause is not None and id(cause) not in seen:
        parts += [format_exception_redacted(cause, seen), "", _CAUSE, ""]
    elif context is not None and not exc.__suppress_context__ and id(context) not in seen:
        parts += [format_exception_redacted(context, seen), "", _CONTEXT, ""]
    parts.append("Traceback (most recent call last):")
    frames = traceback.format_list(traceback.extract_tb(exc.__traceback__))
    parts += [frame.rstrip("\n") for frame in frames]
    parts.append(_redacted_exception(exc))
    return "\n".join(parts)


_CAUSE = "The above exception was the direct cause of the following exception:"
_CONTEXT = "During handling of the above exception, another exception occurred:"


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    return f"/{match.route}" if match is not None and match.route else "(an unmatched address)"


class RedactingFilter(logging.Filter):
    """Keeps client data out of a log record; never drops the record itself.

    - An exception's message is replaced by its type (its traceback is kept).
    - A request in the record is replaced by its URL pattern: `django.request` logs
      "Not Found: /return/<token>/" otherwise.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None:
            path = getattr(request, "path", None)
            if path is not None and record.args:
                args = record.args if isinstance(record.args, tuple) else (record.args,)
                record.args = tuple(_route(request) if arg == path else arg for arg in args)
            record.request = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = format_exception_redacted(record.exc_info[1])
            record.exc_info = None
        return True
