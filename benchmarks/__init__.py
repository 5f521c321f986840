"""Performance figures of stationdesk, each beside a baseline measured in the same run."""
