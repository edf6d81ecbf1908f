from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import NopsaForm
from ..models import NOTE_MAX, Participant
from ..models.live import NICKNAME_MAX


class JoinCodeForm(NopsaForm):
    code = forms.CharField(
        label=_("Workshop code"),
        max_length=20,
        help_text=_("The facilitator shows the code on the screen, e.g. K7M 3QX."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class JoinForm(NopsaForm):
    nickname = forms.CharField(
        label=_("Nickname"),
        max_length=NICKNAME_MAX,
        help_text=_("Shown only to the facilitator. A first name or any nickname will do."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    kind = forms.ChoiceField(
        label=_("I take part as"),
        choices=Participant.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _(
                "Choose whether you take part as a professional or as a client representative."
            )
        },
    )
    organisation_name = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    def clean_nickname(self) -> str:
        nickname = " ".join(self.cleaned_data["nickname"].split())
        if len(nickname) < 2:
            raise forms.ValidationError(_("Write a nickname of at least two characters."))
        if not any(ch.isalpha() for ch in nickname):
            raise forms.ValidationError(_("A nickname needs at least one letter."))
        return nickname


class NoteForm(NopsaForm):
    text = forms.CharField(
        label=_("Your note"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write something first.")},
    )
    category = forms.CharField(label=_("Category"), required=False, max_length=100)
    client_id = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, categories=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if categories:
            self.fields["category"] = forms.ChoiceField(
                label=_("Category"),
                choices=[("", _("Choose a category"))] + [(c, c) for c in categories],
                required=False,
            )
        else:
            self.fields["category"].widget = forms.HiddenInput()
