"""Allows ``python -m stationdesk``."""

from stationdesk.entry import main

raise SystemExit(main())
