"""Classes a built-in plugin contributes, imported the first time one is really used.

A plugin hook hands over classes (rule kinds, output formats); importing every one of them on
every run costs what a run of one format with one pack never uses: the ledger kinds of the
部门决算 family (the amount grammar, the ledger binder: ~10 ms), the SARIF, JUnit (ElementTree),
GitHub and HTML formatters. A stand-in carries what the registries read without importing
(``name``, ``__module__``, ``__qualname__``); anything else (another class attribute, making an
instance) imports the real class and answers from it.
"""

from __future__ import annotations

import importlib
from typing import Any, TypeVar, cast

T = TypeVar("T")


class _StandIn(type):
    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return _real(cls)(*args, **kwargs)

    def __getattr__(cls, attr: str) -> Any:  # only for what the stand-in itself lacks
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(_real(cls), attr)


def stand_in(base: type[T], module: str, qualname: str, name: str) -> type[T]:
    """A stand-in for the ``base`` subclass ``module.qualname``, known by ``name``."""
    return cast("type[T]", _StandIn(qualname, (), {"name": name, "__module__": module, "__qualname__": qualname}))


def real_class(cls: type[T]) -> type[T]:
    """The class itself, or for a stand-in the class it stands for (imported now)."""
    return cast("type[T]", _real(cls)) if type(cls) is _StandIn else cls


def _real(cls: type) -> Any:
    return getattr(importlib.import_module(cls.__module__), cls.__qualname__)
