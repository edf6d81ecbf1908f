"""The app's URLs plus a view that fails, for the 500 page's tests."""

from django.db import OperationalError
from django.urls import path

from nopsa.urls import urlpatterns as app_urlpatterns


def boom(request):
    raise RuntimeError("kaatui: salainen-asiakastieto")


def database_down(request):
    raise OperationalError("connection to server failed")


urlpatterns = [
    path("boom/", boom),
    path("database-down/", database_down),
    *app_urlpatterns,
]
