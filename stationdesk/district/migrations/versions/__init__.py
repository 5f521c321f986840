"""District schema revisions."""
