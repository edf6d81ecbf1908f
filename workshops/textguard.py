"""Validators for every free-text field of the app, configured like AUTH_PASSWORD_VALIDATORS.

`settings.NOPSA_TEXT_VALIDATORS` is a list of {"NAME": dotted.path, "OPTIONS": {...}}. Each
validator has `validate(text: str) -> None` and raises `ValidationError` to refuse the text.
Forms apply them through `GuardedTextFormMixin`, so `workshops` can run validators that other
apps (the identifier guard of `cases`) provide without importing those apps.
"""

from __future__ import annotations

import functools
import re
from typing import Protocol

from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


class TextValidator(Protocol):
    def validate(self, text: str) -> None: ...


@functools.cache
def get_text_validators() -> list[TextValidator]:
    validators = []
    for config in settings.NOPSA_TEXT_VALIDATORS:
        try:
            cls = import_string(config["NAME"])
        except ImportError as exc:
            raise ImproperlyConfigured(f"Text validator {config['NAME']!r} not found") from exc
        validators.append(cls(**config.get("OPTIONS", {})))
    return validators


def validate_text(text: str) -> None:
    """Run every configured validator; collect all their errors into one ValidationError."""
    errors: list[ValidationError] = []
    for validator in get_text_validators():
        try:
            validator.validate(text)
        except ValidationError as exc:
            errors.append(exc)
    if errors:
        raise ValidationError(errors)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class NoControlCharactersValidator:
    """Refuses invisible control characters (NUL and friends) that break exports and PDFs."""

    def validate(self, text: str) -> None:
        if _CONTROL.search(text):
            raise ValidationError(
                _("The text contains invisible control characters. Remove them and try again."),
                code="control_characters",
            )


class GuardedTextFormMixin:
    """Runs the text validators on every CharField of the form (all free text)."""

    def _post_clean(self) -> None:
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField) or name in getattr(
                self, "unguarded_fields", ()
            ):
                continue
            value = self.cleaned_data.get(name)
            if isinstance(value, str) and value:
                try:
                    validate_text(value)
                except ValidationError as exc:
                    self.add_error(name, exc)
        super()._post_clean()
