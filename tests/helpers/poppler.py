"""The skip mark for tests that read PDFs back with the poppler-utils tools."""

from __future__ import annotations

import shutil

import pytest

POPPLER_TOOLS = ("pdftotext", "pdffonts", "pdftoppm", "pdfinfo")

needs_poppler = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in POPPLER_TOOLS),
    reason=f"poppler-utils ({', '.join(POPPLER_TOOLS)}) not installed",
)
