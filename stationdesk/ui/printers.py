"""Sending a PDF to a named printer without a dialog: straight to CUPS on Linux, through Qt
elsewhere; each copy is its own job. Everything here blocks: call it from a pool task."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

PRINTER_KEY = "printing/default_printer"  # QSettings: the printer certificates go to
LP_TIMEOUT_S = 60


class PrinterMissing(RuntimeError):
    """The default printer is not among the printers the system knows now."""


class PrintFailed(RuntimeError):
    """The print system refused the job; the message says why."""


def default_printer() -> str:
    """The printer chosen in 设置 (or the first-run wizard); "" when none is chosen."""
    name = QSettings().value(PRINTER_KEY, "")
    return name if isinstance(name, str) else ""


def printer_connected(name: str) -> bool:
    """Whether the system knows this printer now."""
    return name in QPrinterInfo.availablePrinterNames()


def direct_spooler() -> str | None:
    """The CUPS ``lp`` command when PDFs go straight to CUPS (Linux), else None."""
    return shutil.which("lp") if sys.platform.startswith("linux") else None


def spool_with_lp(lp: str, pdf: bytes, printer: str, title: str, copies: int) -> int:
    """Hand the PDF bytes to CUPS as ``copies`` jobs of one copy each (cups-pdf and some
    drivers ignore a job's copy count); the PDF goes through standard input, never a file of
    ours. Returns the jobs queued; raises PrintFailed with what CUPS said."""
    for _ in range(copies):
        done = subprocess.run(
            [lp, "-d", printer, "-t", title, "-n", "1", "-o", "document-format=application/pdf"],
            input=pdf,
            capture_output=True,
            timeout=LP_TIMEOUT_S,
            check=False,
        )
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
            raise PrintFailed(f"the printer {printer} refused the job: {said}")
    return copies


def print_copies(
    pdf: bytes,
    printer: QPrinter,
    copies: int,
    paint: Callable[[bytes, QPrinter], int],
) -> int:
    """Print ``copies`` copies on a configured QPrinter: straight to CUPS when it is a system
    printer on Linux, else one painted job per copy (one, when it prints to a file)."""
    lp = direct_spooler()
    name = printer.printerName()
    native = printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
    if lp and native and name:
        return spool_with_lp(lp, pdf, name, printer.docName(), copies)
    printer.setCopyCount(1)
    jobs = copies if native else 1
    for _ in range(jobs):
        paint(pdf, printer)
    return jobs


def print_to_default(
    pdf: bytes, name: str, title: str, copies: int, paint: Callable[[bytes, QPrinter], int]
) -> int:
    """Print on the named default printer with no dialog; raises PrinterMissing when the
    system does not know it now."""
    if not printer_connected(name):
        raise PrinterMissing(name)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    printer.setDocName(title)
    return print_copies(pdf, printer, copies, paint)
