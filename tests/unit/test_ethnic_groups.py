"""The GB/T 3304 list: 56 groups in code order, then 其他 (97) and 外国血统 (98)."""

from __future__ import annotations

from stationdesk.domain.ethnic_groups import ETHNIC_GROUPS, ETHNICITY_NAMES, group_by_code
from stationdesk.domain.residents import ETHNICITIES


def test_the_list_has_all_56_groups_in_code_order_then_other_and_foreign_origin():
    codes = [g.code for g in ETHNIC_GROUPS]
    assert codes == [f"{i:02d}" for i in range(1, 57)] + ["97", "98"]
    assert len(set(ETHNICITY_NAMES)) == 58
    assert ETHNICITY_NAMES[:3] == ("汉族", "蒙古族", "回族")
    assert ETHNICITY_NAMES[10] == "满族" and ETHNICITY_NAMES[55] == "基诺族"
    assert ETHNICITY_NAMES[-2:] == ("其他", "外国血统")
    assert all(name.endswith("族") for name in ETHNICITY_NAMES[:56])


def test_names_already_held_by_residents_stay_valid():
    for held in ("汉族", "满族", "回族", "蒙古族", "朝鲜族", "壮族", "苗族", "维吾尔族", "藏族"):
        assert held in ETHNICITIES
    assert "其他" in ETHNICITIES
    assert ETHNICITIES == ETHNICITY_NAMES


def test_a_card_code_names_its_group():
    assert group_by_code("01") == ETHNIC_GROUPS[0]
    assert group_by_code("1") == ETHNIC_GROUPS[0]
    assert group_by_code("11").name == "满族"
    assert group_by_code("98").name == "外国血统"
    for bad in ("00", "57", "99", "", "ab", "011"):
        assert group_by_code(bad) is None
