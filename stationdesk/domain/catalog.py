"""The district's certificate catalog and refusal guide, parsed strictly from plain dicts."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

__all__ = [
    "BUILTIN_PLACEHOLDERS",
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
    "RefusalGuide",
    "RefusalReason",
    "format_date_zh",
    "parse_catalog",
    "parse_refusal_guide",
]


class CatalogError(ValueError):
    """The catalog or refusal guide data is malformed; the message names the bad key."""


class NotInCatalog(ValueError):
    """A certificate type or refusal reason code is not in the current catalog or guide."""


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


#: Placeholders a body template may use besides its own field keys. The service supplies them.
#: ``issue_date`` and ``valid_until`` are given as YYYY-MM-DD and rendered as 2026年3月5日.
BUILTIN_PLACEHOLDERS: frozenset[str] = frozenset(
    {"purpose", "station_name", "issue_date", "valid_until", "number"}
)
_BUILTIN_DATES = frozenset({"issue_date", "valid_until"})

_CODE_RE = re.compile(r"[A-Z][A-Z0-9_]{1,31}")
_KEY_RE = re.compile(r"[a-z][a-z0-9_]{0,39}")
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TRAILING_STOPS = "。．.；;，,"


def format_date_zh(value: date) -> str:
    """Format a date the way Chinese official documents write it, e.g. 2026年3月5日."""
    return f"{value.year}年{value.month}月{value.day}日"


def _parse_iso_date(text: str) -> date | None:
    """Return the date for a strict YYYY-MM-DD string, or None."""
    if not _ISO_DATE_RE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _normalise_text(text: str) -> str:
    """Fold full-width forms and case and drop whitespace, for keyword matching."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if not ch.isspace())


# ---------------------------------------------------------------------------------------------
# Certificate catalog
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Choice:
    """One allowed value of a choice field: the Chinese value printed, and its English label."""

    value: str
    label_en: str


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One input of a certificate type, with how it is checked and where it may be prefilled."""

    key: str
    label_zh: str
    label_en: str
    kind: FieldKind
    required: bool = True
    choices: tuple[Choice, ...] = ()
    prefill: PrefillSource | None = None
    multiline: bool = False
    integer: bool = False
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    max_length: int | None = None

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
            if _parse_iso_date(value) is None:
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
class EligibilityCheck:
    """One item of the checklist the worker ticks before a certificate may be issued."""

    key: str
    label_zh: str
    label_en: str


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
            names.update(_placeholders(paragraph))
        return frozenset(names)

    def prefill(self, resident: Mapping[str, str]) -> dict[str, str]:
        """Return initial field values taken from a resident's attributes (by PrefillSource)."""
        values: dict[str, str] = {}
        for spec in self.fields:
            if spec.prefill is not None and resident.get(spec.prefill.value):
                values[spec.key] = resident[spec.prefill.value]
        return values

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
            for name in _placeholders(paragraph):
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
            spec is None and name in _BUILTIN_DATES
        )
        if is_date:
            parsed = _parse_iso_date(raw)
            if parsed is None:
                raise ValueError(f"{name!r} is not a YYYY-MM-DD date: {raw!r}")
            return format_date_zh(parsed)
        if spec is not None and spec.kind is FieldKind.TEXT:
            return raw.rstrip(_TRAILING_STOPS) or raw
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
        for item in self.items:
            if item.code == code:
                return item
        raise NotInCatalog(
            f"certificate type {code!r} is not in catalog version {self.catalog_version}"
        )

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


# ---------------------------------------------------------------------------------------------
# Refusal guide
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RefusalReason:
    """A reason code printed on a refusal notice."""

    code: str
    label_zh: str
    label_en: str


@dataclass(frozen=True, slots=True)
class NegativeListItem:
    """A certificate a community must not issue, and where the resident should go instead."""

    key: str
    label_zh: str
    label_en: str
    keywords: tuple[str, ...]
    competent_body_zh: str
    competent_body_en: str
    default_reason: str
    legal_basis_zh: str
    legal_basis_en: str = ""

    def match_length(self, requested_text: str) -> int:
        """Return the length of the longest keyword found in the request, or 0."""
        text = _normalise_text(requested_text)
        return max((len(kw) for kw in self._normalised_keywords() if kw in text), default=0)

    def _normalised_keywords(self) -> tuple[str, ...]:
        """Return the keywords folded the same way as requests."""
        return tuple(_normalise_text(kw) for kw in self.keywords)


@dataclass(frozen=True, slots=True)
class RefusalGuide:
    """Refusal reason codes and the "do not issue" list, versioned like the catalog."""

    guide_version: int
    effective_from: date
    reasons: tuple[RefusalReason, ...]
    negative_list: tuple[NegativeListItem, ...]
    legal_basis_zh: str
    legal_basis_en: str = ""

    def reason(self, code: str) -> RefusalReason:
        """Return the reason with this code, or raise NotInCatalog."""
        for reason in self.reasons:
            if reason.code == code:
                return reason
        raise NotInCatalog(f"refusal reason {code!r} is not in guide version {self.guide_version}")

    def item(self, key: str) -> NegativeListItem:
        """Return the negative-list item with this key, or raise NotInCatalog."""
        for item in self.negative_list:
            if item.key == key:
                return item
        raise NotInCatalog(
            f"negative-list item {key!r} is not in guide version {self.guide_version}"
        )

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


# ---------------------------------------------------------------------------------------------
# Strict parsing
# ---------------------------------------------------------------------------------------------


class _Obj:
    """A JSON object being read, which knows its path for error messages."""

    def __init__(self, data: object, path: str, required: set[str], optional: set[str]) -> None:
        if not isinstance(data, dict):
            raise CatalogError(f"{path}: expected an object, got {type(data).__name__}")
        for key in data:
            if not isinstance(key, str):
                raise CatalogError(f"{path}: keys must be strings, got {key!r}")
            if key.startswith("_"):
                continue  # "_comment" and friends: JSON has no comments
            if key not in required and key not in optional:
                raise CatalogError(f"{path}.{key}: unknown key")
        for key in sorted(required):
            if key not in data:
                raise CatalogError(f"{path}.{key}: required key is missing")
        self.data: dict[str, Any] = data
        self.path = path

    def at(self, key: str) -> str:
        """Return the path of one key."""
        return f"{self.path}.{key}"

    def has(self, key: str) -> bool:
        """Return whether an optional key is present."""
        return key in self.data

    def text(self, key: str) -> str:
        """Return a non-empty string value."""
        value = self.data[key]
        if not isinstance(value, str):
            raise CatalogError(f"{self.at(key)}: expected a string, got {type(value).__name__}")
        if not value.strip():
            raise CatalogError(f"{self.at(key)}: must not be empty")
        return value.strip()

    def boolean(self, key: str, default: bool) -> bool:
        """Return a boolean value."""
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise CatalogError(f"{self.at(key)}: expected true or false, got {value!r}")
        return value

    def integer(self, key: str, low: int, high: int) -> int:
        """Return an integer value within [low, high]."""
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise CatalogError(f"{self.at(key)}: expected an integer, got {value!r}")
        if not low <= value <= high:
            raise CatalogError(f"{self.at(key)}: must be between {low} and {high}, got {value}")
        return value

    def number(self, key: str) -> Decimal | None:
        """Return an optional number value as a Decimal."""
        if key not in self.data:
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise CatalogError(f"{self.at(key)}: expected a number, got {value!r}")
        return Decimal(str(value))

    def iso_date(self, key: str) -> date:
        """Return a YYYY-MM-DD date value."""
        value = self.text(key)
        parsed = _parse_iso_date(value)
        if parsed is None:
            raise CatalogError(f"{self.at(key)}: expected a YYYY-MM-DD date, got {value!r}")
        return parsed

    def pattern(self, key: str, regex: re.Pattern[str], what: str) -> str:
        """Return a string value that matches a pattern."""
        value = self.text(key)
        if not regex.fullmatch(value):
            raise CatalogError(f"{self.at(key)}: {value!r} is not {what}")
        return value

    def array(self, key: str, allow_empty: bool = False) -> list[Any]:
        """Return a list value."""
        if key not in self.data:
            return []
        value = self.data[key]
        if not isinstance(value, list):
            raise CatalogError(f"{self.at(key)}: expected a list, got {type(value).__name__}")
        if not value and not allow_empty:
            raise CatalogError(f"{self.at(key)}: must not be empty")
        return value

    def strings(self, key: str, allow_empty: bool = True) -> tuple[str, ...]:
        """Return a list of non-empty strings."""
        result: list[str] = []
        for index, value in enumerate(self.array(key, allow_empty=allow_empty)):
            if not isinstance(value, str) or not value.strip():
                raise CatalogError(f"{self.at(key)}[{index}]: expected a non-empty string")
            result.append(value.strip())
        return tuple(result)


def _placeholders(template: str) -> list[str]:
    """Return the placeholder names of a str.format template, in order of appearance."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


def _check_template(paragraph: str, path: str, field_keys: set[str]) -> None:
    """Raise CatalogError unless every placeholder is a plain field key or built-in."""
    try:
        parsed = list(string.Formatter().parse(paragraph))
    except ValueError as exc:
        raise CatalogError(f"{path}: malformed braces in template ({exc})") from exc
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion:
            raise CatalogError(f"{path}: placeholder {{{name}}} must not have a format or !conv")
        if not _KEY_RE.fullmatch(name):
            raise CatalogError(f"{path}: placeholder {{{name}}} is not a plain field name")
        if name not in field_keys and name not in BUILTIN_PLACEHOLDERS:
            raise CatalogError(
                f"{path}: placeholder {{{name}}} is neither a field of this item nor a built-in "
                f"({', '.join(sorted(BUILTIN_PLACEHOLDERS))})"
            )


def _parse_choice(data: object, path: str) -> Choice:
    """Parse one choice object."""
    obj = _Obj(data, path, {"value", "label_en"}, set())
    return Choice(value=obj.text("value"), label_en=obj.text("label_en"))


def _parse_field(data: object, path: str) -> FieldSpec:
    """Parse and check one field specification."""
    obj = _Obj(
        data,
        path,
        {"key", "label_zh", "label_en", "kind"},
        {"required", "choices", "prefill", "multiline", "integer", "min", "max", "max_length"},
    )
    key = obj.pattern("key", _KEY_RE, "a lower_snake_case key")
    if key in BUILTIN_PLACEHOLDERS:
        raise CatalogError(f"{obj.at('key')}: {key!r} is reserved for a built-in placeholder")
    kind_text = obj.text("kind")
    try:
        kind = FieldKind(kind_text)
    except ValueError:
        allowed = ", ".join(k.value for k in FieldKind)
        raise CatalogError(f"{obj.at('kind')}: {kind_text!r} is not one of {allowed}") from None

    choices = tuple(
        _parse_choice(item, f"{obj.at('choices')}[{i}]")
        for i, item in enumerate(obj.array("choices", allow_empty=True))
    )
    if kind is FieldKind.CHOICE and not choices:
        raise CatalogError(f"{obj.at('choices')}: a choice field needs at least one choice")
    if kind is not FieldKind.CHOICE and choices:
        raise CatalogError(f"{obj.at('choices')}: only a choice field may have choices")
    values = [choice.value for choice in choices]
    if len(set(values)) != len(values):
        raise CatalogError(f"{obj.at('choices')}: duplicate choice values")

    prefill: PrefillSource | None = None
    if obj.has("prefill"):
        source = obj.text("prefill")
        try:
            prefill = PrefillSource(source)
        except ValueError:
            allowed = ", ".join(p.value for p in PrefillSource)
            raise CatalogError(f"{obj.at('prefill')}: {source!r} is not one of {allowed}") from None
        if prefill is PrefillSource.BIRTH_DATE and kind is not FieldKind.DATE:
            raise CatalogError(f"{obj.at('prefill')}: birth_date can only fill a date field")

    numeric_keys = [k for k in ("integer", "min", "max") if obj.has(k)]
    if numeric_keys and kind is not FieldKind.NUMBER:
        raise CatalogError(f"{obj.at(numeric_keys[0])}: only a number field may have this key")
    min_value, max_value = obj.number("min"), obj.number("max")
    if min_value is not None and max_value is not None and min_value > max_value:
        raise CatalogError(f"{obj.at('min')}: min is greater than max")
    max_length: int | None = None
    if obj.has("max_length"):
        if kind is not FieldKind.TEXT:
            raise CatalogError(f"{obj.at('max_length')}: only a text field may have max_length")
        max_length = obj.integer("max_length", 1, 10_000)
    if obj.has("multiline") and kind is not FieldKind.TEXT:
        raise CatalogError(f"{obj.at('multiline')}: only a text field may be multiline")

    return FieldSpec(
        key=key,
        label_zh=obj.text("label_zh"),
        label_en=obj.text("label_en"),
        kind=kind,
        required=obj.boolean("required", True),
        choices=choices,
        prefill=prefill,
        multiline=obj.boolean("multiline", False),
        integer=obj.boolean("integer", False),
        min_value=min_value,
        max_value=max_value,
        max_length=max_length,
    )


def _parse_check(data: object, path: str) -> EligibilityCheck:
    """Parse one eligibility checklist item."""
    obj = _Obj(data, path, {"key", "label_zh", "label_en"}, set())
    return EligibilityCheck(
        key=obj.pattern("key", _KEY_RE, "a lower_snake_case key"),
        label_zh=obj.text("label_zh"),
        label_en=obj.text("label_en"),
    )


def _unique(keys: list[str], path: str, what: str) -> None:
    """Raise CatalogError naming the first duplicate."""
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise CatalogError(f"{path}: duplicate {what} {key!r}")
        seen.add(key)


def _labelled(data: object, path: str, key: str) -> str:
    """Return the path with the item's code or key appended, when it has a usable one."""
    if isinstance(data, dict) and isinstance(data.get(key), str) and data[key].strip():
        return f"{path}({data[key].strip()})"
    return path


def _parse_certificate_type(data: object, path: str) -> CertificateType:
    """Parse and cross-check one catalog item."""
    path = _labelled(data, path, "code")
    obj = _Obj(
        data,
        path,
        {
            "code",
            "name_zh",
            "name_en",
            "fields",
            "eligibility",
            "body_template",
            "validity_days",
            "legal_basis_zh",
        },
        {"legal_basis_en", "suggested_purposes"},
    )
    code = obj.pattern("code", _CODE_RE, "an UPPER_SNAKE_CASE code of 2 to 32 characters")

    fields = tuple(
        _parse_field(item, f"{obj.at('fields')}[{i}]") for i, item in enumerate(obj.array("fields"))
    )
    _unique([f.key for f in fields], obj.at("fields"), "field key")
    _unique([f.prefill.value for f in fields if f.prefill is not None], obj.at("fields"), "prefill")
    checks = tuple(
        _parse_check(item, f"{obj.at('eligibility')}[{i}]")
        for i, item in enumerate(obj.array("eligibility"))
    )
    _unique([c.key for c in checks], obj.at("eligibility"), "eligibility key")

    template = obj.strings("body_template", allow_empty=False)
    field_keys = {f.key for f in fields}
    for i, paragraph in enumerate(template):
        _check_template(paragraph, f"{obj.at('body_template')}[{i}]", field_keys)

    purposes = obj.strings("suggested_purposes")
    _unique(list(purposes), obj.at("suggested_purposes"), "purpose")
    return CertificateType(
        code=code,
        name_zh=obj.text("name_zh"),
        name_en=obj.text("name_en"),
        fields=fields,
        eligibility=checks,
        body_template=template,
        validity_days=obj.integer("validity_days", 1, 3660),
        legal_basis_zh=obj.text("legal_basis_zh"),
        legal_basis_en=obj.text("legal_basis_en") if obj.has("legal_basis_en") else "",
        suggested_purposes=purposes,
    )


def parse_catalog(data: Mapping[str, Any]) -> Catalog:
    """Build a Catalog from its JSON-decoded form, or raise CatalogError naming the bad key."""
    obj = _Obj(
        dict(data) if isinstance(data, Mapping) else data,
        "catalog",
        {"catalog_version", "effective_from", "items"},
        {"title_zh", "title_en"},
    )
    items = tuple(
        _parse_certificate_type(item, f"catalog.items[{i}]")
        for i, item in enumerate(obj.array("items"))
    )
    _unique([item.code for item in items], "catalog.items", "code")
    return Catalog(
        catalog_version=obj.integer("catalog_version", 1, 1_000_000),
        effective_from=obj.iso_date("effective_from"),
        items=items,
        title_zh=obj.text("title_zh") if obj.has("title_zh") else "",
        title_en=obj.text("title_en") if obj.has("title_en") else "",
    )


def _parse_reason(data: object, path: str) -> RefusalReason:
    """Parse one refusal reason."""
    obj = _Obj(data, path, {"code", "label_zh", "label_en"}, set())
    return RefusalReason(
        code=obj.pattern("code", _CODE_RE, "an UPPER_SNAKE_CASE code of 2 to 32 characters"),
        label_zh=obj.text("label_zh"),
        label_en=obj.text("label_en"),
    )


def _parse_negative_item(data: object, path: str, reason_codes: set[str]) -> NegativeListItem:
    """Parse one item of the "do not issue" list."""
    path = _labelled(data, path, "key")
    obj = _Obj(
        data,
        path,
        {
            "key",
            "label_zh",
            "label_en",
            "keywords",
            "competent_body_zh",
            "competent_body_en",
            "default_reason",
            "legal_basis_zh",
        },
        {"legal_basis_en"},
    )
    key = obj.pattern("key", _KEY_RE, "a lower_snake_case key")
    keywords = obj.strings("keywords", allow_empty=False)
    _unique([_normalise_text(k) for k in keywords], obj.at("keywords"), "keyword")
    reason = obj.text("default_reason")
    if reason not in reason_codes:
        raise CatalogError(f"{obj.at('default_reason')}: {reason!r} is not a defined reason code")
    return NegativeListItem(
        key=key,
        label_zh=obj.text("label_zh"),
        label_en=obj.text("label_en"),
        keywords=keywords,
        competent_body_zh=obj.text("competent_body_zh"),
        competent_body_en=obj.text("competent_body_en"),
        default_reason=reason,
        legal_basis_zh=obj.text("legal_basis_zh"),
        legal_basis_en=obj.text("legal_basis_en") if obj.has("legal_basis_en") else "",
    )


def parse_refusal_guide(data: Mapping[str, Any]) -> RefusalGuide:
    """Build a RefusalGuide from its JSON-decoded form, or raise CatalogError naming the bad key."""
    obj = _Obj(
        dict(data) if isinstance(data, Mapping) else data,
        "refusals",
        {"guide_version", "effective_from", "reasons", "negative_list", "legal_basis_zh"},
        {"legal_basis_en"},
    )
    reasons = tuple(
        _parse_reason(item, f"refusals.reasons[{i}]") for i, item in enumerate(obj.array("reasons"))
    )
    _unique([r.code for r in reasons], "refusals.reasons", "code")
    codes = {r.code for r in reasons}
    items = tuple(
        _parse_negative_item(item, f"refusals.negative_list[{i}]", codes)
        for i, item in enumerate(obj.array("negative_list", allow_empty=True))
    )
    _unique([item.key for item in items], "refusals.negative_list", "key")
    return RefusalGuide(
        guide_version=obj.integer("guide_version", 1, 1_000_000),
        effective_from=obj.iso_date("effective_from"),
        reasons=reasons,
        negative_list=items,
        legal_basis_zh=obj.text("legal_basis_zh"),
        legal_basis_en=obj.text("legal_basis_en") if obj.has("legal_basis_en") else "",
    )
