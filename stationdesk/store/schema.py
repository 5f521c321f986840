"""Collects every station model module so that migrations see the whole schema."""

from __future__ import annotations

import importlib
import pkgutil

from sqlalchemy import MetaData

import stationdesk.store as store_pkg
from stationdesk.store.models import Base

_MODEL_MODULE_PREFIX = "models"


def metadata() -> MetaData:
    """Import every ``stationdesk.store.models*`` module and return the shared metadata."""
    for info in pkgutil.iter_modules(store_pkg.__path__):
        if info.name.startswith(_MODEL_MODULE_PREFIX):
            importlib.import_module(f"stationdesk.store.{info.name}")
    return Base.metadata
