"""The small-group rule in the report: participants are counted by type and organisation, and
an organisation with fewer than three participants is never named — nor can it be worked out
by subtracting the named ones from the total."""

import pytest

from tests.workshops.factories import WorkshopFactory
from workshops.live import identity
from workshops.models import Attendance, Participant, Workshop
from workshops.reports import practice_model, render
from workshops.smallgroups import MIN_GROUP, named_groups, split_allowed


@pytest.mark.parametrize(
    ("counts", "named", "other"),
    [
        ({"A": 3, "B": 3, "C": 3}, [("A", 3), ("B", 3), ("C", 3)], 0),
        ({"A": 5, "B": 1, "C": 2}, [("A", 5)], 3),
        # One small organisation alone in "other" would be the total minus the named ones:
        # the smallest named one joins it.
        ({"A": 5, "B": 4, "C": 1}, [("A", 5)], 5),
        ({"A": 5, "B": 2}, [], 7),
        ({"A": 2}, [], 2),
        ({"A": 4, "B": 0}, [("A", 4)], 0),
        ({}, [], 0),
    ],
)
def test_small_organisations_are_merged_so_that_no_small_group_can_be_derived(counts, named, other):
    assert named_groups(counts) == (named, other)
    # Whatever is merged is either nobody or at least MIN_GROUP people, except when there is
    # nobody left to merge it with.
    assert other == 0 or other >= MIN_GROUP or not named


def test_the_feedback_rule_is_the_same_shared_rule():
    from workshops.feedback import stats

    assert stats.MIN_GROUP == MIN_GROUP == 3
    assert stats.split_allowed is split_allowed


def _attend(workshop, organisation, count, kind=Participant.Kind.PROFESSIONAL):
    for index in range(count):
        person = Participant.objects.create(
            series=workshop.series,
            token_hash=identity.hash_token(identity.new_token()),
            nickname=f"Nimimerkki{organisation[:3]}{index}",
            kind=kind,
            organisation_name=organisation,
        )
        Attendance.objects.create(participant=person, workshop=workshop)


@pytest.mark.django_db
def test_the_workshops_section_names_only_organisations_of_three_or_more(series):
    workshop = WorkshopFactory(series=series, position=1, state=Workshop.State.HELD)
    _attend(workshop, "Aikuissosiaalityö", 5)
    _attend(workshop, "Ohjaamo", 3)
    _attend(workshop, "Seurakunta", 1)
    _attend(workshop, "", 2, Participant.Kind.CLIENT)

    section = render.report_context(series)["sections"]
    row = next(s for s in section if s["key"] == "workshops")["context"]["workshops"][0]
    assert row["total"] == 11
    # Seurakunta (1) alone would be 11 - 5 - 3 - 2: Ohjaamo (3) joins it.
    assert row["organisations"] == [("Aikuissosiaalityö", 5)]
    assert row["other"] == 4
    assert row["not_given"] == 2
    assert dict(row["kinds"]) == {"ammattilainen": 9, "asiakasedustaja": 2}

    html = render.report_html(series)
    assert "Aikuissosiaalityö 5" in html
    assert "Seurakunta" not in html and "Ohjaamo" not in html
    assert "muut organisaatiot 4" in html
    assert "Nimimerkki" not in html  # counted, never named


@pytest.mark.django_db
def test_the_operating_environment_draft_names_only_organisations_of_three_or_more(series):
    workshop = WorkshopFactory(series=series, position=1, state=Workshop.State.HELD)
    _attend(workshop, "Aikuissosiaalityö", 3)
    _attend(workshop, "Ohjaamo", 4)
    _attend(workshop, "Seurakunta", 1)
    _attend(workshop, "TE-palvelut", 2)

    text = practice_model.text_for(series, "environment")
    assert "Aikuissosiaalityö, Ohjaamo, muut organisaatiot" in text
    assert "Seurakunta" not in text and "TE-palvelut" not in text
