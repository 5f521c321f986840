"""Shared benchmark helpers: timing statistics, the benchmark station, and result files."""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results"
DATA = ROOT / "data"


@dataclass
class Figure:
    """One measured figure beside its baseline."""

    id: str
    name: str
    unit: str
    median: float | None
    p95: float | None
    baseline_name: str
    baseline_median: float | None
    baseline_p95: float | None
    goal: str
    met: bool | None
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    stat: str = "median"  # what the ``median`` column holds for this figure (e.g. "max")
    spread: str = "p95"  # what the ``p95`` column holds (e.g. "p99")

    @property
    def ratio(self) -> float | None:
        if self.median is None or not self.baseline_median:
            return None
        return self.median / self.baseline_median


def stats_ms(samples: list[float]) -> tuple[float, float]:
    """Median and p95 of samples in seconds, returned in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def time_calls(fn: Callable[[], Any], repeat: int) -> list[float]:
    """Wall-clock seconds of ``repeat`` calls."""
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def bench_env() -> dict[str, str]:
    """Environment for benchmark subprocesses: offscreen Qt, the labelled plain keyring."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def machine() -> str:
    return (
        f"{platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores"
    )


def write_results(figures: list[Figure], meta: dict[str, Any]) -> Path:
    """Write results/latest.json and results/latest.md; return the Markdown path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    payload = {
        "date": stamp,
        "machine": machine(),
        **meta,
        "figures": [asdict(f) | {"ratio": f.ratio} for f in figures],
    }
    (RESULTS / "latest.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False))
    md = markdown(figures, stamp, meta)
    path = RESULTS / "latest.md"
    path.write_text(md, encoding="utf-8")
    return path


def _fmt(v: float | None, unit: str = "", label: str = "") -> str:
    if v is None:
        return "–"
    if isinstance(v, int):
        text = f"{v:,}{unit}"
    else:
        text = f"{v:,.2f}{unit}" if v < 100 else f"{v:,.0f}{unit}"
    return f"{text} ({label})" if label else text


def markdown(figures: list[Figure], stamp: str, meta: dict[str, Any]) -> str:
    lines = [
        f"Measured {stamp} on {machine()}; " + ", ".join(f"{k}: {v}" for k, v in meta.items()),
        "",
        "| id | figure | median | p95 | baseline | baseline median | ratio | goal | met |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "–"
        met = {True: "yes", False: "**no**", None: "–"}[f.met]
        unit = " " + f.unit if f.unit else ""
        stat = "" if f.stat == "median" else f.stat
        spread = "" if f.spread == "p95" else f.spread
        lines.append(
            f"| {f.id} | {f.name} | {_fmt(f.median, unit, stat)} | {_fmt(f.p95, unit, spread)} "
            f"| {f.baseline_name} | {_fmt(f.baseline_median, unit, stat)} | {ratio} "
            f"| {f.goal} | {met} |"
        )
    notes = [f"- {f.id} {f.name}: {f.notes}" for f in figures if f.notes]
    return "\n".join([*lines, *([""] if notes else []), *notes]) + "\n"
