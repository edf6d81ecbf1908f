"""Front page, dashboard and the method catalogue."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from .. import permissions, selectors


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("workshops:dashboard")
    return render(request, "workshops/home.html")


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (Act on the Provision of Digital Services 306/2019): public,
    in every language, linked from every page's footer."""
    return render(
        request,
        "workshops/accessibility.html",
        {
            "organisation": settings.NOPSA_ORGANISATION_NAME,
            "contact": settings.NOPSA_ACCESSIBILITY_CONTACT,
            "assessed": settings.NOPSA_ACCESSIBILITY_ASSESSED,
            "max_hours": settings.NOPSA_SESSION_MAX_HOURS,
        },
    )


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    series_list = list(selectors.dashboard_series(request.user))
    return render(
        request,
        "workshops/dashboard.html",
        {
            "series_list": series_list,
            "coordinated": list(permissions.coordinated_organisations(request.user)),
        },
    )


@require_GET
@login_required
def method_list(request: HttpRequest) -> HttpResponse:
    return render(request, "workshops/method_list.html", {"methods": selectors.catalogue_methods()})


@require_GET
@login_required
def method_detail(request: HttpRequest, slug: str) -> HttpResponse:
    method = selectors.method_with_agenda(slug)
    if method is None:
        raise Http404
    workshops = list(method.workshops.all())
    return render(
        request,
        "workshops/method_detail.html",
        {
            "method": method,
            "workshops": workshops,
            "total_minutes": sum(w.duration_minutes for w in workshops),
        },
    )


@require_GET
def bench_floor(request: HttpRequest) -> HttpResponse:
    """The benchmark's floor: a bare view through the same middleware as the live poll."""
    return HttpResponse(status=204)
