"""P10: ``stationdesk --version`` and a CLI command's own overhead, beside ``python -c pass``.

Each figure is a cold start: a fresh interpreter per run. A command's overhead is the time from
spawning ``python -m benchmarks.cli_probe`` to the moment the parsed command's handler would
start, with the modules every command needs to open a station and log in already imported; the
probe then exits instead of doing the command's work.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from .common import ROOT, Figure, bench_env

RUNS = 7
# any command parses the same way; this one reaches a handler with a station and a login
COMMAND = ["--data-dir", "/nonexistent", "--user", "nobody", "resident", "find", "x"]


def _wall(cmd: list[str]) -> float:
    """Seconds from spawn to exit of one run of ``cmd``."""
    started = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=bench_env(), cwd=ROOT.parent)
    return time.perf_counter() - started


def _probe() -> float:
    """Seconds from spawn to the handler of ``COMMAND`` (as the probe reports it)."""
    env = {**bench_env(), "STARTUP_T0": repr(time.time())}
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.cli_probe", *COMMAND],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT.parent,
    ).stdout
    return float(out.split()[-1])


def _samples(fn: Callable[[], float], runs: int) -> list[float]:
    return [fn() for _ in range(runs)]


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(runs: int = RUNS) -> list[Figure]:
    """The two P10 figures, each the median of ``runs`` cold starts in seconds."""
    python = [sys.executable]
    base = _samples(lambda: _wall([*python, "-c", "pass"]), runs)
    version = _samples(lambda: _wall([*python, "-m", "stationdesk", "--version"]), runs)
    overhead = _samples(_probe, runs)
    b = statistics.median(base)
    v, o = statistics.median(version), statistics.median(overhead)
    return [
        Figure(
            "P10",
            "stationdesk --version",
            "s",
            v,
            _p95(version),
            "python -c pass",
            b,
            _p95(base),
            "≤ 0.3 s",
            v <= 0.3,
            notes=f"{runs} cold starts each",
        ),
        Figure(
            "P10",
            "CLI command overhead: spawn to its handler",
            "s",
            o,
            _p95(overhead),
            "python -c pass",
            b,
            _p95(base),
            "≤ 1 s",
            o <= 1.0,
            notes="`resident find`: interpreter, imports, parser, station and login modules",
        ),
    ]


if __name__ == "__main__":
    for f in run():
        print(f"{f.id} {f.name}: {f.median:.3f} s (baseline {f.baseline_median:.3f} s)")
