def navigation(request) -> dict:
    """Which main-navigation item the current page belongs to (for aria-current)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "workshops":
        return {}
    return {"nav": "methods" if match.url_name.startswith("method") else "series"}
