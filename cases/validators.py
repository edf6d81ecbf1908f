"""The identifier guard as a text validator of `settings.NOPSA_TEXT_VALIDATORS`.

`workshops` runs it on every free-text field without importing `cases` (see
workshops/textguard.py).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from workshops.textguard import TextFinding, blocking_error

from .anonymise import find_identifiers

KIND_LABELS = {
    "hetu": _("Personal identity code"),
    "phone": _("Phone number"),
    "email": _("E-mail address"),
    "address": _("Address"),
    "business_id": _("Business ID"),
}
WARNING_LABELS = {
    "hetu": _("Possibly a personal identity code"),
    "business_id": _("Business ID"),
}


class IdentifierValidator:
    """Refuses identity codes, phone numbers, e-mail and street addresses; warns of the rest."""

    def find(self, text: str) -> list[TextFinding]:
        return [
            TextFinding(
                label=str(
                    KIND_LABELS[f.kind] if f.blocking else WARNING_LABELS.get(f.kind, f.kind)
                ),
                start=f.start,
                end=f.end,
                blocking=f.blocking,
            )
            for f in find_identifiers(text)
        ]

    def validate(self, text: str) -> None:
        blocking = [f for f in self.find(text) if f.blocking]
        if blocking:
            raise blocking_error(text, blocking)


def validate_no_identifiers(text: str) -> None:
    """A model-field validator: the same guard for text that does not come through a form."""
    if text:
        IdentifierValidator().validate(text)
