"""A unit's 结对共建 projects on a real station: added from a list, moved through their states,
refused when bad, audited, queued for the district with the unit, and counted in the report."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from stationdesk.services import volunteering as v
from stationdesk.services.errors import InputError, NotFoundError, PermissionDeniedError
from stationdesk.store.models import AuditRecord, OutboxEntry
from tests.conftest import StationFixture

from .test_volunteering import desk  # noqa: F401


def _unit(s: StationFixture, unit_id: str) -> v.UnitInfo:
    return next(u for u in v.list_units(s.station, s.worker) if u.id == unit_id)


def test_projects_are_added_moved_and_queued_with_the_unit(desk) -> None:  # noqa: F811
    s, ids = desk
    st, w = s.station, s.worker
    info = v.add_project(st, w, "区税务局", title="  政策宣讲进楼栋 ", source="项目清单")
    assert [(p.title, p.list_zh, p.status_zh) for p in info.projects] == [
        ("政策宣讲进楼栋", "项目清单", "计划中")
    ]
    first = info.projects[0].id
    v.add_project(st, w, ids["unit"], title="捐赠图书", source="resources", note="二百册")
    info = v.set_project_status(st, w, "区税务局", "政策宣讲进楼栋", "进行中")
    info = v.set_project_status(st, w, "区税务局", first, "done")
    assert [(p.title, p.status, p.note) for p in _unit(s, ids["unit"]).projects] == [
        ("政策宣讲进楼栋", "done", None),
        ("捐赠图书", "planned", "二百册"),
    ]
    info = v.edit_project(st, w, "区税务局", "捐赠图书", title="捐赠图书", source="需求清单")
    assert (info.projects[1].list_zh, info.projects[1].note) == ("需求清单", None)
    with st.db.read_session() as session:
        ops = list(
            session.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.entity == "volunteer_unit", OutboxEntry.kind == "update")
                .order_by(OutboxEntry.seq)
            )
        )
        audits = list(
            session.scalars(
                select(AuditRecord.action).where(AuditRecord.action.like("volunteer_unit.project%"))
            )
        )
    assert len(ops) == 5 and set(ops[-1].payload) == {"projects"}
    assert ops[0].payload["projects"]["old"] is None
    assert ops[-1].payload["projects"]["new"][1]["list"] == "needs"
    assert sorted(audits) == sorted(
        ["volunteer_unit.project_add"] * 2
        + ["volunteer_unit.project_status"] * 2
        + ["volunteer_unit.project_edit"]
    )


def test_bad_projects_are_refused_in_chinese_and_change_nothing(desk) -> None:  # noqa: F811
    s, ids = desk
    st, w = s.station, s.worker
    v.add_project(st, w, ids["unit"], title="捐赠图书", source="资源清单")
    bad = [
        (dict(title=" ", source="项目清单"), "请填写项目名称。"),
        (dict(title="长" * 61, source="项目清单"), "项目名称不能超过60个字。"),
        (dict(title="新项目", source="心愿清单"), "项目来源清单不正确。"),
        (dict(title="新项目", source="项目清单", status="暂停"), "项目状态不正确。"),
        (dict(title="捐赠图书", source="项目清单"), "该单位已有同名项目。"),
    ]
    for kwargs, zh in bad:
        with pytest.raises(InputError) as exc:
            v.add_project(st, w, ids["unit"], **kwargs)  # type: ignore[arg-type]
        assert exc.value.zh == zh
    with pytest.raises(InputError) as exc:
        v.set_project_status(st, w, ids["unit"], "捐赠图书", "paused")
    assert exc.value.zh == "项目状态不正确。"
    with pytest.raises(NotFoundError):
        v.set_project_status(st, w, ids["unit"], "没有的项目", "done")
    assert v.add_project(st, w, ids["unit"], title="长" * 60, source="项目清单").projects
    assert len(_unit(s, ids["unit"]).projects) == 2
    with pytest.raises(PermissionDeniedError):
        v.add_project(st, s.admin, ids["unit"], title="新项目", source="项目清单")


def test_the_report_counts_each_units_projects_by_status(desk) -> None:  # noqa: F811
    s, ids = desk
    st, w = s.station, s.worker
    for title in ("读书角", "捐赠图书", "政策宣讲"):
        v.add_project(st, w, ids["unit"], title=title, source="项目清单")
    v.set_project_status(st, w, ids["unit"], "读书角", "已完成")
    v.add_unit(st, w, v.UnitInput("区图书馆", "事业单位"))
    v.add_project(st, w, "区图书馆", title="流动书车", source="资源清单", status="进行中")
    report = v.volunteer_report(st, w)
    units = {r.name: r.projects for r in report.units}
    assert units["区税务局"] == {"计划中": 2, "已完成": 1}
    assert units["区图书馆"] == {"进行中": 1}  # listed for its project, no member reported
    assert all(not r.projects for r in report.members)
