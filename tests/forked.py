"""Run a function in a forked child process and return its result.

Tests that lay out PDFs with WeasyPrint do it in a child, as the app does
(`workshops.reports.limits.render_limited`): Pango and fontconfig state then never builds up
in the long-lived test process, and a crash in those C libraries fails one test with its
signal instead of ending the whole run.
"""

from __future__ import annotations

import multiprocessing
import traceback

import pytest


def _child(conn, fn, args, kwargs):
    try:
        result = ("ok", fn(*args, **kwargs))
    except BaseException:
        result = ("error", traceback.format_exc())
    conn.send(result)
    conn.close()


def run_forked(fn, *args, timeout: float = 180, **kwargs):
    """`fn(*args, **kwargs)` computed in a forked child (its result must pickle)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, fn, args, kwargs), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            pytest.fail(f"{fn.__name__} ran past {timeout} s in its child process")
        try:
            status, value = receiver.recv()
        except EOFError:
            child.join(5)
            pytest.fail(f"{fn.__name__} ended its child process (exit code {child.exitcode})")
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if status == "error":
        pytest.fail(f"{fn.__name__} raised in its child process:\n{value}")
    return value
