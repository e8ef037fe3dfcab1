"""Reads shared within one build of a page: inside ``shared_reads()``, a function decorated with
``once_per_build`` runs once for each set of arguments and later calls get the same result.

Why: a page's sections each ask for the areas, a table's stored periods or its snapshot facts, and
asking the database again for each section made the situation page 120 queries (issue 22). The
scope is opened only around building a cached page fragment (``situation.caching.cached``), where
nothing is written, so the answers cannot change under it; outside a scope every call reads anew.
The results are shared between callers: they must not be changed in place.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_answers: ContextVar[dict[Hashable, object] | None] = ContextVar("shared_reads", default=None)


@contextmanager
def shared_reads() -> Iterator[None]:
    """Within the block, ``once_per_build`` functions answer each question once (nested blocks
    share the outermost block's answers)."""
    if _answers.get() is not None:
        yield
        return
    token = _answers.set({})
    try:
        yield
    finally:
        _answers.reset(token)


def sharing() -> bool:
    """Whether a ``shared_reads()`` block is open."""
    return _answers.get() is not None


def once_per_build(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` once per distinct (hashable) arguments inside ``shared_reads()``."""

    signature = inspect.signature(function)

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        answers = _answers.get()
        if answers is None:
            return function(*args, **kwargs)
        # The same question however it is asked: f(x), f(x, None) and f(x, content=None).
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        key = (function, tuple(bound.arguments.items()))
        try:
            hash(key)
        except TypeError:  # a list among the arguments: not shared
            return function(*args, **kwargs)
        if key not in answers:
            answers[key] = function(*args, **kwargs)
        return answers[key]  # type: ignore[return-value]

    return wrapper
