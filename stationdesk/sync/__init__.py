"""Station-side sync with the district server."""
