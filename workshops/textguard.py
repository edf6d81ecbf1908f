"""Validators for every free-text field of the app, configured like AUTH_PASSWORD_VALIDATORS.

`settings.NOPSA_TEXT_VALIDATORS` is a list of {"NAME": dotted.path, "OPTIONS": {...}}. Each
validator has `validate(text: str) -> None` and raises `ValidationError` to refuse the text.
Forms apply them through `GuardedTextFormMixin`, so `workshops` can run validators that other
apps (the identifier guard of `cases`) provide without importing those apps.

A validator may also point at *places* in the text: then it has
`find(text: str) -> list[TextFinding]`, and each finding is either blocking (refused, with the
place shown as an excerpt in which the finding is marked) or a warning (the form asks the
writer to confirm that the text is fine, and saves once they have). `check_text` runs both
kinds; `validate_text` raises for everything blocking and ignores warnings.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Protocol

from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext
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


@dataclass(frozen=True)
class TextFinding:
    """A place in a text that a validator points at: `text[start:end]`, described by `label`."""

    label: str
    start: int
    end: int
    blocking: bool


EXCERPT_CONTEXT = 30


def excerpt(text: str, start: int, end: int, context: int = EXCERPT_CONTEXT) -> SafeString:
    """The finding with up to `context` characters either side, the finding in <mark>; escaped."""
    before_start = max(0, start - context)
    after_end = min(len(text), end + context)
    return format_html(
        "{}{}<mark>{}</mark>{}{}",
        "…" if before_start > 0 else "",
        text[before_start:start],
        text[start:end],
        text[end:after_end],
        "…" if after_end < len(text) else "",
    )


def finding_message(text: str, finding: TextFinding) -> SafeString:
    """“Personal identity code: …excerpt with the place marked…” (all user text escaped)."""
    return format_html(
        '{}: <span class="guard-excerpt">{}</span>',
        finding.label,
        excerpt(text, finding.start, finding.end),
    )


def blocking_error(text: str, findings: list[TextFinding]) -> ValidationError:
    """One error that names every blocking place, so the writer can fix them all at once."""
    messages = [
        ValidationError(
            gettext(
                "The text must not identify anyone. Remove or change the marked places; "
                "everything else you wrote is kept."
            ),
            code="identifying",
        )
    ]
    messages += [
        ValidationError(finding_message(text, finding), code="identifying_place")
        for finding in findings
    ]
    return ValidationError(messages)


@dataclass
class TextCheck:
    errors: list[ValidationError] = field(default_factory=list)
    warnings: list[TextFinding] = field(default_factory=list)


def check_text(text: str) -> TextCheck:
    """Run every configured validator: blocking problems as errors, warnings as findings."""
    result = TextCheck()
    for validator in get_text_validators():
        find = getattr(validator, "find", None)
        if find is None:
            try:
                validator.validate(text)
            except ValidationError as exc:
                result.errors.append(exc)
            continue
        findings = find(text)
        blocking = [f for f in findings if f.blocking]
        if blocking:
            result.errors.append(blocking_error(text, blocking))
        result.warnings += [f for f in findings if not f.blocking]
    return result


def validate_text(text: str) -> None:
    """Run every configured validator; collect all their errors into one ValidationError.

    Warnings are not errors here: services call this as the last line of defence, and the
    forms in front of them have already asked the writer to confirm any warnings.
    """
    errors = check_text(text).errors
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


CONFIRM_SUFFIX = "__checked"


class GuardedTextFormMixin:
    """Runs the text validators on every CharField of the form (all free text).

    Blocking findings become errors of the field. Warnings become an error too, until the writer
    ticks the “I have checked” box that then appears under the field (its name is the field's
    name + `__checked`); with the box ticked, the same text saves.
    """

    def _post_clean(self) -> None:
        for name, form_field in self.fields.items():
            if not isinstance(form_field, forms.CharField) or name in getattr(
                self, "unguarded_fields", ()
            ):
                continue
            value = self.cleaned_data.get(name)
            if not (isinstance(value, str) and value):
                continue
            result = check_text(value)
            for error in result.errors:
                self.add_error(name, error)
            if result.warnings and not result.errors:
                self._guard_warnings(name, form_field, value, result.warnings)
        super()._post_clean()

    def _guard_warnings(self, name, form_field, value: str, warnings: list[TextFinding]) -> None:
        bound = self[name]
        confirm_name = bound.html_name + CONFIRM_SUFFIX
        # Render the field with the confirmation box under it (partials/guarded_field.html), so
        # the box stays ticked if the form comes back for another reason.
        form_field.template_name = "partials/guarded_field.html"
        form_field.guard_confirm_name = confirm_name
        form_field.guard_confirm_id = f"{bound.auto_id or confirm_name}{CONFIRM_SUFFIX}"
        form_field.guard_confirmed = self.data.get(confirm_name) in ("on", "true", "1", "True")
        if form_field.guard_confirmed:
            return
        messages = [
            ValidationError(
                gettext(
                    "Check the marked places: they may identify someone. If they do not, "
                    "tick “I have checked” below the field and save again."
                ),
                code="maybe_identifying",
            )
        ]
        messages += [
            ValidationError(finding_message(value, warning), code="maybe_identifying_place")
            for warning in warnings
        ]
        self.add_error(name, ValidationError(messages))
