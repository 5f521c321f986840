"""PDF bytes held in memory: load, view, print (off the GUI thread; the default printer with no
dialog) and save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QFrame, QLabel, QVBoxLayout, QWidget

from .context import DeskContext
from .printers import PrinterMissing, default_printer, print_copies, print_to_default

PRINT_DPI = 300  # rendering an A4 page at 300 dpi is a 35 MB image; more buys nothing on paper


def load_pdf(document: QPdfDocument, pdf: bytes) -> QBuffer:
    """Load PDF bytes into a QPdfDocument from memory; keep the returned buffer alive.

    Certificates carry the full ID number, so they are never written to a temporary file.
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page of a PDF onto a configured printer; returns the pages printed.

    Runs on a pool thread (painting on a QPrinter is allowed off the GUI thread).
    """
    document = QPdfDocument()
    buffer = load_pdf(document, pdf)
    try:
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise RuntimeError("the PDF could not be read for printing")
        dpi = min(printer.resolution(), PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise RuntimeError(f"the printer {printer.printerName()} could not be started")
        try:
            for page in range(document.pageCount()):
                if page:
                    printer.newPage()
                points = document.pagePointSize(page)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                image = document.render(page, size)
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
        finally:
            painter.end()
        if printer.printerState() == QPrinter.PrinterState.Error:
            raise RuntimeError(f"the printer {printer.printerName()} reported an error")
        return document.pageCount()
    finally:
        document.close()
        buffer.close()


class PdfPane(QFrame):
    """Shows a PDF held in memory (the real rendered file), or a note when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPane")
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.note = QLabel("", self)
        self.note.setObjectName("pdfNote")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        self._buffer: QBuffer | None = None
        self.pdf: bytes | None = None

    def show_pdf(self, pdf: bytes, note: str = "") -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
        self.pdf = pdf
        self._buffer = load_pdf(self.document, pdf)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.view.setVisible(True)

    def clear(self, note: str) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer = None
        self.pdf = None
        self.note.setText(note)
        self.note.setVisible(True)
        self.view.setVisible(False)


class PdfOutput(QObject):
    """Print or save an in-memory PDF; the work runs off the GUI thread.

    With a default printer chosen in 设置 a print goes there at once, with no dialog; asked for
    (Shift) or with no default printer, the Qt print dialog opens. ``printed`` gives the copies
    sent, ``notice`` a sentence for the dialog's inline message (e.g. the printer is missing).
    """

    printed = Signal(int)
    saved = Signal(str)
    notice = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.widget = parent
        self.print_dialog: QPrintDialog | None = None

    def ask_save_path(self, suggested: str) -> str:
        """Ask where to save (replaced in tests); an empty string means cancelled."""
        path, _filter = QFileDialog.getSaveFileName(
            self.widget, self.tr("Save PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        return path

    def save(self, pdf: bytes, suggested: str) -> None:
        path = self.ask_save_path(suggested)
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"

        def write() -> str:
            Path(path).write_bytes(pdf)
            return path

        self.ctx.runner.run(write, self.saved.emit, self.ctx.report_error, owner=self.widget)

    def print(self, pdf: bytes, title: str, copies: int = 1, *, choose: bool = False) -> None:
        """Print ``copies`` copies: on the default printer at once, or through the print dialog
        when ``choose`` (Shift) is asked or no default printer is set."""
        name = default_printer()
        if choose or not name:
            self.open_dialog(pdf, title, copies)
            return

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PrinterMissing):
                self.notice.emit(
                    self.tr("The default printer %1 is not connected: choose a printer.").replace(
                        "%1", name
                    )
                )
                self.open_dialog(pdf, title, copies, printer_name="")
            else:
                self.notice.emit(self.tr("Printing failed: %1").replace("%1", str(exc)))

        self.ctx.runner.run(
            lambda: print_to_default(pdf, name, title, copies, print_pdf),
            self.printed.emit,
            failed,
            owner=self.widget,
        )

    def open_dialog(
        self, pdf: bytes, title: str, copies: int = 1, *, printer_name: str | None = None
    ) -> QPrintDialog:
        """Open the Qt print dialog (the default printer and the copies preset); printing
        starts when it is accepted."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        printer.setCopyCount(copies)
        name = default_printer() if printer_name is None else printer_name
        if name:
            printer.setPrinterName(name)
        dialog = QPrintDialog(printer, self.widget)
        dialog.setObjectName("printDialog")
        self.print_dialog = dialog

        def finished(result: int) -> None:
            if result != QDialog.DialogCode.Accepted.value:
                return
            chosen = max(1, printer.copyCount())
            self.ctx.runner.run(
                lambda: print_copies(pdf, printer, chosen, print_pdf),
                self.printed.emit,
                lambda exc: self.notice.emit(
                    self.tr("Printing failed: %1").replace("%1", str(exc))
                ),
                owner=self.widget,
            )

        # ``finished`` rather than ``accepted``: QPrintDialog overloads accepted(QPrinter*).
        dialog.finished.connect(finished)
        QDialog.open(dialog)  # window-modal, no nested event loop
        return dialog
