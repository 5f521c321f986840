"""The ``certificate`` entity: issued and voided at one station, numbered district-wide."""

from __future__ import annotations

from .owned import NumberedDocumentHandler


class CertificateHandler(NumberedDocumentHandler):
    """A void is an event on the certificate; it always stands once applied."""

    entity = "certificate"
    counter_name = "certificate"


HANDLER = CertificateHandler()
