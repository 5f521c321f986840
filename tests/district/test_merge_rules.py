"""The pure field-merge rules (domain/merge.py) that the resident handler plugs in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from stationdesk.domain.merge import FieldEdit, diff_values, merge_edit, rebase_pending

values = st.one_of(st.none(), st.integers(0, 3), st.sampled_from(["a", "b", "张"]))
fields = st.sampled_from(["name", "phone", "address", "id_number"])


def test_a_field_the_server_did_not_touch_is_applied_silently():
    r = merge_edit(
        base_version=3,
        edits={"phone": FieldEdit("1", "2")},
        current={"phone": "1", "name": "甲"},
        field_versions={"phone": 1, "name": 4},
    )
    assert r.values == {"phone": "2"} and r.conflicts == ()


def test_the_same_field_changed_at_both_ends_keeps_the_later_and_records_both():
    r = merge_edit(
        base_version=3,
        edits={"phone": FieldEdit("1", "B")},
        current={"phone": "A"},
        field_versions={"phone": 4},
        identity_fields=("name",),
    )
    assert r.values == {"phone": "B"}
    [c] = r.conflicts
    assert (c.field, c.local, c.server, c.applied, c.identity) == ("phone", "B", "A", "B", False)
    assert not r.flagged


def test_an_identity_conflict_flags_and_agreement_is_no_conflict():
    r = merge_edit(
        base_version=1,
        edits={"name": FieldEdit("甲", "乙"), "phone": FieldEdit("1", "2")},
        current={"name": "丙", "phone": "2"},
        field_versions={"name": 2, "phone": 2},
        identity_fields=("name",),
    )
    assert r.flagged and [c.field for c in r.conflicts] == ["name"]
    assert r.values == {"name": "乙"}  # phone already agrees: nothing to write


@given(
    st.dictionaries(fields, values),
    st.dictionaries(fields, st.tuples(values, values)),
    st.dictionaries(fields, st.integers(0, 5)),
    st.integers(0, 5),
)
def test_merge_properties(current, raw_edits, versions, base):
    edits = {k: FieldEdit(o, n) for k, (o, n) in raw_edits.items()}
    r = merge_edit(base_version=base, edits=edits, current=current, field_versions=versions)
    merged = {**current, **r.values}
    for name, e in edits.items():
        assert merged.get(name) == e.new  # the arriving (later) edit always ends up applied
    for c in r.conflicts:
        assert versions.get(c.field, 0) > base and c.server not in (c.local, edits[c.field].old)
    assert set(r.values) <= set(edits)  # nothing else is touched


@given(st.dictionaries(fields, values), st.dictionaries(fields, values))
def test_rebase_keeps_every_pending_local_value(server, local):
    edits = {k: FieldEdit(None, v) for k, v in local.items()}
    merged = rebase_pending(server, [edits])
    assert all(merged[k] == v for k, v in local.items())
    assert all(merged[k] == v for k, v in server.items() if k not in local)
    assert diff_values(server, merged).keys() <= set(local)
