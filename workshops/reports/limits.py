"""A PDF render with a time limit and a memory limit.

WeasyPrint runs in a forked child process: the child limits its own address space
(`RLIMIT_AS`) to what it had at the fork plus `NOPSA_REPORT_MEMORY_MB`, and the parent kills
it when `NOPSA_REPORT_TIMEOUT` seconds have passed. Either way the caller gets `RenderStopped`
with the reason, never a hung worker or a process that eats the machine.

The child touches no database: it gets the finished HTML and sends back the stages of its work
and the PDF bytes through a pipe. It inherits the parent's modules (fork), so it starts at once.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import re
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

logger = logging.getLogger(__name__)

# What WeasyPrint and the caller agree on: a tagged PDF (PDF/UA-1) with headings as bookmarks
# and the document language from `<html lang>`.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}

TIMEOUT = "timeout"
MEMORY = "memory"
ERROR = "error"

# WeasyPrint reports its steps to this logger: "Step 5 - Creating layout - Page 3".
_PAGE = re.compile(r"Page (\d+)")


class RenderStopped(Exception):
    """The render was stopped: `reason` is TIMEOUT, MEMORY or ERROR."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Rendered:
    pdf: bytes
    pages: int


def _address_space() -> int:
    """Bytes of address space this process holds now (VmSize)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


class _StageHandler(logging.Handler):
    """Forwards WeasyPrint's progress to the parent: ("layout", page) or ("writing", 0)."""

    def __init__(self, send):
        super().__init__(logging.INFO)
        self.send = send
        self.last = 0.0

    def emit(self, record):
        message = record.getMessage()
        if "PDF" in message:
            self.send(("stage", "writing", 0))
            return
        now = time.monotonic()
        if now - self.last < 0.2:  # the parent needs a stage, not every page of every pass
            return
        self.last = now
        page = _PAGE.search(message)
        self.send(("stage", "layout", int(page.group(1)) if page else 0))


def _child(conn, html: str, memory_mb: int | None, fetcher_factory) -> None:
    try:
        if memory_mb is not None:
            limit = _address_space() + memory_mb * 1024 * 1024
            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        progress = logging.getLogger("weasyprint.progress")
        progress.handlers = [_StageHandler(conn.send)]
        progress.setLevel(logging.INFO)
        progress.propagate = False
        from weasyprint import HTML

        document = HTML(string=html, base_url=None, url_fetcher=fetcher_factory()).render(
            **PDF_OPTIONS
        )
        pages = len(document.pages)
        conn.send(("stage", "writing", pages))
        pdf = document.write_pdf(**PDF_OPTIONS)
        del document
        conn.send(("done", pages, pdf))
    except MemoryError:
        outcome = ("failed", MEMORY)
    except BaseException as exc:  # any failure is reported, by its kind only (no texts)
        outcome = ("failed", f"{ERROR}:{type(exc).__name__}")
    else:
        return
    # Outside the except block: the traceback and what it held are freed first.
    with contextlib.suppress(BaseException):
        conn.send(outcome)


def render_limited(
    html: str,
    *,
    on_stage: Callable[[str, int], None] | None = None,
    fetcher_factory=None,
    timeout: float | None = None,
    memory_mb: int | None = None,
) -> Rendered:
    """The PDF of `html`, made in a child process within the time and memory limits
    (default: the settings). `on_stage(stage, page)` is called in this process as the child
    reports "layout" (with the page being laid out) and "writing" (with the page count).
    Raises `RenderStopped`."""
    from .render import StaticOnlyFetcher

    timeout = settings.NOPSA_REPORT_TIMEOUT if timeout is None else timeout
    memory_mb = settings.NOPSA_REPORT_MEMORY_MB if memory_mb is None else memory_mb
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child,
        args=(sender, html, memory_mb, fetcher_factory or StaticOnlyFetcher),
        daemon=True,
    )
    deadline = time.monotonic() + timeout
    child.start()
    sender.close()  # the child holds the only writing end: EOF when it ends
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                logger.warning("report render stopped after %s s (time limit)", timeout)
                raise RenderStopped(TIMEOUT)
            if not receiver.poll(min(left, 0.5)):
                continue
            try:
                message = receiver.recv()
            except EOFError:
                child.join(5)
                # Killed by a signal (the kernel when memory ran out, or an abort in a C library
                # when an allocation failed under the limit): memory is the likely reason.
                reason = MEMORY if (child.exitcode or 0) < 0 else ERROR
                logger.warning("report render ended without a result (exit %s)", child.exitcode)
                raise RenderStopped(reason) from None
            if message[0] == "stage":
                if on_stage is not None:
                    on_stage(message[1], message[2])
            elif message[0] == "done":
                return Rendered(pdf=message[2], pages=message[1])
            else:
                reason = message[1]
                logger.warning("report render failed: %s", reason)
                raise RenderStopped(MEMORY if reason == MEMORY else ERROR)
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
        with contextlib.suppress(ValueError):
            child.close()
