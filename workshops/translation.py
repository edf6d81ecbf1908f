"""Content stored in Finnish, Swedish and English columns (`name_fi`, `name_sv`, `name_en`)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language

LANGUAGE_CODES = [code for code, _ in settings.LANGUAGES]


def current_language() -> str:
    code = (get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


class Translated:
    """A read-only attribute that picks `<base>_<language>` for the active language.

    Falls back to Finnish when the active language's text is empty.
    """

    def __init__(self, base: str) -> None:
        self.base = base

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return in_language(obj, self.base, current_language())


def in_language(obj, base: str, language: str) -> str:
    value = getattr(obj, f"{base}_{language}", "") or ""
    return value or getattr(obj, f"{base}_{settings.LANGUAGE_CODE}", "") or ""


def pick(value, language: str):
    """Pick one language out of a {"fi":..., "sv":..., "en":...} structure (recursively)."""
    if isinstance(value, dict) and set(value) and set(value) <= set(LANGUAGE_CODES):
        return value.get(language) or value.get(settings.LANGUAGE_CODE)
    if isinstance(value, dict):
        return {key: pick(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [pick(item, language) for item in value]
    return value
