"""How each step kind of the cases app runs live, and which artefact a step works on."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from workshops.live.kinds import LiveKind

from ..models import Case, CausalMap, Persona, ServicePath, Suggestion

# Case work reuses the notes of a brainstorm: a note's category is one of the step's guiding
# questions (the `questions` that method steps already have).
CASE_WORK = LiveKind(
    template="cases/live/case_work.html",
    takes_notes=True,
    uses_categories=True,
    categories_key="questions",
    category_label=_("Question"),
    category_prompt=_("Choose the question your note answers"),
)
PERSONA = LiveKind(template="cases/live/persona.html")
SERVICE_PATH = LiveKind(template="cases/live/service_path.html")
CAUSAL_MAP = LiveKind(template="cases/live/causal_map.html")

# step kind -> (settings key, artefact model, URL kind of cases:detail)
ARTEFACTS: dict[str, tuple[str, type[models.Model], str]] = {
    "case_work": ("case", Case, "case"),
    "persona": ("persona", Persona, "persona"),
    "service_path": ("path", ServicePath, "path"),
    "causal_map": ("map", CausalMap, "map"),
}

# step kind -> the kinds of suggestion its participants make
SUGGESTION_KINDS: dict[str, tuple[str, ...]] = {
    "persona": (Suggestion.Kind.PERSONA_LINE,),
    "service_path": (Suggestion.Kind.PATH_EVENT,),
    "causal_map": (Suggestion.Kind.FACTOR, Suggestion.Kind.LINK),
}

# The parts of a persona a participant can add a line to.
PERSONA_PARTS = [
    ("needs", _("Need")),
    ("goals", _("Goal")),
    ("value_functional", _("Functional value")),
    ("value_social", _("Social value")),
    ("value_emotional", _("Emotional value")),
]


def artefact_id(step) -> uuid.UUID | None:
    """The public id of the artefact the step names in its settings, if any and well-formed."""
    spec = ARTEFACTS.get(step.kind) if step is not None else None
    if spec is None:
        return None
    value = (step.settings or {}).get(spec[0])
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def chosen_artefact(step, series_id: int):
    """The step's artefact if it still exists in the step's series (one query), else None."""
    public_id = artefact_id(step)
    if public_id is None:
        return None
    model = ARTEFACTS[step.kind][1]
    return model.objects.filter(series_id=series_id, public_id=public_id).first()
