"""What leadership sees of the PAR index: the scorecard, the points at risk, the year-over-year comparison, and the
three downloads (report, score table, evidence package). Thin: reads through board_selectors and restrict, writes
through history_services; every download is written to the security log."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from cchc.core.choices import SecurityEventKind
from cchc.core.forms import form_add_service_errors
from cchc.core.listing import xlsx_download
from cchc.core.permissions import VIEW, get_visible_or_404
from cchc.core.security import record_request_event

from ..board_forms import HistoricalResultForm, PeerResultForm, ReportForm
from ..board_selectors import (
    BoardFilter,
    filter_counts,
    newest_visible_assessment,
    scorecard_rows,
    scored_columns,
    sees_whole_assessment,
    summary_rows,
    visible_assessments,
    visible_item_ids,
    year_over_year,
)
from ..history_services import historical_result_save, peer_result_save
from ..models import PAR_MANAGERS, Assessment, HistoricalResult, PeerResult
from ..outputs import evidence_package_zip, score_table_xlsx, self_assessment_report_docx
from ..risk import RiskRow, points_at_risk, risk_total
from ..scoring import ScoreReport, assessment_scores, rank_among_peers

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_TYPE = "application/zip"
DEFAULT_SIGNER_TITLE = "GIÁM ĐỐC"


def _requested_assessment(request: HttpRequest) -> Assessment | None:
    """?assessment=<pk> when the person may see it (404 otherwise), else the newest visible assessment."""
    raw = request.GET.get("assessment", "")
    if not raw:
        return newest_visible_assessment(user=request.user)
    if not raw.isdigit():
        raise Http404
    return get_visible_or_404(request, Assessment.objects.select_related("framework", "unit"), VIEW, pk=int(raw))


def _visible_risks(report: ScoreReport, visible: frozenset[int] | None) -> list[RiskRow]:
    rows = points_at_risk(report, today=timezone.localdate())
    return [row for row in rows if visible is None or row.item.pk in visible]


def _scorecard_page(request: HttpRequest, assessment: Assessment | None, report_form: ReportForm) -> HttpResponse:
    if assessment is None:
        return render(
            request,
            "scorecard/board_scorecard.html",
            {"assessment": None, "can_manage": request.user.has_any_role(PAR_MANAGERS)},  # type: ignore[union-attr]
        )
    today = timezone.localdate()
    report = assessment_scores(assessment)
    visible = visible_item_ids(user=request.user, assessment=assessment)
    requested_filter = request.GET.get("filter", "")
    board_filter = requested_filter if requested_filter in BoardFilter.values else ""
    counts = filter_counts(report, visible=visible, deadline=assessment.deadline, today=today)
    risks = _visible_risks(report, visible)
    scored = scored_columns(report)
    context: dict[str, Any] = {
        "assessment": assessment,
        "assessments": visible_assessments(user=request.user),
        "report": report,
        "rows": scorecard_rows(
            report, visible=visible, board_filter=board_filter, deadline=assessment.deadline, today=today
        ),
        "whole": visible is None,
        "filters": [
            {
                "value": choice.value,
                "label": choice.label,
                "count": counts[choice.value],
                "active": choice.value == board_filter,
                "query": urlencode({"assessment": assessment.pk, "filter": choice.value}),
            }
            for choice in BoardFilter
        ],
        "board_filter": board_filter,
        "risk_total": risk_total(risks),
        "risk_count": len(risks),
        "has_appraisal": "appraisal" in scored,
        "summary_rows": summary_rows(report, assessment.framework),
        "rank": rank_among_peers(assessment, report.index["expected"]) if visible is None else None,
        "report_form": report_form,
    }
    return render(request, "scorecard/board_scorecard.html", context)


@login_required
@require_GET
def scorecard_view(request: HttpRequest) -> HttpResponse:
    """The newest visible assessment (or ?assessment=<pk>): headline figures and the tree of criteria."""
    return _scorecard_page(request, _requested_assessment(request), ReportForm())


RISK_HEADERS = [
    gettext_lazy("STT"),
    gettext_lazy("Mã"),
    gettext_lazy("Tiêu chí"),
    gettext_lazy("Điểm tối đa"),
    gettext_lazy("Dự kiến"),
    gettext_lazy("Có thể mất"),
    gettext_lazy("Lý do"),
    gettext_lazy("Phòng chủ trì"),
    gettext_lazy("Trạng thái"),
]


@login_required
@require_GET
def points_at_risk_view(request: HttpRequest) -> HttpResponse:
    """The criteria that may still lose points, most first, with reasons and rooms; ?export=xlsx downloads them."""
    assessment = _requested_assessment(request)
    if assessment is None:
        return render(request, "scorecard/risk_list.html", {"assessment": None})
    report = assessment_scores(assessment)
    rows = _visible_risks(report, visible_item_ids(user=request.user, assessment=assessment))
    if request.GET.get("export") == "xlsx":
        return xlsx_download(
            request,
            filename=f"diem-co-nguy-co-bi-tru-{assessment.framework.year}",
            title=_("Điểm có nguy cơ bị trừ"),
            headers=[str(header) for header in RISK_HEADERS],
            rows=(
                [
                    number,
                    row.criterion.code,
                    row.criterion.title,
                    float(row.criterion.max_points),
                    float(row.node.values["expected"]),
                    float(row.at_risk),
                    "; ".join(row.reasons),
                    row.lead_unit.name if row.lead_unit else "",
                    row.item.get_status_display(),
                ]
                for number, row in enumerate(rows, start=1)
            ),
        )
    context = {
        "assessment": assessment,
        "assessments": visible_assessments(user=request.user),
        "rows": rows,
        "total": risk_total(rows),
        "whole": sees_whole_assessment(request.user),
        "export_query": urlencode({"assessment": assessment.pk, "export": "xlsx"}),
    }
    return render(request, "scorecard/risk_list.html", context)


def _history_form_or_initial(request: HttpRequest) -> tuple[HistoricalResultForm, PeerResultForm]:
    """Empty forms, or one filled with the row the person chose to correct (?edit_historical= / ?edit_peer=)."""
    historical_form = HistoricalResultForm(prefix="historical")
    peer_form = PeerResultForm(prefix="peer")
    edit_historical = request.GET.get("edit_historical", "")
    if edit_historical.isdigit():
        row = HistoricalResult.objects.filter(pk=int(edit_historical)).first()
        if row is not None:
            historical_form = HistoricalResultForm(
                prefix="historical",
                initial={
                    "year": row.year,
                    "field_code": row.field_code,
                    "field_title": row.field_title,
                    "score": row.score,
                    "max_points": row.max_points,
                },
            )
    edit_peer = request.GET.get("edit_peer", "")
    if edit_peer.isdigit():
        peer = PeerResult.objects.filter(pk=int(edit_peer)).first()
        if peer is not None:
            peer_form = PeerResultForm(
                prefix="peer",
                initial={"year": peer.year, "unit_group": peer.unit_group, "name": peer.name, "total": peer.total},
            )
    return historical_form, peer_form


def _history_save(request: HttpRequest, historical_form: HistoricalResultForm, peer_form: PeerResultForm) -> str | None:
    """Save the posted row through its service; the success message, or None with the errors on the form."""
    action = request.POST.get("action")
    try:
        if action == "historical" and historical_form.is_valid():
            row = historical_result_save(actor=request.user, **historical_form.cleaned_data)
            return _("Đã lưu kết quả năm %(year)s: %(label)s.") % {
                "year": row.year,
                "label": row.field_title or row.field_code or _("chỉ số chung"),
            }
        if action == "peer" and peer_form.is_valid():
            peer = peer_result_save(actor=request.user, **peer_form.cleaned_data)
            return _("Đã lưu kết quả năm %(year)s của %(name)s.") % {"year": peer.year, "name": peer.name}
    except ValidationError as error:
        form_add_service_errors(historical_form if action == "historical" else peer_form, error)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def year_over_year_view(request: HttpRequest) -> HttpResponse:
    """Earlier years' results per field and overall beside this year's, as a table and bar charts; PAR managers add
    or correct earlier years' results and other departments' results."""
    if not sees_whole_assessment(request.user):
        raise PermissionDenied(_("Chỉ Lãnh đạo Sở, Ban Chỉ đạo và các phòng đầu mối được xem kết quả các năm."))
    assessment = _requested_assessment(request)
    can_manage = request.user.has_any_role(PAR_MANAGERS)  # type: ignore[union-attr]
    historical_form, peer_form = _history_form_or_initial(request)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Chỉ Phòng Tổ chức – Cán bộ và Quản trị hệ thống được nhập kết quả các năm."))
        action = request.POST.get("action")
        if action not in {"historical", "peer"}:
            return HttpResponseBadRequest(_("Thao tác không hợp lệ."))
        if action == "historical":
            historical_form = HistoricalResultForm(request.POST, prefix="historical")
        else:
            peer_form = PeerResultForm(request.POST, prefix="peer")
        done = _history_save(request, historical_form, peer_form)
        if done is not None:
            messages.success(request, done)
            target = reverse("scorecard:year_over_year")
            return redirect(f"{target}?{urlencode({'assessment': assessment.pk})}" if assessment else target)
    report = assessment_scores(assessment) if assessment is not None else None
    series = year_over_year(assessment=assessment, report=report)
    context = {
        "assessment": assessment,
        "assessments": visible_assessments(user=request.user),
        "series": series,
        "chart_data": series.chart_data(),
        "can_manage": can_manage,
        "historical_form": historical_form,
        "peer_form": peer_form,
    }
    return render(request, "scorecard/history_page.html", context)


def _downloadable(request: HttpRequest, pk: int) -> Assessment:
    """The assessment, when the person may download the whole of it: 404 if hidden, 403 for a room."""
    assessment = get_visible_or_404(request, Assessment.objects.select_related("framework", "unit"), VIEW, pk=pk)
    if not sees_whole_assessment(request.user):
        raise PermissionDenied(
            _("Chỉ Lãnh đạo Sở, Ban Chỉ đạo và các phòng đầu mối được tải báo cáo, bảng điểm và hồ sơ kiểm chứng.")
        )
    return assessment


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def report_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The self-assessment report (DOCX); number and signer come from the form on the scorecard page."""
    assessment = _downloadable(request, pk)
    form = ReportForm(request.GET)
    if not form.is_valid():
        return _scorecard_page(request, assessment, form)
    data = form.cleaned_data
    content = self_assessment_report_docx(
        assessment=assessment,
        number=data["number"],
        signer_name=data["signer_name"],
        signer_title=data["signer_title"] or DEFAULT_SIGNER_TITLE,
        signer_prefix=data["signer_prefix"],
    )
    year = assessment.framework.year
    record_request_event(request, SecurityEventKind.EXPORT, detail=f"bao-cao-tu-danh-gia-chi-so-cchc {year}")
    return _attachment(content, DOCX_TYPE, f"bao-cao-tu-danh-gia-chi-so-cchc-{year}.docx")


@login_required
@require_GET
def score_table_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _downloadable(request, pk)
    content = score_table_xlsx(assessment)
    year = assessment.framework.year
    record_request_event(request, SecurityEventKind.EXPORT, detail=f"bang-diem-chi-so-cchc {year}")
    return _attachment(content, XLSX_TYPE, f"bang-diem-chi-so-cchc-{year}.xlsx")


@login_required
@require_GET
def evidence_package_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _downloadable(request, pk)
    content = evidence_package_zip(assessment)
    year = assessment.framework.year
    record_request_event(request, SecurityEventKind.EXPORT, detail=f"ho-so-kiem-chung-chi-so-cchc {year}")
    return _attachment(content, ZIP_TYPE, f"ho-so-kiem-chung-chi-so-cchc-{year}.zip")
