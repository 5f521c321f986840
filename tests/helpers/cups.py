"""A real CUPS queue on the cups-pdf backend for printing tests: starts cupsd when it is not
running, adds the queue with its own output folder, and waits for printed PDFs to land there."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

QUEUE = "stationdesk-test"
# cups-pdf reads /etc/cups/cups-pdf-NAME.conf for the device URI cups-pdf:/NAME
CONF = Path(f"/etc/cups/cups-pdf-{QUEUE}.conf")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)


def _scheduler_running() -> bool:
    return _run("lpstat", "-r").stdout.strip() == "scheduler is running"


def ensure_cupsd() -> None:
    """Start cupsd (it detaches itself) unless it is running; wait until it answers."""
    if _scheduler_running():
        return
    started = _run("cupsd")
    assert started.returncode == 0, f"cupsd did not start: {started.stderr}"
    deadline = time.monotonic() + 20
    while not _scheduler_running():
        assert time.monotonic() < deadline, "cupsd started but does not answer"
        time.sleep(0.2)


def cups_pdf_ppd() -> str:
    """The cups-pdf driver's PPD as ``lpinfo -m`` names it."""
    models = [line.split(" ", 1)[0] for line in _run("lpinfo", "-m").stdout.splitlines()]
    found = [m for m in models if "CUPS-PDF" in m]
    assert found, "no cups-pdf PPD: install printer-driver-cups-pdf (make test does)"
    return sorted(found, key=lambda m: "noopt" not in m)[0]


@dataclass
class CupsPdfQueue:
    """The test queue and the folder where cups-pdf writes each printed job."""

    name: str
    out: Path

    def landed(self) -> list[Path]:
        return sorted(self.out.glob("*.pdf"))

    def wait_for(self, count: int, timeout: float = 60.0) -> list[Path]:
        """Wait until ``count`` printed PDFs have landed and the queue is empty; return them."""
        deadline = time.monotonic() + timeout
        while True:
            files = self.landed()
            busy = _run("lpstat", "-o", self.name).stdout.strip()
            if len(files) >= count and not busy:
                time.sleep(0.5)  # a further (wrong) job would land now
                return self.landed()
            if time.monotonic() > deadline:
                log = Path("/var/log/cups/error_log")
                tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                raise AssertionError(
                    f"{len(files)} of {count} printed PDFs landed in {self.out}; "
                    f"queue: {busy!r}\n{tail}"
                )
            time.sleep(0.2)


def cups_pdf_queue(out: Path) -> CupsPdfQueue:
    """Set up the cups-pdf test queue writing into ``out`` (its jobs cancelled first).

    Skipped only for a developer who is not root outside CI; in CI (root) it must run.
    """
    if os.geteuid() != 0 and not os.environ.get("CI"):
        pytest.skip("adding a CUPS queue needs root (CI runs as root)")
    for tool in ("cupsd", "lpadmin", "lpinfo", "lpstat", "lp"):
        assert shutil.which(tool), f"{tool} missing: install cups (make test does)"
    ensure_cupsd()
    out.mkdir(parents=True, exist_ok=True)
    # Label 2: every job gets its own file (…-job_N.pdf), so copies are counted, not overwritten
    CONF.write_text(f"Out {out}\nLabel 2\n", encoding="utf-8")
    added = _run("lpadmin", "-p", QUEUE, "-E", "-v", f"cups-pdf:/{QUEUE}", "-m", cups_pdf_ppd())
    assert added.returncode == 0, added.stderr
    _run("cancel", "-a", QUEUE)
    return CupsPdfQueue(QUEUE, out)


def pdf_text(path: Path) -> str:
    """The text pdftotext reads from a landed PDF, blanks removed."""
    out = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    return "".join(out.stdout.split())
