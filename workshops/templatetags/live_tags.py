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
