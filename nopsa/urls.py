from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from workshops.forms_auth import LoginForm
from workshops.views.system import health, session_keepalive

# A database outage met outside a view gets the 503 page too (nopsa/faults.py).
handler500 = "nopsa.faults.server_error"

urlpatterns = [
    # For load balancers and monitoring: no session, no cookies (see workshops/views/system.py).
    path("healthz", health, name="health"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/session/", session_keepalive, name="session-keepalive"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("workshops.urls_live")),
    path("", include("workshops.urls_people")),
    path("", include("workshops.urls")),
    path("", include("cases.urls")),
    path("", include("workshops.feedback.urls")),
]

if settings.NOPSA_BENCH:
    from workshops.views.pages import bench_floor

    urlpatterns.append(path("bench/floor/", bench_floor))
