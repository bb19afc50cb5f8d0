"""External programs some tests need (LibreOffice, Chromium, Ghostscript, qpdf, poppler).

Without the program such a test skips with a reason naming the Debian package, so a fresh machine
running the README's test command passes. ``.ci/run`` installs them all and sets
``REPORT_CHECK_REQUIRE_TOOLS=1`` (``REPORT_CHECK_REQUIRE_SOFFICE=1`` does the same for LibreOffice
alone): there a missing program fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import shutil

import pytest

# tool -> (the names its binary goes by, the Debian package that installs it)
TOOLS: dict[str, tuple[tuple[str, ...], str]] = {
    "soffice": (("soffice", "libreoffice"), "libreoffice-writer fonts-wqy-microhei"),
    "chromium": (("chromium", "chromium-browser", "google-chrome"), "chromium fonts-wqy-microhei"),
    "gs": (("gs",), "ghostscript"),
    "qpdf": (("qpdf",), "qpdf"),
    "pdftocairo": (("pdftocairo",), "poppler-utils"),
    "pdftotext": (("pdftotext",), "poppler-utils"),
}


def mandatory(tool: str) -> bool:
    """Whether a missing ``tool`` fails the test (CI) rather than skipping it."""
    if os.environ.get("REPORT_CHECK_REQUIRE_TOOLS") == "1":
        return True
    return tool == "soffice" and os.environ.get("REPORT_CHECK_REQUIRE_SOFFICE") == "1"


def find(tool: str) -> str | None:
    names, _ = TOOLS[tool]
    return next((found for found in map(shutil.which, names) if found), None)


def require(tool: str) -> str:
    """The path of ``tool``; skips the test (fails it where the tool is mandatory) without it."""
    found = find(tool)
    if found is not None:
        return found
    names, package = TOOLS[tool]
    reason = f"{names[0]} is not installed (apt-get install --no-install-recommends {package})"
    if mandatory(tool):
        pytest.fail(f"{reason}; REPORT_CHECK_REQUIRE_TOOLS=1 makes it mandatory here")
    pytest.skip(reason)
