"""An ID card placed at an activity: its member signed in, then out, refused for an unknown
number, a member signed out already or an approved record, nothing written on refusal."""

from __future__ import annotations

import pytest

from stationdesk.services import volunteering as v
from stationdesk.services.errors import InputError, NotFoundError
from stationdesk.store.models_volunteer import VolunteerMember
from tests.helpers.ids import idn

from .test_volunteering import _activity, bj, counts, desk  # noqa: F401


def test_a_card_signs_in_then_out_and_refuses_the_rest(desk) -> None:  # noqa: F811
    s, ids = desk
    st, w = s.station, s.worker
    member = v.show_member(st, w, ids["member"])
    act = _activity(s, 3)
    with st.db.read_session() as session:
        id_number = session.get(VolunteerMember, ids["member"]).id_number
    s.clock.now = bj(3, 9, 5)
    first = v.sign_by_card(st, w, act, id_number)
    assert (first.name, first.signed_out) == (member.name, False)
    assert [r.member_id for r in first.activity.signins] == [ids["member"]]
    s.clock.now = bj(3, 10, 35)
    second = v.sign_by_card(st, w, act, f" {id_number.lower()} ")
    assert second.signed_out and second.activity.signins[0].minutes == 90
    before = counts(s)
    with pytest.raises(InputError) as exc:
        v.sign_by_card(st, w, act, id_number)
    assert exc.value.zh == "该党员已签退。"
    with pytest.raises(NotFoundError) as missing:
        v.sign_by_card(st, w, act, idn(99))
    assert missing.value.zh == "该身份证号不是已报到的在职党员。"
    with pytest.raises(NotFoundError):
        v.sign_by_card(st, w, act, ids["member"])  # a record id is not a card's number
    assert counts(s) == before
