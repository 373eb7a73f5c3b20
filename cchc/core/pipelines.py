"""A stream produced in a forked child process while this process consumes it: two cores for one bulk job.

A million-row import spends about as long checking rows in Python as SQLite spends writing them; with the
checking in a child process the two overlap. The child is forked, so it starts with everything this process has
read (the catalogue, the calendar, an open file and its reader) and nothing has to be rebuilt or pickled; only
the items travel, pickled, through a pipe whose small buffer keeps at most a couple of items in flight (memory
stays bounded however long the stream).

Rules for the producer: it must not use the database connection it inherits (the parent's session and
transaction live on it); whatever it needs from the database is read before `forked_stream` is called. Items
should be plain tuples and lists: they pickle an order of magnitude faster than dataclass instances.

The child ends with `os._exit` (multiprocessing's fork start method), so it never closes the inherited database
connection or files. An exception in the child is raised in the parent as `ForkedStreamError` with the child's
traceback; if the consumer stops early or fails, the child is terminated.
"""

import multiprocessing
import signal
import traceback
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any, TypeVar

Item = TypeVar("Item")
_ITEM, _END, _ERROR = "item", "end", "error"


class ForkedStreamError(RuntimeError):
    """The child producing a stream failed, or died before the end of the stream."""


def forked_stream(produce: Callable[[], Iterable[Item]]) -> Iterator[Item]:
    """The items of `produce()`, computed in a forked child process."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_produce_into, args=(produce, sender), name="cchc-forked-stream")
    child.start()
    sender.close()
    try:
        while True:
            try:
                kind, payload = receiver.recv()
            except EOFError:
                raise ForkedStreamError("the child process ended before the end of the stream") from None
            if kind == _END:
                return
            if kind == _ERROR:
                raise ForkedStreamError(payload)
            yield payload
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join()


def _produce_into(produce: Callable[[], Iterable[Any]], sender: Connection) -> None:
    # The worker's own handlers (a graceful stop after the current job) are not the child's: a stop ends it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        for item in produce():
            sender.send((_ITEM, item))
        sender.send((_END, None))
    except BrokenPipeError:
        return  # the consumer stopped early: nobody to tell
    except BaseException:  # every failure must reach the parent, which raises it
        sender.send((_ERROR, traceback.format_exc()))
    finally:
        sender.close()
