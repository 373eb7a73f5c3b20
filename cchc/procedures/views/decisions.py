"""Staff pages of the decisions: the Ministry's, the province's, and the re-publication delays."""

from collections.abc import Callable
from typing import Any

from django import forms
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


def _decision_form(
    request: HttpRequest,
    *,
    model: type[MinistryDecision] | type[PublicationDecision],
    form_class: type[forms.ModelForm[Any]],
    pk: int | None,
    record: Callable[..., Any],
    update: Callable[..., Any],
    titles: tuple[str, str],
    back: str,
    saved: Callable[[Any], HttpResponse],
) -> HttpResponse:
    """Add or edit a Ministry or provincial decision: the same form flow, each with its own services."""
    decision = get_visible_or_404(request, model.objects.all(), CHANGE, pk=pk) if pk else None
    if decision is None and not request.user.has_perm("procedures.manage_catalogue"):
        raise PermissionDenied(_("Chỉ đầu mối thủ tục hành chính và quản trị hệ thống được thay đổi danh mục."))
    form = form_class(request.POST or None, instance=decision)
    if request.method == "POST" and form.is_valid():
        try:
            if decision is None:
                decision = record(actor=request.user, **form.cleaned_data)
            else:
                decision = update(actor=request.user, decision=decision, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu quyết định %(number)s.") % {"number": decision.number})
            return saved(decision)
    title = titles[1] if pk else titles[0]
    return render(
        request, "procedures/decision_form.html", {"form": form, "title": title, "decision": decision, "back": back}
    )


@login_required
@require_http_methods(["GET", "POST"])
def ministry_decision_form_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _decision_form(
        request,
        model=MinistryDecision,
        form_class=MinistryDecisionForm,
        pk=pk,
        record=ministry_decision_record,
        update=ministry_decision_update,
        titles=(_("Thêm quyết định của Bộ"), _("Sửa quyết định của Bộ")),
        back="procedures:ministry_decision_list",
        saved=lambda decision: redirect("procedures:ministry_decision_list"),
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
    return _decision_form(
        request,
        model=PublicationDecision,
        form_class=PublicationDecisionForm,
        pk=pk,
        record=publication_decision_record,
        update=publication_decision_update,
        titles=(_("Thêm quyết định công bố"), _("Sửa quyết định công bố")),
        back="procedures:publication_decision_list",
        saved=lambda decision: redirect("procedures:publication_decision_detail", pk=decision.pk),
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
