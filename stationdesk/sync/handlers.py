"""A registry of per-entity sync handlers: those registered, and those a package's modules hold."""

from __future__ import annotations

import importlib
import pkgutil
from typing import ClassVar, Generic, Protocol, TypeGuard, TypeVar


class EntityHandlerLike(Protocol):
    """What a registry needs of a handler: the entity it handles."""

    entity: ClassVar[str]


HandlerT = TypeVar("HandlerT", bound=EntityHandlerLike)


class HandlerRegistry(Generic[HandlerT]):
    """Handlers by entity: those registered, and the ``HANDLER`` of ``kind`` each module holds.

    The modules of ``package`` are imported the first time the handlers are asked for.
    """

    def __init__(self, package: str, kind: type) -> None:
        self._package = package
        self._kind = kind
        self._handlers: dict[str, HandlerT] = {}
        self._loaded = False

    def register(self, handler: HandlerT) -> HandlerT:
        """Add (or replace) the handler of an entity."""
        self._handlers[handler.entity] = handler
        return handler

    def unregister(self, entity: str) -> None:
        """Remove a handler (tests)."""
        self._handlers.pop(entity, None)

    def _is_handler(self, value: object) -> TypeGuard[HandlerT]:
        """Whether a module's ``HANDLER`` is of this registry's kind (abstract kinds welcome)."""
        return isinstance(value, self._kind)

    def handlers(self) -> dict[str, HandlerT]:
        """Every handler by entity, loading the package's modules the first time."""
        if not self._loaded:
            package = importlib.import_module(self._package)
            for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
                module = importlib.import_module(f"{self._package}.{info.name}")
                handler = getattr(module, "HANDLER", None)
                if self._is_handler(handler):
                    self._handlers.setdefault(handler.entity, handler)
            self._loaded = True
        return self._handlers
