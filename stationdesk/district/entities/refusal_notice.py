"""The ``refusal_notice`` entity: 不予出具证明告知书, numbered like certificates."""

from __future__ import annotations

from .owned import NumberedDocumentHandler


class RefusalNoticeHandler(NumberedDocumentHandler):
    """Refusals are counted beside issued certificates."""

    entity = "refusal_notice"
    counter_name = "refusal_notice"


HANDLER = RefusalNoticeHandler()
