from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import NopsaForm
from ..live.forms import JoinForm
from ..models import LONG_TEXT_MAX, Participant
from ..models.between import PREWORK_QUESTION_MAX

INVALID_EMAIL = _("Check the e-mail address: it should look like name@example.fi.")
EMAIL_HELP = _(
    "Optional. Used only to send you this series' notifications and your personal link; "
    "you can delete it at any time."
)


class InviteForm(JoinForm):
    """A facilitator adds a person to the series before the first workshop."""

    # An address is meant to identify its holder; it is kept apart from all workshop content.
    unguarded_fields = ("email",)

    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        max_length=Participant._meta.get_field("email").max_length,
        help_text=_("The personal link is sent here. Without an address, copy the link yourself."),
        error_messages={
            "invalid": _("Check the e-mail address: it should look like name@example.fi.")
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nickname"].help_text = _("How the facilitators recognise the person.")


class EmailForm(NopsaForm):
    unguarded_fields = ("email",)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=Participant._meta.get_field("email").max_length,
        help_text=EMAIL_HELP,
        required=False,  # saving an empty field deletes the address
        error_messages={"invalid": INVALID_EMAIL},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class PreworkQuestionForm(NopsaForm):
    text = forms.CharField(
        label=_("Question"),
        max_length=PREWORK_QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. “List the topics you want to discuss in the workshop.”"),
        error_messages={"required": _("Write the question first.")},
    )


class PreworkAnswerForm(NopsaForm):
    """One text field per question of the workshop; an empty field deletes that answer."""

    def __init__(self, *args, questions=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = {}
        for question in questions:
            name = f"q_{question.public_id.hex}"
            self.fields[name] = forms.CharField(
                label=question.text,
                max_length=LONG_TEXT_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.questions[name] = question

    def answers(self) -> dict:
        return {question: self.cleaned_data[name] for name, question in self.questions.items()}
