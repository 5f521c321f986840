"""Certificate dialogs: pick one of the list, fill and preview the real PDF, issue, print or save;
refuse with a notice; void (heads); verify. PDF work and printing run off the GUI thread."""

from ...pdf import PRINT_DPI, PdfOutput, PdfPane, load_pdf, print_pdf
from .card import CertificateCardActions
from .issue import PREVIEW_DEBOUNCE_MS, ChooseTypeDialog, IssueDialog, open_issue_form
from .refusal import RefusalDialog, RefusalSubject, open_refusal
from .void_verify import VerifyDialog, VoidDialog

__all__ = [
    "PREVIEW_DEBOUNCE_MS",
    "PRINT_DPI",
    "CertificateCardActions",
    "ChooseTypeDialog",
    "IssueDialog",
    "PdfOutput",
    "PdfPane",
    "RefusalDialog",
    "RefusalSubject",
    "VerifyDialog",
    "VoidDialog",
    "load_pdf",
    "open_issue_form",
    "open_refusal",
    "print_pdf",
]
