"""Choices held as data, each a stable code and its Chinese label, found by either."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar


@dataclass(frozen=True)
class Coded:
    """One choice: the code stored and the Chinese label shown."""

    code: str
    label: str


C = TypeVar("C", bound=Coded)


def find_coded(choices: Sequence[C], text: str, what: str) -> C:
    """The choice whose code (any case) or label is ``text``; ValueError names the codes."""
    value = text.strip()
    for choice in choices:
        if choice.code == value.lower() or choice.label == value:
            return choice
    raise ValueError(f"unknown {what}; one of {', '.join(c.code for c in choices)}")


E = TypeVar("E", bound=StrEnum)


def find_labelled(labels: Mapping[E, str], text: str, what: str) -> E:
    """The member whose value (any case) or Chinese label is ``text``; ValueError names the
    values. ``labels`` holds every member, in the order the error lists them."""
    value = text.strip()
    for member, label in labels.items():
        if member.value == value.lower() or label == value:
            return member
    raise ValueError(f"unknown {what}; one of {', '.join(m.value for m in labels)}")


def coded_label(choices: Sequence[Coded], code: str) -> str:
    """The label of a stored code (the code itself if no longer listed)."""
    return next((c.label for c in choices if c.code == code), code)
