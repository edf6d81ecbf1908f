"""The identifier guard: finds what could identify a person in free text.

`find_identifiers(text)` returns every place that looks like a Finnish personal identity code
(henkilötunnus), a phone number, an e-mail address, a street address or a business ID.
A *blocking* finding is refused outright; a non-blocking one (a warning) is shown to the writer,
who confirms that it does not identify anyone.

What blocks and what warns:
- identity code with a valid checksum: blocking; the right shape with a wrong checksum: warning
  (a typo of a real code still identifies, but a made-up number may be harmless);
- phone number (Finnish or international, checked against the numbering plans of the
  `phonenumbers` library): blocking;
- e-mail address: blocking;
- street address (street name + number) and postal code + town: blocking;
- business ID (Y-tunnus) with a valid check digit: warning (a sole trader's ID identifies them,
  a company's does not).

Ordinary case prose — ages, dates, times, amounts, percentages, years, counts, week and room
numbers — gives no findings; tests/cases/test_anonymise.py holds a corpus that proves it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher


@dataclass(frozen=True)
class Finding:
    kind: str  # "hetu" | "phone" | "email" | "address" | "business_id"
    start: int
    end: int
    blocking: bool


KINDS = ("hetu", "phone", "email", "address", "business_id")

# --- Personal identity code (henkilötunnus) ---------------------------------------------------

HETU_CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
# 1800s: +; 1900s: - and, since 2023, Y X W V U; 2000s: A and, since 2023, B C D E F.
HETU_CENTURY_SIGNS = "+-YXWVUABCDEF"
_HETU = re.compile(
    r"(?<![0-9A-Za-z])"
    r"(?P<day>0[1-9]|[12]\d|3[01])(?P<month>0[1-9]|1[0-2])(?P<year>\d\d)"
    r"(?P<sign>[-+A-FU-Ya-fu-y])"
    r"(?P<individual>\d{3})"
    r"(?P<check>[0-9A-Za-z])"
    r"(?![0-9A-Za-z])"
)


def hetu_check_char(date_digits: str, individual: str) -> str:
    """The check character of an identity code with these six date and three individual digits."""
    return HETU_CHECK_CHARS[int(date_digits + individual) % 31]


def _find_hetus(text: str) -> list[Finding]:
    findings = []
    for match in _HETU.finditer(text):
        if match["sign"].upper() not in HETU_CENTURY_SIGNS:
            continue
        individual = match["individual"]
        if individual in ("000", "001"):
            continue
        expected = hetu_check_char(match["day"] + match["month"] + match["year"], individual)
        valid = match["check"].upper() == expected
        findings.append(Finding("hetu", match.start(), match.end(), blocking=valid))
    return findings


# --- Phone numbers ----------------------------------------------------------------------------

# The matcher of `phonenumbers` also accepts some dates ("01.02.2024"); a phone number in prose
# starts with + or 00 (international) or with the Finnish trunk prefix 0.
_DATE_LIKE = re.compile(
    r"^\d{1,2}\.\d{1,2}\.(\d{2}|\d{4})?$|^\d{1,2}[.:]\d{2}(\s*[-–]\s*\d{1,2}[.:]\d{2})?$"
)


def _find_phones(text: str) -> list[Finding]:
    findings = []
    for match in PhoneNumberMatcher(text, "FI", leniency=Leniency.VALID):
        raw = match.raw_string.strip()
        if not raw.startswith(("+", "0", "(0", "(+")) or _DATE_LIKE.match(raw):
            continue
        if not phonenumbers.is_valid_number(match.number):
            continue
        findings.append(Finding("phone", match.start, match.end, blocking=True))
    return findings


# --- E-mail -----------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*\.[^\W\d_]{2,}"
)


def _find_emails(text: str) -> list[Finding]:
    return [Finding("email", m.start(), m.end(), blocking=True) for m in _EMAIL.finditer(text)]


# --- Street addresses and postal codes ---------------------------------------------------------

# Finnish and Swedish street-name endings (a compound word ending in one of these, capitalised,
# followed by a house number). Inflected forms ("Hämeenkadulla 3") are covered by the endings
# of their stems where they are common.
_STREET_ENDINGS = (
    "katu|kadulla|kadun|tie|tiellä|tien|polku|kuja|kujalla|tanhua|raitti|väylä|väylällä|kaari|"
    "kaarella|rinne|rinteellä|ranta|rannassa|tori|torilla|aukio|aukiolla|puistikko|piha|mäki|"
    "mäellä|kaarre|portti|vainio|niitty|pelto|linja|bulevardi|esplanadi|kallio|ahde|"
    "gatan|gata|vägen|väg|gränd|stigen|backen|torget|allén|stranden|plan"
)
_STREET = re.compile(
    r"(?<![\w-])(?:[A-ZÅÄÖ][\wåäöéü-]*?(?:" + _STREET_ENDINGS + r"))"
    r"\s+\d{1,3}(?!\d)"  # house number
    r"(?:\s*[-–]\s*\d{1,3}(?!\d))?"  # a range: 10–12
    r"(?:\s?[A-Ha-h](?:\s?\d{1,3}(?!\d))?(?!\w))?"  # stairway or letter, flat: 12 B 7, 12b
    r"(?:\s+as\.?\s*\d{1,3}(?!\d))?"  # flat: as. 5
    r"(?!\s*(?:%|€|euro|vuo|v\b|kk\b|kg\b|km\b|min|h\b|tun|pv|päiv|vrk|krt|kertaa|m\b|cm\b))",
)
# A five-digit postal code followed by a capitalised town name (00100 Helsinki, 33100 TAMPERE).
_POSTAL = re.compile(r"(?<![\d.,])(?<!\d\s)\d{5}\s+[A-ZÅÄÖ][A-ZÅÄÖa-zåäö-]+(?![\d])")
# Words that follow a number in prose and are not towns, even capitalised at a sentence start.
_NOT_TOWNS = {"euroa", "eur", "kpl", "asukasta", "asiakasta", "henkeä", "käyntiä"}


# Compounds of the method's own vocabulary that end like street names but are not streets.
_NOT_STREETS = ("palvelupolku", "hoitopolku", "asiakaspolku", "elämänpolku", "palveluketju")


def _find_addresses(text: str) -> list[Finding]:
    findings = [
        Finding("address", m.start(), m.end(), True)
        for m in _STREET.finditer(text)
        if not m.group().split()[0].lower().endswith(_NOT_STREETS)
    ]
    for match in _POSTAL.finditer(text):
        town = match.group().split()[-1]
        if town.lower() in _NOT_TOWNS:
            continue
        findings.append(Finding("address", match.start(), match.end(), True))
    return findings


# --- Business ID (Y-tunnus) --------------------------------------------------------------------

_BUSINESS_ID = re.compile(r"(?<![\d-])(\d{7})-(\d)(?![\d-])")
_BUSINESS_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_check_digit(digits: str) -> int | None:
    """The check digit of a business ID's seven digits, or None when no digit is valid."""
    remainder = sum(int(d) * w for d, w in zip(digits, _BUSINESS_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def _find_business_ids(text: str) -> list[Finding]:
    findings = []
    for match in _BUSINESS_ID.finditer(text):
        if business_id_check_digit(match[1]) == int(match[2]):
            findings.append(Finding("business_id", match.start(), match.end(), blocking=False))
    return findings


# --- All together -----------------------------------------------------------------------------

# When two findings overlap, the earlier kind in this order wins (an identity code is not also
# reported as a phone number).
_PRIORITY = {"hetu": 0, "email": 1, "phone": 2, "address": 3, "business_id": 4}


def find_identifiers(text: str) -> list[Finding]:
    """Every place in `text` that could identify a person, in text order, without overlaps."""
    if not text:
        return []
    candidates = (
        _find_hetus(text)
        + _find_emails(text)
        + _find_phones(text)
        + _find_addresses(text)
        + _find_business_ids(text)
    )
    candidates.sort(key=lambda f: (_PRIORITY[f.kind], f.start))
    chosen: list[Finding] = []
    for finding in candidates:
        if any(finding.start < other.end and other.start < finding.end for other in chosen):
            continue
        chosen.append(finding)
    return sorted(chosen, key=lambda f: (f.start, f.end))
