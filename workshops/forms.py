"""Forms of the workshops app. Every free-text field passes the configured text validators."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import stepkinds
from .models import (
    LONG_TEXT_MAX,
    STEP_MINUTES_MAX,
    TITLE_MAX,
    WORKSHOP_MINUTES_MAX,
    WORKSHOP_MINUTES_MIN,
    Method,
    Organisation,
    Series,
    SeriesTask,
    Workshop,
)
from .textguard import GuardedTextFormMixin

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]


class NopsaForm(GuardedTextFormMixin, forms.Form):
    """Base form: guarded text, required fields marked, and no client-side length cut.

    Browsers silently truncate pasted text at `maxlength`; we validate length on the server
    instead, so that the user sees a message and keeps everything they typed.
    """

    required_css_class = "required"
    error_css_class = "has-error"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)
            field.widget.attrs.pop("minlength", None)


def title_field(label, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, max_length=TITLE_MAX, **kwargs)


def long_text_field(label, rows: int = 3, **kwargs) -> forms.CharField:
    kwargs.setdefault("required", False)
    return forms.CharField(
        label=label,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the date as dd.mm.yyyy, for example 15.3.2027.")},
        **kwargs,
    )


def time_field(label, **kwargs) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        input_formats=TIME_INPUT_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter the time as hh:mm, for example 9:30.")},
        **kwargs,
    )


def minutes_field(label, minimum: int, maximum: int, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=maximum,
        error_messages={
            "invalid": _("Enter the duration as a whole number of minutes."),
            "min_value": _("The duration must be at least %(limit_value)s minutes."),
            "max_value": _("The duration can be at most %(limit_value)s minutes."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **kwargs,
    )


class FacilitatorChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class SeriesForm(NopsaForm):
    title = title_field(_("Title"), help_text=_("For example: Smoother paths for families"))
    goal = long_text_field(_("Goal"), help_text=_("What should be different when the series ends?"))
    target_group = long_text_field(
        _("Target group"), help_text=_("Which clients and which professionals take part?")
    )
    language = forms.ChoiceField(
        label=_("Language of the series"),
        choices=Series.Language.choices,
        initial=Series.Language.FI,
        help_text=_("The agenda, the summaries and the final report are in this language."),
    )
    facilitators = FacilitatorChoiceField(
        label=_("Facilitators"),
        queryset=None,
        error_messages={"required": _("Choose at least one facilitator.")},
    )

    def __init__(self, *args, facilitator_queryset, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = facilitator_queryset


class SeriesCreateForm(SeriesForm):
    method = forms.ModelChoiceField(
        label=_("Method"),
        queryset=Method.objects.all(),
        required=False,
        empty_label=_("No method: an empty series that I plan myself"),
        widget=forms.RadioSelect,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    first_date = date_field(
        _("Date of the first workshop"),
        required=False,
        help_text=_(
            "Optional. The other workshops are proposed two weeks apart; you can change them."
        ),
    )
    start_time = time_field(_("Start time"), required=False)
    place = title_field(_("Place"), required=False)

    field_order = [
        "method",
        "organisation",
        "title",
        "goal",
        "target_group",
        "language",
        "facilitators",
        "first_date",
        "start_time",
        "place",
    ]

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        choices = list(organisations)
        if len(choices) == 1:
            self.fields["organisation"].initial = choices[0]
            self.fields["organisation"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        facilitators = cleaned.get("facilitators")
        if organisation and facilitators:
            members = set(
                organisation.memberships.filter(user__in=facilitators).values_list(
                    "user_id", flat=True
                )
            )
            if any(f.pk not in members for f in facilitators):
                self.add_error(
                    "facilitators", _("Facilitators must be members of the chosen organisation.")
                )
        if cleaned.get("start_time") and not cleaned.get("first_date"):
            self.add_error("first_date", _("Give the date too, or leave the start time empty."))
        return cleaned


class WorkshopForm(NopsaForm):
    title = title_field(_("Title"))
    purpose = long_text_field(_("Purpose"), rows=2)
    date = date_field(_("Date"), required=False)
    start_time = time_field(_("Start time"), required=False)
    duration_minutes = minutes_field(
        _("Planned duration (minutes)"), WORKSHOP_MINUTES_MIN, WORKSHOP_MINUTES_MAX
    )
    place = title_field(_("Place"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start_time") and not cleaned.get("date") and "date" not in self.errors:
            self.add_error("date", _("Give the date too, or leave the start time empty."))
        return cleaned


class StepForm(NopsaForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=())
    title = title_field(_("Title"))
    duration_minutes = minutes_field(_("Duration (minutes)"), 1, STEP_MINUTES_MAX)
    instructions = long_text_field(_("Instructions"), rows=3)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = stepkinds.choices()
        self.fields["kind"].error_messages["invalid_choice"] = _(
            "Choose a step kind from the list."
        )


class TaskForm(NopsaForm):
    """An action: what, who (a member or a named role), by when, after which workshop."""

    text = forms.CharField(
        label=_("What"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write what is to be done.")},
    )
    owner = forms.ModelChoiceField(
        label=_("Who (a member)"),
        queryset=None,
        required=False,
        empty_label=_("Nobody in particular"),
    )
    owner_role = forms.CharField(
        label=_("Who (a role)"),
        max_length=100,
        required=False,
        help_text=_("E.g. “home care manager”, when the person is not a member here."),
    )
    due_date = date_field(_("Due date"), required=False)
    challenge = forms.ModelChoiceField(
        label=_("For the challenge"),
        queryset=None,
        required=False,
        empty_label=_("No particular challenge"),
    )
    practice = forms.ModelChoiceField(
        label=_("For the practice"),
        queryset=None,
        required=False,
        empty_label=_("No particular practice"),
    )
    after_workshop = forms.ModelChoiceField(
        label=_("After the workshop"),
        queryset=Workshop.objects.none(),
        required=False,
        empty_label=_("No particular workshop"),
    )

    def __init__(self, *args, series: Series, instance=None, **kwargs) -> None:
        from .permissions import facilitator_candidates

        super().__init__(*args, **kwargs)
        self.instance = instance
        self.fields["after_workshop"].queryset = series.workshops.all()
        self.fields["owner"].queryset = facilitator_candidates(series.organisation)
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["challenge"].queryset = series.prioritised_challenges.order_by(
            "confirmed_at", "rank"
        )
        self.fields["challenge"].label_from_instance = lambda c: c.text
        self.fields["practice"].queryset = series.practices.order_by("name")

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        unchanged = self.instance is not None and self.instance.due_date == due
        if due is not None and not unchanged and due < timezone.localdate():
            raise forms.ValidationError(
                _("The due date has already passed. Choose today or a later day.")
            )
        return due


class TaskEditForm(TaskForm):
    status = forms.ChoiceField(label=_("Status"), choices=SeriesTask.Status.choices)

    field_order = [
        "text",
        "status",
        "owner",
        "owner_role",
        "due_date",
        "challenge",
        "practice",
        "after_workshop",
    ]


class ConfirmForm(NopsaForm):
    """A confirmation step before something that cannot be undone: one box to tick."""

    confirm = forms.BooleanField(
        required=True,
        error_messages={"required": _("Tick the box to confirm.")},
    )

    def __init__(self, *args, label: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["confirm"].label = label


def series_close_form(data=None, *, days: int) -> ConfirmForm:
    return ConfirmForm(
        data,
        prefix="close",
        label=_(
            "I understand that the participants' content of the series will be removed "
            "%(days)s days after closing."
        )
        % {"days": days},
    )
