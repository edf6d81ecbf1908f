"""Forms of the cases app; every free-text field passes the identifier guard (NopsaForm)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workshops.forms import NopsaForm, long_text_field, title_field
from workshops.models import Practice, PrioritisedChallenge

from .models import (
    NAME_MAX,
    Actor,
    CausalLink,
    ClientCard,
    LifeArea,
    PathEvent,
    Persona,
)


def name_field(label, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, max_length=NAME_MAX, **kwargs)


class CaseForm(NopsaForm):
    title = title_field(_("Title"), help_text=_("A short name that does not identify the client."))
    situation = long_text_field(
        _("Situation"),
        rows=8,
        required=True,
        help_text=_(
            "The client's situation in your own words. No names, identity codes, phone "
            "numbers, e-mail or street addresses."
        ),
    )
    life_areas = forms.MultipleChoiceField(
        label=_("Life areas involved"),
        choices=LifeArea.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    services_involved = long_text_field(_("Services and actors involved"), rows=3)
    tried = long_text_field(_("What has been tried"), rows=3)
    client_goal = long_text_field(_("The client's own goal"), rows=3)
    practices = forms.ModelMultipleChoiceField(
        label=_("Practices this case is behind"),
        queryset=Practice.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    confirmed = forms.BooleanField(
        label=_("I confirm that the case is anonymised: nobody can be recognised from it."),
        error_messages={"required": _("Confirm that the case is anonymised.")},
    )

    def __init__(self, *args, series=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if series is not None:
            self.fields["practices"].queryset = Practice.objects.filter(series=series).order_by(
                "name"
            )
        if not self.fields["practices"].queryset.exists():
            del self.fields["practices"]


class PersonaForm(NopsaForm):
    name = name_field(_("Name"), help_text=_("A made-up first name, e.g. “Maija”."))
    age_group = forms.ChoiceField(label=_("Age group"), choices=Persona.AgeGroup.choices)
    life_situation = long_text_field(_("Life situation"), rows=4)
    needs = long_text_field(_("Needs"), rows=3)
    goals = long_text_field(_("Goals"), rows=3)
    value_functional = long_text_field(
        _("Functional value"), rows=2, help_text=_("What gets done, what becomes possible.")
    )
    value_social = long_text_field(
        _("Social value"), rows=2, help_text=_("Relationships, belonging, being heard.")
    )
    value_emotional = long_text_field(
        _("Emotional value"), rows=2, help_text=_("How it feels: safety, trust, hope.")
    )


class PathForm(NopsaForm):
    title = title_field(_("Title"))
    subject = forms.ChoiceField(label=_("Whose path"), choices=())

    def __init__(self, *args, cases, personas, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Choose a case or a persona"))]
        choices += [(f"case:{c.public_id}", _("Case: %(t)s") % {"t": c.title}) for c in cases]
        choices += [
            (f"persona:{p.public_id}", _("Persona: %(t)s") % {"t": p.name}) for p in personas
        ]
        self.fields["subject"].choices = choices
        self._subjects = {f"case:{c.public_id}": c for c in cases} | {
            f"persona:{p.public_id}": p for p in personas
        }

    def clean_subject(self):
        return self._subjects[self.cleaned_data["subject"]]


class TitledForm(NopsaForm):
    title = title_field(_("Title"))
    description = long_text_field(_("Description"), rows=3)


class NetworkForm(NopsaForm):
    title = title_field(_("Title"))
    client_segment = title_field(
        _("Client segment"),
        required=False,
        help_text=_("Which clients the network serves, e.g. “families with many services”."),
    )


# --- Items ------------------------------------------------------------------------------------


class EventForm(NopsaForm):
    when = name_field(
        _("When"), required=False, help_text=_("E.g. “week 3”, “March 2024”, “after discharge”.")
    )
    actor = name_field(_("Actor or service"))
    what = long_text_field(_("What happened"), rows=2, required=True)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=PathEvent.Channel.choices, required=False
    )
    experience = forms.ChoiceField(
        label=_("For the client it was"),
        choices=PathEvent.Experience.choices,
        initial=PathEvent.Experience.NEUTRAL,
    )

    def __init__(self, *args, parent=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)


class PointForm(NopsaForm):
    title = title_field(_("Critical point"))
    event = forms.ModelChoiceField(
        label=_("At event"),
        queryset=PathEvent.objects.none(),
        required=False,
        empty_label=_("Not at one event"),
    )
    notes = long_text_field(_("Notes"), rows=2)

    def __init__(self, *args, parent, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = parent.events.all()
        self.fields["event"].label_from_instance = lambda e: f"{e.position}. {e.what[:60]}"


class SolutionForm(NopsaForm):
    critical_point = forms.ModelChoiceField(
        label=_("Critical point"), queryset=None, empty_label=None
    )
    text = long_text_field(_("Solution"), rows=2, required=True)
    prioritised_challenge = forms.ModelChoiceField(
        label=_("Prioritised challenge it answers"),
        queryset=None,
        required=False,
        empty_label=_("None of the prioritised challenges"),
    )
    practice = forms.ModelChoiceField(
        label=_("Practice it became part of"),
        queryset=None,
        required=False,
        empty_label=_("Not part of a practice (yet)"),
    )
    challenge = title_field(
        _("Or in your own words"),
        required=False,
        help_text=_("Optional: the challenge this solution answers, when it is not listed."),
    )

    def __init__(self, *args, parent, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["critical_point"].queryset = parent.critical_points.all()
        self.fields["prioritised_challenge"].queryset = PrioritisedChallenge.objects.filter(
            series_id=parent.series_id
        ).order_by("confirmed_at", "rank")
        self.fields["practice"].queryset = Practice.objects.filter(
            series_id=parent.series_id
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        linked = cleaned.get("prioritised_challenge")
        if linked is not None and not cleaned.get("challenge"):
            cleaned["challenge"] = linked.text  # the wording stays if the link is removed
        return cleaned


class FactorForm(NopsaForm):
    name = title_field(_("Factor"))

    def __init__(self, *args, parent=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)


class LinkForm(NopsaForm):
    cause = forms.ModelChoiceField(label=_("Cause"), queryset=None, empty_label=None)
    effect = forms.ModelChoiceField(label=_("Effect"), queryset=None, empty_label=None)
    sign = forms.ChoiceField(label=_("Sign"), choices=CausalLink.Sign.choices, required=False)

    def __init__(self, *args, parent, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cause"].queryset = parent.factors.all()
        self.fields["effect"].queryset = parent.factors.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cause") and cleaned.get("cause") == cleaned.get("effect"):
            self.add_error("effect", _("A factor cannot cause itself. Choose a different effect."))
        return cleaned


class ActorForm(NopsaForm):
    name = name_field(_("Name"))
    type = forms.ChoiceField(label=_("Type"), choices=Actor.Type.choices)
    role = long_text_field(_("Role"), rows=2)
    responsibilities = long_text_field(_("Responsibilities"), rows=2)
    obligations = long_text_field(_("Obligations towards the client segment"), rows=2)

    def __init__(self, *args, parent=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)


class ServiceForm(NopsaForm):
    name = title_field(_("Coordinated service"))
    description = long_text_field(_("Description"), rows=2)
    actors = forms.ModelMultipleChoiceField(
        label=_("Actors taking part"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, parent, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actors"].queryset = parent.actors.all()


class CardForm(NopsaForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ClientCard.Kind.choices)
    title = title_field(_("Title"))
    description = long_text_field(_("Description"), rows=2)

    def __init__(self, *args, parent=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)


class StepForm(NopsaForm):
    actor = name_field(_("Who"))
    action = long_text_field(_("Does what"), rows=2, required=True)
    handoff_to = name_field(_("Hands over to"), required=False)

    def __init__(self, *args, parent=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)


ITEM_FORMS = {
    "event": EventForm,
    "point": PointForm,
    "solution": SolutionForm,
    "factor": FactorForm,
    "link": LinkForm,
    "actor": ActorForm,
    "service": ServiceForm,
    "card": CardForm,
    "step": StepForm,
}
