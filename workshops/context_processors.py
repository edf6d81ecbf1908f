def navigation(request) -> dict:
    """Which main-navigation item the current page belongs to (for aria-current)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "workshops":
        return {}
    return {"nav": "methods" if match.url_name.startswith("method") else "series"}


def session_timeout(request) -> dict:
    """For a logged-in user's pages: seconds until the session would end when idle (less the
    granularity of "last seen") and at the latest (`nopsa.sessions`), for the warning."""
    from django.conf import settings

    from nopsa import sessions

    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is None or not user.is_authenticated or session is None:
        return {}
    login_at = session.get(sessions.LOGIN_AT)
    max_seconds = settings.NOPSA_SESSION_MAX_HOURS * 3600
    left = max_seconds if login_at is None else login_at + max_seconds - sessions.now()
    return {
        "session_timeout": {
            "idle": max(60, settings.NOPSA_SESSION_IDLE_MINUTES * 60 - sessions.SEEN_GRANULARITY),
            "absolute": max(0, int(left)),
            "warn": 120,
        }
    }
