"""The appendix of Sở Y tế Thanh Hóa's CCHC plan for 2021, rebuilt from the seed letter as the files a department has.

`thanh_hoa_docx()` is a Word table as the letter prints it: landscape, title and "(Kèm theo …)" line, the six columns,
the general-task cell merged down over its tasks, and the header row repeated where the printed letter starts a new
page (a merged cell cannot cross that row, so the part of a general task after it is a new merged cell left blank, as
on the printed page). `thanh_hoa_xlsx()` is the same table in a workbook with merged ranges. `thanh_hoa_units()` adds to
the shared test organisation the units the appendix names.
"""

import io
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Mm
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cchc.org.choices import UnitKind
from cchc.org.models import Unit
from cchc.org.services import unit_create
from conftest import Org

HEADERS = (
    "Nhiệm vụ chung",
    "Nhiệm vụ cụ thể",
    "Sản phẩm",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian thực hiện",
)
TITLE = "KẾ HOẠCH TRIỂN KHAI CÁC NHIỆM VỤ TRỌNG TÂM CẢI CÁCH HÀNH CHÍNH NĂM 2021"
SUBTITLE = "(Kèm theo Kế hoạch số              /KH-SYT ngày      tháng 12 năm 2020)"

VP = "Văn phòng Sở"
TCCB = "Phòng TCCB"
KHTC = "Phòng KHTC"
ALL_UNITS = "Các phòng, ban cơ quan Sở; các đơn vị trực thuộc"
VP_WITH_DESKS = (
    "Văn phòng Sở phối hợp bộ phận tiếp nhận Sở Y tế tại Trung tâm hành chính công; bộ phận một cửa tại đơn vị."
)
PAGE_BREAK = "page break"

# (general task, [(task, product, lead, coordinating, time frame) or PAGE_BREAK, …]) in the letter's order.
APPENDIX: list[tuple[str, list[tuple[str, str, str, str, str] | str]]] = [
    (
        "I. Cải cách thể chế",
        [
            (
                "1. Thực hiện quản lý văn bản đi theo thể thức quy định",
                "100% văn bản đi đúng thể thức quy định",
                VP,
                ALL_UNITS,
                "Thường xuyên",
            ),
            (
                "2. Tổ chức tuyên truyền phổ biến giáo dục pháp luật (Các văn bản QPPL, Quyết định, công văn chỉ đạo, "
                "điều hành của ngành... được đăng tải trên Website Sở)",
                "Các văn bản QPPL được đăng tải trên trang thông tin điện tử của Sở",
                VP,
                ALL_UNITS,
                "Thường xuyên",
            ),
            (
                "3. Phối hợp với Sở Tư pháp tham mưu cho UBND tỉnh ban hành các văn bản QPPL về lĩnh vực y tế",
                "Văn bản QPPL được ban hành",
                "Các phòng, ban cơ quan Sở; các đơn vị trực thuộc được giao",
                VP,
                "Trong năm",
            ),
            (
                "4. Thực hiện việc rà soát văn bản QPPL theo Kế hoạch của UBND tỉnh",
                "Văn bản báo cáo kết quả rà soát",
                VP,
                ALL_UNITS,
                "Trong năm",
            ),
            (
                "5. Tăng cường theo dõi, kiểm tra việc thực hiện các hoạt động về theo dõi, thi hành pháp luật",
                "Kế hoạch; Báo cáo theo dõi thi hành pháp luật",
                "Thanh tra Sở",
                ALL_UNITS,
                "Trong năm",
            ),
        ],
    ),
    (
        "II. Cải cách thủ tục hành chính",
        [
            (
                "1. Tham mưu rà soát bổ sung, sửa đổi, bãi bỏ TTHC thuộc thẩm quyền giải quyết của Sở Y tế ngay sau "
                "khi có quyết định công bố của các bộ ngành, Trung ương.",
                "Quyết định công bố sửa đổi, bổ sung, thay thế, bãi bỏ của UBND tỉnh",
                VP,
                ALL_UNITS,
                "Trong năm",
            ),
            (
                "2. Rà soát, đơn giản hóa và đề xuất đơn giản hóa các TTHC theo thẩm quyền của Sở Y tế.",
                "Báo cáo kết quả thực hiện",
                VP,
                ALL_UNITS,
                "Trong năm",
            ),
            (
                "3. Số hóa kết quả TTHC để nâng cao tính công khai, minh bạch, rút ngắn thời gian, tiết kiệm chi phí "
                "theo kế hoạch của UBND tỉnh",
                "Báo cáo kết quả thực hiện",
                VP,
                ALL_UNITS,
                "Trong năm",
            ),
            PAGE_BREAK,
            (
                "4. Đẩy mạnh việc giải quyết TTHC trên môi trường điện tử; tiếp tục triển khai hiệu quả dịch vụ công "
                "trực tuyến, đẩy mạnh việc thực hiện tiếp nhận và trả kết quả qua BCCI",
                "Báo cáo kết quả thực hiện",
                VP_WITH_DESKS,
                ALL_UNITS,
                "Thường xuyên",
            ),
            (
                "5. Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về các quy định hành chính",
                "Báo cáo kết quả thực hiện",
                VP_WITH_DESKS,
                ALL_UNITS,
                "Thường xuyên",
            ),
            (
                "6. Thực hiện công khai kết quả giải quyết TTHC, công khai xin lỗi trong giải quyết TTHC",
                "Báo cáo kết quả thực hiện",
                VP,
                ALL_UNITS,
                "Thường xuyên",
            ),
        ],
    ),
    (
        "III. Cải cách tổ chức bộ máy",
        [
            (
                "1. Triển khai quy định của Chính phủ, Bộ ngành Trung ương và của tỉnh trong việc sắp xếp, kiện toàn "
                "bộ máy của cơ quan và các đơn vị trực thuộc tinh gọn, hoạt động hiệu quả",
                "Văn bản hướng dẫn",
                TCCB,
                "Các phòng, ban cơ quan Sở",
                "Trong năm",
            ),
            (
                "2. Hướng dẫn các đơn vị trực thuộc xây dựng đề án vị trí việc làm theo Nghị định số "
                "106/2020/NĐ-CP của Chính phủ",
                "Quyết định phê duyệt của UBND tỉnh",
                TCCB,
                "Các đơn vị trực thuộc",
                "Trong năm",
            ),
            # The printed page breaks inside task 2; the repeated header goes before the next row.
            PAGE_BREAK,
            (
                "3. Kiểm tra đánh giá tình hình tổ chức bộ máy của các đơn vị y tế trong ngành",
                "Kế hoạch kiểm tra; báo cáo kết quả",
                "Phòng TCCB, Thanh tra Sở",
                ALL_UNITS,
                "Quý III/ Quý IV",
            ),
        ],
    ),
    (
        "IV. Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức",
        [
            (
                "1. Triển khai bố trí công chức, viên chức theo vị trí việc làm được phê duyệt.",
                "Báo cáo kết quả",
                TCCB,
                ALL_UNITS,
                "Trong năm",
            ),
            (
                "2. Xây dựng kế hoạch đào tạo, bồi dưỡng năm 2021",
                "Quyết định phê duyệt của Giám đốc Sở Y tế",
                TCCB,
                ALL_UNITS,
                "Tháng 01/2021",
            ),
            (
                "3. Ứng dụng CNTT trong quản lý cán bộ, công chức, viên chức; trong tuyển dụng, nâng ngạch công chức, "
                "thăng hạng viên chức",
                "Báo cáo kết quả thực hiện (Quý III/2021)",
                TCCB,
                ALL_UNITS,
                "Trong năm",
            ),
            (
                "4. Tiếp tục thực hiện Nghị quyết số 39-NQ/TW ngày 17/4/2015 của Bộ Chính trị về tinh giản biên chế "
                "và cơ cấu lại đội ngũ cán bộ, công chức, viên chức và Nghị định số 108/2014/NĐ-CP ngày 20/11/2014 "
                "của Chính phủ về chính sách tinh giản biên chế.",
                "Báo cáo kết quả thực hiện",
                TCCB,
                ALL_UNITS,
                "Trong năm",
            ),
            (
                "5. Giám sát và hướng dẫn tuyển dụng viên chức tại các đơn vị trực thuộc theo phân cấp",
                "Báo cáo kết quả thực hiện",
                TCCB,
                ALL_UNITS,
                "Thường xuyên",
            ),
            (
                "6. Đổi mới phương pháp, quy trình đánh giá, phân loại công chức, viên chức theo Nghị định số "
                "90/2020/NĐ-CP ngày 13/8/2020 của Chính phủ",
                "Công văn hướng dẫn, báo cáo kết quả",
                TCCB,
                ALL_UNITS,
                "Tháng 12/2021",
            ),
            (
                "7. Tăng cường kỷ luật, kỷ cương hành chính trong hoạt động công vụ",
                "Kế hoạch được Giám đốc Sở Y tế phê duyệt; Báo cáo kết quả thực hiện",
                VP,
                ALL_UNITS,
                "Thường xuyên",
            ),
            PAGE_BREAK,
        ],
    ),
    (
        "V. Cải cách tài chính công",
        [
            (
                "1. Kiện toàn quy chế chi tiêu nội bộ, quy chế làm việc và quản lý tài sản công tại đơn vị",
                "Quyết định Giám đốc Sở phê duyệt",
                KHTC,
                "",
                "Quý I/2021",
            ),
            ("2. Đẩy mạnh xã hội hóa y tế", "Báo cáo kết quả thực hiện", KHTC, ALL_UNITS, "Trong năm"),
        ],
    ),
    (
        "VI. Xây dựng và phát triển chính quyền điện tử",
        [
            (
                "1. Mua sắm hệ thống lưu trữ và truyền hình ảnh y khoa tại các cơ sở y tế theo kế hoạch số "
                "272/KH-UBND ngày 21/12/2020 của UBND tỉnh",
                "Văn bản đề xuất, báo cáo kết quả",
                KHTC,
                ALL_UNITS,
                "Trong năm",
            ),
            (
                "2. Tổ chức triển khai lập hồ sơ sức khỏe điện tử theo Kế hoạch số 236/KH-UBND ngày 9/11/2020",
                "Báo cáo kết quả thực hiện",
                VP,
                ALL_UNITS,
                "Trong năm",
            ),
            (
                "3. Tăng cường tỷ lệ hồ sơ sử dụng dịch vụ công trực tuyến mức độ 3, mức độ 4",
                "Báo cáo kết quả thực hiện",
                "Văn phòng Sở phối hợp bộ phận tiếp nhận Sở Y tế tại TTPVHCC; bộ phận một cửa tại đơn vị.",
                "Các phòng, ban cơ quan Sở; Các đơn vị trực thuộc",
                "Thường xuyên",
            ),
            (
                "4. 100% văn bản (văn bản đến và đi) dưới dạng điện tử được xử lý đúng quy trình trên phần mềm quản lý "
                "văn bản và hồ sơ công việc. 100% văn bản đi được ký số.",
                "Báo cáo kết quả thực hiện",
                VP,
                ALL_UNITS,
                "Thường xuyên",
            ),
            (
                "5. Duy trì, cải tiến và nâng cao hiệu quả hệ thống quản lý chất lượng áp dụng theo Tiêu chuẩn ISO "
                "9001:2015 đối với các hoạt động của cơ quan. Kiểm tra việc duy trì, cải tiến HTQLCL theo TCVN ISO "
                "9001 tại các cơ quan hành chính nhà nước",
                "Báo cáo đánh giá",
                VP,
                ALL_UNITS,
                "Thường xuyên",
            ),
            PAGE_BREAK,
        ],
    ),
    (
        "VII. Công tác chỉ đạo, điều hành, tuyên truyền về CCHC",
        [
            (
                "1. Ban hành các văn bản chỉ đạo công tác CCHC; chỉ đạo, đôn đốc các đơn vị trong ngành xây dựng kế "
                "hoạch CCHC",
                "Kế hoạch CCHC (ban hành Quý IV/2020)",
                VP,
                ALL_UNITS,
                "Thường xuyên",
            ),
            (
                "2. Đa dạng hóa nội dung, hình thức tuyên truyền về CCHC, tập trung công khai, minh bạch, giảm thời "
                "gian giải quyết TTHC, dịch vụ công mức độ 3,4, tiếp nhận và trả kết quả qua BCCI.",
                "Báo cáo kết quả thực hiện",
                VP,
                ALL_UNITS,
                "Thường xuyên",
            ),
            (
                "3. Đưa nội dung triển khai thực hiện CCHC của các đơn vị vào nội dung bình xét thi đua hằng năm; đề "
                "xuất khen thưởng kịp thời các cá nhân, đơn vị có thành tích xuất sắc.",
                "Kết quả bình xét thi đua",
                TCCB,
                ALL_UNITS,
                "Tháng 12/2021",
            ),
            (
                "4. Tổ chức kiểm tra, triển khai tự kiểm tra đánh giá việc thực hiện CCHC tại các đơn vị trong ngành",
                "Báo cáo kết quả kiểm tra",
                VP,
                ALL_UNITS,
                "Quý II, III/2021",
            ),
        ],
    ),
]
TASKS_PER_AREA = {"I": 5, "II": 6, "III": 3, "IV": 7, "V": 2, "VI": 5, "VII": 4}


@dataclass
class ThanhHoaUnits:
    planning: Unit
    pharmacy: Unit
    cdc: Unit
    service_centre_desk: Unit


def thanh_hoa_units(org: Org) -> ThanhHoaUnits:
    """The units the appendix names that the shared test organisation lacks."""
    return ThanhHoaUnits(
        planning=unit_create(
            actor=None, code="KHTC", name="Phòng Kế hoạch – Tài chính", kind=UnitKind.ROOM, parent=org.department
        ),
        pharmacy=unit_create(
            actor=None, code="NVD", name="Phòng Nghiệp vụ Dược", kind=UnitKind.ROOM, parent=org.department
        ),
        cdc=unit_create(
            actor=None,
            code="CDC",
            name="Trung tâm Kiểm soát bệnh tật tỉnh",
            kind=UnitKind.SUBORDINATE,
            parent=org.department,
        ),
        service_centre_desk=unit_create(
            actor=None,
            code="TTPVHCC",
            name="Bộ phận tiếp nhận và trả kết quả Sở Y tế tại Trung tâm Phục vụ hành chính công",
            kind=UnitKind.ONE_STOP,
            parent=org.office,
        ),
    )


def table_segments(
    appendix: list[tuple[str, list[tuple[str, str, str, str, str] | str]]],
) -> list[list[tuple[str, tuple[str, str, str, str, str]]] | str]:
    """The rows in runs that share one merged general-task cell, with PAGE_BREAK between pages.

    Each row comes with the text of its run's cell: the general task, or "" for a run that continues a general task
    after a page break (the cell is blank on the printed page). Writers put the text in the run's first row only.
    """
    segments: list[list[tuple[str, tuple[str, str, str, str, str]]] | str] = []
    for general, rows in appendix:
        current: list[tuple[str, tuple[str, str, str, str, str]]] = []
        text = general
        for row in rows:
            if isinstance(row, str):
                if current:
                    segments.append(current)
                segments.append(PAGE_BREAK)
                current, text = [], ""
                continue
            current.append((text, row))
        if current:
            segments.append(current)
    return segments


def _docx_header_row(table: object, *, repeat: bool) -> None:
    row = table.add_row()  # type: ignore[attr-defined]
    if repeat:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, header in zip(row.cells, HEADERS, strict=True):
        cell.text = header
        cell.paragraphs[0].runs[0].bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def thanh_hoa_docx(appendix: list[tuple[str, list[tuple[str, str, str, str, str] | str]]] | None = None) -> bytes:
    """The appendix as a landscape Word table (or another appendix of the same shape, for the bad-input tests)."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for text, bold in ((TITLE, True), (SUBTITLE, False)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    table = document.add_table(rows=0, cols=len(HEADERS))
    table.style = "Table Grid"
    _docx_header_row(table, repeat=True)
    for segment in table_segments(appendix or APPENDIX):
        if isinstance(segment, str):
            _docx_header_row(table, repeat=False)
            continue
        first = len(table.rows)
        for index, (general, values) in enumerate(segment):
            cells = table.add_row().cells
            if index == 0 and general:
                cells[0].text = general
            for cell, value in zip(cells[1:], values, strict=True):
                cell.text = value
        if len(segment) > 1:
            table.cell(first, 0).merge(table.cell(len(table.rows) - 1, 0))
    table.autofit = False
    for column, width in zip(table.columns, (3.2, 7.5, 4.2, 3.6, 4.0, 2.7), strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def thanh_hoa_xlsx(appendix: list[tuple[str, list[tuple[str, str, str, str, str] | str]]] | None = None) -> bytes:
    """The appendix as a workbook: title rows, the header, and the general-task cells as merged ranges."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục"
    sheet.append([TITLE])
    sheet.append([SUBTITLE])
    sheet.merge_cells("A1:F1")
    sheet.merge_cells("A2:F2")
    sheet.append(list(HEADERS))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for segment in table_segments(appendix or APPENDIX):
        if isinstance(segment, str):
            sheet.append(list(HEADERS))
            continue
        first = sheet.max_row + 1
        for index, (general, values) in enumerate(segment):
            sheet.append([general if index == 0 else None, *values])
        if len(segment) > 1:
            sheet.merge_cells(start_row=first, start_column=1, end_row=sheet.max_row, end_column=1)
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
