"""A seeded randomized sync run: real residents registered and edited at three stations (the same
person at two of them too), matters opened and closed, matters referred to a department that
answers them on the district, photos attached to matters (uploaded in chunks), certificates
issued and voided, all through the real services, with faults at random points and station
crashes.

Used by ``tests/e2e/test_randomized.py`` (about 50 cases) and by the soak in
``benchmarks/bench_sync.py --soak N``.
"""

from __future__ import annotations

import contextlib
import hashlib
import random
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select, text

from stationdesk.district import departments
from stationdesk.district.errors import DistrictError
from stationdesk.district.models import AttachmentBlob
from stationdesk.services import cases
from stationdesk.services import certificates as certs
from stationdesk.services.residents import DuplicateResidentError
from stationdesk.services.sync import StationSyncPort
from stationdesk.store.models_cases import CaseAttachment
from stationdesk.store.models_residents import Resident
from tests.helpers.cases import DEPT, photo, referred_case

from .stations import (
    SyncedStation,
    assert_converged,
    bulk_worker_renames,
    create_resident,
    edit_resident,
    new_id_number,
)

FAULTS = ("drop_response", "duplicate", "cut_request", "cut_response")
FAULT_RATE = 0.12
TABLES = (
    "applied_op, change_log, conflict, district_meta, district_station, record, "
    "station_counter, unique_key, district_department, attachment_blob, attachment_chunk, "
    "attachment_ref, station_audit_head"
)
CHUNK = 64 * 1024  # the upload's chunk size in these runs: a photo goes up in several


class Crash(Exception):
    """The station process dying inside one of its transactions."""


def reset_district(db: Any) -> None:
    with db.session() as s:
        s.execute(text(f"TRUNCATE {TABLES} CASCADE"))


def live_resident(st: SyncedStation, number: str) -> str | None:
    """The id of the station's live resident with this ID number, if it holds one."""
    with st.station.db.read_session() as s:
        found = s.scalar(
            select(Resident.id).where(Resident.id_number == number, Resident.deleted_at.is_(None))
        )
    return str(found) if found else None


def assert_one_resident_per_person(stations: list[SyncedStation], numbers: list[str]) -> None:
    """Every station holds each person once: one live resident per ID number, the same one."""
    for number in numbers:
        held = {st.code: live_resident(st, number) for st in stations}
        assert len(set(held.values())) == 1 and None not in held.values(), (number, held)
    for st in stations:
        with st.station.db.read_session() as s:
            live = s.scalar(
                select(func.count()).select_from(Resident).where(Resident.deleted_at.is_(None))
            )
        assert live == len(numbers), (st.code, live, len(numbers))


def _phone(rng: random.Random) -> str:
    return f"139{rng.randrange(10**8):08d}"


def held_resident(st: SyncedStation, rng: random.Random, people: list[str]) -> str | None:
    """A resident the station holds, picked at random among the people registered anywhere."""
    for number in rng.sample(people, len(people)):
        rid = live_resident(st, number)
        if rid is not None:
            return rid
    return None


def open_matter(st: SyncedStation, rng: random.Random, resident_id: str) -> str:
    """A matter for a resident the station holds; half of them closed at the desk (马上办).
    Its id."""
    spot = "已当场解答" if rng.random() < 0.5 else None
    return cases.open_case(
        st.station,
        st.head,
        cases.NewCase(
            "POLICY_CONSULTATION",
            "walk-in",
            f"咨询{rng.randrange(99)}",
            resident_id=resident_id,
            resolve_on_the_spot=spot,
        ),
    ).case.id


def attach_photo(st: SyncedStation, rng: random.Random, case_id: str) -> None:
    """A photo of 1-200 KiB that passes as a PNG and does not compress, kept with a matter."""
    data = photo(rng.randrange(1024, 200 * 1024), rng.randbytes)
    cases.add_attachment(st.station, st.head, case_id, f"现场照片{rng.randrange(99)}.png", data)


def department_answers(db: Any, department: Any, case_id: str, action: str) -> bool:
    """The department acknowledges or replies to a matter referred to it, on the district;
    False when the district does not hold the referral yet or the matter takes no answer."""
    note = "已派人处理" if action == "reply" else None
    request = departments.AnswerRequest(action=action, note=note)  # type: ignore[arg-type]
    try:
        departments.answer_case(db, department, case_id, request)
    except DistrictError as exc:
        assert exc.status in (404, 409), exc
        return False
    return True


def assert_attachments_at_district(db: Any, stations: list[SyncedStation]) -> None:
    """Every photo a station keeps is on the district, whole: its bytes hash to its name."""
    for st in stations:
        with st.station.db.read_session() as s:
            kept = {a.sha256: a.data for a in s.scalars(select(CaseAttachment))}
        for sha, data in kept.items():
            assert hashlib.sha256(data).hexdigest() == sha
        with db.session() as s:
            held = {
                b.sha256: (b.size, b.complete)
                for b in s.scalars(select(AttachmentBlob).where(AttachmentBlob.sha256.in_(kept)))
            }
        assert held == {sha: (len(data), True) for sha, data in kept.items()}, st.code


def issue_certificate(st: SyncedStation, resident_id: str) -> str:
    """A residence certificate for a resident the station holds; its number."""
    request = certs.IssueRequest(
        type_code="RESIDENCE",
        resident_id=resident_id,
        purpose="子女入学",
        fields={"address": "3栋2单元501室", "since_date": "2019-05-01", "housing": "租赁住房"},
        checks=(
            "id_checked",
            "address_in_community",
            "housing_document_checked",
            "residence_confirmed",
            "pledge_signed",
        ),
    )
    return certs.issue_certificate(st.station, st.head, request).number


def run_case(
    seed: int,
    db: Any,
    proxy: Any,
    make_station: Callable[..., SyncedStation],
    *,
    steps: int = 14,
) -> dict[str, int]:
    """One case: three stations, random registrations (one person at two stations too), edits
    and syncs with faults and crashes, then settle and check."""
    rng = random.Random(seed)
    reset_district(db)
    stations = [
        make_station("SA0101", db),
        make_station("SB0202", db),
        make_station("SC0303", db),
    ]
    department = departments.add_department(db, DEPT, "街道民政科")
    people: list[str] = []  # ID numbers registered somewhere
    matters: dict[str, list[str]] = {st.code: [] for st in stations}  # case ids per station
    referred: list[str] = []
    faults = {"n": 0}
    counts = {
        "registered": 0,
        "same_person": 0,
        "edits": 0,
        "matters": 0,
        "certificates": 0,
        "voids": 0,
        "referred": 0,
        "answers": 0,
        "photos": 0,
    }
    issued: dict[str, list[str]] = {st.code: [] for st in stations}  # live numbers per station

    def decide(_req: Any, _count: int) -> str | None:
        if rng.random() >= FAULT_RATE:
            return None
        faults["n"] += 1
        return rng.choice(FAULTS)

    proxy.decide = decide
    original_apply = StationSyncPort._apply_changes
    original_record = StationSyncPort.record_push
    crashes = {"n": 0}
    outcomes: dict[str, int] = {}

    def crashing_apply(self: StationSyncPort, s: Any, changes: Any) -> int:
        n = original_apply(self, s, changes)
        if rng.random() < 0.15:
            crashes["n"] += 1
            s.flush()
            raise Crash()  # page applied, cursor not saved: the transaction dies with both
        return n

    def crashing_record(self: StationSyncPort, ops: Any, results: Any, last: int) -> Any:
        if rng.random() < 0.1:
            crashes["n"] += 1
            raise Crash()  # the server applied the batch; the station dies before noting it
        return original_record(self, ops, results, last)

    StationSyncPort._apply_changes = crashing_apply  # type: ignore[method-assign]
    StationSyncPort.record_push = crashing_record  # type: ignore[method-assign]
    try:
        for _ in range(steps):
            st = rng.choice(stations)
            action = rng.random()
            if action < 0.2 or not people:
                number = new_id_number()
                name = f"居民{'甲乙丙丁戊'[rng.randrange(5)]}"
                create_resident(st.station, st.head, name, number, phones=(_phone(rng),))
                people.append(number)
                counts["registered"] += 1
            elif action < 0.32:
                # the same person registered at another station, with other details
                number = rng.choice(people)
                try:
                    create_resident(
                        st.station, st.head, "同一人", number, phones=(_phone(rng),), note="另登记"
                    )
                    counts["same_person"] += 1
                except DuplicateResidentError:
                    pass  # the station already holds this person (registered or pulled)
            elif action < 0.44:
                rid = live_resident(st, rng.choice(people))
                if rid is not None:
                    change = rng.choice(
                        [
                            {"phones": [_phone(rng)]},
                            {"note": f"备注{rng.randrange(99)}"},
                            {"name": f"改名{'子丑寅卯'[rng.randrange(4)]}"},
                        ]
                    )
                    edit_resident(st.station, st.head, rid, change)
                    counts["edits"] += 1
            elif action < 0.5:
                bulk_worker_renames(st.station, st.admin, rng.randrange(1, 4))
            elif action < 0.57:
                rid = held_resident(st, rng, people)
                if rid is not None:
                    matters[st.code].append(open_matter(st, rng, rid))
                    counts["matters"] += 1
                    if rng.random() < 0.5:  # a photo of the paper the resident brought
                        attach_photo(st, rng, matters[st.code][-1])
                        counts["photos"] += 1
            elif action < 0.7 and issued[st.code] and rng.random() < 0.5:
                number = issued[st.code].pop(rng.randrange(len(issued[st.code])))
                certs.void_certificate(st.station, st.head, number, "信息填写有误")
                counts["voids"] += 1
            elif action < 0.7:
                rid = held_resident(st, rng, people)
                if rid is not None:
                    issued[st.code].append(issue_certificate(st, rid))
                    counts["certificates"] += 1
            elif action < 0.73:
                case_id = referred_case(st)
                matters[st.code].append(case_id)
                referred.append(case_id)
                counts["referred"] += 1
            elif action < 0.75 and referred:
                answer = rng.choice(["ack", "reply"])
                if department_answers(db, department, rng.choice(referred), answer):
                    counts["answers"] += 1
            elif action < 0.78 and matters[st.code]:
                attach_photo(st, rng, rng.choice(matters[st.code]))
                counts["photos"] += 1
            else:
                with contextlib.suppress(Crash):
                    r = st.sync(
                        proxy.url,
                        push_batch=rng.choice([1, 3, 50]),
                        pull_limit=rng.choice([2, 7, 100]),
                        attachment_chunk=CHUNK,
                    )
                    outcomes[r.outcome] = outcomes.get(r.outcome, 0) + 1
    finally:
        StationSyncPort._apply_changes = original_apply  # type: ignore[method-assign]
        StationSyncPort.record_push = original_record  # type: ignore[method-assign]
    proxy.decide = None
    for settle in range(2):
        for st in stations:
            result = st.sync(proxy.url)
            assert result.outcome == "ok", (seed, result)
        if settle == 0:  # every referral is on the district now: the department answers it,
            for case_id in referred:  # and its station takes the answers in one more sync
                for answer in ("ack", "reply"):
                    counts["answers"] += department_answers(db, department, case_id, answer)
    assert_converged(db, *stations)
    assert_one_resident_per_person(stations, people)
    assert_attachments_at_district(db, stations)
    for st in stations:
        st.station.close()
    return {"faults": faults["n"], "crashes": crashes["n"], **counts, **outcomes}
