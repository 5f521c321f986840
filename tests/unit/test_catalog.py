"""Tests for the certificate catalog and the refusal guide, including the shipped JSON."""

from __future__ import annotations

import ast
import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stationdesk.domain import catalog as catalog_module
from stationdesk.domain.catalog import (
    BUILTIN_PLACEHOLDERS,
    Catalog,
    CatalogError,
    FieldKind,
    NotInCatalog,
    PrefillSource,
    RefusalGuide,
    format_date_zh,
    parse_catalog,
    parse_refusal_guide,
)
from stationdesk.resources import resource_path

SIX_CODES = (
    "RESIDENCE",
    "PROPERTY_SOURCE",
    "STUDENT_HARDSHIP",
    "LIVING_HARDSHIP",
    "VOLUNTEER",
    "PARTY_REPORT",
)


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("catalog", name).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def shipped_catalog() -> Catalog:
    return parse_catalog(_load("certificates.json"))


@pytest.fixture(scope="module")
def shipped_guide() -> RefusalGuide:
    return parse_refusal_guide(_load("refusals.json"))


def minimal_catalog() -> dict[str, Any]:
    """A small valid catalog that the error tests mutate."""
    return {
        "catalog_version": 3,
        "effective_from": "2025-07-01",
        "items": [
            {
                "code": "TEST_ITEM",
                "name_zh": "测试证明",
                "name_en": "Test certificate",
                "fields": [
                    {
                        "key": "name",
                        "label_zh": "姓名",
                        "label_en": "Name",
                        "kind": "text",
                        "prefill": "name",
                    },
                    {"key": "since", "label_zh": "起始日期", "label_en": "Since", "kind": "date"},
                    {
                        "key": "count",
                        "label_zh": "人数",
                        "label_en": "Count",
                        "kind": "number",
                        "integer": True,
                        "min": 1,
                        "max": 9,
                    },
                    {
                        "key": "kind_of_home",
                        "label_zh": "住房性质",
                        "label_en": "Home",
                        "kind": "choice",
                        "choices": [
                            {"value": "自有住房", "label_en": "Own"},
                            {"value": "租赁住房", "label_en": "Rented"},
                        ],
                    },
                    {
                        "key": "remark",
                        "label_zh": "备注",
                        "label_en": "Remark",
                        "kind": "text",
                        "required": False,
                        "max_length": 10,
                    },
                ],
                "eligibility": [
                    {"key": "id_checked", "label_zh": "已核验身份证件", "label_en": "ID checked"},
                    {"key": "visited", "label_zh": "已入户走访", "label_en": "Visited"},
                ],
                "body_template": [
                    "兹证明{name}自{since}起居住，共{count}人，{kind_of_home}。",
                    "备注：{remark}。",
                    "由{station_name}于{issue_date}出具，用于{purpose}，{{原样}}。",
                ],
                "validity_days": 30,
                "legal_basis_zh": "测试依据",
            }
        ],
    }


def minimal_guide() -> dict[str, Any]:
    """A small valid refusal guide that the error tests mutate."""
    return {
        "guide_version": 1,
        "effective_from": "2025-01-01",
        "legal_basis_zh": "测试依据",
        "reasons": [
            {"code": "ON_NEGATIVE_LIST", "label_zh": "不应出具", "label_en": "Negative list"},
            {"code": "OTHER", "label_zh": "其他", "label_en": "Other"},
        ],
        "negative_list": [
            {
                "key": "birth",
                "label_zh": "出生证明",
                "label_en": "Birth",
                "keywords": ["出生"],
                "competent_body_zh": "助产机构",
                "competent_body_en": "Maternity hospital",
                "default_reason": "ON_NEGATIVE_LIST",
                "legal_basis_zh": "第9项",
            },
            {
                "key": "identity",
                "label_zh": "居民身份信息证明",
                "label_en": "Identity",
                "keywords": ["出生日期", "曾用名"],
                "competent_body_zh": "公安派出所",
                "competent_body_en": "Police station",
                "default_reason": "OTHER",
                "legal_basis_zh": "第2项",
            },
        ],
    }


# --- the shipped files ------------------------------------------------------------------------


def test_shipped_catalog_has_the_six_items(shipped_catalog: Catalog) -> None:
    assert shipped_catalog.codes == SIX_CODES
    assert shipped_catalog.catalog_version >= 1
    assert isinstance(shipped_catalog.effective_from, date)
    names = {item.code: item.name_zh for item in shipped_catalog}
    assert names["RESIDENCE"] == "居住情况证明"
    assert names["PROPERTY_SOURCE"] == "房屋权属来源情况证明"
    assert names["STUDENT_HARDSHIP"] == "家庭经济困难学生情况证明"
    assert names["LIVING_HARDSHIP"] == "生活困难情况证明（据实说明）"
    assert names["VOLUNTEER"] == "社区志愿服务证明"
    assert names["PARTY_REPORT"] == "在职党员社区报到服务情况证明"


@pytest.mark.parametrize("code", SIX_CODES)
def test_each_shipped_item_is_complete(shipped_catalog: Catalog, code: str) -> None:
    item = shipped_catalog.get(code)
    assert item.fields and item.eligibility and item.body_template
    assert item.validity_days > 0
    assert item.legal_basis_zh and item.name_en
    field_keys = {spec.key for spec in item.fields}
    assert item.placeholders <= field_keys | BUILTIN_PLACEHOLDERS
    prefills = {spec.prefill for spec in item.fields if spec.prefill is not None}
    assert PrefillSource.NAME in prefills and PrefillSource.ID_NUMBER in prefills
    assert "name" in item.placeholders and "id_number" in item.placeholders


def test_shipped_residence_checks_the_lease(shipped_catalog: Catalog) -> None:
    labels = [check.label_zh for check in shipped_catalog.get("RESIDENCE").eligibility]
    assert any("租赁合同" in label for label in labels)
    assert any("入户走访" in label for label in labels)
    assert any("告知承诺书" in label for label in labels)


def test_shipped_living_hardship_is_not_an_income_determination(shipped_catalog: Catalog) -> None:
    item = shipped_catalog.get("LIVING_HARDSHIP")
    values = {
        "name": "林测试",
        "sex": "女",
        "id_number": "110101199003071233",
        "address": "示例路1号",
        "household_size": "3",
        "visit_date": "2026-02-20",
        "observed_facts": "住房狭小，家具简陋。",
    }
    assert item.validate_fields(values) == {}
    body = item.render_body(values)
    assert "据实说明" in body
    assert "不是对申请人家庭收入" in body and "认定" in body
    assert "申请人自述" not in body  # the optional statement was left blank
    assert "。。" not in body


def test_shipped_student_hardship_rests_on_the_pledge(shipped_catalog: Catalog) -> None:
    item = shipped_catalog.get("STUDENT_HARDSHIP")
    assert {"pledge_signed", "home_visited"} <= {check.key for check in item.eligibility}
    assert any("承诺" in paragraph for paragraph in item.body_template)


def test_shipped_refusal_guide(shipped_guide: RefusalGuide) -> None:
    codes = {reason.code for reason in shipped_guide.reasons}
    assert codes == {
        "ON_NEGATIVE_LIST",
        "STATUTORY_DOCUMENT",
        "OTHER_BODY_DUTY",
        "PLEDGE_SUFFICES",
        "CANNOT_VERIFY",
        "NOT_ELIGIBLE",
        "OTHER",
    }
    assert len(shipped_guide.negative_list) >= 20
    assert "民发〔2020〕20号" in shipped_guide.legal_basis_zh
    for item in shipped_guide.negative_list:
        assert "民发〔2020〕20号" in item.legal_basis_zh
        assert item.default_reason in codes


@pytest.mark.parametrize(
    ("request_text", "key", "body_fragment"),
    [
        ("亲属关系证明", "kinship", "派出所"),
        ("我需要一份父子关系证明", "kinship", "公证"),
        ("婚姻状况证明", "marital_status", "婚姻登记机关"),
        ("单身证明", "marital_status", "民政部门"),
        ("开无犯罪记录证明", "criminal_record", "公安机关"),
        ("出生证明", "birth", "出生医学证明"),
        ("出生日期证明", "identity", "派出所"),
        ("老人健在证明", "still_alive", "社会保险经办机构"),
        ("死亡证明", "death", "医疗卫生机构"),
        ("残疾证明", "disability", "残疾人联合会"),
        ("失业证明", "employment", "人力资源社会保障"),
        ("名下房产证明", "property", "不动产登记"),
        ("遗产继承证明", "inheritance", "公证"),
        ("身份证丢了要证明", "lost_document", "发证机关"),
        ("ＤＯＧ 养 犬 证明", "dog_keeping", "养犬管理"),
    ],
)
def test_suggest_finds_the_competent_body(
    shipped_guide: RefusalGuide, request_text: str, key: str, body_fragment: str
) -> None:
    item = shipped_guide.suggest(request_text)
    assert item is not None
    assert item.key == key
    assert body_fragment in item.competent_body_zh


def test_suggest_never_refuses_a_catalog_item(
    shipped_catalog: Catalog, shipped_guide: RefusalGuide
) -> None:
    for item in shipped_catalog:
        assert shipped_guide.suggest(item.name_zh) is None, item.name_zh


def test_suggest_returns_none_for_unknown_requests(shipped_guide: RefusalGuide) -> None:
    assert shipped_guide.suggest("") is None
    assert shipped_guide.suggest("请帮我开个证明") is None


def test_guide_lookups(shipped_guide: RefusalGuide) -> None:
    assert shipped_guide.reason("OTHER").label_zh == "其他原因"
    assert shipped_guide.item("kinship").label_zh == "亲属关系证明"
    with pytest.raises(NotInCatalog):
        shipped_guide.reason("NO_SUCH_REASON")
    with pytest.raises(NotInCatalog):
        shipped_guide.item("no_such_item")


# --- parsing rules ----------------------------------------------------------------------------


def test_minimal_catalog_parses() -> None:
    parsed = parse_catalog(minimal_catalog())
    assert parsed.catalog_version == 3
    assert parsed.effective_from == date(2025, 7, 1)
    item = parsed.get("TEST_ITEM")
    assert [spec.kind for spec in item.fields] == [
        FieldKind.TEXT,
        FieldKind.DATE,
        FieldKind.NUMBER,
        FieldKind.CHOICE,
        FieldKind.TEXT,
    ]
    assert item.field("kind_of_home").choice_values == ("自有住房", "租赁住房")
    assert "TEST_ITEM" in parsed and "OTHER" not in parsed and len(parsed) == 1


def test_comment_keys_are_allowed() -> None:
    data = minimal_catalog()
    data["_comment"] = "说明"
    data["items"][0]["_note"] = "x"
    assert parse_catalog(data).codes == ("TEST_ITEM",)


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value


_DELETE = object()
ITEM = ("items", 0)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("catalog_version",), _DELETE, "catalog.catalog_version: required key is missing"),
        (("catalog_version",), True, "catalog.catalog_version: expected an integer"),
        (("catalog_version",), 0, "catalog.catalog_version: must be between"),
        (("effective_from",), "2025-02-30", "catalog.effective_from: expected a YYYY-MM-DD"),
        (("effective_from",), "2025/07/01", "catalog.effective_from"),
        (("items",), [], "catalog.items: must not be empty"),
        (("items",), {}, "catalog.items: expected a list"),
        (("colour",), "red", "catalog.colour: unknown key"),
        ((*ITEM, "code"), "lower", "catalog.items[0](lower).code: 'lower' is not"),
        ((*ITEM, "name_zh"), "  ", "(TEST_ITEM).name_zh: must not be empty"),
        ((*ITEM, "name_en"), _DELETE, "(TEST_ITEM).name_en: required key is missing"),
        ((*ITEM, "validity_days"), 0, "(TEST_ITEM).validity_days"),
        ((*ITEM, "validity_days"), "30", "(TEST_ITEM).validity_days: expected an integer"),
        ((*ITEM, "legal_basis_zh"), _DELETE, "(TEST_ITEM).legal_basis_zh: required key"),
        ((*ITEM, "body_template"), "兹证明", "(TEST_ITEM).body_template: expected a list"),
        ((*ITEM, "body_template", 0), "兹证明{nmae}", "placeholder {nmae} is neither"),
        ((*ITEM, "body_template", 0), "兹证明{name:>10}", "must not have a format"),
        ((*ITEM, "body_template", 0), "兹证明{name!r}", "must not have a format"),
        ((*ITEM, "body_template", 0), "兹证明{name.upper}", "not a plain field name"),
        ((*ITEM, "body_template", 0), "兹证明{name", "malformed braces"),
        ((*ITEM, "fields", 0, "kind"), "txt", "fields[0].kind: 'txt' is not one of"),
        ((*ITEM, "fields", 0, "key"), "Name", "fields[0].key"),
        ((*ITEM, "fields", 0, "key"), "purpose", "reserved for a built-in"),
        ((*ITEM, "fields", 0, "prefill"), "phone", "fields[0].prefill: 'phone' is not one of"),
        ((*ITEM, "fields", 0, "requried"), True, "fields[0].requried: unknown key"),
        ((*ITEM, "fields", 0, "required"), "yes", "fields[0].required: expected true or false"),
        ((*ITEM, "fields", 0, "prefill"), "birth_date", "birth_date can only fill a date field"),
        ((*ITEM, "fields", 0, "min"), 1, "fields[0].min: only a number field"),
        ((*ITEM, "fields", 2, "min"), 10, "fields[2].min: min is greater than max"),
        ((*ITEM, "fields", 3, "choices"), [], "a choice field needs at least one choice"),
        (
            (*ITEM, "fields", 3, "choices", 1, "value"),
            "自有住房",
            "fields[3].choices: duplicate choice values",
        ),
        ((*ITEM, "fields", 1, "choices"), [{"value": "a", "label_en": "A"}], "only a choice"),
        ((*ITEM, "fields", 1, "max_length"), 5, "only a text field may have max_length"),
        ((*ITEM, "eligibility", 1, "key"), "id_checked", "duplicate eligibility key"),
        ((*ITEM, "eligibility", 0, "label_en"), _DELETE, "eligibility[0].label_en: required"),
    ],
)
def test_catalog_errors_name_the_bad_key(path: tuple[Any, ...], value: Any, expected: str) -> None:
    data = minimal_catalog()
    _set(data, path, value)
    with pytest.raises(CatalogError) as excinfo:
        parse_catalog(data)
    assert expected in str(excinfo.value)


def test_duplicate_codes_are_rejected() -> None:
    data = minimal_catalog()
    data["items"].append(copy.deepcopy(data["items"][0]))
    with pytest.raises(CatalogError, match="duplicate code 'TEST_ITEM'"):
        parse_catalog(data)


def test_duplicate_field_keys_are_rejected() -> None:
    data = minimal_catalog()
    data["items"][0]["fields"].append(copy.deepcopy(data["items"][0]["fields"][1]))
    with pytest.raises(CatalogError, match="duplicate field key 'since'"):
        parse_catalog(data)


def test_catalog_must_be_an_object() -> None:
    with pytest.raises(CatalogError, match="catalog: expected an object"):
        parse_catalog([])  # type: ignore[arg-type]
    assert issubclass(CatalogError, ValueError)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("guide_version",), _DELETE, "refusals.guide_version: required key is missing"),
        (("reasons", 1, "code"), "ON_NEGATIVE_LIST", "duplicate code 'ON_NEGATIVE_LIST'"),
        (("negative_list", 0, "default_reason"), "MISSING", "'MISSING' is not a defined reason"),
        (("negative_list", 0, "keywords"), [], "(birth).keywords: must not be empty"),
        (("negative_list", 0, "keywords"), ["出生", "出 生"], "duplicate keyword"),
        (("negative_list", 1, "key"), "birth", "duplicate key 'birth'"),
        (("negative_list", 0, "competent_body_zh"), _DELETE, "competent_body_zh: required"),
        (("negative_list", 0, "shade"), "x", "(birth).shade: unknown key"),
    ],
)
def test_guide_errors_name_the_bad_key(path: tuple[Any, ...], value: Any, expected: str) -> None:
    data = minimal_guide()
    _set(data, path, value)
    with pytest.raises(CatalogError) as excinfo:
        parse_refusal_guide(data)
    assert expected in str(excinfo.value)


def test_longest_keyword_wins() -> None:
    guide = parse_refusal_guide(minimal_guide())
    birth = guide.suggest("出生证明")
    identity = guide.suggest("出生日期证明")
    assert birth is not None and birth.key == "birth"
    assert identity is not None and identity.key == "identity"


# --- using a certificate type -----------------------------------------------------------------


@pytest.fixture
def item() -> Any:
    return parse_catalog(minimal_catalog()).get("TEST_ITEM")


def _valid() -> dict[str, str]:
    return {"name": "林测试", "since": "2019-05-01", "count": "3", "kind_of_home": "租赁住房"}


def test_get_raises_not_in_catalog_for_an_off_list_code() -> None:
    parsed = parse_catalog(minimal_catalog())
    with pytest.raises(NotInCatalog, match="'KINSHIP' is not in catalog version 3"):
        parsed.get("KINSHIP")
    assert issubclass(NotInCatalog, ValueError)


def test_valid_values_give_no_errors(item: Any) -> None:
    assert item.validate_fields(_valid()) == {}
    assert item.validate_fields({**_valid(), "purpose": "入学", "station_name": "站"}) == {}


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("name", "", "请填写姓名"),
        ("name", "   ", "请填写姓名"),
        ("since", "2019-5-1", "起始日期应为有效日期，格式为YYYY-MM-DD"),
        ("since", "2019/05/01", "格式为YYYY-MM-DD"),
        ("since", "2019-02-30", "应为有效日期"),
        ("count", "三", "人数应为数字"),
        ("count", "NaN", "人数应为数字"),
        ("count", "1.5", "人数应为整数"),
        ("count", "0", "人数不能小于1"),
        ("count", "10", "人数不能大于9"),
        ("kind_of_home", "借住", "住房性质只能选择：自有住房、租赁住房"),
        ("remark", "一二三四五六七八九十一", "备注不能超过10个字"),
    ],
)
def test_validate_fields_reports_in_chinese(item: Any, key: str, value: str, message: str) -> None:
    errors = item.validate_fields({**_valid(), key: value})
    assert list(errors) == [key]
    assert message in errors[key]


def test_missing_required_keys_and_unknown_keys_are_reported(item: Any) -> None:
    errors = item.validate_fields({"colour": "red"})
    assert set(errors) == {"name", "since", "count", "kind_of_home", "colour"}
    assert errors["colour"].startswith("未知字段")


def test_render_body_formats_dates_and_drops_blank_optional_paragraphs(item: Any) -> None:
    values = {
        **_valid(),
        "station_name": "和平社区",
        "issue_date": "2026-03-05",
        "purpose": "子女入学",
    }
    body = item.render_body(values)
    assert body.splitlines() == [
        "兹证明林测试自2019年5月1日起居住，共3人，租赁住房。",
        "由和平社区于2026年3月5日出具，用于子女入学，{原样}。",
    ]
    with_remark = item.render_body({**values, "remark": "无。"})
    assert "备注：无。" in with_remark.splitlines()


def test_render_body_needs_required_values_and_built_ins(item: Any) -> None:
    with pytest.raises(ValueError, match="no value for placeholder 'station_name'"):
        item.render_body(_valid())
    with pytest.raises(ValueError, match="no value for placeholder 'purpose'"):
        item.render_body({**_valid(), "station_name": "站", "issue_date": "2026-03-05"})
    with pytest.raises(ValueError, match="'name'"):
        item.render_body({**_valid(), "name": "", "purpose": "x", "station_name": "y"})


def test_prefill_checks_and_validity(item: Any) -> None:
    assert item.prefill({"name": "林测试", "sex": "女"}) == {"name": "林测试"}
    assert [c.key for c in item.missing_checks(["visited"])] == ["id_checked"]
    assert item.missing_checks(["visited", "id_checked"]) == ()
    assert item.valid_until(date(2026, 3, 5)) == date(2026, 4, 3)  # 30 days, issue day included


def test_format_date_zh() -> None:
    assert format_date_zh(date(2026, 3, 5)) == "2026年3月5日"
    assert format_date_zh(date(2026, 12, 31)) == "2026年12月31日"


@pytest.mark.parametrize(
    "module", sorted(Path(catalog_module.__file__).parent.glob("*.py")), ids=lambda p: p.name
)
def test_domain_module_is_pure(module: Path) -> None:
    source = module.read_text(encoding="utf-8")
    allowed_stdlib = {
        "__future__",
        "re",
        "string",
        "unicodedata",
        "collections",
        "dataclasses",
        "datetime",
        "decimal",
        "enum",
        "typing",
    }
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            assert top in allowed_stdlib or name.startswith("stationdesk.domain"), name
    assert "open(" not in source
