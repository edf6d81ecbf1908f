"""The identifier guard finds identity codes, phone numbers, e-mail and street addresses, and
leaves ordinary case prose alone."""

import datetime as dt
import itertools

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cases.anonymise import (
    HETU_CENTURY_SIGNS,
    HETU_CHECK_CHARS,
    business_id_check_digit,
    find_identifiers,
    hetu_check_char,
)

from .corpus import ORDINARY_SENTENCES

SENTENCES = [
    "Asiakkaan henkilötunnus on {} ja hän asuu yksin.",
    "{} oli kirjattu lähetteeseen väärään kohtaan.",
    "Tiedoissa luki: {}.",
    "Hetu ({}) näkyi tulosteessa",
    "Päätöksessä mainittiin tunnus {}, vaikka ei olisi pitänyt",
]


@st.composite
def identity_codes(draw):
    """(code, checksum_valid): every century sign, every individual number, any letter case."""
    day = draw(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31)))
    sign = draw(st.sampled_from(HETU_CENTURY_SIGNS))
    individual = draw(st.integers(min_value=2, max_value=999))
    date_digits = day.strftime("%d%m") + f"{day.year % 100:02d}"
    ind = f"{individual:03d}"
    check = hetu_check_char(date_digits, ind)
    valid = draw(st.booleans())
    if not valid:
        check = draw(st.sampled_from([c for c in HETU_CHECK_CHARS if c != check]))
    code = f"{date_digits}{sign}{ind}{check}"
    if draw(st.booleans()):
        code = code.lower()
    return code, valid


@settings(max_examples=400, deadline=None)
@given(identity_codes(), st.sampled_from(SENTENCES))
@example(("010190-123M", True), SENTENCES[0])
@example(("010105A900S", True), SENTENCES[0])  # temporary individual number
def test_every_identity_code_is_found_inside_a_finnish_sentence(code_and_valid, sentence):
    code, valid = code_and_valid
    text = sentence.format(code)
    findings = [f for f in find_identifiers(text) if f.kind == "hetu"]
    assert len(findings) == 1, text
    finding = findings[0]
    assert text[finding.start : finding.end] == code
    # A valid checksum blocks; the right shape with a wrong checksum asks for a check.
    assert finding.blocking is valid


@pytest.mark.parametrize("sign", list(HETU_CENTURY_SIGNS))
def test_every_century_sign_is_recognised(sign):
    check = hetu_check_char("150623", "456")
    text = f"Tunnus 150623{sign}456{check} kirjattiin."
    assert [(f.kind, f.blocking) for f in find_identifiers(text)] == [("hetu", True)]


@pytest.mark.parametrize("sentence", ORDINARY_SENTENCES)
def test_ordinary_case_prose_has_no_findings(sentence):
    assert find_identifiers(sentence) == []


def test_the_corpus_has_at_least_40_sentences():
    assert len(ORDINARY_SENTENCES) >= 40


@pytest.mark.parametrize(
    "text, found",
    [
        ("Soita numeroon 040 123 4567 iltaisin.", "040 123 4567"),
        ("Puhelin 0401234567.", "0401234567"),
        ("Numero on 050-1234567", "050-1234567"),
        ("Virasto: 09 310 1234", "09 310 1234"),
        ("Ruotsin numero +46 70 123 45 67 toimii.", "+46 70 123 45 67"),
        ("Soita +358 40 123 4567.", "+358 40 123 4567"),
        ("US: +1 202 555 0143", "+1 202 555 0143"),
    ],
)
def test_phone_numbers_are_found_and_block(text, found):
    findings = find_identifiers(text)
    assert [(f.kind, text[f.start : f.end], f.blocking) for f in findings] == [
        ("phone", found, True)
    ]


@pytest.mark.parametrize(
    "text, found",
    [
        (
            "Lähetä osoitteeseen matti.meikalainen@esimerkki.fi kiitos",
            "matti.meikalainen@esimerkki.fi",
        ),
        ("(anna-liisa+kela@posti.example.com)", "anna-liisa+kela@posti.example.com"),
    ],
)
def test_email_addresses_are_found_and_block(text, found):
    findings = find_identifiers(text)
    assert [(f.kind, text[f.start : f.end], f.blocking) for f in findings] == [
        ("email", found, True)
    ]


@pytest.mark.parametrize(
    "text, found",
    [
        ("Hän asuu osoitteessa Hämeenkatu 12 B 7 yksin.", "Hämeenkatu 12 B 7"),
        ("Asunto on Koivukuja 3 as. 4, toisessa kerroksessa.", "Koivukuja 3 as. 4"),
        ("Mannerheimintie 5 on lähellä.", "Mannerheimintie 5"),
        ("Adress: Storgatan 3", "Storgatan 3"),
        ("Postiosoite 33100 Tampere.", "33100 Tampere"),
        ("Postiosoite 00100 HELSINKI.", "00100 HELSINKI"),
    ],
)
def test_street_addresses_and_postal_codes_are_found_and_block(text, found):
    findings = find_identifiers(text)
    assert [(f.kind, text[f.start : f.end], f.blocking) for f in findings] == [
        ("address", found, True)
    ]


def test_a_business_id_with_a_valid_check_digit_is_a_warning():
    assert business_id_check_digit("1572860") == 0
    text = "Yrityksen Y-tunnus on 1572860-0 ja toinen 1572860-1."
    findings = find_identifiers(text)
    assert [(f.kind, text[f.start : f.end], f.blocking) for f in findings] == [
        ("business_id", "1572860-0", False)
    ]


def test_findings_do_not_overlap_and_come_in_text_order():
    text = "Tunnus 010190-123M, puhelin 040 123 4567 ja sähköposti a@b.fi."
    findings = find_identifiers(text)
    assert [f.kind for f in findings] == ["hetu", "phone", "email"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(findings))


def test_empty_text_has_no_findings():
    assert find_identifiers("") == []
