"""Hostile input to the CLI: huge or malformed files, undecodable arguments, terminal escapes.

Each must end with exit 2 and one clear line (or, for stored text, come out escaped), never an
"unexpected error"."""

from __future__ import annotations

import io
import json
import os
import re
import sys
import time
import zipfile
from functools import partial
from pathlib import Path

import keyring
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stationdesk.secrets.plainfile import PlainFileKeyring
from tests.helpers import ids
from tests.helpers.cli import ADMIN_PW, WORKER_PW, Cli, one_line, w

idn = partial(ids.idn, birth="19900101")  # as the resident CLI tests
# what a terminal may act on: C0 but tab and newline, DEL, C1, bidi controls, lone surrogates
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    c = Cli(tmp_path_factory.mktemp("hostile"))
    r = c("init", "--station-code", "SY0606", "--station-name", "测试站", "--admin", "boss",
          password=ADMIN_PW)  # fmt: skip
    assert r.returncode == 0, r.stderr
    r = c("worker", "add", "wang", "--role", "worker", "--password-stdin",
          stdin=WORKER_PW + "\n", password=ADMIN_PW, user="boss")  # fmt: skip
    assert r.returncode == 0, r.stderr
    return c


def no_crash(stderr: str) -> None:
    assert "unexpected error" not in stderr and "Traceback" not in stderr, stderr


# --- files ---------------------------------------------------------------------------------


def test_a_csv_cell_over_the_field_limit_exits_2_naming_the_row(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(
        f"姓名,身份证号,备注\n孙八,{idn(31)},\n周九,{idn(32)},{'长' * 131_073}\n", encoding="utf-8"
    )
    r = w(cli, "resident", "import", str(path))
    assert r.returncode == 2
    line = one_line(r.stderr)
    assert "row 3" in line and "131,072" in line, line
    # the import is all or nothing: the good row before it was not kept
    assert json.loads(w(cli, "resident", "find", "孙八", "--json").stdout) == []


def xlsx(path: Path, dimension: str, rows: list[list[tuple[str, str]]]) -> Path:
    """A minimal workbook written by hand: ``rows`` of (cell reference, inline text)."""
    sheet_rows = "".join(
        f'<row r="{re.sub(r"[A-Z]", "", row[0][0])}">'
        + "".join(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>' for ref, text in row)
        + "</row>"
        for row in rows
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            '<sheets><sheet name="居民" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">'
            f'<dimension ref="{dimension}"/><sheetData>{sheet_rows}</sheetData></worksheet>',
        )
    return path


HEADER = [("A1", "姓名"), ("B1", "身份证号")]


def test_a_tiny_xlsx_claiming_a_huge_sheet_is_refused_at_once(cli: Cli, tmp_path: Path) -> None:
    # a header, one cell in the last row and column, and a dimension that says so
    path = xlsx(tmp_path / "huge.xlsx", "A1:XFD1048576", [HEADER, [("XFD1048576", "x")]])
    assert path.stat().st_size < 5_000
    started = time.monotonic()
    r = w(cli, "resident", "import", str(path))
    assert r.returncode == 2, r.stderr
    line = one_line(r.stderr)
    assert "1,048,576 rows" in line and "16,384 columns" in line, line
    assert time.monotonic() - started < 60  # it ran 60-80 s and took 166 MB before


def test_a_far_row_under_a_small_dimension_is_refused(cli: Cli, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "far.xlsx", "A1:B1", [HEADER, [("A1048576", "x")]])
    r = w(cli, "resident", "import", str(path))
    assert r.returncode == 2, r.stderr
    assert "more than 400,000 rows" in one_line(r.stderr)


def test_an_xlsx_is_read_as_stored_whatever_its_dimension_says(cli: Cli, tmp_path: Path) -> None:
    rows = [HEADER, [("A2", "吴十"), ("B2", idn(33))], [("A3", "郑一"), ("B3", idn(34))]]
    path = xlsx(tmp_path / "short.xlsx", "A1:B1", rows)  # claims the header only
    r = w(cli, "resident", "import", str(path), "--dry-run", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["imported"] == 2


def test_a_value_beyond_the_column_cap_is_refused(cli: Cli, tmp_path: Path) -> None:
    rows = [HEADER, [("A2", "王二"), ("B2", idn(35)), ("ALN2", "x")]]  # column 1,002
    path = xlsx(tmp_path / "wide.xlsx", "A1:B2", rows)
    r = w(cli, "resident", "import", str(path), "--dry-run")
    assert r.returncode == 2
    assert "row 2 has values beyond column 1,000" in one_line(r.stderr)


# --- arguments -----------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="argv bytes are a POSIX matter")
@pytest.mark.parametrize(
    ("args", "where"),
    [
        (("case", "open", "--type", "POLICY_CONSULTATION", "--channel", "walk-in",
          "--summary", os.fsdecode(b"ab\xffcd")), "argument 12 (after --summary)"),
        (("resident", "find", os.fsdecode(b"\xe5\xbc")), "argument 7 "),
        (("resident", "find", "--limit=" + os.fsdecode(b"\xff"), "x"), "(--limit=...)"),
    ],
)  # fmt: skip
def test_an_argument_that_is_not_utf8_exits_2(cli: Cli, args: tuple[str, ...], where: str) -> None:
    r = w(cli, *args)
    assert r.returncode == 2
    line = one_line(r.stderr)
    assert "not valid UTF-8" in line and where in line, line
    assert "\\xff" not in line  # the value itself (maybe personal data) is not echoed


# --- terminal escapes ----------------------------------------------------------------------


def test_stored_escape_sequences_are_shown_escaped(cli: Cli) -> None:
    summary = "清屏\x1b[2J标题\x1b]0;pwned\x07末尾\x9b31m\u202e"
    r = w(cli, "case", "open", "--type", "POLICY_CONSULTATION", "--channel", "walk-in",
          "--summary", summary)  # fmt: skip
    assert r.returncode == 0, r.stderr
    number = r.stdout.strip()
    shown = w(cli, "case", "show", number)
    assert shown.returncode == 0, shown.stderr
    assert not UNSAFE.search(shown.stdout)
    assert "清屏\\x1b[2J标题\\x1b]0;pwned\\x07末尾\\x9b31m\\u202e" in shown.stdout
    listed = w(cli, "case", "show", number, "--json")
    assert not UNSAFE.search(listed.stdout)  # json leaves C1 and bidi controls raw
    assert json.loads(listed.stdout)["case"]["summary"] == summary


def test_error_lines_show_arguments_escaped(cli: Cli) -> None:
    r = w(cli, "resident", "find", "x", "\x1b[2J\nsecond line")
    assert r.returncode == 2
    line = one_line(r.stderr)
    assert "\\x1b[2J\\nsecond line" in line and not UNSAFE.search(line)


# --- arbitrary text, in process (a subprocess per example is too slow) ---------------------

HOSTILE = st.text(
    st.one_of(
        st.characters(exclude_characters="\x00"),  # argv cannot hold NUL
        st.sampled_from(["\x1b", "\x9b", "\r", "\u202e", "\udcff", "\udc80", "-", '"', "*"]),
    ),
    max_size=40,
)


def run_here(cli: Cli, *args: str) -> tuple[int, str, str]:
    """main() run here against ``cli``'s station, with stdout as strict as a pipe's."""
    from stationdesk.cli.main import main

    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdout, sys.stderr, keyring.get_keyring(), os.environ.get("STATIONDESK_PASSWORD")
    keyring.set_keyring(PlainFileKeyring(Path(cli.env["STATIONDESK_PLAIN_KEYRING_FILE"])))
    os.environ["STATIONDESK_PASSWORD"] = WORKER_PW
    streams = (
        io.TextIOWrapper(out, encoding="utf-8", errors="strict"),
        io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace"),
    )
    sys.stdout, sys.stderr = streams
    try:
        code = main(["--data-dir", str(cli.data), "--user", "wang", *args])
    finally:
        sys.stdout, sys.stderr, previous, password = saved
        for stream in streams:
            stream.flush()
            stream.detach()
        keyring.set_keyring(previous)
        if password is None:
            os.environ.pop("STATIONDESK_PASSWORD", None)
        else:
            os.environ["STATIONDESK_PASSWORD"] = password
    return code, out.getvalue().decode(), err.getvalue().decode()


def check(result: tuple[int, str, str]) -> None:
    code, out, err = result
    no_crash(err)
    assert code in (0, 2), (code, err)
    assert len(err.splitlines()) <= 1, err
    assert not UNSAFE.search(out) and not UNSAFE.search(err), (out, err)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=HOSTILE)
def test_find_takes_any_text(cli: Cli, text: str) -> None:
    check(run_here(cli, "resident", "find", text))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=HOSTILE)
def test_case_open_takes_any_summary(cli: Cli, text: str) -> None:
    check(run_here(cli, "case", "open", "--type", "POLICY_CONSULTATION",
                   "--channel", "walk-in", "--summary", text, "--address", text))  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ("case", "export", "--format", "open311", "--since", "0001-01-01"),
        ("case", "list", "--overdue", "--json"),
        ("report", "metrics", "--from", "0001-01-01", "--to", "9999-12-31"),
        ("report", "metrics", "--from", "2026-01-01", "--to", "9999-12-31"),
        ("report", "metrics", "--from", "9998-12-01", "--to", "9998-12-31"),
        ("case", "export", "--format", "open311", "--since", "9998-12-31"),
        ("cert", "list", "--from", "1900-01-01", "--to", "9998-12-31"),
        ("cert", "list", "--from", "0001-01-01"),
        ("cert", "verify", "9" * 5000),
        ("cert", "verify", "SY0101-2026-000001\x00"),
    ],
)
def test_dates_a_station_cannot_store_and_paths_no_file_can_be_exit_2(
    cli: Cli, args: tuple[str, ...]
) -> None:
    """A year the store cannot hold is refused as input; a text no path can be is a number."""
    code, _out, err = run_here(cli, *args)
    no_crash(err)
    assert code in (0, 2), (code, err)
    assert len(err.splitlines()) <= 1, err


def test_the_open311_export_shows_stored_controls_escaped(cli: Cli) -> None:
    """case export prints its JSON through the same escaping as every other printout."""
    code, _out, err = run_here(
        cli, "case", "open", "--type", "POLICY_CONSULTATION", "--channel", "walk-in",
        "--summary", "灯\x9b2J不亮",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run_here(cli, "case", "export", "--format", "open311")
    assert code == 0, err
    assert "\x9b" not in out and "\\u009b" in out
