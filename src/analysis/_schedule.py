"""Scheduling helpers of the build: batches of inputs, and results kept in task order.

Kept apart from :mod:`analysis.build` so that the build reads as its pipeline
(read, annotate, collect) and these generic pieces can be tested on their own.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

__all__ = ["Carried", "Ready", "batches_by_size", "in_order"]

T = TypeVar("T")


class Ready(Generic[T]):
    """A result computed at once (the one-process build), with a future's ``result()``."""

    def __init__(self, value: T):
        self.value = value

    def result(self) -> T:
        return self.value


class Carried(Generic[T]):
    """A future with a value carried alongside it: ``result()`` is ``(future.result(), value)``.

    The build submits a batch's readable inputs and keeps the rejections found while walking them with the
    batch's future, so that both come out of :func:`in_order` together.
    """

    def __init__(self, future, value: T):
        self.future = future
        self.value = value

    def result(self) -> tuple:
        return self.future.result(), self.value


def in_order(tasks: Iterable[tuple], submit: Callable, window: int) -> Iterator:
    """Run ``(function, *args)`` tasks with at most ``window`` in flight, yielding their results in task order.

    Parameters
    ----------
    tasks : iterable of tuple
        ``(function, *args)``, consumed lazily: a task is submitted only when fewer than ``window`` are pending.
    submit : callable
        ``submit(function, *args)`` returning an object with ``result()`` (a future, or :class:`Ready`).
    window : int
        The most tasks submitted and not yet yielded.
    """
    pending: deque = deque()
    for task in tasks:
        pending.append(submit(*task))
        task = None  # its arguments (a batch's bytes) are the pool's now, not held here while waiting
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def batches_by_size(items: Iterable[T], *, size: Callable[[T], int], max_bytes: int, max_docs: int) -> Iterator[list[T]]:
    """Group ``items`` in order into lists that close at ``max_bytes`` (summed ``size``) or ``max_docs`` items.

    A batch closes as soon as it reaches either limit, so one large item makes a batch of its own size; no item is
    dropped or reordered.
    """
    batch: list[T] = []
    total = 0
    for item in items:
        batch.append(item)
        total += size(item)
        if total >= max_bytes or len(batch) >= max_docs:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch
