"""Certificate services on a real encrypted station: issue, refuse, void, verify, numbering."""

from __future__ import annotations

import shutil
import subprocess
import threading
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from stationdesk.domain.numbering import NumberKind
from stationdesk.services import certificates as certs
from stationdesk.services.certificate_ledger import (
    REFUSALS_ONLY,
    LedgerFilter,
    export_ledger_pdf,
    export_ledger_xlsx,
    ledger,
)
from stationdesk.services.errors import InputError, PermissionDeniedError
from stationdesk.services.uow import unit_of_work
from stationdesk.store.models import AuditRecord, OutboxEntry, Setting
from stationdesk.store.models_certs import Certificate, RefusalNotice
from tests.conftest import StationFixture
from tests.helpers.certificates import RESIDENCE_CHECKS, RESIDENCE_FIELDS, register, residence
from tests.helpers.ids import idn
from tests.helpers.poppler import needs_poppler


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def counts(st: StationFixture) -> tuple[int, int, int]:
    with st.station.db.read_session() as s:
        return (
            s.scalar(select(func.count()).select_from(Certificate)) or 0,
            s.scalar(select(func.count()).select_from(RefusalNotice)) or 0,
            s.scalar(select(func.count()).select_from(OutboxEntry)) or 0,
        )


@needs_poppler
def test_issued_pdf_carries_name_full_id_number_and_purpose_with_the_font_embedded(
    station: StationFixture, tmp_path: Path
) -> None:
    rid, number = register(station)
    out = tmp_path / "cert.pdf"
    issued = certs.issue_certificate(station.station, station.worker, residence(rid), out=out)
    assert issued.number == "SY0101-000001"
    assert issued.display_number == "SY0101-2026-000001"
    assert number not in repr(issued) and issued.holder_id_masked.startswith("3201")
    text = pdftotext(out)
    flat = "".join(text.split())
    for expected in ("林小梅", number, issued.display_number, "此证明仅用于子女入学"):
        assert expected in flat, expected
    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True, text=True)
    rows = [line for line in fonts.stdout.splitlines()[2:] if line.strip()]
    assert rows and all("WenQuanYi" in row for row in rows)
    assert all(row.split()[-5] == "yes" for row in rows), fonts.stdout  # the "emb" column
    assert out.read_bytes() == issued.pdf


def test_an_off_list_type_is_refused_by_the_service_and_nothing_is_written(
    station: StationFixture, tmp_path: Path
) -> None:
    rid, _ = register(station)
    before = counts(station)
    out = tmp_path / "no.pdf"
    with pytest.raises(certs.NotInCatalogError) as err:
        certs.issue_certificate(
            station.station, station.worker, residence(rid, type_code="KINSHIP"), out=out
        )
    assert err.value.exit_code == 2 and "不予出具" in err.value.zh
    assert counts(station) == before and not out.exists()
    with pytest.raises(certs.NotInCatalogError):
        certs.preview_certificate(station.station, station.worker, residence(rid, type_code="X_1"))


def test_a_missing_required_field_or_unticked_check_is_refused(station: StationFixture) -> None:
    rid, _ = register(station)
    before = counts(station)
    with pytest.raises(InputError) as err:
        certs.issue_certificate(
            station.station, station.worker, residence(rid, fields={"housing": "租赁住房"})
        )
    assert err.value.field == "since_date" and "起始居住日期" in err.value.zh
    with pytest.raises(certs.EligibilityNotMetError) as missing:
        certs.issue_certificate(
            station.station, station.worker, residence(rid, checks=RESIDENCE_CHECKS[:-1])
        )
    assert missing.value.missing == ("pledge_signed",)
    assert "不予出具" in missing.value.zh
    with pytest.raises(InputError):
        certs.issue_certificate(station.station, station.worker, residence(rid, purpose="  "))
    assert counts(station) == before


def test_the_holder_id_comes_from_the_resident_record(station: StationFixture) -> None:
    rid, number = register(station)
    other = idn(9, birth="19850617", region="320102")
    with pytest.raises(InputError) as err:
        certs.issue_certificate(
            station.station,
            station.worker,
            residence(rid, fields={**RESIDENCE_FIELDS, "id_number": other}),
        )
    assert err.value.field == "id_number" and other not in str(err.value)
    same = residence(rid, fields={**RESIDENCE_FIELDS, "id_number": number})
    assert certs.issue_certificate(station.station, station.worker, same).number


def test_a_worker_cannot_void_a_head_can_and_void_verifies_as_void(
    station: StationFixture,
) -> None:
    rid, _ = register(station)
    issued = certs.issue_certificate(station.station, station.worker, residence(rid))
    assert certs.verify(station.station, station.worker, issued.pdf).verdict is certs.Verdict.VALID
    with pytest.raises(PermissionDeniedError):
        certs.void_certificate(station.station, station.worker, issued.number, "信息有误")
    with pytest.raises(InputError):
        certs.void_certificate(station.station, station.head, issued.number, " ")
    voided = certs.void_certificate(
        station.station, station.head, issued.display_number, "地址有误"
    )
    assert voided.number == issued.number
    for subject in (issued.pdf, issued.number, issued.display_number):
        result = certs.verify(station.station, station.worker, subject)
        assert result.verdict is certs.Verdict.VOID, subject
        assert result.void_reason == "地址有误"
    with pytest.raises(InputError):
        certs.void_certificate(station.station, station.head, issued.number, "再次作废")
    with station.station.db.read_session() as s:
        actions = [a.action for a in s.scalars(select(AuditRecord).order_by(AuditRecord.seq))]
        kinds = [
            o.kind
            for o in s.scalars(select(OutboxEntry).where(OutboxEntry.entity == "certificate"))
        ]
    assert "certificate.void" in actions and kinds == ["issue", "void"]


def test_a_reissue_gets_a_new_number_and_links_to_the_voided_one(
    station: StationFixture, tmp_path: Path
) -> None:
    rid, _ = register(station)
    first = certs.issue_certificate(station.station, station.worker, residence(rid))
    with pytest.raises(InputError):  # not void yet
        certs.issue_certificate(
            station.station, station.worker, residence(rid, reissue_of=first.number)
        )
    certs.void_certificate(station.station, station.head, first.number, "住房性质填错")
    form = certs.prepare_issue(
        station.station, station.worker, "RESIDENCE", rid, reissue_of=first.number
    )
    assert form.reissue_of == first.number and form.values["housing"] == "租赁住房"
    second = certs.issue_certificate(
        station.station,
        station.worker,
        residence(rid, fields={**RESIDENCE_FIELDS, "housing": "自有住房"}, reissue_of=first.number),
    )
    assert second.number == "SY0101-000002" and second.reissue_of == first.number
    entries = {e.number: e for e in ledger(station.station, station.worker).entries}
    assert entries[first.number].replaced_by == second.display_number
    assert entries[second.number].reissue_of == first.display_number
    with pytest.raises(InputError):  # only once
        certs.issue_certificate(
            station.station, station.worker, residence(rid, reissue_of=first.number)
        )
    if shutil.which("pdftotext"):
        out = tmp_path / "re.pdf"
        out.write_bytes(second.pdf)
        assert "补发" in "".join(pdftotext(out).split())


def test_a_byte_edited_payload_or_pdf_is_forged_and_a_stranger_is_unknown(
    station: StationFixture,
) -> None:
    rid, _ = register(station)
    issued = certs.issue_certificate(station.station, station.worker, residence(rid))
    with station.station.db.read_session() as s:
        payload = s.scalars(select(Certificate.payload)).one()
    assert certs.verify(station.station, station.worker, payload).verdict is certs.Verdict.VALID
    for i in range(4, len(payload), 7):
        ch = "A" if payload[i] != "A" else "B"
        edited = payload[:i] + ch + payload[i + 1 :]
        got = certs.verify(station.station, station.worker, edited).verdict
        assert got is certs.Verdict.FORGED, i
    pdf = issued.pdf
    at = pdf.index(payload.encode()) + 20
    tampered_payload = pdf[:at] + (b"A" if pdf[at : at + 1] != b"A" else b"B") + pdf[at + 1 :]
    assert certs.verify(station.station, station.worker, tampered_payload).verdict is (
        certs.Verdict.FORGED
    )
    body_at = len(pdf) // 3
    tampered_body = pdf[:body_at] + bytes([pdf[body_at] ^ 0x01]) + pdf[body_at + 1 :]
    result = certs.verify(station.station, station.worker, tampered_body)
    assert result.verdict is certs.Verdict.FORGED
    assert certs.verify(station.station, station.worker, b"%PDF-1.4 nothing").verdict is (
        certs.Verdict.FORGED
    )
    assert certs.verify(station.station, station.worker, "SY0101-999999").verdict is (
        certs.Verdict.UNKNOWN
    )
    assert certs.verify(station.station, station.worker, "SY9999-000001").verdict is (
        certs.Verdict.UNKNOWN
    )


def test_numbers_stay_unique_when_two_threads_issue_at_once(station: StationFixture) -> None:
    rid, _ = register(station)
    per_thread = 8
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(2)

    def work() -> None:
        try:
            start.wait()
            for _ in range(per_thread):
                n = certs.issue_certificate(station.station, station.worker, residence(rid)).number
                with lock:
                    numbers.append(n)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(numbers) == len(set(numbers)) == 2 * per_thread
    assert sorted(numbers) == [f"SY0101-{i:06d}" for i in range(1, 2 * per_thread + 1)]


def test_the_sequence_floor_block_and_raise(station: StationFixture) -> None:
    rid, _ = register(station)
    assert certs.issue_certificate(station.station, station.worker, residence(rid)).number.endswith(
        "000001"
    )
    with unit_of_work(station.station, None) as uow:
        uow.session.add(Setting(key=certs.NEEDS_SEQUENCE_FLOOR, value={"v": True}))
    before = counts(station)
    with pytest.raises(certs.IssuingBlockedError) as err:
        certs.issue_certificate(station.station, station.worker, residence(rid))
    assert "同步" in err.value.zh and counts(station) == before
    with unit_of_work(station.station, None) as uow:
        assert certs.raise_sequence_floor(uow, NumberKind.CERTIFICATE, 120) == 120
        assert certs.raise_sequence_floor(uow, NumberKind.CERTIFICATE, 5) == 120  # never lowers
    issued = certs.issue_certificate(station.station, station.worker, residence(rid))
    assert issued.number == "SY0101-000121"


def test_a_refusal_notice_is_numbered_masked_and_prefilled_from_the_guide(
    station: StationFixture, tmp_path: Path
) -> None:
    rid, number = register(station)
    suggestion = certs.suggest_refusal(station.station, "开一个亲属关系证明")
    assert suggestion.item_key == "kinship" and "派出所" in suggestion.competent_body
    out = tmp_path / "refusal.pdf"
    notice = certs.refuse_certificate(
        station.station,
        station.worker,
        certs.RefusalRequest(rid, "亲属关系证明", purpose="办理继承"),
        out=out,
    )
    assert notice.number == "SY0101-R-000001" and notice.reason_code == "ON_NEGATIVE_LIST"
    assert "公证" in notice.competent_body
    pdf = out.read_bytes()
    assert number.encode() not in pdf
    if shutil.which("pdftotext"):
        flat = "".join(pdftotext(out).split())
        assert number not in flat and number[:4] + "*" * 10 + number[-4:] in flat
        assert notice.display_number in flat and "派出所" in flat
    with pytest.raises(InputError):
        certs.refuse_certificate(
            station.station, station.worker, certs.RefusalRequest(rid, "亲属关系证明", "NOPE")
        )
    with pytest.raises(InputError):  # no guide match and no competent body: must be typed
        certs.refuse_certificate(
            station.station, station.worker, certs.RefusalRequest(rid, "某种证明", "OTHER")
        )
    failed = certs.refuse_certificate(
        station.station,
        station.worker,
        certs.RefusalRequest(rid, "", type_code="RESIDENCE", reason_detail="未能提供租赁合同"),
    )
    assert failed.reason_code == "NOT_ELIGIBLE" and failed.requested_item == "居住情况证明"
    result = ledger(station.station, station.worker, LedgerFilter(type_code=REFUSALS_ONLY))
    assert result.counts.refused == 2 and result.counts.issued == 0
    verified = certs.verify(station.station, station.worker, notice.number)
    assert verified.verdict is certs.Verdict.VALID and verified.kind == "refusal_notice"


def test_ledger_filters_and_exports_mask_the_id(station: StationFixture, tmp_path: Path) -> None:
    rid, number = register(station)
    certs.issue_certificate(station.station, station.worker, residence(rid))
    station.clock.advance(days=3)
    certs.issue_certificate(station.station, station.head, residence(rid))
    certs.refuse_certificate(
        station.station, station.worker, certs.RefusalRequest(rid, "无犯罪记录证明")
    )
    everything = ledger(station.station, station.worker)
    assert (everything.counts.issued, everything.counts.refused) == (2, 1)
    day_one = date(2026, 3, 2)
    first_day = ledger(station.station, station.worker, LedgerFilter(day_one, day_one))
    assert [e.number for e in first_day.entries] == ["SY0101-000001"]
    by_head = ledger(
        station.station, station.worker, LedgerFilter(worker_id=station.head.worker_id)
    )
    assert [e.worker_name for e in by_head.entries] == ["李站长"]
    typed = ledger(station.station, station.worker, LedgerFilter(type_code="VOLUNTEER"))
    assert typed.entries == ()
    with pytest.raises(InputError):
        ledger(station.station, station.worker, LedgerFilter(date(2026, 3, 5), date(2026, 3, 1)))
    xlsx = export_ledger_xlsx(station.station, station.worker, LedgerFilter(), tmp_path / "l.xlsx")
    from openpyxl import load_workbook

    cells = [str(c.value) for row in load_workbook(xlsx).active.iter_rows() for c in row]
    assert any("SY0101-2026-000002" in c for c in cells)
    assert not any(number in c for c in cells)
    assert any(number[:4] + "*" * 10 + number[-4:] == c for c in cells)
    pdf = export_ledger_pdf(station.station, station.worker, LedgerFilter(), tmp_path / "l.pdf")
    assert number.encode() not in pdf.read_bytes()
    if shutil.which("pdftotext"):
        flat = "".join(pdftotext(pdf).split())
        assert "SY0101-2026-000001" in flat and "无犯罪记录证明" in flat and number not in flat


def test_catalog_load_is_validated_versioned_and_admin_only(
    station: StationFixture, tmp_path: Path
) -> None:
    import json

    from stationdesk.resources import resource_path

    data = json.loads(resource_path("catalog", "certificates.json").read_text(encoding="utf-8"))
    same = tmp_path / "same.json"
    same.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(PermissionDeniedError):
        certs.load_catalog_file(station.station, station.worker, same)
    info = certs.load_catalog_file(station.station, station.admin, same)
    assert info.version == 1 and info.source == "resources"  # the shipped one: nothing to do
    data["catalog_version"] = 2
    data["items"] = [i for i in data["items"] if i["code"] != "VOLUNTEER"]
    newer = tmp_path / "v2.json"
    newer.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    info = certs.load_catalog_file(station.station, station.admin, newer)
    assert (info.version, info.items, info.source) == (2, 5, "file")
    assert "VOLUNTEER" not in certs.active_catalog(station.station)
    with pytest.raises(InputError):  # not newer
        certs.load_catalog_file(station.station, station.admin, same)
    broken = dict(data, catalog_version=3, items=[{"code": "bad"}])
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(InputError) as err:
        certs.load_catalog_file(station.station, station.admin, bad)
    assert "catalog.items[0]" in str(err.value)
    rid, _ = register(station)
    with pytest.raises(certs.NotInCatalogError):
        certs.issue_certificate(
            station.station,
            station.worker,
            certs.IssueRequest(
                "VOLUNTEER",
                rid,
                "评优",
                {
                    "period_start": "2025-01-01",
                    "period_end": "2025-12-31",
                    "activities": "助老",
                    "hours": "10",
                    "record_source": "社区志愿服务签到记录",
                },
                ("id_checked", "signin_records_checked", "hours_recomputed"),
            ),
        )


def test_the_private_key_lives_in_the_keyring_and_only_the_public_key_in_the_db(
    station: StationFixture, memory_keyring: object
) -> None:
    rid, _ = register(station)
    assert certs.public_key_hex(station.station) is None
    certs.issue_certificate(station.station, station.worker, residence(rid))
    public = certs.public_key_hex(station.station)
    assert public is not None and len(public) == 64
    from stationdesk.secrets import keys

    private_hex = keys.get_secret(station.station.uid, certs.SIGNING_KEY)
    assert len(private_hex) == 64
    station.station.db.dispose()
    raw = station.station.db.raw_connection()
    try:
        tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        dump = "\n".join(
            repr(row) for table in tables for row in raw.execute(f'SELECT * FROM "{table}"')
        )
    finally:
        raw.close()
    assert private_hex not in dump and public in dump


def test_a_returning_resident_gets_the_last_values_prefilled(station: StationFixture) -> None:
    rid, number = register(station)
    form = certs.prepare_issue(station.station, station.worker, "RESIDENCE", rid)
    assert form.values["name"] == "林小梅" and form.values["sex"] == "女"
    assert form.values["id_number"] != number and "*" in form.values["id_number"]
    assert form.values["address"] == "3栋2单元501室" and not form.remembered
    assert form.locked == {"name", "id_number"}
    certs.issue_certificate(station.station, station.worker, residence(rid, purpose="申领居住证"))
    again = certs.prepare_issue(station.station, station.worker, "RESIDENCE", rid)
    assert again.remembered and again.purpose == "申领居住证"
    assert again.values["since_date"] == "2019-05-01" and "*" in again.values["id_number"]


def test_no_single_byte_edit_of_an_issued_pdf_still_verifies_as_valid(
    station: StationFixture,
) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    rid, _ = register(station)
    pdf = certs.issue_certificate(station.station, station.worker, residence(rid)).pdf
    assert certs.verify(station.station, station.worker, pdf).verdict is certs.Verdict.VALID

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.integers(0, len(pdf) - 1), st.integers(1, 255))
    def check(position: int, flip: int) -> None:
        edited = pdf[:position] + bytes([pdf[position] ^ flip]) + pdf[position + 1 :]
        try:
            verdict = certs.verify(station.station, station.worker, edited).verdict
        except InputError:  # the edit broke the %PDF- header: not even a PDF any more
            assert position < 5
            return
        assert verdict is certs.Verdict.FORGED

    check()
