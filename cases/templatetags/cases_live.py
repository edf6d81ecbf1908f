"""Template tags of the cases app's live step templates."""

from django import template

from ..live.selectors import live_board as _live_board

register = template.Library()


@register.simple_tag(takes_context=True)
def live_board(context):
    """`{% live_board as board %}`: the current step's artefact, suggestions and form as the
    viewer of `state` sees them (a bound form and its error come from a failed POST)."""
    return _live_board(
        context["state"],
        form=context.get("suggestion_form"),
        error=context.get("suggestion_error") or "",
    )
