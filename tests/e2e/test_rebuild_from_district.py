"""A station whose PC died is rebuilt from the district (``restore --from-district``): its own
row, workers, residents, certificate and refusal ledgers and public keys come back field for
field, old printed certificates verify and reprint byte for byte, a new signing key replaces the
lost one, numbering resumes above everything issued, an interrupted rebuild resumes, and wrong
choices create nothing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from stationdesk.district.station_keys import approve_key
from stationdesk.district.verify import check_number
from stationdesk.secrets.signing import decode_and_verify
from stationdesk.services import (
    auth,
    case_reference,
    cases,
    certificates,
    rebuild,
    residents,
    sync,
    workers,
)
from stationdesk.services.errors import InputError, StationError
from stationdesk.services.station import station_exists
from stationdesk.store.models import StationRow
from stationdesk.store.models_certs import StationKeyHistory
from tests.helpers.certificates import residence
from tests.helpers.cli import Cli, one_line
from tests.helpers.ids import idn

from .stations import SyncedStation

NEW_ADMIN_PW = "rebuilt-admin-1"


def _fill(a: SyncedStation) -> dict[str, Any]:
    """Residents, a case taken on, a certificate issued, voided and reissued, a refusal notice;
    synced. Returns what was made, with the printed PDFs."""
    residents.add_building(a.station, a.head, "3栋")
    ids = [
        residents.register_resident(
            a.station,
            a.head,
            residents.ResidentInput(
                name=name, id_number=idn(70 + n), building="3栋", unit="1", room="201"
            ),
        ).row.id
        for n, name in enumerate(("王芳", "李强", "陈𠈌"))
    ]
    code = case_reference.list_matter_types(a.station)[0].code
    case = cases.open_case(
        a.station, a.head, cases.NewCase(type_code=code, channel="walk-in", summary="路灯不亮")
    ).case
    cases.act(a.station, a.head, case.id, "accept")
    first = certificates.issue_certificate(a.station, a.head, residence(ids[0]))
    certificates.void_certificate(a.station, a.head, first.number, "信息有误")
    second = certificates.issue_certificate(
        a.station, a.head, residence(ids[0], reissue_of=first.number)
    )
    notice = certificates.refuse_certificate(
        a.station, a.head, certificates.RefusalRequest(ids[1], "亲属关系证明", purpose="办理继承")
    )
    assert a.sync("").outcome == "ok"
    return {
        "resident": ids[2],
        "case": case.number,
        "certificate": second.number,
        "voided": first.number,
        "short_code": second.short_code,
        "pdf": second.pdf,
        "notice": notice.number,
        "notice_pdf": notice.pdf,
    }


#: Columns of the ledgers a station does not take from the district: none. Every column of
#: ``certificate`` and ``refusal_notice`` comes back; of ``document_file`` the digests do (its
#: row id, render time and worker are local bookkeeping of each render).
LEDGERS = ("certificate", "refusal_notice")


def _ledgers(station) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of both ledgers in number order, and the (number, digest) of each PDF."""
    with station.db.read_session() as s:
        out = {
            t: list(s.execute(text(f"SELECT * FROM {t} ORDER BY number")).all()) for t in LEDGERS
        }
        files = s.execute(text("SELECT DISTINCT number, sha256 FROM document_file ORDER BY 1, 2"))
        out["document_file"] = list(files.all())
        return out


def _keys(station) -> list[tuple[str, str]]:
    with station.db.read_session() as s:
        rows = s.scalars(select(StationKeyHistory).order_by(StationKeyHistory.valid_from))
        return [(r.public_key, r.basis) for r in rows if r.own]


def _station_row(station) -> tuple[str, str, str]:
    with station.db.read_session() as s:
        row = s.scalars(select(StationRow)).one()
        return row.id, row.code, row.name


def _dead_pc(a: SyncedStation) -> None:
    root = a.station.paths.root
    a.station.close()
    shutil.rmtree(root)


def test_a_dead_pc_is_rebuilt_from_the_district(make_station, district_db, server, tmp_path):
    a = make_station("SA0101", district_db)
    sync.save_login(a.station, a.admin, server.url, a.token)
    made = _fill(a)
    before = sync.local_scope_hash(a.station)
    row_before = _station_row(a.station)
    ledgers_before = _ledgers(a.station)
    keys_before = _keys(a.station)
    _dead_pc(a)

    result = rebuild.rebuild_from_district(
        tmp_path / "new-pc",
        url=server.url,
        token=a.token,
        station_code="sa0101",
        admin_username="admin",
        admin_password=NEW_ADMIN_PW,
    )
    st = result.station
    assert not result.resumed and result.pulled > 0
    assert result.workers_without_password == ["head"]
    assert _station_row(st) == row_before  # the district's id, code and name
    after = sync.local_scope_hash(st)
    for entity in ("station", "worker", "resident", "building", "case", "certificate"):
        assert after.counts[entity] == before.counts[entity], entity
        assert after.hashes[entity] == before.hashes[entity], entity
    for entity in ("refusal_notice",):
        assert after.hashes[entity] == before.hashes[entity], entity
    assert result.not_restored == {}  # everything the district holds of the station is back
    assert not (tmp_path / "new-pc" / rebuild.REBUILD_MARKER).exists()
    assert _ledgers(st) == ledgers_before  # both ledgers row for row, the void and the reissue
    # the lost private key is replaced by a new one; the old public key stays in the history
    assert result.new_signing_key is not None
    assert _keys(st) == [*keys_before, (result.new_signing_key, "lost_key")]
    assert certificates.public_key_hex(st) == result.new_signing_key

    admin = auth.login(st, "admin", NEW_ADMIN_PW)  # the new password works
    with pytest.raises(auth.AuthenticationError):
        auth.login(st, "head", "head-pass-1")  # passwords never leave a station
    workers.set_password(st, admin, "head", "head-pass-2")
    head = auth.login(st, "head", "head-pass-2")
    card = residents.get_resident(st, head, made["resident"])
    assert card.row.name == "陈𠈌"

    # old printed documents verify here by number and by file, and on the district by number
    # and code; a reprint is the same file byte for byte
    number = made["certificate"]
    assert certificates.verify(st, head, number).verdict == certificates.Verdict.VALID
    by_file = certificates.verify(st, head, made["pdf"])
    assert by_file.verdict == certificates.Verdict.VALID, by_file.detail
    void = certificates.verify(st, head, made["voided"])
    assert void.verdict == certificates.Verdict.VOID and void.replaced_by == number
    assert check_number(district_db, number, made["short_code"]).verdict == "genuine"
    reprinted = certificates.render_issued(st, head, number)
    assert hashlib.sha256(reprinted).digest() == hashlib.sha256(made["pdf"]).digest()
    notice = certificates.verify(st, head, made["notice"])
    assert notice.verdict == certificates.Verdict.VALID and notice.kind == "refusal_notice"
    assert certificates.render_issued(st, head, made["notice"]) == made["notice_pdf"]

    # numbering resumes above everything the dead PC issued
    code = case_reference.list_matter_types(st)[0].code
    new_case = cases.open_case(
        st, head, cases.NewCase(type_code=code, channel="walk-in", summary="井盖松动")
    ).case
    assert new_case.number > made["case"]
    again = certificates.issue_certificate(st, head, residence(made["resident"]))
    assert again.number > made["certificate"]
    assert sync.run_sync(st).outcome == "ok"  # the new work reaches the district
    # signed with the new key: it verifies here, and on the district once the key is approved
    new_key = bytes.fromhex(result.new_signing_key)
    payload = certificates.verify(st, head, again.pdf)
    assert payload.verdict == certificates.Verdict.VALID, payload.detail
    with st.db.read_session() as s:
        signed = s.scalar(
            text("SELECT payload FROM certificate WHERE number = :n"), {"n": again.number}
        )
    assert decode_and_verify(signed, {"SA0101": new_key}).number == again.number
    assert check_number(district_db, again.number, again.short_code).verdict != "genuine"
    approve_key(district_db, "SA0101", key_prefix=result.new_signing_key[:8])
    assert check_number(district_db, again.number, again.short_code).verdict == "genuine"
    assert check_number(district_db, number, made["short_code"]).verdict == "genuine"
    assert certificates.verify(st, head, made["pdf"]).verdict == certificates.Verdict.VALID
    assert sync.run_sync(st).outcome == "ok"
    assert rebuild_gaps(st) == {}


def rebuild_gaps(station) -> dict[str, int]:
    """What the district holds of the station that it does not (``RebuildResult.not_restored``)."""
    return rebuild._not_restored(station)


def test_a_station_holding_its_documents_is_unchanged_by_pulling_them_again(
    make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    sync.save_login(a.station, a.admin, server.url, a.token)
    _fill(a)
    held = _ledgers(a.station)
    keys = _keys(a.station)
    for again in ("needs_snapshot = 1", "needs_snapshot = 0"):  # a snapshot, the change log
        with a.station.db.write_session() as s:
            s.execute(text(f"UPDATE sync_state SET cursor = NULL, {again}"))
        assert sync.run_sync(a.station).outcome == "ok"
        assert _ledgers(a.station) == held and _keys(a.station) == keys
    assert rebuild_gaps(a.station) == {}


def test_an_interrupted_rebuild_resumes_where_it_stopped(
    make_station, district_db, server, tmp_path, monkeypatch
):
    from stationdesk.services.sync import StationSyncPort

    a = make_station("SA0101", district_db)
    sync.save_login(a.station, a.admin, server.url, a.token)
    _fill(a)
    before = sync.local_scope_hash(a.station)
    _dead_pc(a)

    class PowerCut(Exception):
        pass

    original = StationSyncPort.apply_snapshot

    def cut(self, page):
        raise PowerCut()

    monkeypatch.setattr(StationSyncPort, "apply_snapshot", cut)
    folder = tmp_path / "new-pc"
    kw = dict(url=server.url, token=a.token, station_code="SA0101", admin_password=NEW_ADMIN_PW)
    with pytest.raises(PowerCut):
        rebuild.rebuild_from_district(folder, admin_username="admin", **kw)
    assert (folder / rebuild.REBUILD_MARKER).exists()
    monkeypatch.setattr(StationSyncPort, "apply_snapshot", original)

    with pytest.raises(InputError, match="no active admin"):
        rebuild.rebuild_from_district(folder, admin_username="nobody", **kw)
    assert (folder / rebuild.REBUILD_MARKER).exists()  # still not done
    result = rebuild.rebuild_from_district(folder, admin_username="admin", **kw)
    assert result.resumed
    after = sync.local_scope_hash(result.station)
    assert after.hashes["resident"] == before.hashes["resident"]
    assert not (folder / rebuild.REBUILD_MARKER).exists()
    with pytest.raises(StationError, match="already exists"):  # a finished station is kept
        rebuild.rebuild_from_district(folder, admin_username="admin", **kw)


def test_a_wrong_token_or_code_or_folder_creates_nothing(
    make_station, district_db, server, tmp_path
):
    a = make_station("SA0101", district_db)
    folder = tmp_path / "new-pc"
    kw = dict(url=server.url, admin_username="admin", admin_password=NEW_ADMIN_PW)
    with pytest.raises(StationError, match="did not accept"):
        rebuild.rebuild_from_district(folder, token="not-the-token", station_code="SA0101", **kw)
    with pytest.raises(StationError, match="did not accept"):
        rebuild.rebuild_from_district(folder, token=a.token, station_code="SB9999", **kw)
    with pytest.raises(InputError):
        rebuild.rebuild_from_district(folder, token=a.token, station_code="S!", **kw)
    assert not station_exists(folder)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="not empty"):
        rebuild.rebuild_from_district(busy, token=a.token, station_code="SA0101", **kw)
    assert [p.name for p in busy.iterdir()] == ["notes.txt"]


def test_the_cli_rebuilds_a_station_and_sets_a_workers_password(
    make_station, district_db, server, tmp_path: Path
):
    a = make_station("SA0101", district_db)
    sync.save_login(a.station, a.admin, server.url, a.token)
    _fill(a)
    _dead_pc(a)
    cli = Cli(tmp_path)

    bad = cli("restore", "--from-district", "--server", server.url, stdin=a.token + "\n")
    assert bad.returncode == 2 and "--station-code" in one_line(bad.stderr)
    both = cli("restore", str(tmp_path / "x.db"), "--from-district", stdin="")
    assert both.returncode == 2
    args = ("--server", server.url, "--station-code", "SA0101", "--admin", "admin")
    done = cli("restore", "--from-district", *args, stdin=a.token + "\n", password=NEW_ADMIN_PW)
    assert done.returncode == 0, done.stderr
    assert "head" in done.stdout and "not restored" not in done.stdout
    assert "a new certificate signing key was made" in done.stdout
    weak = cli(
        "worker",
        "set-password",
        "head",
        "--password-stdin",
        stdin="1\n",
        password=NEW_ADMIN_PW,
        user="admin",
    )
    assert weak.returncode == 2
    ok = cli(
        "worker",
        "set-password",
        "head",
        "--password-stdin",
        stdin="head-pass-2\n",
        password=NEW_ADMIN_PW,
        user="admin",
    )
    assert ok.returncode == 0, ok.stderr
    found = cli("resident", "find", "陈𠈌", password="head-pass-2", user="head")
    assert found.returncode == 0 and "陈𠈌" in found.stdout
    synced = cli("sync", password="head-pass-2", user="head")
    assert synced.returncode == 0, synced.stderr
    checked = cli("audit", "verify", "--against-district", password=NEW_ADMIN_PW, user="admin")
    assert checked.returncode == 0 and "heads the district saw" in checked.stdout, checked
