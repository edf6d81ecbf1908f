from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..forms import NopsaForm, date_field, long_text_field, title_field
from ..models import Practice, Series

STALE_MESSAGE = _(
    "Someone else saved this while you were editing. What they saved is shown next to the "
    "form, and your text is still in the form: combine the two and save again."
)


def show_stale_edit(form, stored) -> None:
    """A save over a newer text: say so, keep what was typed, and let the next save go over
    the version the editor has now seen (`stored`, shown beside the form)."""
    form.add_error(None, STALE_MESSAGE)
    form.data = form.data.copy()
    form.data["version"] = stored.version


class PracticeForm(NopsaForm):
    name = title_field(_("Name"), error_messages={"required": _("Give the practice a name.")})
    description = long_text_field(_("Description"), rows=4)
    elements = long_text_field(
        _("Elements"), rows=4, help_text=_("What the practice consists of, one per line.")
    )
    principles = long_text_field(
        _("Principles"), rows=4, help_text=_("What guides the work, one per line.")
    )
    owners = forms.CharField(
        label=_("Owners"),
        max_length=300,
        required=False,
        help_text=_("Who is responsible for the practice: names or roles."),
    )
    conditions = long_text_field(_("Conditions for adoption"), rows=3)
    tips = long_text_field(_("Tips for adopters"), rows=3)
    workshops = forms.ModelMultipleChoiceField(
        label=_("Workshops behind it"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    challenges = forms.ModelMultipleChoiceField(
        label=_("Prioritised challenges it answers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, series: Series, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["workshops"].queryset = series.workshops.order_by("position")
        self.fields["challenges"].queryset = series.prioritised_challenges.order_by(
            "confirmed_at", "rank"
        )
        self.fields["challenges"].label_from_instance = lambda c: c.text


class StatusForm(NopsaForm):
    status = forms.ChoiceField(label=_("New status"), choices=Practice.Status.choices)
    date = date_field(_("Since"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(
                _("The date is in the future. Record a status when it has been reached.")
            )
        return date


class AdoptForm(NopsaForm):
    into = forms.ModelChoiceField(
        label=_("Series to take it into"),
        queryset=None,
        empty_label=_("Choose a series"),
        error_messages={"required": _("Choose the series to take the practice into.")},
    )

    def __init__(self, *args, series_choices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = series_choices


class DocumentForm(NopsaForm):
    text = forms.CharField(
        label=_("Text"), max_length=20000, required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
