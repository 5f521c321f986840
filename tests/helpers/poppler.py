"""The skip mark for tests that read PDFs back with the poppler-utils tools; text read back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

POPPLER_TOOLS = ("pdftotext", "pdffonts", "pdftoppm", "pdfinfo")

needs_poppler = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in POPPLER_TOOLS),
    reason=f"poppler-utils ({', '.join(POPPLER_TOOLS)}) not installed",
)


def pdf_text(path: Path, *, squeeze: bool = True) -> str:
    """The text of a PDF as pdftotext reads it back (UTF-8), with all white space dropped
    unless ``squeeze`` is off."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return re.sub(r"\s+", "", out) if squeeze else out
