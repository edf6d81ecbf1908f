import uuid

from django import template

from ..live.render import note_html
from ..live.services import timer_seconds_left

register = template.Library()


@register.simple_tag
def note_item(note, viewer):
    """One note, drawn the same way as the poll's upserts."""
    return note_html(note, viewer)


@register.filter
def clock(seconds):
    """Seconds as m:ss (or h:mm:ss)."""
    if seconds is None:
        return ""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.simple_tag
def timer_left(workshop):
    return timer_seconds_left(workshop)


@register.simple_tag(takes_context=True)
def converge_board(context):
    """`{% converge_board as board %}`: the current themes, vote or prioritise step as the
    viewer of `state` sees it. A form sent back with what was chosen (`posted`) draws its own
    options; otherwise the phones and the room share one drawing of the themes."""
    from ..live.converge_board import converge_board as board

    return board(context["state"], shared=not context.get("posted"))


@register.simple_tag(takes_context=True)
def ballot(context):
    """The voter's ballot for the vote step of `state` (see live/ballot.py)."""
    from ..live.ballot import ballot_html
    from ..live.converge_board import converge_board as board

    state = context["state"]
    return ballot_html(
        board(state), context["request"], state.workshop.code, context.get("error") or ""
    )


@register.simple_tag
def earlier_challenges(workshop):
    """`{% earlier_challenges workshop as challenges %}`: the series' prioritised challenges
    that earlier workshops confirmed (one query), for the next workshop's screens."""
    from ..live.converge_board import series_challenges

    return [c for c in series_challenges(workshop.series_id) if c.workshop_id != workshop.pk]


@register.simple_tag
def uuid_value():
    """A fresh client-made id for a form that may be retried."""
    return str(uuid.uuid4())


# Steps that work on the prioritised challenges of earlier workshops show them: on the room
# screen also where they are talked through (a Ratkaisupaja opens by recapping them); on the
# phones where participants answer them.
CHALLENGE_STEP_KINDS = {
    "room": {"discussion", "solutions", "case_work", "service_path", "practice", "actions"},
    "phone": {"solutions", "case_work"},
}


@register.filter
def refers_to_challenges(step, screen: str = "room") -> bool:
    return step is not None and step.kind in CHALLENGE_STEP_KINDS[screen]


@register.simple_tag
def all_challenges(series):
    """`{% all_challenges series as challenges %}`: every prioritised challenge of the series
    with the workshop it came from (one query)."""
    from ..live.converge_board import series_challenges

    return series_challenges(series.pk)
