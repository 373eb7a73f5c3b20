"""A stream produced in a forked child process: order, size, failures and an early stop."""

import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cchc.core.pipelines import ForkedStreamError, forked_stream


def test_items_come_from_another_process_in_order() -> None:
    def produce() -> Iterator[tuple[int, int]]:
        for number in range(1_000):
            yield number, os.getpid()

    items = list(forked_stream(produce))
    assert [number for number, _pid in items] == list(range(1_000))
    assert {pid for _number, pid in items} != {os.getpid()}


def test_items_larger_than_the_pipe_buffer_arrive_whole() -> None:
    rows = [[number, "Nguyễn Văn An", 1.5, None] for number in range(20_000)]
    assert list(forked_stream(lambda: iter([rows, rows[:3]]))) == [rows, rows[:3]]


def test_a_failure_in_the_child_is_raised_with_its_traceback() -> None:
    def produce() -> Iterator[int]:
        yield 1
        raise ValueError("hàng 7 hỏng")

    stream = forked_stream(produce)
    assert next(stream) == 1
    with pytest.raises(ForkedStreamError, match="ValueError: hàng 7 hỏng"):
        next(stream)


def test_a_child_that_dies_without_a_word_is_reported() -> None:
    def produce() -> Iterator[int]:
        yield 1
        os._exit(3)

    with pytest.raises(ForkedStreamError, match="ended before the end"):
        list(forked_stream(produce))


def test_a_consumer_that_stops_early_leaves_no_child_behind() -> None:
    def produce() -> Iterator[int]:
        number = 0
        while True:  # endless: only the parent's stop ends it
            number += 1
            yield number

    stream = forked_stream(produce)
    assert [next(stream) for _step in range(3)] == [1, 2, 3]
    stream.close()
    assert multiprocessing.active_children() == []


def test_a_stop_ends_a_busy_child_even_under_a_worker_that_traps_termination(tmp_path: Path) -> None:
    """The job worker traps SIGTERM for a graceful stop; its forked child must not inherit that."""
    marker = tmp_path / "child-went-on"

    def produce() -> Iterator[int]:
        yield 1
        time.sleep(3)  # busy checking rows, not sending
        marker.write_text("the child was not stopped")
        yield 2

    trapped = signal.signal(signal.SIGTERM, lambda _signum, _frame: None)
    try:
        stream = forked_stream(produce)
        assert next(stream) == 1
        stream.close()
    finally:
        signal.signal(signal.SIGTERM, trapped)
    assert not marker.exists() and multiprocessing.active_children() == []
