"""Pure domain rules: identity numbers, catalogs, case states and metrics."""
