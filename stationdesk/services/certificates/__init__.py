"""Certificates within the district's list: catalog, issue, preview, refuse, void, verify.

Rules this package enforces for every caller (GUI, CLI, sync):
- only a type in the active catalog is issued; anything else is a refusal notice;
- every required field and every eligibility check is present before a number is taken;
- the number is allocated inside the issuing transaction from a per-station counter, so two
  workers issuing at once never share one; a station waiting for its sequence floor from the
  district (setting ``needs_sequence_floor``) issues nothing;
- the holder's name and ID number come from the resident record, never from the form;
- a record-fed type (VOLUNTEER) takes its hours, period and activities from the approved
  volunteer records (``records``): typed hours are refused, and so is a person with none;
- a certificate is never edited: a void is a separate, reasoned, head-approved event;
- each PDF's SHA-256 is kept, so ``verify`` can tell a changed file from an issued one.

The modules: ``common`` (limits, errors, lookups), ``catalog`` (the catalog and refusal guide in
force), ``numbering`` (the signing key, counters and their floor), ``key_rotation`` (replacing
the signing key), ``documents`` (how a ledger row prints), ``pipeline`` (the one
numbered-document pipeline), ``issue``, ``refuse``, ``void`` (void and reprint) and
``verification``.
"""

from __future__ import annotations

from .catalog import (
    CatalogInfo,
    active_catalog,
    active_refusal_guide,
    catalog_info,
    load_catalog_data,
    load_catalog_file,
)
from .common import (
    DETAIL_MAX,
    ELIGIBILITY_BODY_ZH,
    PURPOSE_MAX,
    REASON_MAX,
    REQUESTED_MAX,
    STATUS_ISSUED,
    STATUS_VOID,
    EligibilityNotMetError,
    IssuingBlockedError,
    NotInCatalogError,
)
from .documents import QR_MASK
from .issue import (
    IssuedCertificate,
    IssueForm,
    IssueRequest,
    issue_certificate,
    prepare_issue,
    preview_certificate,
)
from .key_rotation import KeyRotation, rotate_signing_key
from .numbering import NEEDS_SEQUENCE_FLOOR, SIGNING_KEY, public_key_hex, raise_sequence_floor
from .printouts import Printout, reprint
from .records import NoApprovedRecordsError, NotOnRosterError
from .refuse import (
    IssuedRefusal,
    RefusalRequest,
    RefusalSuggestion,
    refuse_certificate,
    suggest_refusal,
)
from .verification import Verdict, Verification, verify
from .void import VoidedCertificate, render_issued, view_issued, void_certificate

__all__ = [
    "DETAIL_MAX",
    "ELIGIBILITY_BODY_ZH",
    "NEEDS_SEQUENCE_FLOOR",
    "PURPOSE_MAX",
    "QR_MASK",
    "REASON_MAX",
    "REQUESTED_MAX",
    "SIGNING_KEY",
    "STATUS_ISSUED",
    "STATUS_VOID",
    "CatalogInfo",
    "EligibilityNotMetError",
    "IssueForm",
    "IssueRequest",
    "IssuedCertificate",
    "IssuedRefusal",
    "IssuingBlockedError",
    "KeyRotation",
    "NoApprovedRecordsError",
    "NotInCatalogError",
    "NotOnRosterError",
    "Printout",
    "RefusalRequest",
    "RefusalSuggestion",
    "Verdict",
    "Verification",
    "VoidedCertificate",
    "active_catalog",
    "active_refusal_guide",
    "catalog_info",
    "issue_certificate",
    "load_catalog_data",
    "load_catalog_file",
    "prepare_issue",
    "preview_certificate",
    "public_key_hex",
    "raise_sequence_floor",
    "refuse_certificate",
    "render_issued",
    "reprint",
    "rotate_signing_key",
    "suggest_refusal",
    "verify",
    "view_issued",
    "void_certificate",
]
