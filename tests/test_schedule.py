"""The build's scheduling helpers: batches close at their limits, results keep task order with a bounded window."""

from __future__ import annotations

import gc
import weakref

from hypothesis import given
from hypothesis import strategies as st

from analysis._schedule import Carried, Ready, batches_by_size, in_order


@given(st.lists(st.integers(min_value=0, max_value=50)), st.integers(min_value=1, max_value=120),
       st.integers(min_value=1, max_value=6))
def test_batches_keep_every_item_in_order_and_close_at_a_limit(sizes, max_bytes, max_docs):
    groups = list(batches_by_size(sizes, size=lambda n: n, max_bytes=max_bytes, max_docs=max_docs))
    assert [n for g in groups for n in g] == sizes
    for g in groups[:-1]:  # every batch but the last closed because it reached a limit, and not before
        assert sum(g) >= max_bytes or len(g) == max_docs
        assert sum(g[:-1]) < max_bytes and len(g) <= max_docs
    assert all(groups)


def test_in_order_never_has_more_than_window_pending_and_yields_in_task_order():
    pending, seen_most = [], 0

    class Future:
        def __init__(self, value):
            self.value = value
            pending.append(self)

        def result(self):
            pending.remove(self)
            return self.value

    def submit(fn, *args):
        nonlocal seen_most
        future = Future(fn(*args))
        seen_most = max(seen_most, len(pending))
        return future

    out = list(in_order(((pow, n, 2) for n in range(10)), submit, 3))
    assert out == [n * n for n in range(10)]
    assert seen_most == 3 and not pending


def test_ready_is_a_finished_future():
    assert Ready([1, 2]).result() == [1, 2]


def test_carried_returns_the_future_result_with_its_value():
    assert Carried(Ready("tables"), ["rejection"]).result() == ("tables", ["rejection"])


def test_in_order_does_not_hold_a_submitted_task_while_waiting():
    class Payload:  # stands for a batch's bytes
        pass

    alive = []

    def task(_):  # mapped, as the build maps its batches: nothing but in_order refers to a task once made
        payload = Payload()
        alive.append(weakref.ref(payload))
        return (id, payload)

    def submit(fn, payload):  # the "pool" keeps only the result, not the payload
        return Ready(fn(payload))

    results = in_order(map(task, range(3)), submit, 2)
    next(results)  # two tasks submitted, the first yielded: in_order waits on the second holding nothing
    gc.collect()
    assert [ref() is None for ref in alive] == [True, True]
