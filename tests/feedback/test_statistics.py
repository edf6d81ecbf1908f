"""Statistics of a workshop with 88 answers, checked against figures computed here, and the
anonymity rule: a group with fewer than 3 respondents is never shown on its own."""

import random
import statistics
from collections import Counter

import pytest
from django.urls import reverse

from workshops.feedback import services, stats
from workshops.feedback.models import FeedbackResponse
from workshops.models import Participant

from .conftest import held, make_participant

pytestmark = pytest.mark.django_db

CLIENT = Participant.Kind.CLIENT
PRO = Participant.Kind.PROFESSIONAL


def seed(form, workshop, kinds, rng):
    """Each participant answers every scale item with a random value (some skip the optional
    one) and some write open answers. Returns what was given, for independent figures."""
    given = []
    items = list(form.items.all())
    for index, kind in enumerate(kinds):
        participant = make_participant(workshop, kind, nickname=f"Henkilö {index}")
        answers = {}
        for item in items:
            if item.is_scale:
                if not item.required and rng.random() < 0.2:
                    continue
                answers[item.pk] = rng.randint(1, 5)
            elif rng.random() < 0.5:
                answers[item.pk] = f"Vastaus {index} kohtaan {item.key}"
        services.response_submit(
            form=form, workshop=workshop, participant=participant, answers=answers, live=False
        )
        given.append((kind, answers))
    return given


def test_88_answers_give_the_counts_means_and_distributions_computed_independently(
    client, facilitator, form, workshop
):
    workshop = held(workshop)
    rng = random.Random(88)
    kinds = [CLIENT] * 21 + [PRO] * 67
    rng.shuffle(kinds)
    given = seed(form, workshop, kinds, rng)
    assert FeedbackResponse.objects.filter(form=form).count() == 88

    [result] = stats.form_results([form])
    assert result.respondents == 88
    assert result.respondents_by_group == {CLIENT: 21, PRO: 67}
    assert result.split_shown
    for item_result in result.items:
        item = item_result.item
        if item.is_scale:
            everyone = [a[item.pk] for _k, a in given if item.pk in a]
            assert item_result.total.n == len(everyone)
            assert item_result.total.mean == pytest.approx(statistics.mean(everyone))
            counts = Counter(everyone)
            assert item_result.total.counts == [counts.get(v, 0) for v in range(1, 6)]
            groups = {g.kind: g for g in item_result.groups}
            for kind in (CLIENT, PRO):
                values = [a[item.pk] for k, a in given if k == kind and item.pk in a]
                assert groups[kind].n == len(values)
                assert groups[kind].mean == pytest.approx(statistics.mean(values))
                assert groups[kind].counts == [Counter(values).get(v, 0) for v in range(1, 6)]
        else:
            texts = sorted((a[item.pk] for _k, a in given if item.pk in a), key=str.casefold)
            assert item_result.texts == texts

    # The page shows the same figures, in Finnish format.
    heard = form.items.get(key="heard")
    values = [a[heard.pk] for _k, a in given]
    client.force_login(facilitator)
    html = client.get(
        reverse("feedback:workshop-results", args=[workshop.series.code, workshop.code])
    ).content.decode()
    expected = f"{statistics.mean(values):.2f}".replace(".", ",")
    assert f"Keskiarvo {expected} (n = 88)" in html
    assert "88 vastaajaa" in html and "Henkilö" not in html


def test_a_group_of_two_is_not_shown_separately_but_counts_in_the_total(
    client, facilitator, form, workshop
):
    workshop = held(workshop)
    rng = random.Random(2)
    given = seed(form, workshop, [CLIENT, CLIENT] + [PRO] * 10, rng)
    [result] = stats.form_results([form])
    assert result.respondents == 12
    assert not result.split_shown
    for item_result in result.items:
        assert item_result.groups == []
        assert item_result.group_texts == []
        if item_result.item.is_scale:
            everyone = [a[item_result.item.pk] for _k, a in given if item_result.item.pk in a]
            assert item_result.total.n == len(everyone)  # the two clients count in the total

    client.force_login(facilitator)
    page = client.get(
        reverse("feedback:workshop-results", args=[workshop.series.code, workshop.code])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "client representative" not in html.lower()
    assert "asiakasedustaja" not in html.lower()
    assert "Henkilö" not in html  # never a name


def test_with_three_in_each_group_the_split_is_shown(client, facilitator, form, workshop):
    workshop = held(workshop)
    seed(form, workshop, [CLIENT] * 3 + [PRO] * 3, random.Random(3))
    [result] = stats.form_results([form])
    assert result.split_shown
    client.force_login(facilitator)
    html = client.get(
        reverse("feedback:workshop-results", args=[workshop.series.code, workshop.code])
    ).content.decode()
    assert "Asiakasedustaja" in html or "asiakasedustaja" in html


def test_split_rule():
    assert not stats.split_allowed({PRO: 10})
    assert not stats.split_allowed({PRO: 10, CLIENT: 2})
    assert not stats.split_allowed({PRO: 2, CLIENT: 10})
    assert stats.split_allowed({PRO: 3, CLIENT: 3})
    assert not stats.split_allowed({PRO: 10, CLIENT: 0})


def test_the_series_combines_the_same_item_across_workshops_and_lists_open_answers(
    client, coordinator, series, workshop
):
    from tests.workshops.factories import WorkshopFactory
    from workshops.feedback import selectors
    from workshops.models import Step

    second = WorkshopFactory(series=series, position=2)
    forms = []
    for w in (workshop, second):
        step = Step.objects.create(
            workshop=w, position=1, kind="feedback", title="Palaute", duration_minutes=5
        )
        forms.append(services.form_ensure(step=step))
        held(w)
    rng = random.Random(7)
    given = seed(forms[0], workshop, [PRO] * 4 + [CLIENT] * 3, rng)
    given += seed(forms[1], second, [PRO] * 5 + [CLIENT], rng)
    results = {r.key: r for r in stats.series_results(selectors.series_forms(series))}
    heard = results["scale-heard"]
    values = [
        v
        for _k, a in given
        for pk, v in a.items()
        if isinstance(v, int) and pk in {f.items.get(key="heard").pk for f in forms}
    ]
    assert heard.result.total.n == len(values) == 13
    assert heard.result.total.mean == pytest.approx(statistics.mean(values))
    # 9 professionals and 4 client representatives in all, but the second workshop's one
    # client representative could be found by subtracting the first workshop's three.
    assert heard.result.groups == []
    assert [n for _t, s in heard.per_workshop for n in [s.n]] == [7, 6]
    best = results["open-best"]
    assert not best.is_scale
    texts = sorted(
        (t for _k, a in given for t in a.values() if isinstance(t, str) and "kohtaan best" in t),
        key=str.casefold,
    )
    assert best.result.texts == texts
    client.force_login(coordinator)
    page = client.get(reverse("feedback:series", args=[series.code]))
    assert page.status_code == 200
    for text in texts:
        assert text in page.content.decode()


def test_the_series_splits_when_every_workshop_has_groups_of_three(series, workshop):
    from tests.workshops.factories import WorkshopFactory
    from workshops.feedback import selectors
    from workshops.models import Step

    second = WorkshopFactory(series=series, position=2)
    for w, kinds in ((workshop, [PRO] * 4 + [CLIENT] * 3), (second, [PRO] * 5)):
        step = Step.objects.create(
            workshop=w, position=1, kind="feedback", title="Palaute", duration_minutes=5
        )
        held(w)
        seed(services.form_ensure(step=step), w, kinds, random.Random(5))
    results = {r.key: r for r in stats.series_results(selectors.series_forms(series))}
    groups = {g.kind: g.n for g in results["scale-heard"].result.groups}
    assert groups == {PRO: 9, CLIENT: 3}
