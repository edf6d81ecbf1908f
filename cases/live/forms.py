"""Participants' suggestion forms. Every text passes the identifier guard (NopsaForm): text
that identifies someone is refused with the text kept in the field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workshops.forms import NopsaForm
from workshops.models import NOTE_MAX, TITLE_MAX

from ..models import NAME_MAX, PathEvent, Suggestion
from .kinds import PERSONA_PARTS

# Fields keep what was typed across a redraw of the stage by a poll (htmx hx-preserve); the
# ids change after each sent suggestion, so a fresh form starts empty.
PRESERVE = {"hx-preserve": "true"}


class SuggestionForm(NopsaForm):
    client_id = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "client_id":
                field.widget.attrs.update(PRESERVE)

    def suggestion(self) -> tuple[str, dict]:
        """(kind, data) of the suggestion, from the cleaned data."""
        raise NotImplementedError


def _text(label, max_length: int, rows: int = 0, **kwargs) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, max_length=max_length, widget=widget, **kwargs)


class PersonaSuggestionForm(SuggestionForm):
    part = forms.ChoiceField(
        label=_("Part of the persona"),
        choices=PERSONA_PARTS,
        error_messages={"required": _("Choose which part of the persona this is.")},
    )
    text = _text(
        _("Your suggestion"),
        NOTE_MAX,
        rows=2,
        error_messages={"required": _("Write something first.")},
    )

    def suggestion(self) -> tuple[str, dict]:
        data = self.cleaned_data
        return Suggestion.Kind.PERSONA_LINE, {"part": data["part"], "text": data["text"]}


class PathSuggestionForm(SuggestionForm):
    what = _text(
        _("What happened"),
        NOTE_MAX,
        rows=2,
        error_messages={"required": _("Write what happened.")},
    )
    actor = _text(
        _("Which actor or service"),
        NAME_MAX,
        error_messages={"required": _("Write which actor or service it was.")},
    )
    experience = forms.ChoiceField(
        label=_("For the client it was"),
        choices=PathEvent.Experience.choices,
        initial=PathEvent.Experience.NEUTRAL,
        widget=forms.RadioSelect,
    )

    def suggestion(self) -> tuple[str, dict]:
        data = self.cleaned_data
        return Suggestion.Kind.PATH_EVENT, {
            "what": data["what"],
            "actor": data["actor"],
            "experience": data["experience"],
        }


class MapSuggestionForm(SuggestionForm):
    cause = _text(
        _("Factor"),
        TITLE_MAX,
        help_text=_("A cause, a consequence or anything that affects the situation."),
        error_messages={"required": _("Write a factor.")},
    )
    effect = _text(
        _("Leads to (optional)"),
        TITLE_MAX,
        required=False,
        help_text=_("Fill in to suggest a link: the factor above leads to this one."),
    )

    def clean(self):
        cleaned = super().clean()
        cause, effect = cleaned.get("cause") or "", cleaned.get("effect") or ""
        if cause and effect and cause.casefold() == effect.casefold():
            self.add_error("effect", _("A factor cannot cause itself. Choose a different effect."))
        return cleaned

    def suggestion(self) -> tuple[str, dict]:
        data = self.cleaned_data
        if data.get("effect"):
            return Suggestion.Kind.LINK, {"cause": data["cause"], "effect": data["effect"]}
        return Suggestion.Kind.FACTOR, {"name": data["cause"]}


FORMS = {
    "persona": PersonaSuggestionForm,
    "service_path": PathSuggestionForm,
    "causal_map": MapSuggestionForm,
}
