"""The refusal guide: reason codes and the list of certificates a community must not issue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stationdesk.domain.catalog.common import KeyedEntry, find_entry, normalise_text


@dataclass(frozen=True, slots=True)
class RefusalReason:
    """A reason code printed on a refusal notice."""

    code: str
    label_zh: str
    label_en: str


@dataclass(frozen=True, slots=True)
class NegativeListItem(KeyedEntry):
    """A certificate a community must not issue, and where the resident should go instead."""

    keywords: tuple[str, ...]
    competent_body_zh: str
    competent_body_en: str
    default_reason: str
    legal_basis_zh: str
    legal_basis_en: str = ""

    def match_length(self, requested_text: str) -> int:
        """Return the length of the longest keyword found in the request, or 0."""
        text = normalise_text(requested_text)
        return max((len(kw) for kw in self._normalised_keywords() if kw in text), default=0)

    def _normalised_keywords(self) -> tuple[str, ...]:
        """Return the keywords folded the same way as requests."""
        return tuple(normalise_text(kw) for kw in self.keywords)


@dataclass(frozen=True, slots=True)
class RefusalGuide:
    """Refusal reason codes and the "do not issue" list, versioned like the catalog."""

    guide_version: int
    effective_from: date
    reasons: tuple[RefusalReason, ...]
    negative_list: tuple[NegativeListItem, ...]
    legal_basis_zh: str
    legal_basis_en: str = ""
    notice_copies: int = 2  # a notice is printed 一式两份: the applicant and the station

    def reason(self, code: str) -> RefusalReason:
        """Return the reason with this code, or raise NotInCatalog."""
        missing = f"refusal reason {code!r} is not in guide version {self.guide_version}"
        return find_entry(self.reasons, "code", code, missing)

    def item(self, key: str) -> NegativeListItem:
        """Return the negative-list item with this key, or raise NotInCatalog."""
        missing = f"negative-list item {key!r} is not in guide version {self.guide_version}"
        return find_entry(self.negative_list, "key", key, missing)

    def suggest(self, requested_text: str) -> NegativeListItem | None:
        """Return the negative-list item whose keyword best matches the request, or None.

        The longest matching keyword wins (so 出生日期 beats 出生); ties go to the earlier item.
        """
        best: NegativeListItem | None = None
        best_length = 0
        for item in self.negative_list:
            length = item.match_length(requested_text)
            if length > best_length:
                best, best_length = item, length
        return best
