"""stationdesk: offline desk application for community service stations."""

__version__ = "0.1.0"
