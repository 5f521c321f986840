"""The district's certificate catalog and refusal guide, parsed strictly from plain dicts.

The package's modules: ``common`` (errors, built-in placeholders, text helpers), ``model``
(certificate types and the catalog), ``refusals`` (the refusal guide), ``reader`` (a strict
reader of one JSON object) and ``parsing`` (the catalog and guide from their JSON form).
"""

from __future__ import annotations

from stationdesk.domain.catalog.common import (
    BUILTIN_PLACEHOLDERS,
    CatalogError,
    NotInCatalog,
    format_date_zh,
)
from stationdesk.domain.catalog.model import (
    RECORDS_KEY,
    Catalog,
    CertificateType,
    Choice,
    EligibilityCheck,
    FieldKind,
    FieldSpec,
    PrefillSource,
    RecordFact,
)
from stationdesk.domain.catalog.parsing import parse_catalog, parse_refusal_guide
from stationdesk.domain.catalog.refusals import NegativeListItem, RefusalGuide, RefusalReason

__all__ = [
    "BUILTIN_PLACEHOLDERS",
    "RECORDS_KEY",
    "Catalog",
    "CatalogError",
    "CertificateType",
    "Choice",
    "EligibilityCheck",
    "FieldKind",
    "FieldSpec",
    "NegativeListItem",
    "NotInCatalog",
    "PrefillSource",
    "RecordFact",
    "RefusalGuide",
    "RefusalReason",
    "format_date_zh",
    "parse_catalog",
    "parse_refusal_guide",
]
