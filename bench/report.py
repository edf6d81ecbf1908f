"""Render time of the final report of the complete demo series (a PAKU series of ten held
workshops, `workshops/reports/demo.py`).

It seeds the demo into a fresh SQLite file (nothing shared is touched), then renders the full
demo report `--runs` times, each in a fresh child process as a background job would, and
prints each run and one last line:

    report-bench pages=… seconds=… weasyprint_share=… peak_mb=…

`seconds` is the median of the runs' render time: our `report_html` (the section builders'
queries, the diagrams drawn by Graphviz, the templates) plus WeasyPrint's parsing, layout and
drawing (`HTML(...)`, `.render()`, `.write_pdf()`), the same calls as `render.render_pdf`.
Django's start in the child is not counted. Each run's line also gives the child's CPU time
of the render (Graphviz runs in its own processes and is not in it): on a shared machine the
wall time grows with the load, the CPU time much less. `weasyprint_share` is WeasyPrint's
part of the median run. `peak_mb` is the largest peak resident set size of the render children: each
reads its own `getrusage(RUSAGE_SELF).ru_maxrss` when done — what the parent's
`RUSAGE_CHILDREN` would give for it alone, without the seeding processes (it includes the
child's Python and Django).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _django(database: Path) -> None:
    os.environ["SQLITE_PATH"] = str(database)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nopsa.settings")
    os.environ.setdefault("DEBUG", "true")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def child(database: Path, code: str, output: Path | None) -> None:
    """One render; prints its timings as JSON."""
    _django(database)
    from weasyprint import HTML

    from workshops.models import Series
    from workshops.reports import render
    from workshops.reports.limits import PDF_OPTIONS

    series = Series.objects.select_related("organisation", "method").get(code=code)
    cpu_started = time.process_time()
    started = time.perf_counter()
    html = render.report_html(series)
    ours = time.perf_counter() - started
    # The same options as the export (tagged PDF/UA-1).
    document = HTML(string=html, base_url=None, url_fetcher=render.StaticOnlyFetcher()).render(
        **PDF_OPTIONS
    )
    laid_out = time.perf_counter()
    pdf = document.write_pdf(**PDF_OPTIONS)
    total = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    if output is not None:
        output.write_bytes(pdf)
    print(
        json.dumps(
            {
                "ours": ours,
                "layout": laid_out - started - ours,
                "drawing": total - (laid_out - started),
                "total": total,
                "cpu": cpu,
                "pages": len(document.pages),
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def seed(database: Path) -> str:
    """Migrate a fresh database, seed the demo and return the full series' code."""
    env = {**os.environ, "SQLITE_PATH": str(database), "DEBUG": "true"}
    env.pop("DATABASE_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    started = time.perf_counter()
    subprocess.run([*manage, "seed_demo"], env=env, check=True, capture_output=True)
    print(f"# seed_demo on a fresh SQLite database: {time.perf_counter() - started:.2f} s")
    _django(database)
    from workshops.models import Series
    from workshops.reports.demo import FULL_TITLE

    return Series.objects.get(title=FULL_TITLE).code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", type=Path, help="also write the last run's PDF here")
    parser.add_argument("--child", nargs=2, metavar=("DATABASE", "CODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1], args.output)
        return

    with tempfile.TemporaryDirectory(prefix="nopsa-report-bench-") as folder:
        database = Path(folder) / "bench.sqlite3"
        code = seed(database)
        runs = []
        for run in range(1, args.runs + 1):
            command = [sys.executable, __file__, "--child", str(database), code]
            if args.output and run == args.runs:
                command += ["--output", str(args.output)]
            done = subprocess.run(command, check=True, capture_output=True, text=True)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            runs.append(result)
            print(
                f"# run {run}: {result['total']:.2f} s, pages {result['pages']}, "
                f"report_html {result['ours']:.2f} s, layout {result['layout']:.2f} s, "
                f"drawing {result['drawing']:.2f} s, peak {result['peak_mb']:.0f} MB, "
                f"CPU {result['cpu']:.2f} s (less than the wall time when others share the cores)"
            )
    peak_mb = max(r["peak_mb"] for r in runs)
    median = sorted(runs, key=lambda r: r["total"])[len(runs) // 2]
    seconds = statistics.median(r["total"] for r in runs)
    share = (median["layout"] + median["drawing"]) / median["total"]
    print(
        f"report-bench pages={median['pages']} seconds={seconds:.2f} "
        f"weasyprint_share={share:.2f} peak_mb={peak_mb:.0f}"
    )


if __name__ == "__main__":
    main()
