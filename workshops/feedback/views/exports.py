"""Downloads of a series' data: one dataset as CSV or Excel, or all of them in one workbook."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from ... import audit
from .. import exports, permissions

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@login_required
def export(request: HttpRequest, code: str, dataset: str, fmt: str) -> HttpResponse:
    series, _role = permissions.get_series(request.user, code)
    if dataset == "kaikki" and fmt == "xlsx":
        selected = exports.exporters()
        name = "kaikki"
    else:
        exporter = exports.get_exporter(dataset)
        if exporter is None:
            raise Http404
        selected = [exporter]
        name = exporter.sheet
    filename = f"nopsa-{series.code.lower()}-{name}.{fmt}"
    if fmt == "csv" and len(selected) != 1:
        raise Http404
    # The column names are Finnish; so are the labels in the cells, whatever the UI language.
    with translation.override("fi"):
        if fmt == "csv":
            response = HttpResponse(
                exports.to_csv(selected[0], series), content_type="text/csv; charset=utf-8"
            )
        else:
            response = HttpResponse(exports.to_xlsx(selected, series), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    audit.record(
        actor=request.user,
        action=audit.Action.FEEDBACK_EXPORTED,
        series=series,
        kind=audit.Kind.FEEDBACK,
    )
    return response
