"""Settings come from the environment; production refuses a missing or weak secret."""

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


@pytest.mark.django_db
def test_language_switch_keeps_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "sv", "next": "/methods/"})
    assert response.status_code == 302
    assert response["Location"] == "/methods/"
