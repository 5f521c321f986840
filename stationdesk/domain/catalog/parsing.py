"""Strict parsing of the catalog and the refusal guide from their JSON-decoded form."""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from stationdesk.domain.catalog.common import (
    BUILTIN_PLACEHOLDERS,
    CODE_RE,
    KEY_RE,
    CatalogError,
    normalise_text,
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
from stationdesk.domain.catalog.reader import JsonObject
from stationdesk.domain.catalog.refusals import NegativeListItem, RefusalGuide, RefusalReason

MAX_COPIES = 10  # copies of one document per print
_T = TypeVar("_T")
E = TypeVar("E", bound=StrEnum)


def _key(obj: JsonObject) -> str:
    """Return the object's lower_snake_case ``key``."""
    return obj.pattern("key", KEY_RE, "a lower_snake_case key")


def _code(obj: JsonObject) -> str:
    """Return the object's UPPER_SNAKE_CASE ``code``."""
    return obj.pattern("code", CODE_RE, "an UPPER_SNAKE_CASE code of 2 to 32 characters")


def _plain(data: Mapping[str, Any]) -> object:
    """Return the top-level data as a plain dict (anything else is reported by JsonObject)."""
    return dict(data) if isinstance(data, Mapping) else data


def _each(
    obj: JsonObject, key: str, parse: Callable[[object, str], _T], *, allow_empty: bool = False
) -> tuple[_T, ...]:
    """Parse each element of the list at ``key`` with its own path (``….key[i]``)."""
    items = obj.array(key, allow_empty=allow_empty)
    return tuple(parse(item, f"{obj.at(key)}[{i}]") for i, item in enumerate(items))


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
        if not KEY_RE.fullmatch(name):
            raise CatalogError(f"{path}: placeholder {{{name}}} is not a plain field name")
        if name not in field_keys and name not in BUILTIN_PLACEHOLDERS:
            raise CatalogError(
                f"{path}: placeholder {{{name}}} is neither a field of this item nor a built-in "
                f"({', '.join(sorted(BUILTIN_PLACEHOLDERS))})"
            )


def _parse_choice(data: object, path: str) -> Choice:
    """Parse one choice object."""
    obj = JsonObject(data, path, {"value", "label_en"}, set())
    return Choice(value=obj.text("value"), label_en=obj.text("label_en"))


def _optional_enum(obj: JsonObject, key: str, enum: type[E]) -> E | None:
    """The member of ``enum`` named by an optional key, or None; CatalogError names the values."""
    if not obj.has(key):
        return None
    text = obj.text(key)
    try:
        return enum(text)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise CatalogError(f"{obj.at(key)}: {text!r} is not one of {allowed}") from None


def _parse_field(data: object, path: str) -> FieldSpec:
    """Parse and check one field specification."""
    obj = JsonObject(
        data,
        path,
        {"key", "label_zh", "label_en", "kind"},
        {
            "required",
            "choices",
            "prefill",
            "multiline",
            "integer",
            "min",
            "max",
            "max_length",
            "from_records",
        },
    )
    key = _key(obj)
    if key in BUILTIN_PLACEHOLDERS:
        raise CatalogError(f"{obj.at('key')}: {key!r} is reserved for a built-in placeholder")
    kind_text = obj.text("kind")
    try:
        kind = FieldKind(kind_text)
    except ValueError:
        allowed = ", ".join(k.value for k in FieldKind)
        raise CatalogError(f"{obj.at('kind')}: {kind_text!r} is not one of {allowed}") from None

    choices = _each(obj, "choices", _parse_choice, allow_empty=True)
    if kind is FieldKind.CHOICE and not choices:
        raise CatalogError(f"{obj.at('choices')}: a choice field needs at least one choice")
    if kind is not FieldKind.CHOICE and choices:
        raise CatalogError(f"{obj.at('choices')}: only a choice field may have choices")
    values = [choice.value for choice in choices]
    if len(set(values)) != len(values):
        raise CatalogError(f"{obj.at('choices')}: duplicate choice values")

    prefill = _optional_enum(obj, "prefill", PrefillSource)
    if prefill is PrefillSource.BIRTH_DATE and kind is not FieldKind.DATE:
        raise CatalogError(f"{obj.at('prefill')}: birth_date can only fill a date field")
    from_records = _optional_enum(obj, "from_records", RecordFact)
    if from_records is not None and prefill is not None:
        raise CatalogError(f"{obj.at('from_records')}: a field is prefilled or from records")
    if from_records is RecordFact.RECORDS and (key != RECORDS_KEY or kind is not FieldKind.TEXT):
        raise CatalogError(
            f"{obj.at('from_records')}: the record list is the text field {RECORDS_KEY!r}"
        )

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
        from_records=from_records,
    )


def _parse_check(data: object, path: str) -> EligibilityCheck:
    """Parse one eligibility checklist item."""
    obj = JsonObject(data, path, {"key", "label_zh", "label_en"}, set())
    return EligibilityCheck(
        key=_key(obj),
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
    obj = JsonObject(
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
        {"legal_basis_en", "suggested_purposes", "copies"},
    )
    code = _code(obj)

    fields = _each(obj, "fields", _parse_field)
    _unique([f.key for f in fields], obj.at("fields"), "field key")
    _unique([f.prefill.value for f in fields if f.prefill is not None], obj.at("fields"), "prefill")
    _unique(
        [f.from_records.value for f in fields if f.from_records is not None],
        obj.at("fields"),
        "from_records",
    )
    checks = _each(obj, "eligibility", _parse_check)
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
        legal_basis_en=obj.optional_text("legal_basis_en"),
        suggested_purposes=purposes,
        copies=obj.integer("copies", 1, MAX_COPIES) if obj.has("copies") else 1,
    )


def parse_catalog(data: Mapping[str, Any]) -> Catalog:
    """Build a Catalog from its JSON-decoded form, or raise CatalogError naming the bad key."""
    obj = JsonObject(
        _plain(data),
        "catalog",
        {"catalog_version", "effective_from", "items"},
        {"title_zh", "title_en"},
    )
    items = _each(obj, "items", _parse_certificate_type)
    _unique([item.code for item in items], "catalog.items", "code")
    return Catalog(
        catalog_version=obj.integer("catalog_version", 1, 1_000_000),
        effective_from=obj.iso_date("effective_from"),
        items=items,
        title_zh=obj.optional_text("title_zh"),
        title_en=obj.optional_text("title_en"),
    )


def _parse_reason(data: object, path: str) -> RefusalReason:
    """Parse one refusal reason."""
    obj = JsonObject(data, path, {"code", "label_zh", "label_en"}, set())
    return RefusalReason(
        code=_code(obj),
        label_zh=obj.text("label_zh"),
        label_en=obj.text("label_en"),
    )


def _parse_negative_item(data: object, path: str, reason_codes: set[str]) -> NegativeListItem:
    """Parse one item of the "do not issue" list."""
    path = _labelled(data, path, "key")
    obj = JsonObject(
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
    key = _key(obj)
    keywords = obj.strings("keywords", allow_empty=False)
    _unique([normalise_text(k) for k in keywords], obj.at("keywords"), "keyword")
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
        legal_basis_en=obj.optional_text("legal_basis_en"),
    )


def parse_refusal_guide(data: Mapping[str, Any]) -> RefusalGuide:
    """Build a RefusalGuide from its JSON-decoded form, or raise CatalogError naming the bad key."""
    obj = JsonObject(
        _plain(data),
        "refusals",
        {"guide_version", "effective_from", "reasons", "negative_list", "legal_basis_zh"},
        {"legal_basis_en", "notice_copies"},
    )
    reasons = _each(obj, "reasons", _parse_reason)
    _unique([r.code for r in reasons], "refusals.reasons", "code")
    codes = {r.code for r in reasons}
    items = _each(
        obj,
        "negative_list",
        lambda item, path: _parse_negative_item(item, path, codes),
        allow_empty=True,
    )
    _unique([item.key for item in items], "refusals.negative_list", "key")
    return RefusalGuide(
        guide_version=obj.integer("guide_version", 1, 1_000_000),
        effective_from=obj.iso_date("effective_from"),
        reasons=reasons,
        negative_list=items,
        legal_basis_zh=obj.text("legal_basis_zh"),
        legal_basis_en=obj.optional_text("legal_basis_en"),
        notice_copies=(
            obj.integer("notice_copies", 1, MAX_COPIES) if obj.has("notice_copies") else 2
        ),
    )
