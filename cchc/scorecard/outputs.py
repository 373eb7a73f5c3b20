"""What the department sends with its self-assessment: the report (DOCX, Nghị định 30 layout), the score table
(XLSX) and the evidence package (ZIP: a folder per field and criterion, files named by code, an index).

Callers check that the person may download the whole assessment; these builders read everything in it.
"""

import io
import re
import unicodedata
import zipfile
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.spreadsheets import xlsx_bytes
from cchc.org.models import Unit
from cchc.plans.consolidation import BLANK_PLACE, default_place
from cchc.reports.documents import (
    OfficialDocument,
    add_body_paragraph,
    add_heading,
    add_table,
    finish_official_document,
    new_official_document,
)

from .board_selectors import scorecard_rows, shown_values, summary_rows
from .models import Assessment
from .risk import RiskRow, decimal_text, points_at_risk, risk_total
from .scoring import COLUMNS, ScoreNode, ScoreReport, assessment_scores

ARCHIVE = "VT, TCCB"
NOTE_LENGTH = 200
FOLDER_TITLE_LENGTH = 40
NAME_LENGTH = 120
WINDOWS_FORBIDDEN = re.compile(r'[:*?"<>|\\/\x00-\x1f]')


def _points(value: Decimal | None) -> str:
    return "" if value is None else decimal_text(value)


def _short(text: str, length: int = NOTE_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def report_summary(assessment: Assessment) -> str:
    return _("Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm %(year)s") % {
        "year": assessment.framework.year
    }


def _descendants(node: ScoreNode) -> list[ScoreNode]:
    found: list[ScoreNode] = []
    for child in node.children:
        found.append(child)
        found.extend(_descendants(child))
    return found


def _results_section(document: Any, report: ScoreReport) -> None:
    add_heading(document, _("I. KẾT QUẢ TỰ CHẤM ĐIỂM"))
    add_body_paragraph(
        document,
        _(
            "Tổng điểm tự chấm: %(total)s/%(max)s điểm (điểm thưởng: %(bonus)s; điểm trừ: %(penalty)s). "
            "Chỉ số cải cách hành chính tự đánh giá: %(index)s %%. Xếp loại: %(band)s."
        )
        % {
            "total": decimal_text(report.totals["self"]),
            "max": decimal_text(report.max_total),
            "bonus": decimal_text(report.bonus["self"]),
            "penalty": decimal_text(report.penalty["self"]),
            "index": decimal_text(report.index["self"]),
            "band": report.band["self"] or _("chưa xếp loại"),
        },
    )
    headers = [_("Mã"), _("Tiêu chí"), _("Điểm tối đa"), _("Tự chấm"), _("Giải thích")]
    for root in report.roots:
        values = shown_values(root)
        add_heading(
            document,
            _("%(code)s. %(title)s: tự chấm %(self)s/%(max)s điểm")
            % {
                "code": root.criterion.code,
                "title": root.criterion.title,
                "self": _points(values["self"]) or "0",
                "max": decimal_text(root.max_points),
            },
        )
        nodes = _descendants(root) or [root]
        rows = [
            [
                node.criterion.code,
                node.criterion.title,
                decimal_text(node.max_points),
                _points(shown_values(node)["self"]),
                _short(node.item.self_note) if node.item is not None else "",
            ]
            for node in nodes
        ]
        add_table(document, headers, rows, widths_cm=(1.5, 6.5, 1.8, 1.8, 5.0))


def _risk_section(document: Any, risks: list[RiskRow]) -> None:
    add_heading(document, _("II. NHỮNG ĐIỂM CÓ NGUY CƠ BỊ TRỪ"))
    if not risks:
        add_body_paragraph(document, _("Không có tiêu chí nào có nguy cơ bị trừ điểm."))
        return
    add_body_paragraph(
        document,
        _("Có %(count)s tiêu chí có thể bị trừ, tổng cộng %(points)s điểm so với điểm tối đa:")
        % {"count": len(risks), "points": decimal_text(risk_total(risks))},
    )
    rows = [
        [
            row.criterion.code,
            row.criterion.title,
            decimal_text(row.at_risk),
            "; ".join(row.reasons),
            row.lead_unit.name if row.lead_unit else _("Chưa phân công"),
        ]
        for row in risks
    ]
    add_table(
        document,
        [_("Mã"), _("Tiêu chí"), _("Có thể mất"), _("Lý do"), _("Phòng chủ trì")],
        rows,
        widths_cm=(1.5, 5.5, 1.8, 4.5, 3.3),
    )


def _proposal_section(document: Any, assessment: Assessment, risks: list[RiskRow]) -> None:
    add_heading(document, _("III. ĐỀ XUẤT"))
    by_unit: dict[Unit | None, list[RiskRow]] = defaultdict(list)
    for row in risks:
        by_unit[row.lead_unit].append(row)
    for unit, rows in sorted(by_unit.items(), key=lambda entry: -risk_total(entry[1])):
        codes = ", ".join(row.criterion.code for row in rows)
        points = decimal_text(risk_total(rows))
        if unit is None:
            text = _("- Phân công phòng chủ trì cho các tiêu chí %(codes)s (có thể mất %(points)s điểm).") % {
                "codes": codes,
                "points": points,
            }
        else:
            text = _(
                "- Đề nghị %(unit)s hoàn thiện tự chấm và tài liệu kiểm chứng của các tiêu chí %(codes)s "
                "(có thể mất %(points)s điểm)."
            ) % {"unit": unit.name, "codes": codes, "points": points}
        add_body_paragraph(document, text)
    add_body_paragraph(
        document,
        _(
            "- Đề nghị Lãnh đạo Sở chỉ đạo các phòng, đơn vị khắc phục những tồn tại nêu trên, hoàn thành các nhiệm vụ "
            "còn chậm và bổ sung đầy đủ tài liệu kiểm chứng trước khi Sở Nội vụ thẩm định."
        ),
    )
    add_body_paragraph(
        document,
        _(
            "Trên đây là báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm %(year)s của "
            "%(organisation)s./."
        )
        % {"year": assessment.framework.year, "organisation": settings.CCHC_ORGANISATION_NAME},
    )


def self_assessment_report_docx(
    *, assessment: Assessment, number: str, signer_name: str, signer_title: str, signer_prefix: str = ""
) -> bytes:
    """The self-assessment report of the year as a .docx, from the scores as they are now."""
    today = timezone.localdate()
    meta = OfficialDocument(
        governing_body=settings.CCHC_GOVERNING_BODY,
        issuer=settings.CCHC_ORGANISATION_NAME,
        number=number.strip() or BLANK_PLACE,
        place=default_place() or BLANK_PLACE,
        date=today,
        doc_type=_("BÁO CÁO"),
        summary=report_summary(assessment),
        signer_title=signer_title,
        signer_prefix=signer_prefix,
        signer_name=signer_name,
        recipients=[_("Sở Nội vụ;"), _("UBND tỉnh (để báo cáo);"), _("Lãnh đạo Sở;")],
        archive=ARCHIVE,
    )
    report = assessment_scores(assessment)
    risks = points_at_risk(report, today=today)
    document = new_official_document(meta)
    add_body_paragraph(
        document,
        _(
            "Thực hiện kế hoạch đánh giá, xác định Chỉ số cải cách hành chính năm %(year)s, %(organisation)s báo cáo "
            "kết quả tự đánh giá, chấm điểm theo %(framework)s như sau:"
        )
        % {
            "year": assessment.framework.year,
            "organisation": settings.CCHC_ORGANISATION_NAME,
            "framework": assessment.framework.name,
        },
    )
    _results_section(document, report)
    _risk_section(document, risks)
    _proposal_section(document, assessment, risks)
    return finish_official_document(document, meta)


def _number(value: Decimal | str | None) -> float | str | None:
    if value is None or isinstance(value, str):
        return value
    return float(value)


def score_table_xlsx(assessment: Assessment) -> bytes:
    """One row per node of the tree with its four scores, room, status and evidence count; totals at the end."""
    report = assessment_scores(assessment)
    headers = [
        _("Mã"),
        _("Nội dung"),
        _("Điểm tối đa"),
        _("Tự chấm"),
        _("Thẩm định"),
        _("Cuối cùng"),
        _("Dự kiến"),
        _("Phòng chủ trì"),
        _("Trạng thái"),
        _("Số tài liệu"),
    ]
    rows: list[list[Any]] = []
    for row in scorecard_rows(report):
        item = row.node.item
        rows.append(
            [
                row.node.criterion.code,
                row.node.criterion.title,
                _number(row.node.max_points),
                *(_number(row.values[column]) for column in COLUMNS),
                item.lead_unit.name if item is not None and item.lead_unit else "",
                item.get_status_display() if item is not None else "",
                row.node.evidence_count,
            ]
        )
    for summary in summary_rows(report, assessment.framework):
        rows.append(["", summary.label, _number(summary.maximum), *map(_number, summary.cells), "", "", None])
    return xlsx_bytes(_("Bảng điểm %(year)s") % {"year": assessment.framework.year}, headers, rows)


# ---- Evidence package ----


def ascii_title(text: str, length: int = FOLDER_TITLE_LENGTH) -> str:
    """A title without diacritics or punctuation, cut at a word boundary: "Chỉ đạo, điều hành" → "Chi dao dieu hanh"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    words = re.sub(r"[^A-Za-z0-9]+", " ", plain).split()
    title = ""
    for word in words:
        candidate = f"{title} {word}".strip()
        if len(candidate) > length:
            break
        title = candidate
    return title or (words[0][:length] if words else "")


def safe_name(name: str, length: int = NAME_LENGTH) -> str:
    """A file or folder name Windows accepts: no : * ? " < > | \\ /, no trailing dot or space, at most `length`
    characters (the extension is kept)."""
    cleaned = " ".join(WINDOWS_FORBIDDEN.sub("_", name).split()).rstrip(". ") or "_"
    if len(cleaned) <= length:
        return cleaned
    stem, dot, extension = cleaned.rpartition(".")
    if dot and 0 < len(extension) <= 10:
        return stem[: length - len(extension) - 1].rstrip(". ") + "." + extension
    return cleaned[:length].rstrip(". ")


def _folder(node: ScoreNode) -> str:
    return safe_name(f"{node.criterion.code} {ascii_title(node.criterion.title)}")


def _scored_leaves(node: ScoreNode) -> list[ScoreNode]:
    return [node] if not node.children else [leaf for child in node.children for leaf in _scored_leaves(child)]


def evidence_package_zip(assessment: Assessment) -> bytes:
    """A ZIP of the newest version of every linked evidence document, in a folder per field and a sub-folder per
    criterion, each file named "<criterion code>_<nn>_<original name>", with the index "muc-luc.xlsx" at the root."""
    report = assessment_scores(assessment)
    index_rows: list[list[Any]] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for root in report.roots:
            for criterion_node in root.children or [root]:
                folder = _folder(root) if criterion_node is root else f"{_folder(root)}/{_folder(criterion_node)}"
                for leaf in _scored_leaves(criterion_node):
                    if leaf.item is None:
                        continue
                    documents = sorted(
                        leaf.item.evidence.all(), key=lambda document: (document.created_at, document.pk)
                    )
                    for sequence, document in enumerate(documents, start=1):
                        version = document.current
                        if version is None:
                            continue
                        path = f"{folder}/{safe_name(f'{leaf.criterion.code}_{sequence:02d}_{version.original_name}')}"
                        note = ""
                        try:
                            with version.file.open("rb") as stored:
                                archive.writestr(path, stored.read())
                        except OSError:
                            path, note = "", _("Không đọc được tệp trên máy chủ")
                        index_rows.append(
                            [
                                len(index_rows) + 1,
                                path,
                                leaf.criterion.code,
                                leaf.criterion.title,
                                document.title,
                                version.number,
                                version.original_name,
                                note,
                            ]
                        )
        headers = [
            _("STT"),
            _("Tệp trong gói"),
            _("Mã tiêu chí"),
            _("Tiêu chí"),
            _("Tên tài liệu"),
            _("Phiên bản"),
            _("Tên tệp gốc"),
            _("Ghi chú"),
        ]
        archive.writestr("muc-luc.xlsx", xlsx_bytes(_("Mục lục"), headers, index_rows))
    return buffer.getvalue()
