"""The certificate catalog: certificate types, their fields, checklists and body templates."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from stationdesk.domain.catalog.common import (
    BUILTIN_DATES,
    BUILTIN_PLACEHOLDERS,
    TRAILING_STOPS,
    KeyedEntry,
    find_entry,
    format_date_zh,
    parse_iso_date,
    placeholders,
)


class FieldKind(StrEnum):
    """How a certificate field is entered and checked."""

    TEXT = "text"
    DATE = "date"
    NUMBER = "number"
    CHOICE = "choice"


class PrefillSource(StrEnum):
    """Resident attributes a field may be filled from when the holder is a registered resident."""

    NAME = "name"
    SEX = "sex"
    ID_NUMBER = "id_number"
    ADDRESS = "address"
    BIRTH_DATE = "birth_date"


RECORDS_KEY = "service_records"
"""The field key of the record list (RecordFact.RECORDS): one record a line, printed as an annex."""


class RecordFact(StrEnum):
    """Facts a field takes from the station's approved volunteer records and the 双报到 roster
    instead of the form.

    The two period facts bound the records when the worker gives them (else they are the first
    and last day served); the others are never typed: the service computes them. ``RECORDS``
    is the list of the records themselves, printed as the certificate's annex (its field's key
    must be RECORDS_KEY); the ``party_*`` facts come from the person's 在职党员 roster entry.
    """

    PERIOD_START = "volunteer_period_start"
    PERIOD_END = "volunteer_period_end"
    ACTIVITIES = "volunteer_activities"
    HOURS = "volunteer_hours"
    SOURCE = "volunteer_source"
    RECORDS = "volunteer_records"
    PARTY_EMPLOYER = "party_employer"
    PARTY_BRANCH = "party_branch"
    PARTY_REPORT_DATE = "party_report_date"
    PARTY_SERVICES = "party_services"
    PARTY_SERVICE_COUNT = "party_service_count"

    @property
    def typed(self) -> bool:
        """Whether a worker may give this field (as a bound of the records)."""
        return self in (RecordFact.PERIOD_START, RecordFact.PERIOD_END)


@dataclass(frozen=True, slots=True)
class Choice:
    """One allowed value of a choice field: the Chinese value printed, and its English label."""

    value: str
    label_en: str


@dataclass(frozen=True, slots=True)
class FieldSpec(KeyedEntry):
    """One input of a certificate type, with how it is checked and where it may be prefilled."""

    kind: FieldKind
    required: bool = True
    choices: tuple[Choice, ...] = ()
    prefill: PrefillSource | None = None
    multiline: bool = False
    integer: bool = False
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    max_length: int | None = None
    from_records: RecordFact | None = None

    @property
    def choice_values(self) -> tuple[str, ...]:
        """Return the allowed values of a choice field, in catalog order."""
        return tuple(choice.value for choice in self.choices)

    def check(self, raw: str | None) -> str | None:
        """Return a Chinese error message for one submitted value, or None when it is fine."""
        value = (raw or "").strip()
        if not value:
            return f"请填写{self.label_zh}" if self.required else None
        if self.max_length is not None and len(value) > self.max_length:
            return f"{self.label_zh}不能超过{self.max_length}个字"
        if self.kind is FieldKind.DATE:
            if parse_iso_date(value) is None:
                return f"{self.label_zh}应为有效日期，格式为YYYY-MM-DD，例如2024-05-01"
        elif self.kind is FieldKind.NUMBER:
            return self._check_number(value)
        elif self.kind is FieldKind.CHOICE and value not in self.choice_values:
            return f"{self.label_zh}只能选择：{'、'.join(self.choice_values)}"
        return None

    def _check_number(self, value: str) -> str | None:
        """Return a Chinese error message for a number field's value, or None."""
        try:
            number = Decimal(value)
        except InvalidOperation:
            return f"{self.label_zh}应为数字"
        if not number.is_finite():
            return f"{self.label_zh}应为数字"
        if self.integer and number != number.to_integral_value():
            return f"{self.label_zh}应为整数"
        if self.min_value is not None and number < self.min_value:
            return f"{self.label_zh}不能小于{self.min_value}"
        if self.max_value is not None and number > self.max_value:
            return f"{self.label_zh}不能大于{self.max_value}"
        return None


@dataclass(frozen=True, slots=True)
class EligibilityCheck(KeyedEntry):
    """One item of the checklist the worker ticks before a certificate may be issued."""


@dataclass(frozen=True, slots=True)
class CertificateType:
    """One certificate the district allows its stations to issue, with its form and template.

    ``body_template`` holds one template per paragraph. A paragraph that uses an optional field
    left blank is left out of the rendered body, so optional facts need no dangling wording.
    """

    code: str
    name_zh: str
    name_en: str
    fields: tuple[FieldSpec, ...]
    eligibility: tuple[EligibilityCheck, ...]
    body_template: tuple[str, ...]
    validity_days: int
    legal_basis_zh: str
    legal_basis_en: str = ""
    suggested_purposes: tuple[str, ...] = ()
    copies: int = 1  # how many copies one print makes (each a separate job)

    def field(self, key: str) -> FieldSpec:
        """Return the field with this key, or raise KeyError."""
        for spec in self.fields:
            if spec.key == key:
                return spec
        raise KeyError(f"certificate type {self.code} has no field {key!r}")

    @property
    def placeholders(self) -> frozenset[str]:
        """Return every placeholder name used by the body template."""
        names: set[str] = set()
        for paragraph in self.body_template:
            names.update(placeholders(paragraph))
        return frozenset(names)

    def prefill(self, resident: Mapping[str, str]) -> dict[str, str]:
        """Return initial field values taken from a resident's attributes (by PrefillSource)."""
        values: dict[str, str] = {}
        for spec in self.fields:
            if spec.prefill is not None and resident.get(spec.prefill.value):
                values[spec.key] = resident[spec.prefill.value]
        return values

    def record_fields(self) -> dict[RecordFact, FieldSpec]:
        """The fields fed from the volunteer records, by fact (empty for an ordinary type)."""
        return {f.from_records: f for f in self.fields if f.from_records is not None}

    def missing_checks(self, done: Iterable[str]) -> tuple[EligibilityCheck, ...]:
        """Return the checklist items not among the ticked keys, in catalog order."""
        ticked = set(done)
        return tuple(check for check in self.eligibility if check.key not in ticked)

    def valid_until(self, issue_date: date) -> date:
        """Return the last day of validity; the issue day counts as the first of validity_days."""
        return issue_date + timedelta(days=self.validity_days - 1)

    def validate_fields(self, values: Mapping[str, str]) -> dict[str, str]:
        """Return field key → Chinese error message; an empty dict means the values are valid.

        Keys that are built-in placeholders (purpose, station_name, …) are ignored; any other key
        that is not a field of this type is reported as unknown.
        """
        errors: dict[str, str] = {}
        for spec in self.fields:
            message = spec.check(values.get(spec.key))
            if message is not None:
                errors[spec.key] = message
        field_keys = {spec.key for spec in self.fields}
        for key in values:
            if key not in field_keys and key not in BUILTIN_PLACEHOLDERS:
                errors[key] = "未知字段，本证明事项没有此项"
        return errors

    def render_body(self, values: Mapping[str, str]) -> str:
        """Fill the template and return the body, one paragraph per line.

        ``values`` holds field values and the built-ins the template uses. Date fields and the
        built-in dates are written as 2026年3月5日; trailing full stops are trimmed from text
        values because the template supplies its own punctuation. A missing required field or
        built-in raises ValueError; validate with validate_fields first.
        """
        kinds = {spec.key: spec for spec in self.fields}
        paragraphs: list[str] = []
        for paragraph in self.body_template:
            filled: dict[str, str] = {}
            skip = False
            for name in placeholders(paragraph):
                raw = (values.get(name) or "").strip()
                spec = kinds.get(name)
                if not raw:
                    if spec is not None and not spec.required:
                        skip = True
                        break
                    raise ValueError(f"no value for placeholder {name!r} of {self.code}")
                filled[name] = self._format_value(name, raw, spec)
            if not skip:
                paragraphs.append(paragraph.format_map(filled))
        return "\n".join(paragraphs)

    @staticmethod
    def _format_value(name: str, raw: str, spec: FieldSpec | None) -> str:
        """Return the printed form of one value."""
        is_date = (spec is not None and spec.kind is FieldKind.DATE) or (
            spec is None and name in BUILTIN_DATES
        )
        if is_date:
            parsed = parse_iso_date(raw)
            if parsed is None:
                raise ValueError(f"{name!r} is not a YYYY-MM-DD date: {raw!r}")
            return format_date_zh(parsed)
        if spec is not None and spec.kind is FieldKind.TEXT:
            return raw.rstrip(TRAILING_STOPS) or raw
        return raw


@dataclass(frozen=True, slots=True)
class Catalog:
    """A versioned list of certificate types set by the district."""

    catalog_version: int
    effective_from: date
    items: tuple[CertificateType, ...]
    title_zh: str = ""
    title_en: str = ""

    def get(self, code: str) -> CertificateType:
        """Return the certificate type with this code, or raise NotInCatalog."""
        missing = f"certificate type {code!r} is not in catalog version {self.catalog_version}"
        return find_entry(self.items, "code", code, missing)

    @property
    def codes(self) -> tuple[str, ...]:
        """Return the codes of all items, in catalog order."""
        return tuple(item.code for item in self.items)

    def __contains__(self, code: object) -> bool:
        """Return whether a certificate type code is in the catalog."""
        return any(item.code == code for item in self.items)

    def __iter__(self) -> Iterator[CertificateType]:
        """Iterate over the certificate types in catalog order."""
        return iter(self.items)

    def __len__(self) -> int:
        """Return the number of certificate types."""
        return len(self.items)
