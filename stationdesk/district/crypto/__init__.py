"""Personal data at rest on the district: sealed with AES-GCM under the district data key.

``keys`` (where the data keys come from: a key file or the environment, behind the
``DataKeyProvider`` interface a KMS can implement), ``vault`` (sealing one JSON value),
``fields`` (which fields are personal), ``rows`` (sealing table rows, and the ORM hooks that keep
loaded objects in plaintext), ``matching`` (the keyed HMAC people are matched by) and ``rotate``
(re-sealing everything under a new key).
"""

from __future__ import annotations

from .fields import PERSONAL, SEALED_KEY, PersonalFields, open_data, seal_data
from .keys import (
    KEY_BYTES,
    DataKeyError,
    DataKeyProvider,
    KeyRing,
    key_id,
    key_text,
    keys_from_settings,
    new_key,
    parse_keys,
    read_key_file,
    write_key_file,
)
from .matching import ensure_match_key, id_hmac, normalise_id_number, records_by_id_number
from .rotate import RotationReport, rotate_data_key
from .rows import VAULT_INFO, open_row, seal_row, seal_rows, session_vault
from .vault import SealError, Vault, is_envelope

__all__ = [
    "KEY_BYTES",
    "PERSONAL",
    "SEALED_KEY",
    "VAULT_INFO",
    "DataKeyError",
    "DataKeyProvider",
    "KeyRing",
    "PersonalFields",
    "RotationReport",
    "SealError",
    "Vault",
    "ensure_match_key",
    "id_hmac",
    "is_envelope",
    "key_id",
    "key_text",
    "keys_from_settings",
    "new_key",
    "normalise_id_number",
    "open_data",
    "open_row",
    "parse_keys",
    "read_key_file",
    "records_by_id_number",
    "rotate_data_key",
    "seal_data",
    "seal_row",
    "seal_rows",
    "session_vault",
    "write_key_file",
]
