"""Use cases shared by the GUI and the CLI, each owning its transaction."""
