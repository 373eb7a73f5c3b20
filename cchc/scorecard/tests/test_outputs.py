"""The self-assessment report (DOCX), the score table (XLSX) and the evidence package (ZIP) on a hand-built round."""

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from cchc.plans.consolidation import BLANK_PLACE
from cchc.scorecard.choices import ItemStatus
from cchc.scorecard.models import Assessment, AssessmentItem
from cchc.scorecard.outputs import (
    ascii_title,
    evidence_package_zip,
    safe_name,
    score_table_xlsx,
    self_assessment_report_docx,
)
from cchc.scorecard.tests.builders import assessment_with, small_framework
from cchc.scorecard.tests.test_risk import update, upload
from conftest import Org


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def submitted_round(org: Org) -> Assessment:
    """Self-scores 10 + 15 + 27.96 + 40 = 92.96 (Xuất sắc), all submitted; 2.1 also appraised at 38."""
    assessment = assessment_with(
        small_framework(),
        org.department,
        {"1.1.1": ("10", "0"), "1.1.2": ("15", "0"), "1.2": ("27.96", "0"), "2.1": ("40", "0")},
        status=ItemStatus.SUBMITTED,
    )
    AssessmentItem.objects.filter(assessment=assessment).update(lead_unit=org.medical, final_score=None)
    shared = upload(org, "ke-hoach-cchc.pdf")
    first = update(assessment, "1.1.1", self_note="Đã ban hành kế hoạch CCHC năm đúng hạn.")
    first.evidence.add(shared, upload(org, "bao-cao-quy.pdf"))
    update(assessment, "1.2", lead_unit=org.office).evidence.add(upload(org, "ty-le.pdf"))
    update(assessment, "2.1", appraisal_score="38", status=ItemStatus.APPRAISED).evidence.add(shared)
    return assessment


def all_texts(document: Any) -> list[str]:
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(paragraph.text for paragraph in cell.paragraphs)
    return texts


def test_report_has_the_official_layout_totals_band_and_sections(org: Org, settings: Any) -> None:
    settings.CCHC_PLACE_NAME = "Quảng Ngãi"
    content = self_assessment_report_docx(
        assessment=submitted_round(org),
        number="12/BC-SYT",
        signer_name="Nguyễn Giám Đốc",
        signer_title="Phó Giám đốc",
        signer_prefix="KT. Giám đốc",
    )
    texts = all_texts(Document(io.BytesIO(content)))
    today = timezone.localdate()
    month = f"{today.month:02d}" if today.month <= 2 else str(today.month)
    for part in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ Y TẾ",
        "Số: 12/BC-SYT",
        f"Quảng Ngãi, ngày {today.day:02d} tháng {month} năm {today.year}",
        "BÁO CÁO",
        "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2024",
        "I. KẾT QUẢ TỰ CHẤM ĐIỂM",
        "1. Tiêu chí 1: tự chấm 52,96/60 điểm",
        "II. NHỮNG ĐIỂM CÓ NGUY CƠ BỊ TRỪ",
        "III. ĐỀ XUẤT",
        "Nơi nhận:",
        "- Sở Nội vụ;",
        "- UBND tỉnh (để báo cáo);",
        "- Lãnh đạo Sở;",
        "- Lưu: VT, TCCB.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Giám Đốc",
        "Đã ban hành kế hoạch CCHC năm đúng hạn.",
    ]:
        assert part in texts, part
    summary = next(text for text in texts if text.startswith("Tổng điểm tự chấm"))
    assert "92,96/100 điểm" in summary
    assert "Xếp loại: Xuất sắc." in summary


def test_report_lists_the_points_at_risk_with_rooms_and_proposals(org: Org) -> None:
    content = self_assessment_report_docx(
        assessment=submitted_round(org), number="", signer_name="", signer_title="GIÁM ĐỐC"
    )
    document = Document(io.BytesIO(content))
    risk_table = next(table for table in document.tables if "Có thể mất" in [cell.text for cell in table.rows[0].cells])
    rows = [[cell.text for cell in row.cells] for row in risk_table.rows[1:]]
    assert rows[0][:3] == ["1.1.2", "Tiêu chí 1.1.2", "5"]
    assert rows[0][4] == "Phòng Nghiệp vụ Y"
    assert ["1.2", "Tiêu chí 1.2", "2,04"] in [row[:3] for row in rows]
    assert "điểm thẩm định thấp hơn tự chấm" in next(row for row in rows if row[0] == "2.1")[3]
    texts = all_texts(document)
    assert any(text.startswith("- Đề nghị Phòng Nghiệp vụ Y hoàn thiện") and "1.1.2" in text for text in texts)
    assert f"Số: {BLANK_PLACE}" in texts


def test_score_table_has_a_row_per_node_and_the_totals(org: Org) -> None:
    workbook = load_workbook(io.BytesIO(score_table_xlsx(submitted_round(org))))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0] == (
        "Mã",
        "Nội dung",
        "Điểm tối đa",
        "Tự chấm",
        "Thẩm định",
        "Cuối cùng",
        "Dự kiến",
        "Phòng chủ trì",
        "Trạng thái",
        "Số tài liệu",
    )
    by_code = {row[0]: row for row in rows[1:] if row[0]}
    assert list(by_code) == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "2.1", "9", "10"]
    assert by_code["1.1.1"] == (
        "1.1.1",
        "Tiêu chí 1.1.1",
        10,
        10,
        None,
        None,
        10,
        "Phòng Nghiệp vụ Y",
        "Đã gửi TCCB",
        2,
    )
    assert by_code["1"][2:7] == (60, 52.96, None, None, 52.96)
    assert by_code["2.1"][4] == 38
    summary = {row[1]: row for row in rows[1:] if not row[0]}
    assert summary["Tổng điểm"][2:7] == (100, 92.96, 38, None, 90.96)
    assert summary["Chỉ số CCHC (%)"][3] == 92.96
    assert summary["Xếp loại"][3] == "Xuất sắc"
    assert summary["Xếp loại"][6] == "Xuất sắc"
    assert list(summary)[:2] == ["Điểm thưởng (sau giới hạn)", "Điểm trừ (sau giới hạn)"]


def test_evidence_package_has_a_folder_per_field_and_criterion_and_files_named_by_code(org: Org) -> None:
    archive = zipfile.ZipFile(io.BytesIO(evidence_package_zip(submitted_round(org))))
    names = sorted(archive.namelist())
    assert names == [
        "1 Tieu chi 1/1.1 Tieu chi 1 1/1.1.1_01_ke-hoach-cchc.pdf",
        "1 Tieu chi 1/1.1 Tieu chi 1 1/1.1.1_02_bao-cao-quy.pdf",
        "1 Tieu chi 1/1.2 Tieu chi 1 2/1.2_01_ty-le.pdf",
        "2 Tieu chi 2/2.1 Tieu chi 2 1/2.1_01_ke-hoach-cchc.pdf",
        "muc-luc.xlsx",
    ]
    assert archive.read("2 Tieu chi 2/2.1 Tieu chi 2 1/2.1_01_ke-hoach-cchc.pdf").startswith(b"%PDF")


def test_evidence_index_links_every_file_to_its_criterion_and_document(org: Org) -> None:
    archive = zipfile.ZipFile(io.BytesIO(evidence_package_zip(submitted_round(org))))
    sheet = load_workbook(io.BytesIO(archive.read("muc-luc.xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("STT", "Tệp trong gói", "Mã tiêu chí", "Tiêu chí", "Tên tài liệu")
    assert {row[1] for row in rows[1:]} == set(archive.namelist()) - {"muc-luc.xlsx"}
    shared = next(row for row in rows[1:] if row[1].endswith("2.1_01_ke-hoach-cchc.pdf"))
    assert shared[2:6] == ("2.1", "Tiêu chí 2.1", "ke-hoach-cchc.pdf", 1)


def test_package_takes_the_newest_version_of_each_document(org: Org) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cchc.evidence.services import evidence_upload

    assessment = submitted_round(org)
    document = assessment.items.get(criterion__code="1.2").evidence.get()
    evidence_upload(
        actor=org.specialist,
        upload=SimpleUploadedFile("ty-le-moi.pdf", b"%PDF-1.4\n% v2\n%%EOF"),
        unit=org.medical,
        document=document,
    )
    archive = zipfile.ZipFile(io.BytesIO(evidence_package_zip(assessment)))
    assert archive.read("1 Tieu chi 1/1.2 Tieu chi 1 2/1.2_01_ty-le-moi.pdf").endswith(b"% v2\n%%EOF")
    assert not any(name.endswith("ty-le.pdf") for name in archive.namelist())


def test_a_file_missing_on_the_server_is_noted_in_the_index(org: Org) -> None:
    assessment = submitted_round(org)
    version = assessment.items.get(criterion__code="1.2").evidence.get().versions.get()
    version.file.storage.delete(version.file.name)
    archive = zipfile.ZipFile(io.BytesIO(evidence_package_zip(assessment)))
    rows = list(load_workbook(io.BytesIO(archive.read("muc-luc.xlsx"))).active.iter_rows(values_only=True))
    missing = next(row for row in rows[1:] if row[2] == "1.2")
    assert missing[1] is None
    assert missing[7] == "Không đọc được tệp trên máy chủ"
    assert len(archive.namelist()) == 4


def test_names_are_safe_for_windows() -> None:
    assert safe_name('1.1_01_bao cáo: "quý" <1>|2?*.pdf') == "1.1_01_bao cáo_ _quý_ _1__2__.pdf"
    long_name = safe_name("1.1_01_" + "a" * 200 + ".docx")
    assert len(long_name) == 120
    assert long_name.endswith("a.docx")
    assert safe_name("ghi chu. ") == "ghi chu"
    assert (
        ascii_title("Chỉ đạo, điều hành và tổ chức thực hiện công tác cải cách")
        == "Chi dao dieu hanh va to chuc thuc hien"
    )
