"""The client's address, decided in one place for every limit (login lockout, join codes).

Behind reverse proxies the address comes from X-Forwarded-For only when
`NOPSA_TRUSTED_PROXY_COUNT` says how many proxies append to it; otherwise it is REMOTE_ADDR.
Each proxy appends the address it saw to the right of the header, so the N-th entry from the
right is what the outermost of N trusted proxies saw: anything a client wrote into the header
stays to the left of it and is never believed. A request whose header is shorter than that
(it did not pass every proxy) or not an address falls back to REMOTE_ADDR.

Axes uses this function too (`AXES_CLIENT_IP_CALLABLE`), so both limits see one address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address, or None when the request has none (e.g. a test's login without a client)."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = int(getattr(settings, "NOPSA_TRUSTED_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return remote
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [e for e in entries if e]
    if len(entries) < count:
        return remote
    candidate = entries[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
