"""P14: a member's approved volunteer hours (total and by kind) computed from 10,000 sign-in
records, beside a bare SQL sum of the same minutes.

Run on its own: ``python -m benchmarks.bench_volunteer [--records N] [--repeat K]``; the goal
is a p95 of at most 20 ms for 10,000 records.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from stationdesk.domain.ids import new_id
from stationdesk.domain.volunteering import ACTIVITY_KINDS
from stationdesk.services import auth, setup, volunteering
from stationdesk.services.actor import Actor
from stationdesk.services.station import Station
from stationdesk.store.models_volunteer import (
    VolunteerActivity,
    VolunteerCorrection,
    VolunteerSignIn,
)

from .common import Figure, stats_ms

GOAL_MS = 20.0
OTHERS = 20  # other members signed in to every tenth activity (noise the query must skip)

BARE_SUM = (
    "SELECT a.kind, SUM(s.minutes) FROM volunteer_signin s JOIN volunteer_activity a "
    "ON a.id = s.activity_id WHERE s.member_id = ? AND a.approved_at IS NOT NULL GROUP BY a.kind"
)


def _worker(station: Station) -> Actor:
    user, _name, _role, password = setup.DEMO_WORKERS[0]
    return auth.login(station, user, password)


def activity_row(
    activity: str, title: str, n: int, begins: datetime, worker_id: str
) -> dict[str, object]:
    """An approved two-hour activity of the ``n % 7``-th kind, as a row to insert."""
    return {
        "id": activity,
        "title": title,
        "kind": ACTIVITY_KINDS[n % 7].code,
        "starts_at": begins,
        "ends_at": begins + timedelta(hours=2),
        "created_at": begins,
        "created_by": worker_id,
        "approved_at": begins + timedelta(hours=3),
        "approved_by": worker_id,
    }


def signin_row(
    activity: str, member: str, begins: datetime, minutes: int, worker_id: str
) -> dict[str, object]:
    """A member's sign-in at the start and sign-out two hours later, as a row to insert."""
    return {
        "activity_id": activity,
        "member_id": member,
        "signed_in_at": begins,
        "signed_out_at": begins + timedelta(hours=2),
        "minutes": minutes,
        "source": "desk",
        "recorded_by": worker_id,
        "recorded_at": begins,
    }


def seed(station: Station, worker: Actor, records: int) -> str:
    """A member with ``records`` approved sign-ins (1 in 100 corrected), others as noise."""
    member = volunteering.add_member(
        station,
        worker,
        volunteering.MemberInput(
            name="基准党员", id_number=_number(999), report_date=date(2020, 1, 1)
        ),
    )
    others = [
        volunteering.add_member(
            station,
            worker,
            volunteering.MemberInput(
                name=f"党员{chr(0x4E00 + n)}", id_number=_number(n), report_date=date(2020, 1, 1)
            ),
        ).id
        for n in range(OTHERS)
    ]
    start = datetime(2021, 1, 1, 1, 0, tzinfo=UTC)
    activities, signins, fixes = [], [], []
    for n in range(records):
        begins = start + timedelta(hours=6 * n)
        activity = new_id()
        activities.append(activity_row(activity, f"活动{n}", n, begins, worker.worker_id))
        who = [member.id] + (others if n % 10 == 0 else [])
        for m in who:
            signins.append(signin_row(activity, m, begins, 90 + 30 * (n % 2), worker.worker_id))
    with station.db.write_session() as s:
        s.execute(insert(VolunteerActivity), activities)
        s.execute(insert(VolunteerSignIn), signins)
        ids = s.execute(
            VolunteerSignIn.__table__.select()
            .where(VolunteerSignIn.member_id == member.id)
            .order_by(VolunteerSignIn.id)
        ).all()
        for row in ids[::100]:
            fixes.append(
                {
                    "signin_id": row.id,
                    "signed_in_at": row.signed_in_at,
                    "signed_out_at": row.signed_out_at,
                    "minutes": 60,
                    "reason": "更正",
                    "actor_id": worker.worker_id,
                    "at": row.signed_out_at,
                }
            )
        s.execute(insert(VolunteerCorrection), fixes)
    return member.id


def _number(n: int) -> str:
    from stationdesk.domain.identity import check_char

    first17 = f"11010119800101{n:03d}"
    return first17 + check_char(first17)


def run(records: int = 10_000, repeat: int = 50) -> list[Figure]:
    """Time member_hours on a fresh station holding ``records`` approved records of a member."""
    with tempfile.TemporaryDirectory(prefix="bench-volunteer-") as tmp:
        station = setup.open_or_create_demo(Path(tmp) / "station", residents=0)
        try:
            worker = _worker(station)
            member = seed(station, worker, records)
            got = volunteering.member_hours(station, worker, member)
            samples, listed = [], []
            for _ in range(repeat):
                t = time.perf_counter()
                volunteering.member_hours(station, worker, member)
                samples.append(time.perf_counter() - t)
            for _ in range(max(5, repeat // 5)):
                t = time.perf_counter()
                volunteering.member_hours(station, worker, member, with_records=True)
                listed.append(time.perf_counter() - t)
            raw = station.db.raw_connection()
            try:
                base = []
                for _ in range(repeat):
                    t = time.perf_counter()
                    raw.execute(BARE_SUM, (member,)).fetchall()
                    base.append(time.perf_counter() - t)
            finally:
                raw.close()
        finally:
            station.close()
    median, p95 = stats_ms(samples)
    base_median, base_p95 = stats_ms(base)
    list_median, list_p95 = stats_ms(listed)
    return [
        Figure(
            id="P14",
            name="a member's approved hours from sign-in records",
            unit="ms",
            median=median,
            p95=p95,
            baseline_name="bare SQL sum of the same minutes (no corrections)",
            baseline_median=base_median,
            baseline_p95=base_p95,
            goal=f"p95 ≤ {GOAL_MS:.0f} ms for 10,000 records",
            met=p95 <= GOAL_MS,
            notes=(
                f"{records:,} records, {got.hours} h; with the record list: median "
                f"{list_median:.1f} ms, p95 {list_p95:.1f} ms"
            ),
            extra={"records": records, "minutes": got.minutes},
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    for f in run(args.records, args.repeat):
        print(
            f"{f.id} {f.name}: median {f.median:.1f} ms, p95 {f.p95:.1f} ms ({f.notes}); "
            f"{f.baseline_name}: median {f.baseline_median:.1f} ms; goal {f.goal}: "
            f"{'met' if f.met else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
