"""The default feedback forms that the built-in methods ship, in Finnish, Swedish and English.

A workshop's form is made from these, in the series' language, the first time it is needed;
the facilitator can then edit it before the workshop. Items that share a `key` are combined
in a series' results.
"""

from __future__ import annotations

from workshops.translation import pick

AGREE = {
    "low": {"fi": "Täysin eri mieltä", "sv": "Helt av annan åsikt", "en": "Strongly disagree"},
    "high": {"fi": "Täysin samaa mieltä", "sv": "Helt av samma åsikt", "en": "Strongly agree"},
}

COMMON_START = [
    {
        "key": "heard",
        "kind": "scale",
        "required": True,
        "text": {
            "fi": "Minun näkemykseni tuli kuulluksi.",
            "sv": "Min syn blev hörd.",
            "en": "My views were heard.",
        },
        **AGREE,
    },
    {
        "key": "useful",
        "kind": "scale",
        "required": True,
        "text": {
            "fi": "Työpaja oli hyödyllinen minulle tai työlleni.",
            "sv": "Verkstaden var till nytta för mig eller mitt arbete.",
            "en": "The workshop was useful to me or my work.",
        },
        **AGREE,
    },
    {
        "key": "clear",
        "kind": "scale",
        "required": False,
        "text": {
            "fi": "Tiesin, mitä työpajassa tavoiteltiin.",
            "sv": "Jag visste vad verkstaden strävade efter.",
            "en": "I knew what the workshop was aiming for.",
        },
        **AGREE,
    },
]

COMMON_END = [
    {
        "key": "recommend",
        "kind": "scale",
        "required": True,
        "text": {
            "fi": "Suosittelisin tällaista työpajaa muillekin.",
            "sv": "Jag skulle rekommendera en sådan verkstad åt andra.",
            "en": "I would recommend a workshop like this to others.",
        },
        "low": {"fi": "En lainkaan", "sv": "Inte alls", "en": "Not at all"},
        "high": {"fi": "Ehdottomasti", "sv": "Absolut", "en": "Definitely"},
    },
    {
        "key": "best",
        "kind": "open",
        "required": False,
        "text": {
            "fi": "Mikä työpajassa oli parasta?",
            "sv": "Vad var bäst i verkstaden?",
            "en": "What was best about the workshop?",
        },
    },
    {
        "key": "improve",
        "kind": "open",
        "required": False,
        "text": {
            "fi": "Mitä tekisit toisin seuraavalla kerralla?",
            "sv": "Vad skulle du göra annorlunda nästa gång?",
            "en": "What would you do differently next time?",
        },
    },
]

# PAKU's kick-off gets to know each other and maps needs in a learning café.
PAKU_EXTRA = [
    {
        "key": "together",
        "kind": "scale",
        "required": False,
        "text": {
            "fi": "Opin tuntemaan muita osallistujia ja heidän työtään.",
            "sv": "Jag lärde känna de andra deltagarna och deras arbete.",
            "en": "I got to know the other participants and their work.",
        },
        **AGREE,
    },
]

DEFAULT_FORM = COMMON_START + COMMON_END
FORMS_BY_METHOD = {"paku": COMMON_START + PAKU_EXTRA + COMMON_END}

INTRO = {
    "fi": "Vastaa nimettömästi. Vastaukset näytetään vain yhteenvetoina, eikä alle kolmen "
    "vastaajan ryhmää eritellä.",
    "sv": "Svara anonymt. Svaren visas endast som sammanställningar, och en grupp med färre än "
    "tre svarande redovisas inte separat.",
    "en": "Answer anonymously. Answers are shown only as summaries, and a group of fewer than "
    "three respondents is never shown separately.",
}


def default_items(method_slug: str | None, language: str) -> list[dict]:
    """The default items of a method's form in one language: dicts of item fields."""
    items = FORMS_BY_METHOD.get(method_slug or "", DEFAULT_FORM)
    result = []
    for item in items:
        result.append(
            {
                "key": item["key"],
                "kind": item["kind"],
                "required": item["required"],
                "text": pick(item["text"], language),
                "low_label": pick(item.get("low", ""), language) or "",
                "high_label": pick(item.get("high", ""), language) or "",
            }
        )
    return result


def default_intro(language: str) -> str:
    return pick(INTRO, language)
