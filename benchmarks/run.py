"""``make bench`` / ``make bench-quick``: every figure beside its baseline, into results/."""

from __future__ import annotations

import argparse
import statistics
import time

from . import bench_gui, bench_search, bench_services
from .common import Figure, write_results
from .station import ensure_station, station_dir


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--only", nargs="*", help="figure ids to run, e.g. P2 P7")
    args = parser.parse_args()
    wanted = set(args.only or ["P1", "P2", "P3", "P7", "P8"])
    started = time.perf_counter()
    station, worker, facts = ensure_station(args.residents)
    figures: list[Figure] = []
    try:
        if "P2" in wanted:
            figures += bench_search.run(station, worker)
        if "P3" in wanted:
            figures += render_figures()
        if "P7" in wanted:
            figures += bench_services.run(station, worker)
    finally:
        station.close()
    if wanted & {"P1", "P8"}:
        figures += bench_gui.run(station_dir(args.residents))
    meta = {
        "residents": f"{args.residents:,}",
        "generation": f"{facts.get('generate_seconds', '?')} s",
        "database": f"{facts.get('db_bytes', 0) / 1e6:,.0f} MB",
        "bench time": f"{time.perf_counter() - started:.0f} s",
    }
    path = write_results(figures, meta)
    print(path.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
