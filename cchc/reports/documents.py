"""Official documents in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I, built with python-docx.

A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman, black. Header in two columns (governing
body and issuer with a short rule; national motto with underlined slogan), number, place and date, document
type and summary, body (13 pt, justified, first-line indent 1 cm, 6 pt after), signature block, recipients
(11 pt, "Nơi nhận:" 12 pt bold italic), page number top centre from page 2. Appendices may be landscape.
"""

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
# The national name and motto every administrative document carries (Nghị định 30/2020, Phụ lục I).
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass
class OfficialDocument:
    """What the header, signature and recipients of an official document say."""

    governing_body: str
    issuer: str
    number: str
    place: str
    date: datetime.date | None
    doc_type: str
    summary: str
    signer_title: str = "GIÁM ĐỐC"
    signer_prefix: str = ""
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)
    archive: str = "VT"
    landscape: bool = False


def vietnamese_date_line(place: str, date: datetime.date | None) -> str:
    """ "Quảng Ngãi, ngày 05 tháng 01 năm 2025" (day < 10 and months 1–2 padded); blanks when undated."""
    if date is None:
        return f"{place}, ngày      tháng      năm        "
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"{place}, ngày {date.day:02d} tháng {month} năm {date.year}"


def _run(
    paragraph: Any, text: str, *, size: float = 13, bold: bool = False, italic: bool = False, underline: bool = False
) -> Any:
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return run


def _paragraph(cell_or_doc: Any, text: str = "", *, align: Any = WD_ALIGN_PARAGRAPH.CENTER, **style: Any) -> Any:
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    if text:
        _run(paragraph, text, **style)
    return paragraph


def _short_rule(cell: Any, width_cm: float) -> None:
    """A short centred horizontal line under a header block (a bottom border on an indented empty paragraph)."""
    paragraph = cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    properties.append(borders)
    cell_width = cell.width.cm if cell.width else 8.0
    side = max(0.0, (cell_width - width_cm) / 2)
    paragraph.paragraph_format.left_indent = Cm(side)
    paragraph.paragraph_format.right_indent = Cm(side)


def _page_setup(document: Any, landscape: bool) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    header_paragraph = section.header.paragraphs[0]
    header_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header_paragraph.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)


def new_official_document(meta: OfficialDocument) -> Any:
    """A python-docx Document with the page set up and the header, number, date, type and summary written."""
    document = Document()
    _page_setup(document, meta.landscape)
    usable = (297 - 45) if meta.landscape else (210 - 45)
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(usable * 0.42), Mm(usable * 0.58)
    left.paragraphs[0].text = ""
    _run(left.paragraphs[0], meta.governing_body.upper(), size=13)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(left, meta.issuer.upper(), size=13, bold=True)
    _short_rule(left, 2.5)
    _paragraph(left, f"Số: {meta.number}", size=13)
    if not meta.doc_type and meta.summary:
        _paragraph(left, f"V/v {meta.summary}", size=12)
    _run(right.paragraphs[0], NATIONAL_NAME, size=13, bold=True)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(right, NATIONAL_MOTTO, size=14, bold=True, underline=True)
    _paragraph(right, "")
    _paragraph(right, vietnamese_date_line(meta.place, meta.date), size=14, italic=True)
    if meta.doc_type:
        _paragraph(document, "")
        _paragraph(document, meta.doc_type.upper(), size=14, bold=True)
        _paragraph(document, meta.summary, size=14, bold=True)
        _short_rule(document.add_table(rows=1, cols=1).rows[0].cells[0], 4.0)
    return document


def add_heading(document: Any, text: str) -> Any:
    """A bold body-size heading (I., 1., …)."""
    paragraph = add_body_paragraph(document, text)
    for run in paragraph.runs:
        run.bold = True
    return paragraph


def add_body_paragraph(document: Any, text: str, *, italic: bool = False) -> Any:
    """A body paragraph: 13 pt, justified, first-line indent 1 cm, 6 pt after."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_after = Pt(6)
    _run(paragraph, text, size=13, italic=italic)
    return paragraph


def add_table(
    document: Any, headers: Sequence[str], rows: Sequence[Sequence[Any]], widths_cm: Sequence[float] = ()
) -> Any:
    """A bordered table with a bold header row repeated on every page; cells in 12 pt."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    header_row = table.rows[0]
    header_row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, header in zip(header_row.cells, headers, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(cell.paragraphs[0], header, size=12, bold=True)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            lines = "" if value is None else str(value)
            first, *rest = lines.split("\n")
            _run(cell.paragraphs[0], first, size=12)
            for line in rest:
                _run(cell.add_paragraph(), line, size=12)
    if widths_cm:
        table.autofit = False
        for column, width in zip(table.columns, widths_cm, strict=False):
            column.width = Cm(width)  # the grid, which LibreOffice follows (Word follows the cells)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=False):
                cell.width = Cm(width)
    return table


def finish_official_document(document: Any, meta: OfficialDocument) -> bytes:
    """Write the recipients (left) and signature block (right), and return the .docx bytes."""
    _paragraph(document, "")
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    first = left.paragraphs[0]
    _run(first, "Nơi nhận:", size=12, bold=True, italic=True)
    first.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for recipient in [*meta.recipients, f"Lưu: {meta.archive}."]:
        _paragraph(left, f"- {recipient}", align=WD_ALIGN_PARAGRAPH.LEFT, size=11)
    title = right.paragraphs[0]
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if meta.signer_prefix:
        _run(title, meta.signer_prefix.upper(), size=14, bold=True)
        _paragraph(right, meta.signer_title.upper(), size=14, bold=True)
    else:
        _run(title, meta.signer_title.upper(), size=14, bold=True)
    for _blank in range(4):
        _paragraph(right, "")
    if meta.signer_name:
        _paragraph(right, meta.signer_name, size=14, bold=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
