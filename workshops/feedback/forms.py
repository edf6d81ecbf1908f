"""Forms of the feedback app. Every free-text field passes the configured text validators."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workshops.forms import NopsaForm, date_field

from .models import (
    ANSWER_MAX,
    QUESTION_MAX,
    SCALE_LABEL_MAX,
    SCALE_MAX,
    SCALE_MIN,
    FeedbackItem,
    Indicator,
)
from .services import field_name

SCALE_CHOICES = [(str(v), str(v)) for v in range(SCALE_MIN, SCALE_MAX + 1)]


class AnswerForm(NopsaForm):
    """One field per item of the form: a 1–5 radio group or a text area."""

    def __init__(self, *args, items: list[FeedbackItem], initial_answers=None, **kwargs):
        initial = {}
        for item in items:
            if initial_answers and item.pk in initial_answers:
                value, text = initial_answers[item.pk]
                initial[field_name(item)] = str(value) if item.is_scale and value else text
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            if item.is_scale:
                field = forms.ChoiceField(
                    label=item.text,
                    choices=SCALE_CHOICES,
                    required=item.required,
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": _("Choose a value from 1 to 5."),
                        "invalid_choice": _("Choose a value from 1 to 5."),
                    },
                )
            else:
                field = forms.CharField(
                    label=item.text,
                    required=item.required,
                    max_length=ANSWER_MAX,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    error_messages={
                        "required": _("Answer this question."),
                        "max_length": _(
                            "An answer can be at most %(limit_value)d characters "
                            "(now %(show_value)d)."
                        ),
                    },
                )
            self.fields[field_name(item)] = field
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)

    def rows(self) -> list[tuple[FeedbackItem, forms.BoundField]]:
        return [(item, self[field_name(item)]) for item in self.items]

    def answers(self) -> dict[int, str]:
        """item pk → the cleaned raw value, for `services.response_submit`."""
        return {item.pk: self.cleaned_data.get(field_name(item)) for item in self.items}


class ItemForm(NopsaForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=FeedbackItem.Kind.choices, initial=FeedbackItem.Kind.SCALE
    )
    text = forms.CharField(label=_("Question"), max_length=QUESTION_MAX)
    low_label = forms.CharField(
        label=_("What 1 means"),
        max_length=SCALE_LABEL_MAX,
        required=False,
        help_text=_("For a scale, e.g. Strongly disagree."),
    )
    high_label = forms.CharField(
        label=_("What 5 means"),
        max_length=SCALE_LABEL_MAX,
        required=False,
        help_text=_("For a scale, e.g. Strongly agree."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)


class IndicatorForm(NopsaForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example: staff well-being index, client experience score."),
    )
    unit = forms.CharField(
        label=_("Unit"), max_length=40, required=False, help_text=_("For example: points, h.")
    )
    direction = forms.ChoiceField(
        label=_("Direction of good"),
        choices=Indicator.Direction.choices,
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label=_("How it is measured"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MeasurementForm(NopsaForm):
    date = date_field(_("Date"))
    value = forms.CharField(
        label=_("Value"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("A number, e.g. 12,5."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("For example: staff survey 3/2027, time-use records."),
    )
    is_baseline = forms.BooleanField(label=_("This is the baseline"), required=False)
    unguarded_fields = ("value",)

    def clean_value(self):
        """The number as a Decimal ("12,5" and "12.5" alike), checked with the other fields."""
        from django.core.exceptions import ValidationError

        from .services import FeedbackError, parse_value

        try:
            return parse_value(self.cleaned_data["value"])
        except FeedbackError as exc:
            raise ValidationError(exc.message_dict["value"]) from exc
