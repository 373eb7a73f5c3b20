"""The department's consolidated CCHC report of a cycle, built from live data.

A DOCX in the layout of Nghị định 30/2020/NĐ-CP (through cchc.reports.documents) with five sections — results by
reform area, the units' submissions, difficulties, proposals, the next quarter's tasks — and an XLSX annex of
every task of the year's plans with its status. Callers check that the person may export the cycle.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.core.spreadsheets import xlsx_bytes
from cchc.reports.documents import (
    OfficialDocument,
    add_body_paragraph,
    add_heading,
    add_table,
    finish_official_document,
    new_official_document,
)

from .choices import OPEN_STATUSES, OccurrenceStatus, PlanKind, PlanStatus
from .models import Plan, ReformArea, ReportingCycle, Task, TaskOccurrence, UnitReport
from .reporting_periods import next_quarter_range, period_phrase
from .reporting_selectors import ReportState, effective_status, latest_narrative, period_occurrences, report_state

ARCHIVE = "VT, VP"
GOVERNING_PREFIXES = ("ỦY BAN NHÂN DÂN TỈNH", "UỶ BAN NHÂN DÂN TỈNH", "UBND TỈNH", "ỦY BAN NHÂN DÂN", "UBND")
BLANK_PLACE = "…………"


def default_place() -> str:
    """The place of the date line: CCHC_PLACE_NAME, else read from the governing body ("UBND TỈNH QUẢNG NGÃI")."""
    if settings.CCHC_PLACE_NAME:
        return str(settings.CCHC_PLACE_NAME)
    body = " ".join(str(settings.CCHC_GOVERNING_BODY).split())
    for prefix in GOVERNING_PREFIXES:
        if body.upper().startswith(prefix):
            return body[len(prefix) :].strip().title()
    return body.title()


def report_recipients() -> list[str]:
    return [_("UBND tỉnh (để báo cáo);"), _("Sở Nội vụ;"), _("Lãnh đạo Sở;")]


def report_summary(cycle: ReportingCycle) -> str:
    return _("Kết quả thực hiện công tác cải cách hành chính %(period)s") % {
        "period": period_phrase(cycle.year, cycle.period)
    }


def _date(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _lead(task: Task) -> str:
    return task.lead_unit.name if task.lead_unit else task.lead_text


def _coordinating(task: Task) -> str:
    names = [unit.name for unit in task.coordinating_units.all()]
    return ", ".join(names) if names else task.coordinating_text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _text_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _introduction(document: Any, cycle: ReportingCycle) -> None:
    plans = Plan.objects.filter(year=cycle.year, kind=PlanKind.PLAN).exclude(status=PlanStatus.DRAFT)
    numbers = ", ".join(f"số {plan.number}" for plan in plans if plan.number)
    values = {
        "plans": numbers,
        "year": cycle.year,
        "issuer": settings.CCHC_ORGANISATION_NAME,
        "period": period_phrase(cycle.year, cycle.period),
    }
    if numbers:
        text = _(
            "Thực hiện Kế hoạch cải cách hành chính năm %(year)s (%(plans)s), %(issuer)s báo cáo kết quả thực hiện "
            "công tác cải cách hành chính %(period)s như sau:"
        )
    else:
        text = _("%(issuer)s báo cáo kết quả thực hiện công tác cải cách hành chính %(period)s như sau:")
    add_body_paragraph(document, text % values)


def _results_section(
    document: Any, occurrences: list[TaskOccurrence], reports: list[UnitReport], today: datetime.date
) -> None:
    add_heading(document, _("I. KẾT QUẢ THỰC HIỆN"))
    by_area: dict[int, list[TaskOccurrence]] = defaultdict(list)
    for occurrence in occurrences:
        by_area[occurrence.task.area_id].append(occurrence)
    areas = list(ReformArea.objects.all())
    for index, area in enumerate(areas, start=1):
        add_heading(document, f"{index}. {area.name}")
        items = by_area.get(area.pk, [])
        if not items:
            add_body_paragraph(document, _("Không có nhiệm vụ đến hạn trong kỳ."))
            continue
        statuses = [effective_status(occurrence, today) for occurrence in items]
        done = sum(status in {OccurrenceStatus.DONE, OccurrenceStatus.DONE_LATE} for status in statuses)
        overdue = [item for item, status in zip(items, statuses, strict=True) if status == OccurrenceStatus.OVERDUE]
        add_body_paragraph(
            document,
            _(
                "Số nhiệm vụ đến hạn trong kỳ: %(total)s; hoàn thành: %(done)s (trong đó hoàn thành trễ hạn: "
                "%(done_late)s); đang thực hiện, chưa đến hạn: %(in_progress)s; quá hạn: %(overdue)s."
            )
            % {
                "total": len(items),
                "done": done,
                "done_late": statuses.count(OccurrenceStatus.DONE_LATE),
                "in_progress": len(items) - done - len(overdue),
                "overdue": len(overdue),
            },
        )
        for item in overdue:
            add_body_paragraph(
                document,
                _("- Quá hạn: %(task)s (%(lead)s, hạn %(due)s, đạt %(percent)s%%).")
                % {
                    "task": _one_line(item.task.title),
                    "lead": _lead(item.task),
                    "due": _date(item.due_date),
                    "percent": item.percent,
                },
            )
    add_heading(document, _("%(number)s. Kết quả do các đơn vị báo cáo") % {"number": len(areas) + 1})
    submitted = [report for report in reports if report.status == UnitReport.Status.SUBMITTED]
    if not submitted:
        add_body_paragraph(document, _("Chưa có đơn vị nào nộp báo cáo."))
    for report in submitted:
        add_body_paragraph(document, f"{report.unit.name}:", italic=True)
        for line in _text_lines(report.results):
            add_body_paragraph(document, line)


def _names(reports: Iterable[UnitReport]) -> str:
    return ", ".join(report.unit.name for report in reports)


def _submission_section(document: Any, reports: list[UnitReport], today: datetime.date) -> None:
    add_heading(document, _("II. TÌNH HÌNH NỘP BÁO CÁO CỦA CÁC ĐƠN VỊ"))
    states = {report.pk: report_state(report, today) for report in reports}
    add_body_paragraph(document, _("Tổng số đơn vị phải báo cáo: %(count)s.") % {"count": len(reports)})
    groups = [
        (ReportState.ON_TIME, _("- Nộp đúng hạn: %(count)s đơn vị")),
        (ReportState.LATE, _("- Nộp trễ hạn: %(count)s đơn vị")),
        (ReportState.MISSING, _("- Chưa nộp (đã quá hạn): %(count)s đơn vị")),
        (ReportState.PENDING, _("- Chưa nộp, chưa đến hạn: %(count)s đơn vị")),
    ]
    for state, label in groups:
        members = [report for report in reports if states[report.pk] == state]
        if state == ReportState.PENDING and not members:
            continue
        text = label % {"count": len(members)}
        add_body_paragraph(document, f"{text} ({_names(members)})." if members else f"{text}.")
    add_table(
        document,
        [_("STT"), _("Đơn vị"), _("Tình hình nộp"), _("Ngày nộp")],
        [
            (
                index,
                report.unit.name,
                str(states[report.pk].label),
                _date(timezone.localdate(report.submitted_at)) if report.submitted_at else "",
            )
            for index, report in enumerate(reports, start=1)
        ],
        widths_cm=(1.2, 7.0, 5.0, 3.0),
    )


def _unit_texts_section(document: Any, heading: str, reports: list[UnitReport], field: str, nothing: str) -> None:
    add_heading(document, heading)
    written = [
        report for report in reports if report.status == UnitReport.Status.SUBMITTED and getattr(report, field).strip()
    ]
    if not written:
        add_body_paragraph(document, nothing)
    for report in written:
        first, *rest = _text_lines(getattr(report, field))
        add_body_paragraph(document, f"- {report.unit.name}: {first}")
        for line in rest:
            add_body_paragraph(document, line)


def _next_quarter_section(document: Any, cycle: ReportingCycle) -> None:
    add_heading(document, _("V. NHIỆM VỤ TRỌNG TÂM KỲ TỚI"))
    coming = next_quarter_range(cycle.year, cycle.period)
    occurrences = (
        TaskOccurrence.objects.filter(status__in=OPEN_STATUSES, due_date__gte=coming.start, due_date__lte=coming.end)
        .exclude(task__plan__status=PlanStatus.DRAFT)
        .select_related("task", "task__lead_unit")
        .order_by("due_date", "task__area__sort_order", "task__sort_order", "pk")
    )
    lines = [
        _("- %(task)s (chủ trì: %(lead)s; hạn %(due)s).")
        % {"task": _one_line(item.task.title), "lead": _lead(item.task) or "—", "due": _date(item.due_date)}
        for item in occurrences
    ]
    if not lines:
        lines = [
            _("Tiếp tục thực hiện các nhiệm vụ còn lại của Kế hoạch cải cách hành chính năm %(year)s.")
            % {"year": coming.start.year}
        ]
    for line in lines:
        add_body_paragraph(document, line)


def consolidated_report_docx(
    *,
    cycle: ReportingCycle,
    number: str,
    signer_name: str,
    signer_title: str,
    signer_prefix: str,
    place: str = "",
    today: datetime.date | None = None,
) -> bytes:
    """The department's report of the cycle as a .docx (Nghị định 30 layout), from the data as it is now."""
    today = today or timezone.localdate()
    meta = OfficialDocument(
        governing_body=settings.CCHC_GOVERNING_BODY,
        issuer=settings.CCHC_ORGANISATION_NAME,
        number=number,
        place=place.strip() or default_place() or BLANK_PLACE,
        date=today,
        doc_type=_("BÁO CÁO"),
        summary=report_summary(cycle),
        signer_title=signer_title,
        signer_prefix=signer_prefix,
        signer_name=signer_name,
        recipients=report_recipients(),
        archive=ARCHIVE,
    )
    reports = list(UnitReport.objects.filter(cycle=cycle).select_related("unit", "cycle"))
    occurrences = list(period_occurrences(year=cycle.year, period=cycle.period))
    document = new_official_document(meta)
    _introduction(document, cycle)
    _results_section(document, occurrences, reports, today)
    _submission_section(document, reports, today)
    _unit_texts_section(
        document,
        _("III. KHÓ KHĂN, VƯỚNG MẮC"),
        reports,
        "difficulties",
        _("Các đơn vị không báo cáo khó khăn, vướng mắc."),
    )
    _unit_texts_section(
        document, _("IV. ĐỀ XUẤT, KIẾN NGHỊ"), reports, "proposals", _("Các đơn vị không có đề xuất, kiến nghị.")
    )
    _next_quarter_section(document, cycle)
    return finish_official_document(document, meta)


ANNEX_HEADERS = (
    gettext_lazy("STT"),
    gettext_lazy("Kế hoạch"),
    gettext_lazy("Lĩnh vực"),
    gettext_lazy("Nhiệm vụ"),
    gettext_lazy("Sản phẩm"),
    gettext_lazy("Cơ quan chủ trì"),
    gettext_lazy("Cơ quan phối hợp"),
    gettext_lazy("Kỳ"),
    gettext_lazy("Hạn hoàn thành"),
    gettext_lazy("Trạng thái"),
    gettext_lazy("Tiến độ (%)"),
    gettext_lazy("Tiến độ gần nhất"),
    gettext_lazy("Số tài liệu kiểm chứng"),
)


def annex_headers() -> list[str]:
    return [str(header) for header in ANNEX_HEADERS]


def consolidated_annex_xlsx(*, cycle: ReportingCycle, today: datetime.date | None = None) -> bytes:
    """Every task of the year's plans (one row per period of a recurring task) with its status, as .xlsx."""
    today = today or timezone.localdate()
    tasks = (
        Task.objects.filter(plan__year=cycle.year)
        .exclude(plan__status=PlanStatus.DRAFT)
        .select_related("plan", "area", "lead_unit")
        .prefetch_related("coordinating_units", "occurrences__evidence", "occurrences__reports")
        .order_by("plan__issued_on", "plan__pk", "area__sort_order", "area__code", "sort_order", "pk")
    )
    rows: list[list[Any]] = []
    for task in tasks:
        common = [
            task.plan.number,
            task.area.name,
            _one_line(task.title),
            task.product,
            _lead(task),
            _coordinating(task),
        ]
        occurrences = sorted(task.occurrences.all(), key=lambda item: (item.due_date or datetime.date.max, item.pk))
        for occurrence in occurrences:
            rows.append(
                [
                    len(rows) + 1,
                    *common,
                    occurrence.period_label,
                    _date(occurrence.due_date),
                    str(effective_status(occurrence, today).label),
                    occurrence.percent,
                    latest_narrative(occurrence),
                    len(occurrence.evidence.all()),
                ]
            )
        if not occurrences:
            rows.append([len(rows) + 1, *common, task.timeframe_text, _date(task.due_date), "", 0, "", 0])
    return xlsx_bytes(_("Phụ lục nhiệm vụ"), annex_headers(), rows)
