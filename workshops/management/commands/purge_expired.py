"""Purge the participants' content of series closed more than NOPSA_RETENTION_DAYS ago.

Meant for a daily timer (systemd timer or cron): `manage.py purge_expired`. Safe to run any
number of times: a purged series is marked and never purged again. `--dry-run` prints what a
run would remove, as counts, and changes nothing. Output and logs never hold content."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from workshops import audit, retention
from workshops.models import Series


class Command(BaseCommand):
    help = (
        "Purge the participants' content of series closed more than NOPSA_RETENTION_DAYS days "
        "ago (for a daily timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="print how much each due series would lose (counts only); change nothing",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        done = retention.purge_due(dry_run=dry_run)
        verb = "would purge" if dry_run else "purged"
        if not dry_run:
            for series in Series.objects.filter(code__in=[code for code, _counts in done]):
                audit.record(
                    actor=None,
                    action=audit.Action.SERIES_PURGED,
                    series=series,
                    kind=audit.Kind.SERIES,
                    object_id=series.code,
                )
        for code, counts in done:
            summary = ", ".join(f"{what}={count}" for what, count in sorted(counts.items()))
            self.stdout.write(f"{verb} {code}: {summary}")
        days = retention.retention_days()
        total = "would be purged" if dry_run else "purged"
        self.stdout.write(
            f"{len(done)} series {total} (retention {days} days after closing)"
            + (" — dry run, nothing changed" if dry_run else "")
        )
