"""Settings come from the environment; production refuses a missing or weak secret."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_settings(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NOPSA_TESTING", "DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE']); "
            "print(settings.LANGUAGE_CODE, settings.TIME_ZONE)",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "nopsa.settings"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_debug_off_without_secret_key_is_an_error():
    result = _load_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_off_with_a_weak_secret_key_is_an_error():
    result = _load_settings(DEBUG="false", SECRET_KEY="salasana")
    assert result.returncode != 0
    assert "too weak" in result.stderr


def test_debug_off_with_a_strong_key_starts():
    result = _load_settings(
        DEBUG="false", SECRET_KEY="k" * 10 + "Qz9-_x" * 10, ALLOWED_HOSTS="nopsa.example"
    )
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout


def test_database_url_switches_to_postgresql():
    result = _load_settings(DEBUG="true", DATABASE_URL="postgres://postgres@127.0.0.1:5432/nopsa")
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout


def test_a_malformed_boolean_is_an_error():
    result = _load_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_finnish_is_the_default_language_in_helsinki_time():
    result = _load_settings(DEBUG="true")
    assert "fi Europe/Helsinki" in result.stdout


def test_the_accessibility_contact_must_be_an_address():
    result = _load_settings(DEBUG="true", NOPSA_ACCESSIBILITY_CONTACT="Nopsa-tiimi")
    assert result.returncode != 0
    assert "NOPSA_ACCESSIBILITY_CONTACT must be an e-mail address" in result.stderr


def test_the_accessibility_assessment_date_must_be_a_date():
    result = _load_settings(DEBUG="true", NOPSA_ACCESSIBILITY_ASSESSED="3.12.2026")
    assert result.returncode != 0
    assert "NOPSA_ACCESSIBILITY_ASSESSED must be a date as YYYY-MM-DD" in result.stderr


@pytest.mark.django_db
def test_language_switch_keeps_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "sv", "next": "/methods/"})
    assert response.status_code == 302
    assert response["Location"] == "/methods/"


PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 10 + "Qz9-_x" * 10,
    "ALLOWED_HOSTS": "nopsa.example.fi",
    "CSRF_TRUSTED_ORIGINS": "https://nopsa.example.fi",
    "DATABASE_URL": "postgres://nopsa@127.0.0.1:5432/nopsa",
}


def _production(*args, code=None):
    clean = {
        k: v
        for k, v in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE is set for the browser tests; a deployment must not set it.
        if k
        not in {
            "NOPSA_TESTING",
            "DEBUG",
            "SECRET_KEY",
            "DATABASE_URL",
            "ALLOWED_HOSTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    return subprocess.run(
        command,
        cwd=ROOT,
        env={**clean, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "nopsa.settings"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_deploy_check_passes_with_production_settings():
    result = _production("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# The login page as a browser gets it from the production settings (no database is needed:
# the page reads none).
_RESPONSE = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import override_settings
# collectstatic has not run here: static URLs come from the plain storage.
override_settings(
    STORAGES={"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
).enable()
response = Client().get("/accounts/login/", secure=True, headers={"host": "nopsa.example.fi"})
plain = Client().get("/accounts/login/", headers={"host": "nopsa.example.fi"})
print(json.dumps({
    "status": response.status_code,
    "headers": dict(response.headers),
    "cookies": {name: dict(morsel) for name, morsel in response.cookies.items()},
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location"),
}))
"""


@pytest.fixture(scope="module")
def production_response():
    result = _production(code=_RESPONSE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_the_security_headers(production_response):
    headers = production_response["headers"]
    assert production_response["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_production_sends_a_strict_content_security_policy(production_response):
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in production_response["headers"]["Content-Security-Policy"].split(";")
    )
    assert policy == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "object-src": "'none'",
        "base-uri": "'none'",
        "frame-ancestors": "'none'",
        "form-action": "'self'",
    }
    assert "unsafe" not in production_response["headers"]["Content-Security-Policy"]


def test_production_cookies_are_secure_host_cookies(production_response):
    cookie = production_response["cookies"]["__Host-csrftoken"]
    assert cookie["secure"] is True
    assert cookie["path"] == "/"
    assert not cookie["domain"]
    assert cookie["samesite"] == "Lax"


def test_production_redirects_plain_http_to_https(production_response):
    assert production_response["plain_status"] == 301
    assert production_response["plain_location"] == "https://nopsa.example.fi/accounts/login/"


def test_the_session_cookie_is_a_secure_host_cookie_in_production():
    result = _production(
        code="import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_AGE, s.NOPSA_SESSION_IDLE_MINUTES)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["__Host-sessionid", "True", "True", "36000", "30"]


def _manage(*args):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"NOPSA_TESTING", "DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_migration_check_runs_on_a_fresh_clone_without_a_secret_key():
    result = _manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "No changes detected" in result.stdout


def test_the_deployment_check_still_needs_the_secret_key():
    result = _manage("check", "--deploy")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
