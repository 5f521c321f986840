"""The stationdesk command-line interface over the services."""
