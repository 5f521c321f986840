"""``make bench`` / ``make bench-quick``: every figure beside its baseline, into results/.

Afterwards the figures are compared with the ones stored in ``benchmarks/baseline.json`` for the
same number of residents; a figure more than 1.5× its stored value (2× for P6; its ratio to the
same-run baseline, or its own value where that baseline is too small to divide by) is a
REGRESSION.
The run still exits 0 unless ``--check`` is given. ``--update-baseline`` stores this run's
figures (only those measured) as the new reference.
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tqdm import tqdm

from . import (
    bench_cli,
    bench_emergency,
    bench_feedback,
    bench_gui,
    bench_gui_sync,
    bench_import,
    bench_keyboard,
    bench_rebuild,
    bench_search,
    bench_services,
    bench_signin,
    bench_sync,
    bench_volunteer,
)
from .common import RESULTS, ROOT, Figure, bench_env, machine, write_results
from .station import ensure_station, station_dir

ALL = [
    "P1",
    "P1b",
    "P2",
    "P3",
    "P4",
    "P5",
    "P6",
    "P7",
    "P8",
    "P9",
    "P10",
    "P12",
    "P13",
    "P13b",
    "P13c",
    "P14",
    "P15",
    "P16",
    "P17",
]
SYNC_OPS = 10_000
BASELINE = ROOT / "baseline.json"
MARGIN = 1.5
# P6's largest gap moves between about 15 and 50 ms from run to run on the same code on two
# shared cores: it is flagged at twice its stored value
MARGINS = {"P6": 2.0}
# figures whose same-run baseline is too small or too jumpy to divide by (an idle loop's largest
# tick gap, a one-row insert of 0.02 ms): they are compared on their own value
ON_VALUE = {"P6", "P7"}


def import_rows(residents: int) -> int:
    """P9's register size: 10,000 rows in ``make bench-quick``, 100,000 in ``make bench``."""
    return 100_000 if residents >= 1_000_000 else 10_000


def render_figures(n: int = 200) -> list[Figure]:
    """P3: certificate render median beside a bare reportlab page (see bench_render.py)."""
    from . import bench_render as br

    br.register_cjk_font()
    docs = br.make_documents(n)
    from stationdesk.services.certificates import QR_MASK  # the mask issued certificates use

    ours = br.measure(lambda doc, out: br.render_certificate(doc, out, qr_mask=QR_MASK), docs)
    base = br.measure(br.baseline, docs)
    m, b = statistics.median(ours), statistics.median(base)
    return [
        Figure(
            "P3",
            "certificate PDF render",
            "ms",
            m,
            br.p95(ours),
            "bare reportlab page, same font and text",
            b,
            br.p95(base),
            "median ≤ 20 ms, ≤ 1.5×",
            m <= 20 and m / b <= 1.5,
        )
    ]


# -- P4: bench_sync ----------------------------------------------------------------------------


def sync_figures(ops: int = SYNC_OPS) -> list[Figure]:
    """P4 from bench_sync: its own ``run`` once it has one, else an adapter around bench_push."""
    own = getattr(bench_sync, "run", None)
    if own is not None:
        figures: list[Figure] = own(ops=ops)
        return figures
    return push_figures(_bench_push(ops), ops)


def _bench_push(ops: int) -> dict[str, Any]:
    """``bench_sync.bench_push``'s dict, from ``python -m benchmarks.bench_sync`` (its own
    process: a fresh heap for the memory figure, and the in-memory keyring it sets up)."""
    cmd = [sys.executable, "-m", "benchmarks.bench_sync", "--ops", str(ops)]
    bar = tqdm(desc=f"P4 pushing {ops:,} ops", bar_format="{desc}: {elapsed}", mininterval=1)
    with subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=bench_env(),
        cwd=ROOT.parent,
    ) as proc:
        while True:
            try:
                out, err = proc.communicate(timeout=1)
                break
            except subprocess.TimeoutExpired:
                bar.refresh()
    bar.close()
    start = out.find("{")
    if proc.returncode != 0 or start < 0:
        raise RuntimeError(f"bench_sync exited {proc.returncode}: {err[-1000:]}")
    got: dict[str, Any] = json.loads(out[start:])
    return got


def push_figures(got: dict[str, Any], ops: int) -> list[Figure]:
    """bench_push's dict as P4 figures (one run each: the push takes tens of seconds)."""
    wall, apply_rate = got["sync_wall_s"], got["server_apply_ops_per_s"]
    base = got["executemany_baseline_s"]
    return [
        Figure(
            "P4",
            f"push {ops:,} operations, whole sync",
            "s",
            wall,
            None,
            "plain executemany of the same rows into PostgreSQL",
            base,
            None,
            "≤ 10 s, ≥ 1,000 ops/s",
            wall <= 10 and apply_rate >= 1000,
            notes=(
                f"server apply {apply_rate:,.0f} ops/s over {got['push_requests']} push "
                f"requests; push time / executemany {got['ratio_push_vs_executemany']}×"
            ),
            extra=got,
            stat="1 run",
        ),
        Figure(
            "P4",
            "station memory growth during the push",
            "MB",
            got["station_rss_growth_mb"],
            None,
            "–",
            None,
            None,
            "≤ 50 MB",
            got["station_rss_growth_mb"] <= 50,
            notes=f"RSS; tracemalloc peak {got['station_tracemalloc_peak_mb']} MB",
            stat="1 run",
        ),
        Figure(
            "P4",
            "idle sync round trips",
            "trips",
            got["idle_round_trips"],
            None,
            "–",
            None,
            None,
            "≤ 3",
            got["idle_round_trips"] <= 3 and got["idle_outcome"] == "ok",
            stat="1 run",
        ),
    ]


# -- P5: bench_restore -------------------------------------------------------------------------


def restore_figures() -> list[Figure]:
    """P5 (a new station from a snapshot + pull, beside pg_dump/COPY): ``bench_restore.run()``.

    P5 is skipped (with a message) where benchmarks/bench_restore.py is absent.
    """
    try:
        module = importlib.import_module(f"{__package__}.bench_restore")
    except ModuleNotFoundError:
        tqdm.write("P5 skipped: benchmarks/bench_restore.py is not here")
        return []
    figures: list[Figure] = module.run()
    return figures


# -- the stored baseline -----------------------------------------------------------------------


def figure_key(f: Figure) -> str:
    return f"{f.id} {f.name}"


@dataclass
class Comparison:
    """One figure against its stored reference."""

    figure: Figure
    basis: str  # "ratio" or "value"
    stored: float | None
    now: float | None

    @property
    def factor(self) -> float | None:
        if self.stored is None or self.now is None or not self.stored:
            return None
        return self.now / self.stored

    @property
    def margin(self) -> float:
        return MARGINS.get(self.figure.id, MARGIN)

    @property
    def regressed(self) -> bool:
        return self.factor is not None and self.factor > self.margin


def load_baseline() -> dict[str, Any]:
    if not BASELINE.exists():
        return {"runs": {}}
    data: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return data


def compare(figures: list[Figure], residents: int) -> tuple[list[Comparison], dict[str, Any]]:
    """Each figure beside its stored reference for this number of residents."""
    run = load_baseline()["runs"].get(str(residents), {})
    stored = run.get("figures", {})
    out = []
    for f in figures:
        ref = stored.get(figure_key(f))
        if ref is None:
            out.append(Comparison(f, "–", None, None))
        elif f.id not in ON_VALUE and f.ratio is not None and ref.get("ratio"):
            out.append(Comparison(f, "ratio", ref["ratio"], f.ratio))
        else:
            out.append(Comparison(f, "value", ref.get("median"), f.median))
    return out, run


def comparison_markdown(rows: list[Comparison], run: dict[str, Any], residents: int) -> str:
    regressions = [r for r in rows if r.regressed]
    head = (
        f"REGRESSION: {len(regressions)} figure(s) past their margin over the stored value"
        if regressions
        else "No regression: every figure is within its margin of the stored value"
    )
    if not run:
        return (
            f"No stored baseline for {residents:,} residents in benchmarks/baseline.json "
            "(run with --update-baseline to store one).\n"
        )
    lines = [
        head,
        "",
        f"Stored baseline: {run.get('date', '?')} on {run.get('machine', '?')}, "
        f"{residents:,} residents.",
        "",
        "| id | figure | compared on | stored | now | × stored | margin | |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        f = r.figure
        suffix = "×" if r.basis == "ratio" else f" {f.unit}"
        stored = "–" if r.stored is None else f"{r.stored:,.2f}{suffix}"
        now = "–" if r.now is None else f"{r.now:,.2f}{suffix}"
        factor = "–" if r.factor is None else f"{r.factor:.2f}×"
        flag = "**REGRESSION**" if r.regressed else ("not stored" if r.basis == "–" else "ok")
        lines.append(
            f"| {f.id} | {f.name} | {r.basis} | {stored} | {now} | {factor} | {r.margin}× "
            f"| {flag} |"
        )
    return "\n".join(lines) + "\n"


def update_baseline(figures: list[Figure], residents: int) -> None:
    """Store this run's figures (merged over the stored ones for this number of residents)."""
    data = load_baseline()
    data["margin"] = {"default": MARGIN, **MARGINS}
    run = data["runs"].setdefault(str(residents), {})
    run["date"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    run["machine"] = machine()
    stored = run.setdefault("figures", {})
    for f in figures:
        stored[figure_key(f)] = {
            "median": None if f.median is None else round(f.median, 3),
            "ratio": None if f.ratio is None else round(f.ratio, 3),
            "unit": f.unit,
        }
    BASELINE.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"stored {len(figures)} figure(s) in {BASELINE}")


# -- main --------------------------------------------------------------------------------------


def measure(wanted: set[str], residents: int) -> tuple[list[Figure], dict[str, Any]]:
    """Run the wanted figures; returns them and the facts about the benchmark station."""
    needs_station = bool(wanted & {"P1", "P1b", "P2", "P7", "P8", "P12", "P13", "P13b", "P13c"})
    order = "station|P2|P3|P7|P13 P13b P13c|P1 P1b P8|P4|P5|P6|P9|P10|P12|P14|P15|P16|P17"
    stages = [
        s for s in order.split("|") if (s == "station" and needs_station) or set(s.split()) & wanted
    ]
    figures: list[Figure] = []
    facts: dict[str, Any] = {}
    station = worker = None
    bar = tqdm(total=len(stages), desc="benchmarks", unit="stage", position=0)
    try:
        for stage in stages:
            bar.set_postfix_str(stage)
            if stage == "station":
                station, worker, facts = ensure_station(residents)
            elif stage == "P2":
                figures += bench_search.run(station, worker)
            elif stage == "P3":
                figures += render_figures()
            elif stage == "P7":
                figures += bench_services.run(station, worker)
            elif stage == "P13 P13b P13c":
                assert station is not None and worker is not None
                figures += bench_emergency.run(station, worker)
                figures += bench_emergency.run_paper(station, worker)
            elif stage == "P1 P1b P8":
                if station is not None:  # the GUI opens it itself
                    station.close()
                    station = None
                figures += bench_gui.run(station_dir(residents))
            elif stage == "P4":
                figures += sync_figures()
            elif stage == "P5":
                figures += restore_figures()
            elif stage == "P6":
                figures += bench_gui_sync.run(SYNC_OPS)
            elif stage == "P9":
                figures += bench_import.run(import_rows(residents))
            elif stage == "P10":
                figures += bench_cli.run()
            elif stage == "P12":
                if station is not None:  # copied closed, then opened by the desk
                    station.close()
                    station = None
                figures += bench_keyboard.run(station_dir(residents))
            elif stage == "P14":
                figures += bench_volunteer.run()
            elif stage == "P15":
                figures += bench_feedback.run()
            elif stage == "P16":  # a tenth of the size: the goal scales with it
                figures += bench_rebuild.run(scale=0.1)
            elif stage == "P17":
                figures += bench_signin.run()
            bar.update()
    finally:
        bar.close()
        if station is not None:
            station.close()
    return [f for f in figures if f.id in wanted], facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--only", nargs="*", help="figure ids to run, e.g. P2 P7")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a figure regressed against the baseline"
    )
    parser.add_argument(
        "--update-baseline",
        action="store_true",
        help="store this run's figures in benchmarks/baseline.json",
    )
    args = parser.parse_args()
    wanted = set(args.only or ALL)
    started = time.perf_counter()
    figures, facts = measure(wanted, args.residents)
    meta = {"residents": f"{args.residents:,}"}
    if facts:  # the benchmark station was used
        meta["generation"] = f"{facts.get('generate_seconds', '?')} s"
        meta["database"] = f"{facts.get('db_bytes', 0) / 1e6:,.0f} MB"
    meta["bench time"] = f"{time.perf_counter() - started:.0f} s"
    rows, run = compare(figures, args.residents)
    checked = comparison_markdown(rows, run, args.residents)
    path = write_results(figures, meta)
    with path.open("a", encoding="utf-8") as f:
        f.write("\n" + checked)
    print(path.read_text(encoding="utf-8"))
    print(f"(also in {path.relative_to(ROOT.parent)} and {RESULTS.name}/latest.json)")
    if args.update_baseline:
        update_baseline(figures, args.residents)
    if args.check and any(r.regressed for r in rows):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
