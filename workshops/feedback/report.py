"""The final report's sections that the feedback app contributes: the feedback of the whole
series as charts with their figures as tables, and the follow-up indicators with their trends.

The same rules as on the results pages: a group under MIN_GROUP respondents is never shown on
its own (`stats.series_results` decides). Open answers stay on the results page: they are
free text that the report, published outside the organisation, should not carry unread.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workshops import plugins

from . import charts, selectors, stats


def _feedback(series):
    forms = selectors.series_forms(series)
    counts = selectors.response_counts(forms)
    respondents = sum(counts.values())
    if not respondents:
        return None
    rows = []
    for row in stats.series_results(forms):
        total = row.result.total
        if not row.is_scale or total is None or not total.n:
            continue
        groups = [
            (group, _chart(group, f"{row.text} – {group.label}", row))
            for group in row.result.groups
        ]
        rows.append(
            {
                "row": row,
                "total": total,
                "chart": _chart(total, f"{row.text} – {_('All respondents')}", row),
                "groups": groups,
            }
        )
    if not rows:
        return None
    return {"respondents": respondents, "forms": len(forms), "rows": rows}


def _chart(scale, title, row):
    return charts.distribution_svg(
        title=title, rows=scale.rows, low_label=row.low_label, high_label=row.high_label
    )


def _indicators(series):
    summaries = [s for s in selectors.indicator_summaries(series) if s.measurements]
    if not summaries:
        return None
    items = []
    for summary in summaries:
        indicator = summary.indicator
        items.append(
            {
                "summary": summary,
                "chart": charts.trend_svg(
                    title=_("%(name)s over time") % {"name": indicator.name},
                    points=[(m.date, m.value) for m in summary.measurements],
                    baseline=summary.baseline.value if summary.baseline else None,
                    unit=indicator.unit,
                ),
            }
        )
    return {"items": items}


def register() -> None:
    plugins.register_report_section(
        plugins.ReportSection(
            "feedback",
            gettext_lazy("Feedback"),
            _feedback,
            "reports/feedback/feedback.html",
            position=500,
        )
    )
    plugins.register_report_section(
        plugins.ReportSection(
            "indicators",
            gettext_lazy("Follow-up indicators"),
            _indicators,
            "reports/feedback/indicators.html",
            position=510,
        )
    )
