"""Key material: the database key and signing keys held in the OS keyring."""
