"""The audit log of an organisation, for its coordinators: who viewed or changed case
material, exported reports, revoked personal links or deleted things. Newest first, a page at
a time, filtered by action and series. Anyone else (facilitators included) gets 404."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .. import permissions
from ..models import AuditEntry, Series

PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    series = forms.ChoiceField(label=_("Series"), required=False)

    def __init__(self, *args, organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions")), *AuditEntry.Action.choices]
        series = Series.objects.filter(organisation=organisation).order_by("title")
        self.fields["series"].choices = [
            ("", _("All series")),
            *((s.code, f"{s.title} ({s.code})") for s in series.only("code", "title")),
        ]


def entries(organisation, *, action: str = "", series_code: str = ""):
    """The organisation's entries, newest first, with who and which series (one query a page)."""
    qs = AuditEntry.objects.for_organisation(organisation).select_related("actor", "series")
    if action:
        qs = qs.filter(action=action)
    if series_code:
        qs = qs.filter(series__code=series_code)
    return qs


@require_GET
@login_required
def audit_log(request: HttpRequest, code: str) -> HttpResponse:
    organisation = permissions.get_coordinated_organisation(request.user, code)
    form = AuditFilterForm(request.GET or None, organisation=organisation)
    chosen = form.cleaned_data if form.is_valid() else {}
    page = Paginator(
        entries(
            organisation,
            action=chosen.get("action", ""),
            series_code=chosen.get("series", ""),
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workshops/audit_log.html",
        {
            "organisation": organisation,
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
        status=422 if form.errors else 200,
    )
