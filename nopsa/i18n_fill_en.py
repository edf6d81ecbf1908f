"""Keeps the English catalogue complete: `make messages` runs this after `makemessages`.

The msgids are English, so an English entry is translated by its msgid. An empty msgstr gets
the msgid (msgid_plural for the plural form). A fuzzy entry is one that `msgmerge` guessed
from a *different* msgid, so its msgstr is never right for English: it is replaced by the
msgid and the flag removed. Entries someone filled on purpose (e.g. "12.5" where the
Finnish-first msgid says "12,5") are kept.

Usage: python -m nopsa.i18n_fill_en [path/to/en/django.po]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "locale/en/LC_MESSAGES/django.po"


def fill(po: polib.POFile) -> tuple[int, int]:
    """Fills the empty and fuzzy entries of `po` in place; returns (filled, unfuzzied)."""
    filled = unfuzzied = 0
    for entry in po:
        if entry.obsolete:
            continue
        fuzzy = "fuzzy" in entry.flags
        if fuzzy:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
            entry.previous_msgctxt = None
            unfuzzied += 1
        if entry.msgid_plural:
            forms = sorted(entry.msgstr_plural) or [0, 1]
            if fuzzy or not all(entry.msgstr_plural.get(i) for i in forms):
                entry.msgstr_plural = {
                    i: entry.msgid if i == 0 else entry.msgid_plural for i in forms
                }
                filled += not fuzzy
        elif fuzzy or not entry.msgstr:
            entry.msgstr = entry.msgid
            filled += not fuzzy
    return filled, unfuzzied


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_PATH
    po = polib.pofile(str(path), wrapwidth=79)
    filled, unfuzzied = fill(po)
    if filled or unfuzzied:
        po.save()
        # polib wraps long lines a little differently from gettext; msgcat rewraps the file as
        # makemessages writes it, so that the next run does not rewrap it again.
        msgcat = shutil.which("msgcat")
        if msgcat:
            subprocess.run([msgcat, str(path), "-o", str(path)], check=True)  # noqa: S603
    print(f"{path}: {filled} empty and {unfuzzied} fuzzy English entries set from their msgid.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
