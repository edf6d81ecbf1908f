"""A URLconf for the permission matrix's own test: the real one plus three patterns that have
no row in the matrix (one at the top level, one without a name, one inside a namespaced
include)."""

from django.http import HttpResponse
from django.urls import include, path


def unlisted(request, code):  # pragma: no cover — never requested, only resolved
    return HttpResponse("")


urlpatterns = [
    path("", include("nopsa.urls")),
    path("series/<code:code>/unlisted/", unlisted, name="matrix-unlisted"),
    path("series/<code:code>/nameless/", unlisted),
    path(
        "extra/",
        include(([path("<code:code>/secret/", unlisted, name="secret")], "extra")),
    ),
]
