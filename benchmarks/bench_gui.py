"""P1 cold start and P8 memory beside a bare PySide6 QMainWindow; P1b login beside bare argon2."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tqdm import tqdm

from .common import ROOT, Figure, bench_env, stats_ms


def _probe(mode: str, data_dir: Path) -> dict[str, tuple[float, float]]:
    env = bench_env() | {"STARTUP_T0": repr(time.time())}
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.startup_probe", mode, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT.parent,
        timeout=300,
    )
    found = {}
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3:
            found[parts[0]] = (float(parts[1]), float(parts[2]))
    if not found:
        raise RuntimeError(f"probe {mode} printed nothing: {out.stderr[-500:]}")
    return found


def run(data_dir: Path, repeat: int = 7) -> list[Figure]:
    bare, login, main, mem_app, mem_bare = [], [], [], [], []
    usable, argon2 = [], []
    for _ in tqdm(range(repeat), desc="cold starts"):
        b = _probe("bare", data_dir)
        bare.append(b["shown"][0])
        mem_bare.append(b["shown"][1])
        login.append(_probe("login", data_dir)["login"][0])
        m = _probe("main", data_dir)
        main.append(m["main"][0])
        u = _probe("usable", data_dir)
        usable.append(u["usable"][0])
        argon2.append(u["argon2"][0])
    searched = _probe("search", data_dir)
    mem_app.append(searched["searched"][1])
    bm, bp = stats_ms(bare)
    lm, lp = stats_ms(login)
    mm, mp = stats_ms(main)
    um, up = stats_ms(usable)
    am, ap = stats_ms(argon2)
    return [
        Figure(
            "P1",
            "cold start to login window",
            "ms",
            lm,
            lp,
            "bare QMainWindow shown",
            bm,
            bp,
            "≤ 1.3×",
            lm / bm <= 1.3,
            notes=f"{repeat} runs each, interleaved",
        ),
        Figure(
            "P1",
            "cold start to main window (login incl. argon2)",
            "ms",
            mm,
            mp,
            "bare QMainWindow shown",
            bm,
            bp,
            "≤ 1.3× (report)",
            mm / bm <= 1.3,
            notes="includes opening the station, one argon2 verify and building all pages",
        ),
        Figure(
            "P1b",
            "login to a usable main window (argon2 incl.)",
            "ms",
            um,
            up,
            "one bare argon2 verify, same process",
            am,
            ap,
            "≤ 800 ms",
            um <= 800,
            notes="login request to the main window's first frame, after 1 s of typing",
        ),
        Figure(
            "P8",
            "peak memory, GUI after 20 searches",
            "MB",
            mem_app[0],
            None,
            "bare PySide6 window",
            sorted(mem_bare)[len(mem_bare) // 2],
            None,
            "report",
            None,
        ),
    ]
