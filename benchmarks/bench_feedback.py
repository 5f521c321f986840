"""P15: the year-end 反馈表 of 1,000 in-service Party members (one PDF each, through the real
service), beside rendering the same forms from ready data (no database).

Run on its own: ``python -m benchmarks.bench_feedback [--members N]``; the goal is at most
30 s for 1,000 members.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from stationdesk.domain.ids import new_id
from stationdesk.printing.party_feedback import render_feedback
from stationdesk.services import setup, volunteering
from stationdesk.services.station import Station
from stationdesk.store.models_volunteer import VolunteerActivity, VolunteerMember, VolunteerSignIn

from .bench_volunteer import _number, _worker, activity_row, signin_row
from .common import Figure

GOAL_SECONDS = 30.0
ACTIVITIES = 60  # activities in the year; each member served at about one in five
MEMBERS_PER_ACTIVITY = 200


def seed(station: Station, members: int) -> None:
    """``members`` members (one unit) and a year of approved activities they signed in to."""
    worker = _worker(station)
    volunteering.add_unit(station, worker, volunteering.UnitInput("区基准局", "机关"))
    for n in range(members):
        volunteering.add_member(
            station,
            worker,
            volunteering.MemberInput(
                name=f"党员{chr(0x4E00 + n // 100)}{chr(0x4E00 + n % 100)}",
                id_number=_number(n),
                report_date=date(2024, 3, 1),
                unit="区基准局",
            ),
        )
    with station.db.read_session() as s:
        ids = list(s.scalars(select(VolunteerMember.id).order_by(VolunteerMember.id)))
    start = datetime(2025, 1, 5, 1, 0, tzinfo=UTC)
    activities, signins = [], []
    for n in range(ACTIVITIES):
        begins = start + timedelta(days=6 * n)
        activity = new_id()
        activities.append(activity_row(activity, f"年度活动{n + 1}", n, begins, worker.worker_id))
        first = (n * MEMBERS_PER_ACTIVITY) % len(ids)
        for m in (ids * 2)[first : first + min(MEMBERS_PER_ACTIVITY, len(ids))]:
            signins.append(signin_row(activity, m, begins, 120, worker.worker_id))
    with station.db.write_session() as s:
        s.execute(insert(VolunteerActivity), activities)
        s.execute(insert(VolunteerSignIn), signins)


def run(members: int = 1_000) -> list[Figure]:
    """Time write_feedback for ``members`` members on a fresh station."""
    with tempfile.TemporaryDirectory(prefix="bench-feedback-") as tmp:
        station = setup.open_or_create_demo(Path(tmp) / "station", residents=0)
        try:
            seed(station, members)
            worker = _worker(station)
            t = time.perf_counter()
            files = volunteering.write_feedback(station, worker, 2025, Path(tmp) / "forms")
            total = time.perf_counter() - t
            size = sum(p.stat().st_size for p in files.pdfs)
            documents = volunteering.feedback_documents(station, worker, 2025)
            t = time.perf_counter()
            for n, doc in enumerate(documents):
                render_feedback(doc, Path(tmp) / f"bare-{n}.pdf")
            bare = time.perf_counter() - t
        finally:
            station.close()
    return [
        Figure(
            id="P15",
            name="year-end feedback PDFs (反馈表), one per member",
            unit="s",
            median=total,
            p95=total,
            baseline_name="rendering the same forms from ready data",
            baseline_median=bare,
            baseline_p95=bare,
            goal=f"≤ {GOAL_SECONDS:.0f} s for 1,000 members",
            met=total <= GOAL_SECONDS * max(1.0, members / 1_000),
            notes=f"{len(files.pdfs):,} PDFs, {size / 1e6:.1f} MB, {ACTIVITIES} activities",
            extra={"members": members, "files": len(files.pdfs), "bytes": size},
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=1_000)
    args = parser.parse_args()
    for f in run(args.members):
        print(
            f"{f.id} {f.name}: {f.median:.1f} s ({f.notes}); {f.baseline_name}: "
            f"{f.baseline_median:.1f} s; goal {f.goal}: {'met' if f.met else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
