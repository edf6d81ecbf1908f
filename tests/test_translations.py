"""The Finnish, Swedish and English catalogues are complete (issue 10, item 4).

Every entry of the three .po files is translated and not fuzzy, none is obsolete, the
placeholders of each translation are those of its msgid, each compiled .mo says what its .po
says, and the .po files hold every string the code marks for translation (`makemessages` run
into a temporary directory finds no msgid the committed catalogue lacks). English is a
catalogue like the others: `make messages` fills it from the msgids (nopsa/i18n_fill_en.py).
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from nopsa import i18n_fill_en

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _ in settings.LANGUAGES]

# %(name)s, %s, %d …; "%%" is a literal percent sign, not a placeholder.
PYTHON_FORMAT = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")
# {name} as used by the strings JavaScript fills in (data-* texts) and str.format.
BRACE_FORMAT = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def describe(entry: polib.POEntry) -> str:
    where = entry.occurrences[0] if entry.occurrences else ("?", "")
    return f"{entry.msgid[:70]!r} ({where[0]}:{where[1]})"


def placeholders(text: str) -> list[str]:
    text = text.replace("%%", "")
    return sorted(PYTHON_FORMAT.findall(text) + BRACE_FORMAT.findall(text))


def test_the_three_languages_have_catalogues():
    assert LANGUAGES == ["fi", "sv", "en"]
    for language in LANGUAGES:
        po = catalogue(language)
        assert len(po) > 1000
        # A fuzzy header is left out of the .mo, and with it the plural rule.
        assert not po.metadata_is_fuzzy, language
        assert po.metadata["Language"] == language
        assert po.metadata["Plural-Forms"].startswith("nplurals=2;"), language


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy_or_obsolete(language):
    po = catalogue(language)
    problems = []
    for entry in po:
        if entry.obsolete:
            problems.append(f"obsolete: {describe(entry)}")
        elif "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {describe(entry)}")
        elif entry.msgid_plural:
            if not entry.msgstr_plural or not all(entry.msgstr_plural.values()):
                problems.append(f"untranslated plural: {describe(entry)}")
        elif not entry.msgstr:
            problems.append(f"untranslated: {describe(entry)}")
    assert not problems, f"{language}: {len(problems)} entries\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_their_msgid(language):
    problems = []
    for entry in catalogue(language):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            wanted = set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural))
            forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            # A singular form may say "one" instead of the count; the other forms may not,
            # and no form may bring a name the msgid does not have.
            ok = all(set(placeholders(f)) <= wanted for f in forms) and set(
                placeholders(forms[-1])
            ) == set(placeholders(entry.msgid_plural))
        else:
            ok = not entry.msgstr or placeholders(entry.msgstr) == placeholders(entry.msgid)
        if not ok:
            problems.append(describe(entry))
    assert not problems, f"{language}: placeholders differ in\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_its_po(language):
    """A .mo that was not compiled after the .po changed shows old or missing texts."""
    po = catalogue(language)
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))

    def key(entry):
        return (entry.msgctxt, entry.msgid)

    def value(entry):
        if entry.msgid_plural:
            return tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        return entry.msgstr

    wanted = {key(e): value(e) for e in po if not e.obsolete and "fuzzy" not in e.flags}
    compiled = {key(e): value(e) for e in mo if e.msgid}
    stale = sorted(
        str(k[1])[:70] for k in wanted.keys() | compiled.keys() if wanted.get(k) != compiled.get(k)
    )
    assert not stale, (
        f"{language}: django.mo differs from django.po; run `make messages` "
        f"({len(stale)} entries, e.g. {stale[:5]})"
    )


def test_the_catalogues_hold_every_string_the_code_marks(tmp_path, monkeypatch):
    """Runs `makemessages` (as `make messages` does) on a copy of the sources: a string marked
    in a template or in Python but missing from the committed catalogue fails here, and so
    does an entry the code no longer has. (A copy, because makemessages writes into any
    `locale` directory it finds beside the sources.)"""
    assert shutil.which("xgettext"), "GNU gettext (xgettext) is needed: apt-get install gettext"
    source = tmp_path / "src"
    shutil.copytree(
        settings.BASE_DIR,
        source,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "locale", "tests", "staticfiles", "__pycache__", "*.egg-info"
        ),
    )
    (source / "locale" / "fi" / "LC_MESSAGES").mkdir(parents=True)
    monkeypatch.chdir(source)
    with override_settings(LOCALE_PATHS=[source / "locale"]):
        call_command("makemessages", locale=["fi"], no_obsolete=True, verbosity=0)
    extracted_po = polib.pofile(str(source / "locale/fi/LC_MESSAGES/django.po"))
    extracted = {(e.msgctxt, e.msgid) for e in extracted_po}
    for language in LANGUAGES:
        committed = {(e.msgctxt, e.msgid) for e in catalogue(language) if not e.obsolete}
        missing = sorted(msgid[:70] for _, msgid in extracted - committed)
        assert not missing, f"{language}: not in the catalogue; run `make messages`: {missing}"
        unused = sorted(msgid[:70] for _, msgid in committed - extracted)
        assert not unused, f"{language}: no longer in the code; run `make messages`: {unused}"


def test_filling_english_takes_the_msgid_and_replaces_fuzzy_guesses():
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Save", msgstr=""))
    po.append(polib.POEntry(msgid="Vote results", msgstr="Back to the results", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="A number, e.g. 12,5.", msgstr="A number, e.g. 12.5."))
    po.append(
        polib.POEntry(
            msgid="%(counter)s dot",
            msgid_plural="%(counter)s dots",
            msgstr_plural={0: "", 1: ""},
        )
    )
    assert i18n_fill_en.fill(po) == (2, 1)
    assert [e.msgstr for e in po][:3] == ["Save", "Vote results", "A number, e.g. 12.5."]
    assert po[3].msgstr_plural == {0: "%(counter)s dot", 1: "%(counter)s dots"}
    assert not po.fuzzy_entries()


EAGER_GETTEXT = {"gettext", "ngettext", "pgettext", "npgettext"}


def eager_calls_outside_functions(tree: ast.AST) -> list[int]:
    """Lines where a non-lazy gettext runs at import (module or class level)."""
    eager = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in EAGER_GETTEXT
    }
    lines: list[int] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(
                child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
            )
            if (
                not in_function
                and isinstance(child, ast.Call)
                and isinstance(child.func, ast.Name)
                and child.func.id in eager
            ):
                lines.append(child.lineno)
            visit(child, inside)

    visit(tree, False)
    return lines


def test_no_text_is_translated_at_import_time():
    """A form label or choice translated at import keeps the language of the moment the
    module was loaded, whatever the request's language: class and module level use the
    lazy gettext."""
    root = Path(settings.BASE_DIR)
    found = []
    for app in ("workshops", "cases", "nopsa"):
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for line in eager_calls_outside_functions(ast.parse(path.read_text())):
                found.append(f"{path.relative_to(root)}:{line}")
    assert not found, "non-lazy gettext at import time: " + ", ".join(found)


def test_the_import_time_check_finds_an_eager_label():
    source = (
        "from django.utils.translation import gettext as _\n"
        "class F:\n    label = _('Text')\n"
        "def view():\n    return _('fine here')\n"
    )
    assert eager_calls_outside_functions(ast.parse(source)) == [3]
