"""Entry script of the frozen bundle: the same ``main`` as the ``stationdesk`` command."""

from stationdesk.entry import main

if __name__ == "__main__":
    raise SystemExit(main())
