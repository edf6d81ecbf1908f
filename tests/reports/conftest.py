import shutil
import subprocess

import pytest

from tests.cases.conftest import everything  # noqa: F401 — one of each case artefact
from tests.live.conftest import anna, live_workshop  # noqa: F401 — a participant who joined
from tests.summaries.conftest import anna_client, held  # noqa: F401 — a held workshop, Anna


def pdf_text(path, *, layout: bool = True) -> str:
    """The PDF's text as `pdftotext` reads it (Debian poppler-utils), else pypdf. Without
    `layout`, in reading order: a table cell's lines stay together."""
    if pdftotext := shutil.which("pdftotext"):
        result = subprocess.run(
            [pdftotext, *(["-layout"] if layout else []), str(path), "-"],
            capture_output=True,
            check=True,
            text=True,
        )
        return result.stdout
    pypdf = pytest.importorskip("pypdf")
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)
