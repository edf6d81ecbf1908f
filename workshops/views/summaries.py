"""Workshop summaries and comments: the facilitator edits and publishes; participants read and
comment; staff reply and mark comments addressed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import audit, permissions, plugins
from ..models import Comment
from ..practices.forms import show_stale_edit
from ..practices.services import StaleEdit
from ..summaries import services
from ..summaries.forms import CommentForm, SummaryForm
from .reports import pdf_response


def _participant_summary_url(request, workshop) -> str:
    return request.build_absolute_uri(
        reverse("people:summary", args=[workshop.series.code, workshop.code])
    )


@require_http_methods(["GET", "POST"])
@login_required
def summary_edit(request: HttpRequest, code: str, workshop: str) -> HttpResponse:
    workshop_obj, role = permissions.get_workshop_for_user(request.user, code, workshop)
    summary = services.summary_for(workshop_obj)
    form = SummaryForm(
        request.POST or None,
        initial={"intro": summary.intro, "version": summary.version},
        sections=summary.sections,
    )
    stored = None
    if request.method == "POST" and form.is_valid():
        try:
            summary = services.summary_save(
                workshop_obj,
                intro=form.cleaned_data["intro"],
                sections=form.edited_sections(),
                version=form.cleaned_data["version"] or 0,
                by=request.user,
                refresh="refresh" in request.POST,
            )
        except StaleEdit as stale:
            stored = stale.current
            show_stale_edit(form, stored)
        else:
            if "publish" in request.POST:
                try:
                    sent = services.summary_publish(
                        summary,
                        by=request.user,
                        url=_participant_summary_url(request, workshop_obj),
                    )
                except services.SummaryError as exc:
                    messages.error(request, str(exc))
                    return redirect("workshops:summary", code=code, workshop=workshop_obj.code)
                messages.success(
                    request,
                    _("The summary was published. %(count)s participants were told by e-mail.")
                    % {"count": sent},
                )
            elif "refresh" in request.POST:
                messages.success(request, _("The sections were drafted again from the workshop."))
            else:
                messages.success(request, _("The summary was saved."))
            return redirect("workshops:summary", code=code, workshop=workshop_obj.code)
    comment_count = (
        Comment.objects.filter(series=workshop_obj.series, parent__isnull=True).count()
        if summary.pk
        else 0
    )
    return render(
        request,
        "summaries/summary_edit.html",
        {
            "series": workshop_obj.series,
            "workshop": workshop_obj,
            "role": role,
            "summary": summary,
            "form": form,
            "stored": stored,
            "comment_count": comment_count,
        },
        status=422 if form.errors else 200,
    )


@require_GET
@login_required
def summary_pdf(request: HttpRequest, code: str, workshop: str) -> HttpResponse:
    """The published summary in print, for the series' staff; 404 while it is a draft."""
    workshop_obj, _role = permissions.get_workshop_for_user(request.user, code, workshop)
    summary = services.published_summary(workshop_obj.series, workshop_obj.code)
    if summary is None:
        raise Http404
    summary.workshop = workshop_obj
    audit.record(
        actor=request.user,
        action=audit.Action.SUMMARY_PDF,
        series=workshop_obj.series,
        kind=audit.Kind.SUMMARY,
        object_id=summary.public_id,
        workshop=workshop_obj,
    )
    return _summary_pdf_response(
        request, summary, reverse("workshops:summary", args=[code, workshop_obj.code])
    )


def _summary_pdf_response(request, summary, back: str) -> HttpResponse:
    """A summary is a few pages: it is rendered in the request, but within the same time and
    memory limits as the final report (in a child process)."""
    from ..reports import exports, limits, render  # WeasyPrint only where it is used

    try:
        rendered = limits.render_limited(render.summary_html(summary))
    except limits.RenderStopped as stopped:
        messages.error(request, exports.stopped_message(stopped.reason))
        return redirect(back)
    workshop = summary.workshop
    return pdf_response(rendered.pdf, f"summary-{workshop.series.code}-{workshop.code}.pdf")


@require_GET
@login_required
def comment_list(request: HttpRequest, code: str) -> HttpResponse:
    series, role = permissions.get_series_for_user(request.user, code)
    return _comment_page(request, series, role)


def _kind_label(kind: str) -> str:
    target = plugins.comment_target(kind)
    return str(target.label) if target else ""


def _comment_page(request, series, role, *, reply_form=None, reply_to=None, status=200):
    threads = services.threads(series)
    groups = sorted(
        threads.items(), key=lambda item: max(c.created_at for c in item[1]), reverse=True
    )
    return render(
        request,
        "summaries/comments.html",
        {
            "series": series,
            "role": role,
            "groups": [
                (_kind_label(kind), comments[0].target_label, comments)
                for (kind, _id), comments in groups
            ],
            "reply_form": reply_form,
            "reply_to": reply_to,
        },
        status=status,
    )


def _staff_comment(request, code, comment):
    series, role = permissions.get_series_for_user(request.user, code)
    comment_obj = Comment.objects.filter(series=series, public_id=comment).first()
    if comment_obj is None:
        raise Http404
    return series, role, comment_obj


@require_POST
@login_required
def comment_reply(request: HttpRequest, code: str, comment: str) -> HttpResponse:
    series, role, parent = _staff_comment(request, code, comment)
    form = CommentForm(
        request.POST, initial={"kind": parent.target_kind, "target": parent.target_id}
    )
    if form.is_valid():
        try:
            services.comment_add(
                series,
                kind=parent.target_kind,
                target_id=parent.target_id,
                text=form.cleaned_data["text"],
                author=request.user,
                parent=parent,
            )
        except services.SummaryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your reply was saved and the comment marked addressed."))
            return redirect(reverse("workshops:comments", args=[code]) + f"#c-{parent.public_id}")
    return _comment_page(request, series, role, reply_form=form, reply_to=parent, status=422)


@require_POST
@login_required
def comment_addressed(request: HttpRequest, code: str, comment: str) -> HttpResponse:
    _series, _role, comment_obj = _staff_comment(request, code, comment)
    addressed = request.POST.get("addressed") == "1"
    services.comment_set_addressed(comment_obj, addressed=addressed, by=request.user)
    messages.success(
        request,
        _("The comment was marked addressed.") if addressed else _("The comment was marked open."),
    )
    return redirect(reverse("workshops:comments", args=[code]) + f"#c-{comment_obj.public_id}")


# --- Participants -----------------------------------------------------------------------------


def _participant_summary(request, code, workshop):
    series, participant = permissions.get_series_for_participant(request, code)
    summary = services.published_summary(series, workshop)
    if summary is None:
        raise Http404
    summary.workshop.series = series
    return series, participant, summary


def _summary_page(request, series, participant, summary, *, form=None, status=200):
    shown = [item["id"] for s in summary.included_sections for item in s.get("items", [])]
    threads = services.threads(series, target_ids=[summary.public_id, *shown])
    sections = []
    for section in summary.included_sections:
        items = [
            {**item, "comments": threads.get((item["kind"], item["id"]), [])}
            for item in section.get("items", [])
        ]
        sections.append({**section, "items": items})
    # Which comment form failed, so that it shows its errors and keeps the text; a target that
    # is not on the page (no longer shown) falls back to the form for the whole summary.
    failed = ("", "")
    if form is not None:
        failed = (form.data.get("kind", ""), form.data.get("target", ""))
        on_page = {(i["kind"], i["id"]) for s in sections for i in s["items"]}
        if failed not in on_page:
            failed = ("summary", str(summary.public_id))
    return render(
        request,
        "summaries/participant_summary.html",
        {
            "series": series,
            "participant": participant,
            "summary": summary,
            "workshop": summary.workshop,
            "sections": sections,
            "summary_id": str(summary.public_id),
            "summary_comments": threads.get(("summary", str(summary.public_id)), []),
            "form": form,
            "failed": failed,
        },
        status=status,
    )


@require_GET
def participant_summary(request: HttpRequest, code: str, workshop: str) -> HttpResponse:
    series, participant, summary = _participant_summary(request, code, workshop)
    return _summary_page(request, series, participant, summary)


@require_GET
def participant_summary_pdf(request: HttpRequest, code: str, workshop: str) -> HttpResponse:
    series, _participant, summary = _participant_summary(request, code, workshop)
    return _summary_pdf_response(
        request, summary, reverse("people:summary", args=[series.code, summary.workshop.code])
    )


@require_POST
def participant_comment(request: HttpRequest, code: str, workshop: str) -> HttpResponse:
    series, participant, summary = _participant_summary(request, code, workshop)
    form = CommentForm(request.POST)
    if form.is_valid():
        parent = None
        try:
            if not permissions.may_comment_on(
                summary, form.cleaned_data["kind"], form.cleaned_data["target"]
            ):
                raise services.SummaryError(
                    _("This can no longer be commented on. Reload the page.")
                )
            if form.cleaned_data.get("parent"):
                parent = Comment.objects.filter(
                    series=series, public_id=form.cleaned_data["parent"]
                ).first()
                if parent is None:
                    raise services.SummaryError(
                        _("This can no longer be commented on. Reload the page.")
                    )
            comment = services.comment_add(
                series,
                kind=form.cleaned_data["kind"],
                target_id=form.cleaned_data["target"],
                text=form.cleaned_data["text"],
                participant=participant,
                parent=parent,
            )
        except services.SummaryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you! Your comment was saved."))
            return redirect(
                reverse("people:summary", args=[code, summary.workshop.code])
                + f"#c-{(comment.parent or comment).public_id}"
            )
    return _summary_page(request, series, participant, summary, form=form, status=422)
