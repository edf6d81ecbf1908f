"""Random public identifiers: short, unambiguous, safe to read aloud and to type."""

import secrets

# No 0/O, 1/I/L, 5/S, 8/B: letters and digits that are easy to confuse are left out.
ALPHABET = "234679ACDEFGHJKMNPQRTUVWXYZ"


def random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_series_code() -> str:
    return random_code(8)


def new_workshop_code() -> str:
    return random_code(8)


def new_organisation_code() -> str:
    return random_code(8)
