"""Entity handlers of the district server: one module per entity, each exposing ``HANDLER``."""
