from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import NopsaForm
from ..models import COMMENT_MAX, LONG_TEXT_MAX


class SummaryForm(NopsaForm):
    """The introduction, then per section: whether it is shown, and its text."""

    intro = forms.CharField(
        label=_("Introduction"),
        max_length=LONG_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Free text at the top: thanks, what happens next."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, sections=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sections = list(sections)
        for section in self.sections:
            key = section["key"]
            self.fields[f"include_{key}"] = forms.BooleanField(
                label=_("Show “%(section)s”") % {"section": section["title"]},
                required=False,
                initial=section.get("included", True),
            )
            self.fields[f"text_{key}"] = forms.CharField(
                label=section["title"],
                max_length=LONG_TEXT_MAX,
                required=False,
                initial=section.get("text", ""),
                widget=forms.Textarea(attrs={"rows": 8}),
            )

    def section_fields(self):
        return [(self[f"include_{s['key']}"], self[f"text_{s['key']}"]) for s in self.sections]

    def edited_sections(self) -> list[dict]:
        result = []
        for section in self.sections:
            key = section["key"]
            # Browsers send text areas with CRLF line ends; the drafts have LF.
            text = self.cleaned_data.get(f"text_{key}", "").replace("\r\n", "\n")
            result.append(
                {
                    **section,
                    "text": text,
                    "included": self.cleaned_data.get(f"include_{key}", False),
                    "edited": section.get("edited", False) or text != section.get("text", ""),
                }
            )
        return result


class CommentForm(NopsaForm):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write your comment first.")},
    )
    kind = forms.CharField(widget=forms.HiddenInput)
    target = forms.CharField(widget=forms.HiddenInput)
    parent = forms.UUIDField(widget=forms.HiddenInput, required=False)
    unguarded_fields = ("kind", "target")
