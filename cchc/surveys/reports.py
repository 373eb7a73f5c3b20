"""What leaves the system: the raw answers and the indices as XLSX, the report to the province as DOCX.

Callers decide what the person may see and pass the rows in; these builders only lay them out.
"""

import datetime
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from cchc.plans.consolidation import BLANK_PLACE, default_place
from cchc.reports.documents import (
    OfficialDocument,
    add_body_paragraph,
    add_heading,
    add_table,
    finish_official_document,
    new_official_document,
)

from .indices import Indices, InstrumentSpec, Rate, Score, lowest_items, meets_target
from .models.collection import Response
from .report_selectors import FacilityRow, IndexReport

LOWEST_COUNT = 5


def percent(value: float | None) -> str:
    """ "87,5 %" (one decimal, Vietnamese comma) or "—"."""
    return "—" if value is None else f"{value:.1f}".replace(".", ",") + " %"


def interval_text(rate: Rate) -> str:
    interval = rate.interval
    if interval is None:
        return "—"
    return f"{interval[0]:.1f}–{interval[1]:.1f} %".replace(".", ",")


def _number(value: float | None, places: int = 2) -> float | None:
    return None if value is None else round(value, places)


def answer_text(value: Any) -> Any:
    """An answer as a spreadsheet cell: lists of choices joined with "; "."""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value


RAW_FIXED = ("response_id", "campaign", "facility", "point", "channel", "submitted_at")


def answers_headers(codes: Sequence[str]) -> list[str]:
    return [*RAW_FIXED, *codes]


def answers_rows(responses: Iterable[Response], codes: Sequence[str]) -> Iterator[list[Any]]:
    """One row per response, one column per item code (blank when skipped)."""
    for response in responses:
        answers = response.answers or {}
        yield [
            response.pk,
            response.campaign.code,
            str(response.campaign.facility),
            response.point.code if response.point else "",
            response.channel,
            response.submitted_at,
            *(answer_text(answers.get(code)) for code in codes),
        ]


SCORE_HEADERS = (
    "code",
    "title",
    "counts_for_index",
    "not_used",
    "n1",
    "n2",
    "n3",
    "n4",
    "n5",
    "answered",
    "satisfied",
    "rate_pct",
    "ci_low_pct",
    "ci_high_pct",
    "mean",
)


def _score_row(code: str, title: str, counted: bool, score: Score) -> list[Any]:
    rate = score.rate
    return [
        code,
        title,
        "x" if counted else "",
        *score.histogram,
        score.answered,
        rate.successes,
        _number(rate.value),
        _number(rate.low),
        _number(rate.high),
        _number(score.mean),
    ]


def _append_header(sheet: Any, headers: Sequence[str]) -> None:
    sheet.append(list(headers))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def indices_xlsx(report: IndexReport, facilities: Sequence[FacilityRow], scope: str) -> bytes:
    """The indices: the summary, each section and item with counts and intervals, and the facilities."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = _("Tong hop")
    indices = report.indices
    summary.append([_("Phạm vi"), scope])
    summary.append([_("Số phiếu"), indices.responses])
    summary.append([_("Cỡ mẫu mục tiêu"), report.sample_target])
    summary.append([_("Tỷ lệ hài lòng chung (%)"), _number(indices.overall.rate.value)])
    summary.append([_("Khoảng tin cậy 95 % (%)"), interval_text(indices.overall.rate)])
    summary.append([_("Điểm trung bình"), _number(indices.overall.mean)])
    summary.append([_("Hài lòng toàn diện (%)"), _number(indices.comprehensive.value)])
    summary.append([_("Chỉ số theo các yếu tố (%)"), _number(indices.factor_index)])
    summary.append([_("Đáp ứng mong đợi bình quân (%)"), _number(indices.expectation_mean)])
    summary.append([_("Mục tiêu (%)"), report.target])
    if report.previous is not None:
        summary.append([_("Kỳ trước (%)"), _number(report.previous.overall.rate.value)])
    for share in indices.would_return:
        summary.append([_("Sẽ quay lại: %(label)s (%%)") % {"label": share.label}, _number(share.rate.value)])
    sheet = workbook.create_sheet(_("Chi so"))
    _append_header(sheet, SCORE_HEADERS)
    for section in indices.sections:
        sheet.append(_score_row(section.spec.code, section.spec.title, section.spec.factor, section.score))
        for item in section.items:
            sheet.append(_score_row(item.spec.code, item.spec.text, item.spec.counts_for_index, item.score))
    sheet.append(_score_row("TOTAL", _("Chung"), True, indices.overall))
    by_facility = workbook.create_sheet(_("Theo co so"))
    _append_header(
        by_facility,
        ["facility", "responses", "sample_target", "rate_pct", "ci_low_pct", "ci_high_pct", "comprehensive_pct",
         "factor_index_pct", "expectation_pct"],
    )  # fmt: skip
    for row in facilities:
        rate = row.indices.overall.rate
        by_facility.append(
            [row.facility, row.indices.responses, row.sample_target, _number(rate.value), _number(rate.low),
             _number(rate.high), _number(row.indices.comprehensive.value), _number(row.indices.factor_index),
             _number(row.indices.expectation_mean)]
        )  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _comparison(report: IndexReport) -> str:
    rate = report.indices.overall.rate.value
    met = meets_target(rate, report.target)
    if met is None:
        return _("Chưa có câu trả lời nào được tính vào tỷ lệ hài lòng.")
    sentence = (
        _("Tỷ lệ hài lòng chung đạt %(rate)s, cao hơn mục tiêu trên %(target)s.")
        if met
        else _("Tỷ lệ hài lòng chung đạt %(rate)s, chưa đạt mục tiêu trên %(target)s.")
    ) % {"rate": percent(rate), "target": percent(report.target)}
    if report.change is not None:
        sentence += " " + _("So với kỳ trước (%(before)s): %(change)s điểm phần trăm.") % {
            "before": percent(report.previous.overall.rate.value if report.previous else None),
            "change": f"{report.change:+.1f}".replace(".", ","),
        }
    return sentence


def _facility_table(document: Any, facilities: Sequence[FacilityRow], target: float) -> None:
    headers = [_("TT"), _("Cơ sở"), _("Số phiếu"), _("Tỷ lệ hài lòng"), _("Khoảng tin cậy 95 %"),
               _("Hài lòng toàn diện"), _("Đạt mục tiêu")]  # fmt: skip
    rows = [
        [
            index,
            row.facility,
            f"{row.indices.responses}/{row.sample_target}",
            percent(row.indices.overall.rate.value),
            interval_text(row.indices.overall.rate),
            percent(row.indices.comprehensive.value),
            {True: _("Đạt"), False: _("Chưa đạt"), None: "—"}[meets_target(row.indices.overall.rate.value, target)],
        ]
        for index, row in enumerate(facilities, start=1)
    ]
    add_table(document, headers, rows, widths_cm=(1.0, 4.8, 1.8, 2.0, 2.8, 2.0, 1.6))


def _lowest_section(document: Any, facilities: Sequence[FacilityRow]) -> list[str]:
    """The lowest items per facility; returns the item texts that recur, for the proposals."""
    add_heading(document, _("III. NHỮNG NỘI DUNG CÓ TỶ LỆ HÀI LÒNG THẤP NHẤT"))
    recurring: list[str] = []
    for row in facilities:
        lowest = lowest_items(row.indices, LOWEST_COUNT)
        if not lowest:
            continue
        add_body_paragraph(document, f"{row.facility}:")
        add_table(
            document,
            [_("Mã"), _("Nội dung"), _("Số trả lời"), _("Tỷ lệ hài lòng"), _("Điểm TB")],
            [
                [
                    item.spec.code,
                    item.spec.text,
                    item.score.answered,
                    percent(item.score.rate.value),
                    f"{item.score.mean:.2f}".replace(".", ",") if item.score.mean is not None else "—",
                ]
                for item in lowest
            ],
            widths_cm=(1.2, 8.5, 1.8, 2.2, 1.6),
        )
        recurring.extend(f"{item.spec.code}. {item.spec.text}" for item in lowest[:2])
    return list(dict.fromkeys(recurring))


def province_report_docx(
    report: IndexReport,
    facilities: Sequence[FacilityRow],
    *,
    scope: str,
    today: datetime.date | None = None,
) -> bytes:
    """The report to the province in the Nghị định 30 layout: results per facility, the comparison with the
    target and the previous period, the lowest items, and proposals."""
    today = today or timezone.localdate()
    meta = OfficialDocument(
        governing_body=settings.CCHC_GOVERNING_BODY,
        issuer=settings.CCHC_ORGANISATION_NAME,
        number=BLANK_PLACE,
        place=default_place() or BLANK_PLACE,
        date=today,
        doc_type=_("BÁO CÁO"),
        summary=_("Kết quả khảo sát sự hài lòng của người dân (%(scope)s)") % {"scope": scope},
        recipients=[_("UBND tỉnh (để báo cáo);"), _("Sở Nội vụ;"), _("Lãnh đạo Sở;")],
        archive="VT, VP",
    )
    document = new_official_document(meta)
    indices = report.indices
    add_heading(document, _("I. TỔ CHỨC KHẢO SÁT"))
    add_body_paragraph(
        document,
        _(
            "Thực hiện khảo sát theo %(instrument)s; %(campaigns)s đợt khảo sát tại %(facilities)s cơ sở, thu được "
            "%(responses)s phiếu hợp lệ trên cỡ mẫu mục tiêu %(target)s phiếu."
        )
        % {
            "instrument": str(report.filters.instrument),
            "campaigns": len(report.campaigns),
            "facilities": len(facilities),
            "responses": indices.responses,
            "target": report.sample_target,
        },
    )
    if report.below_sample:
        add_body_paragraph(document, _("Số phiếu thu được chưa đạt cỡ mẫu mục tiêu; kết quả cần được đọc thận trọng."))
    add_heading(document, _("II. KẾT QUẢ"))
    add_body_paragraph(document, _comparison(report))
    add_body_paragraph(document, _summary_sentence(indices))
    _facility_table(document, facilities, report.target)
    recurring = _lowest_section(document, facilities)
    add_heading(document, _("IV. ĐỀ XUẤT, KIẾN NGHỊ"))
    for text in recurring[:LOWEST_COUNT]:
        add_body_paragraph(document, _("- Tập trung cải thiện nội dung: %(item)s.") % {"item": text})
    low = [row.facility for row in facilities if meets_target(row.indices.overall.rate.value, report.target) is False]
    if low:
        add_body_paragraph(
            document,
            _("- Các cơ sở chưa đạt mục tiêu xây dựng kế hoạch cải tiến chất lượng: %(names)s.")
            % {"names": ", ".join(low)},
        )
    add_body_paragraph(document, _("- Tiếp tục khảo sát định kỳ, công khai kết quả trên Cổng thông tin điện tử."))
    return finish_official_document(document, meta)


def _summary_sentence(indices: Indices) -> str:
    text = _(
        "Điểm trung bình %(mean)s/5; tỷ lệ người bệnh, người dân hài lòng toàn diện %(comprehensive)s; "
        "đáp ứng mong đợi bình quân %(expectation)s."
    ) % {
        "mean": f"{indices.overall.mean:.2f}".replace(".", ",") if indices.overall.mean is not None else "—",
        "comprehensive": percent(indices.comprehensive.value),
        "expectation": percent(indices.expectation_mean),
    }
    if indices.factor_index is not None:
        text += " " + _("Chỉ số hài lòng theo các yếu tố: %(value)s.") % {"value": percent(indices.factor_index)}
    return text


def spec_codes(spec: InstrumentSpec) -> list[str]:
    return [item.code for item in spec.items]
