"""Nopsa settings: one module, driven by environment variables.

Development (DEBUG on) works without any variable: SQLite in the project folder and a
throw-away secret key. With DEBUG off, a missing or weak SECRET_KEY is an error.
See `.env.example` for every variable.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str | None = None) -> str | None:
    """Read a variable, or the contents of the file named by NAME_FILE (for secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={file_name} cannot be read: {exc}") from exc
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = env(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    value = env(name, default) or ""
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The test suite (pytest is loaded, or NOPSA_TESTING is set) runs with DEBUG off but without
# production-only requirements such as a secret key and HTTPS.
TESTING = env_bool("NOPSA_TESTING", False) or "pytest" in sys.modules

_DEV_SECRET = "django-insecure-nopsa-development-only-never-in-production"  # noqa: S105
SECRET_KEY = env("SECRET_KEY") or ""
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = _DEV_SECRET
    elif env_bool("NOPSA_OFFLINE_COMMAND", False):
        # A command that only reads the code (see manage.py): a key nobody will ever check.
        SECRET_KEY = secrets.token_urlsafe(64)
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (or SECRET_KEY_FILE) to a random string of "
            "at least 50 characters, or set DEBUG=true for local development."
        )
if not (DEBUG or TESTING) and (
    len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure")
):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: use at least 50 random characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "csp",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "workshops",
    "cases",
    "workshops.feedback",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "nopsa.sessions.StaffSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "nopsa.urls"
WSGI_APPLICATION = "nopsa.wsgi.application"
ASGI_APPLICATION = "nopsa.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "workshops.context_processors.navigation",
                "workshops.context_processors.session_timeout",
            ],
        },
    },
]

# Form fields render with the project's templates too (the text guard's confirmation box lives in
# templates/partials/guarded_field.html); Django's own form templates come from "django.forms".
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: SQLite in the project folder unless DATABASE_URL is set.
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    try:
        DATABASES = {
            "default": dj_database_url.parse(
                DATABASE_URL,
                conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
                # A persistent connection is checked before the first query of a request, so
                # that after a database restart the next request gets a new connection instead
                # of an error (nopsa/faults.py). On PostgreSQL the check looks at the socket
                # and sends no query (nopsa/postgresql/base.py).
                conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
            )
        }
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["ENGINE"] = "nopsa.postgresql"
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH") or BASE_DIR / "nopsa.sqlite3",
            # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock
            # at BEGIN, so concurrent writers wait instead of failing half-way.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # A file, not memory, so that browser tests' server threads behave like production.
            "TEST": {"NAME": env("SQLITE_TEST_PATH") or BASE_DIR / ".pytest-nopsa.sqlite3"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workshops:dashboard"
LOGOUT_REDIRECT_URL = "login"

# Languages: Finnish first, Swedish and English complete.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
# Date and time formats as written in Finland, in Swedish too (3.12.2026, 17.30), and
# unambiguous English (3 Dec 2026, 17:30); see nopsa/formats/.
FORMAT_MODULE_PATH = ["nopsa.formats"]

STATIC_URL = "/static/"
# Development and tests serve straight from the source folders; production from collectstatic.
STATIC_ROOT = None if DEBUG or TESTING else BASE_DIR / "staticfiles"
WHITENOISE_USE_FINDERS = DEBUG or TESTING
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security. Production values; development over plain http relaxes only what it must.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- Hardening (issue 9): Content Security Policy, deploy checks, staff session timeouts ---
# A strict policy (django-csp): every script and style comes from our own static files; no
# inline script or style attribute, no eval (htmx is configured without it in base.html's
# <meta name="htmx-config">). Images may be data: URIs (QR codes). The PDF templates'
# <style> is read by WeasyPrint only, never served to a browser.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# HSTS preload is a commitment of the whole domain (and its submission to the browsers'
# list): the operator opts in with SECURE_HSTS_PRELOAD=true, so its deploy check is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Staff (logged-in) sessions end after NOPSA_SESSION_IDLE_MINUTES without a request and at the
# latest NOPSA_SESSION_MAX_HOURS after login (see nopsa/sessions.py). The session cookie lives
# no longer than the absolute limit either.
NOPSA_SESSION_IDLE_MINUTES = env_int("NOPSA_SESSION_IDLE_MINUTES", 30)
NOPSA_SESSION_MAX_HOURS = env_int("NOPSA_SESSION_MAX_HOURS", 10)
SESSION_COOKIE_AGE = NOPSA_SESSION_MAX_HOURS * 60 * 60
# A participant's identity cookie lives until this many days after the last workshop of the
# series it was made for (see workshops/live/identity.py).
NOPSA_PARTICIPANT_COOKIE_DAYS = env_int("NOPSA_PARTICIPANT_COOKIE_DAYS", 30)
# Retention: the participants' content of a series (notes, answers, nicknames, comments,
# feedback texts, cases, e-mail addresses, personal links) is purged this many days after a
# coordinator closed the series, by `manage.py purge_expired` run from a daily timer.
NOPSA_RETENTION_DAYS = env_int("NOPSA_RETENTION_DAYS", 365)
if NOPSA_RETENTION_DAYS < 1:
    raise ImproperlyConfigured(
        f"NOPSA_RETENTION_DAYS must be at least 1, not {NOPSA_RETENTION_DAYS}"
    )
# --- end of hardening block ---

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "nopsa@localhost")

# Logs go to stderr and never carry client data: no request bodies, no exception messages
# (a database error's message can quote a row), no tokens from addresses (nopsa/faults.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "nopsa.faults.RedactingFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # axes announces its configuration at every start of every process; its lockouts are
        # warnings and still logged.
        "axes.apps": {"level": "WARNING"},
    },
}

# Free-text validators run on every free-text field of the app (see workshops/textguard.py),
# in the manner of AUTH_PASSWORD_VALIDATORS. The cases app adds the identifier guard.
NOPSA_TEXT_VALIDATORS: list[dict] = [
    {"NAME": "workshops.textguard.NoControlCharactersValidator"},
    {"NAME": "cases.validators.IdentifierValidator"},
]

# Background jobs (the final report's PDF export): django-tasks with its database backend, so
# that any app server can queue a job and `manage.py db_worker` (started by `make run`; run it
# beside gunicorn in production) picks it up.
TASKS = {
    "default": {
        "BACKEND": env("NOPSA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Limits of one PDF render (the final report, a workshop summary), which runs in a child
# process: past the time (seconds) or the memory (MB the child may grow by) it is stopped.
NOPSA_REPORT_TIMEOUT = env_int("NOPSA_REPORT_TIMEOUT", 120)
NOPSA_REPORT_MEMORY_MB = env_int("NOPSA_REPORT_MEMORY_MB", 1500)

# PostgreSQL: the live hot queries as prepared statements (nopsa/postgresql/base.py). Off for
# PgBouncer in transaction mode before 1.21 or without `max_prepared_statements`.
DB_PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", True)
# Live workshops: how often screens poll (milliseconds).
NOPSA_POLL_INTERVAL_MS = env_int("NOPSA_POLL_INTERVAL_MS", 1000)
# What a live board shows everyone alike (themes, ballot items) is drawn once per change and
# kept this long at most (workshops/live/boardcache.py); 0 draws it for every viewer.
NOPSA_BOARD_CACHE_SECONDS = env_int("NOPSA_BOARD_CACHE_SECONDS", 60)

# `make bench` serves a bare view at /bench/floor/ to compare the cheapest poll with.
NOPSA_BENCH = env_bool("NOPSA_BENCH", False)
# PostgreSQL: each app process listens for the live events a participant could see (see
# workshops/live/signals.py), so that phones' unchanged polls need no query.
# Off in tests, whose transactions never commit (so never notify); tests turn it on by name.
NOPSA_LIVE_NOTIFY = env_bool("NOPSA_LIVE_NOTIFY", not TESTING)

# --- Rate limits, login lockout, error pages and health check (issue 9, items 4, 7, 8) ------
# Kept in one block on purpose; see README "Deployment" for the variables.
INSTALLED_APPS += ["axes"]
# AxesMiddleware last: it turns axes' lockout signal into the lockout page. A view that meets
# an unreachable database answers 503 "try again in a moment" (nopsa/faults.py).
MIDDLEWARE += ["nopsa.faults.DatabaseUnavailableMiddleware", "axes.middleware.AxesMiddleware"]
# Axes' backend first: it refuses a locked-out username+address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# How many reverse proxies in front of the app append to X-Forwarded-For. 0 (the default): the
# client address is REMOTE_ADDR and X-Forwarded-For is ignored, because a client can write it.
# With N > 0 the address is the N-th entry from the right of X-Forwarded-For (the one the
# outermost proxy appended), so a forged left part is never believed. One rule for the login
# lockout and the join-code limit: workshops/clientip.py. (axes' AXES_IPWARE_* settings are not
# used: ipware's proxy count wants an exact number of entries and otherwise yields no address,
# and axes then falls back to REMOTE_ADDR, the proxy, which would lock everyone out together.)
NOPSA_TRUSTED_PROXY_COUNT = env_int("NOPSA_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "workshops.clientip.client_ip"
# Lock a username from one address after N failures within the cool-off; the lock lifts by
# itself after the cool-off. Per username AND address, so nobody can lock a colleague out from
# elsewhere; the right password is refused while locked.
AXES_FAILURE_LIMIT = env_int("NOPSA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("NOPSA_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A try while locked does not extend the lock: the page can say when it lifts.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "workshops.views.system.login_locked_out"
# Failures are kept (they are the counter); successful logins are not logged by axes.
AXES_DISABLE_ACCESS_LOG = True
# Wrong join codes from one address per minute before the join form answers 429.
NOPSA_JOIN_CODE_LIMIT = env_int("NOPSA_JOIN_CODE_LIMIT", 10)
# The health check answers over plain http too, so that a load balancer on the internal network
# can call it without TLS; every other path is still redirected to https.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# The accessibility statement (/accessibility/, required by the Act on the Provision of Digital
# Services 306/2019): the organisation that provides the service, the address where feedback
# on accessibility is answered (a mailbox someone reads; by default DEFAULT_FROM_EMAIL) and the
# date of the statement's assessment (YYYY-MM-DD; update it after each new assessment).
NOPSA_ORGANISATION_NAME = env("NOPSA_ORGANISATION_NAME", "") or ""
NOPSA_ACCESSIBILITY_CONTACT = env("NOPSA_ACCESSIBILITY_CONTACT", "") or DEFAULT_FROM_EMAIL
if "@" not in NOPSA_ACCESSIBILITY_CONTACT:
    raise ImproperlyConfigured(
        "NOPSA_ACCESSIBILITY_CONTACT must be an e-mail address, "
        f"not {NOPSA_ACCESSIBILITY_CONTACT!r}"
    )
try:
    NOPSA_ACCESSIBILITY_ASSESSED = dt.date.fromisoformat(
        env("NOPSA_ACCESSIBILITY_ASSESSED", "") or "2026-12-03"
    )
except ValueError as exc:
    raise ImproperlyConfigured(
        "NOPSA_ACCESSIBILITY_ASSESSED must be a date as YYYY-MM-DD, "
        f"not {env('NOPSA_ACCESSIBILITY_ASSESSED')!r}"
    ) from exc
