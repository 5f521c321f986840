"""The ``unit project`` commands as a user runs them: projects added and moved, listed by
``unit list`` (and its ``--json``), bad input refused with exit 2 and one line, nothing written."""

from __future__ import annotations

from .test_cli_volunteer import cli, counts, ok, refused, wang  # noqa: F401


def test_a_units_projects_by_command_and_bad_input_refused(cli) -> None:  # noqa: F811
    c, _ids = cli
    ok(wang(c, "unit", "add", "区图书馆", "--type", "事业单位"))
    added = ok(
        wang(c, "--json", "unit", "project", "add", "区图书馆", "--title", "读书角",
             "--list", "项目清单", "--note", "每月一次")
    )  # fmt: skip
    assert isinstance(added, dict)
    assert [(p["title"], p["list"], p["status"]) for p in added["projects"]] == [
        ("读书角", "projects", "planned")
    ]
    moved = ok(wang(c, "--json", "unit", "project", "status", "区图书馆", "读书角", "进行中"))
    assert isinstance(moved, dict) and moved["projects"][0]["status_zh"] == "进行中"
    listed = ok(wang(c, "--json", "unit", "list"))
    assert isinstance(listed, list)
    unit = next(u for u in listed if u["name"] == "区图书馆")
    assert [(p["title"], p["status"], p["note"]) for p in unit["projects"]] == [
        ("读书角", "active", "每月一次")
    ]
    text = wang(c, "unit", "list").stdout
    assert "读书角  项目清单  进行中" in text
    before = counts(c)
    for args, says in (
        (("add", "区图书馆", "--title", "x", "--list", "心愿清单"), "project list"),
        (("add", "区图书馆", "--title", "长" * 61, "--list", "项目清单"), "60"),
        (("add", "没有的单位", "--title", "读书", "--list", "项目清单"), "没有的单位"),
        (("status", "区图书馆", "读书角", "暂停"), "project status"),
        (("status", "区图书馆", "没有的项目", "done"), "没有的项目"),
    ):
        assert says in refused(c, wang(c, "unit", "project", *args), before)
