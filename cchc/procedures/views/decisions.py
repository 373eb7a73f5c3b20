"""Staff pages of the decisions: the Ministry's, the province's, and the re-publication delays."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.core.forms import form_add_service_errors
from cchc.core.listing import paginate, sort_queryset, xlsx_download
from cchc.core.permissions import CHANGE, VIEW, get_visible_or_404
from cchc.core.text import fold

from ..forms import MinistryDecisionForm, PublicationDecisionForm
from ..models import MinistryDecision, PublicationDecision
from ..selectors import (
    MinistryDecisionDelay,
    ministry_decision_delays,
    ministry_decision_list,
    publication_decision_list,
)
from ..services import (
    ministry_decision_record,
    ministry_decision_update,
    publication_decision_record,
    publication_decision_update,
)

DECISION_SORTS = {"number": "number", "issued_on": "issued_on", "effective_on": "effective_on"}


def _search(queryset: Any, request: HttpRequest) -> Any:
    words = fold(request.GET.get("q", "")).split()
    if not words:
        return queryset
    return [item for item in queryset if all(word in fold(f"{item.number} {item.summary}") for word in words)]


@login_required
@require_GET
def ministry_decision_list_view(request: HttpRequest) -> HttpResponse:
    decisions, sort = sort_queryset(request, ministry_decision_list(user=request.user), DECISION_SORTS, "-issued_on")
    decisions = _search(decisions, request)
    if request.GET.get("export") == "xlsx":
        return xlsx_download(
            request,
            filename="quyet-dinh-cua-bo",
            title=_("Quyết định của Bộ"),
            headers=[
                _("Số quyết định"),
                _("Ngày ban hành"),
                _("Ngày có hiệu lực"),
                _("Trích yếu"),
                _("Số QĐ công bố của tỉnh"),
            ],
            rows=(
                [item.number, item.issued_on, item.effective_on, item.summary, item.publication_count]
                for item in decisions
            ),
        )
    context = {
        "page": paginate(request, decisions),
        "sort": sort,
        "q": request.GET.get("q", ""),
        "can_manage": request.user.has_perm("procedures.manage_catalogue"),
    }
    return render(request, "procedures/ministry_decision_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def ministry_decision_form_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    decision = get_visible_or_404(request, MinistryDecision.objects.all(), CHANGE, pk=pk) if pk else None
    if decision is None and not request.user.has_perm("procedures.manage_catalogue"):
        raise PermissionDenied(_("Chỉ đầu mối thủ tục hành chính và quản trị hệ thống được thay đổi danh mục."))
    form = MinistryDecisionForm(request.POST or None, instance=decision)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if decision is None:
                decision = ministry_decision_record(actor=request.user, **data)
            else:
                decision = ministry_decision_update(actor=request.user, decision=decision, **data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu quyết định %(number)s.") % {"number": decision.number})
            return redirect("procedures:ministry_decision_list")
    title = _("Sửa quyết định của Bộ") if pk else _("Thêm quyết định của Bộ")
    return render(
        request,
        "procedures/decision_form.html",
        {"form": form, "title": title, "decision": decision, "back": "procedures:ministry_decision_list"},
    )


@login_required
@require_GET
def publication_decision_list_view(request: HttpRequest) -> HttpResponse:
    decisions, sort = sort_queryset(request, publication_decision_list(user=request.user), DECISION_SORTS, "-issued_on")
    decisions = _search(decisions, request)
    if request.GET.get("export") == "xlsx":
        return xlsx_download(
            request,
            filename="quyet-dinh-cong-bo",
            title=_("Quyết định công bố"),
            headers=[
                _("Số quyết định"),
                _("Ngày ban hành"),
                _("Ngày có hiệu lực"),
                _("Cơ quan ban hành"),
                _("Trích yếu"),
                _("Quyết định của Bộ"),
                _("Số phiên bản thủ tục"),
            ],
            rows=(
                [
                    item.number,
                    item.issued_on,
                    item.effective_on,
                    item.issuer,
                    item.summary,
                    item.ministry_decision.number if item.ministry_decision else "",
                    item.version_count,
                ]
                for item in decisions
            ),
        )
    context = {
        "page": paginate(request, decisions),
        "sort": sort,
        "q": request.GET.get("q", ""),
        "can_manage": request.user.has_perm("procedures.manage_catalogue"),
    }
    return render(request, "procedures/publication_decision_list.html", context)


@login_required
@require_GET
def publication_decision_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_visible_or_404(request, PublicationDecision.objects.select_related("ministry_decision"), VIEW, pk=pk)
    versions = decision.versions.select_related("procedure").order_by("procedure__code")
    ministry = decision.ministry_decision
    context = {
        "decision": decision,
        "versions": versions,
        "delay_days": (decision.issued_on - ministry.issued_on).days if ministry else None,
        "can_manage": request.user.has_perm("procedures.manage_catalogue"),
    }
    return render(request, "procedures/publication_decision_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def publication_decision_form_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    decision = get_visible_or_404(request, PublicationDecision.objects.all(), CHANGE, pk=pk) if pk else None
    if decision is None and not request.user.has_perm("procedures.manage_catalogue"):
        raise PermissionDenied(_("Chỉ đầu mối thủ tục hành chính và quản trị hệ thống được thay đổi danh mục."))
    form = PublicationDecisionForm(request.POST or None, instance=decision)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if decision is None:
                decision = publication_decision_record(actor=request.user, **data)
            else:
                decision = publication_decision_update(actor=request.user, decision=decision, **data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu quyết định %(number)s.") % {"number": decision.number})
            return redirect("procedures:publication_decision_detail", pk=decision.pk)
    title = _("Sửa quyết định công bố") if pk else _("Thêm quyết định công bố")
    return render(
        request,
        "procedures/decision_form.html",
        {"form": form, "title": title, "decision": decision, "back": "procedures:publication_decision_list"},
    )


def _delay_rows(rows: list[MinistryDecisionDelay]) -> list[list[Any]]:
    table: list[list[Any]] = []
    for row in rows:
        if not row.publications:
            table.append(
                [
                    row.decision.number,
                    row.decision.issued_on,
                    "",
                    None,
                    None,
                    None,
                    row.waiting_days,
                    row.waiting_working_days,
                ]
            )
        for item in row.publications:
            table.append(
                [
                    row.decision.number,
                    row.decision.issued_on,
                    item.decision.number,
                    item.decision.issued_on,
                    item.days,
                    item.working_days,
                    None,
                    None,
                ]
            )
    return table


@login_required
@require_GET
def delay_view(request: HttpRequest) -> HttpResponse:
    """Each Ministry decision with the provincial decisions that followed and the delay, or the days waiting."""
    rows = ministry_decision_delays(user=request.user)
    if request.GET.get("waiting") == "1":
        rows = [row for row in rows if not row.publications]
    if request.GET.get("export") == "xlsx":
        return xlsx_download(
            request,
            filename="thoi-gian-cong-bo",
            title=_("Thời gian công bố lại"),
            headers=[
                _("QĐ của Bộ"),
                _("Ngày QĐ của Bộ"),
                _("QĐ công bố của tỉnh"),
                _("Ngày QĐ công bố"),
                _("Số ngày"),
                _("Số ngày làm việc"),
                _("Chưa công bố: số ngày chờ"),
                _("Chưa công bố: số ngày làm việc chờ"),
            ],
            rows=_delay_rows(rows),
        )
    context = {"rows": rows, "waiting_only": request.GET.get("waiting") == "1"}
    return render(request, "procedures/delays.html", context)
