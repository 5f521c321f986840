"""A child process for P10: parses a CLI command as ``stationdesk`` does, then stops at its handler.

Usage: python -m benchmarks.cli_probe ARGS...  (the parent passes its spawn time in STARTUP_T0)
Prints the seconds from spawn to the handler, after importing what every command needs to open
a station and log in; the command's own work is not done.
"""

from __future__ import annotations

import os
import sys
import time

T0 = float(os.environ.get("STARTUP_T0", time.time()))


def main() -> int:
    import stationdesk.cli.main as cli

    def run(_args: object) -> int:
        import stationdesk.services.auth
        import stationdesk.services.station  # noqa: F401

        print(f"handler {time.time() - T0:.4f}", flush=True)
        return 0

    cli.run = run  # type: ignore[assignment]
    from stationdesk.entry import main as entry_main

    return entry_main(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
