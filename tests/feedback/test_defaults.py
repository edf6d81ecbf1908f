"""The methods' default feedback forms: in the series' language, with labelled scale ends."""

import pytest

from workshops import stepkinds
from workshops.feedback import defaults, services
from workshops.models import Method, Series, Step

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("fi", "Minun näkemykseni tuli kuulluksi."),
        ("sv", "Min syn blev hörd."),
        ("en", "My views were heard."),
    ],
)
def test_a_form_is_made_from_the_default_in_the_series_language(
    series, workshop, language, question
):
    Series.objects.filter(pk=series.pk).update(language=language)
    workshop.series.language = language
    step = Step.objects.create(
        workshop=workshop, position=1, kind="feedback", title="Palaute", duration_minutes=5
    )
    form = services.form_ensure(step=step)
    items = list(form.items.all())
    assert items[0].text == question
    assert all(i.low_label and i.high_label for i in items if i.is_scale)
    assert {i.kind for i in items} == {"scale", "open"}
    assert services.form_ensure(step=step).pk == form.pk  # made once


def test_every_default_item_has_all_three_languages():
    for items in [defaults.DEFAULT_FORM, *defaults.FORMS_BY_METHOD.values()]:
        for item in items:
            for key in ("text", "low", "high"):
                if key in item:
                    assert set(item[key]) == {"fi", "sv", "en"}, (item["key"], key)


def test_paku_kick_off_asks_about_getting_to_know_each_other(series, workshop):
    series.method = Method.objects.get(slug="paku")
    series.save()
    step = Step.objects.create(
        workshop=workshop, position=1, kind="feedback", title="Palaute", duration_minutes=5
    )
    keys = list(services.form_ensure(step=step).items.values_list("key", flat=True))
    assert "together" in keys


def test_the_feedback_kind_is_registered_by_the_feedback_app_with_its_live_unit():
    kind = stepkinds.get("feedback")
    assert kind.app_label == "feedback"
    assert kind.live.template == "feedback/live.html"
