"""Export of a plan's appendix table, as a landscape DOCX in the Nghị định 30 layout and as XLSX.

Both are read back by `cchc.plans.appendix`: importing the export of a plan into an empty plan gives the same tasks
(area, general task, task, product, lead and coordinating units and texts, time frame, due date, recurrence, order).
The unit cells carry the texts as the letter wrote them when those texts still name the task's units; otherwise they
carry the units' names, so that a re-import always finds the same units.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from cchc.reports.documents import OfficialDocument, add_table, new_official_document

from .appendix import COLUMNS, area_label, numeral_code
from .consolidation import BLANK_PLACE, default_place
from .models import Plan, Task
from .unit_matching import UnitMatcher

# Column widths (cm) of the landscape DOCX table: 25.2 cm between the margins.
DOCX_WIDTHS_CM = (3.2, 7.5, 4.2, 3.6, 4.0, 2.7)
XLSX_WIDTHS = (24, 60, 32, 26, 30, 18)
FIRST_XLSX_HEADER_ROW = 4


def appendix_title(plan: Plan) -> str:
    return _("KẾ HOẠCH TRIỂN KHAI CÁC NHIỆM VỤ TRỌNG TÂM CẢI CÁCH HÀNH CHÍNH NĂM %(year)s") % {"year": plan.year}


def appendix_subtitle(plan: Plan) -> str:
    """ "(Kèm theo Kế hoạch số 4350/KH-SYT ngày 24/12/2020)"."""
    if plan.issued_on:
        return _("(Kèm theo %(kind)s số %(number)s ngày %(date)s)") % {
            "kind": plan.get_kind_display(),
            "number": plan.number,
            "date": plan.issued_on.strftime("%d/%m/%Y"),
        }
    return _("(Kèm theo %(kind)s số %(number)s)") % {"kind": plan.get_kind_display(), "number": plan.number}


def appendix_filename(plan: Plan, fmt: str) -> str:
    return f"phu-luc-ke-hoach-{plan.year}.{fmt}"


def _ordered(plan: Plan, tasks: QuerySet[Task] | None) -> list[Task]:
    queryset = plan.tasks.all() if tasks is None else plan.tasks.filter(pk__in=tasks.values("pk"))
    return list(
        queryset.select_related("area", "lead_unit")
        .prefetch_related("coordinating_units")
        .order_by("area__sort_order", "area__code", "sort_order", "pk")
    )


def unit_cells(task: Task, matcher: UnitMatcher) -> tuple[str, str]:
    """The lead and coordinating cells of a task: its texts when they name its units, else its units' names."""
    coordinating = sorted(task.coordinating_units.all(), key=lambda unit: (unit.sort_order, unit.name, unit.pk))
    found = matcher.task_units(task.lead_text, task.coordinating_text)
    if found.lead == task.lead_unit and set(found.coordinating) == set(coordinating):
        return task.lead_text, task.coordinating_text
    return (task.lead_unit.name if task.lead_unit else ""), "; ".join(unit.name for unit in coordinating)


@dataclass
class AppendixLine:
    """A row of the exported table: a task's six cells, or a heading naming an area (merged across the table)."""

    cells: list[str]
    heading: bool = False


def appendix_lines(tasks: Iterable[Task]) -> list[AppendixLine]:
    """The rows of the table, in order. An area whose general tasks do not all start with its numeral gets a heading
    row, so that a re-import puts them in the right area."""
    matcher = UnitMatcher.valid_on()
    lines: list[AppendixLine] = []
    for _area_id, group in groupby(tasks, key=lambda task: task.area_id):
        area_tasks = list(group)
        area = area_tasks[0].area
        rows = []
        for task in area_tasks:
            lead, coordinating = unit_cells(task, matcher)
            general = task.general_task or area_label(area)
            rows.append([general, task.title, task.product, lead, coordinating, task.timeframe_text])
        if any(numeral_code(row[0]) != area.code.upper() for row in rows):
            lines.append(AppendixLine([area_label(area)] + [""] * (len(COLUMNS) - 1), heading=True))
        lines.extend(AppendixLine(row) for row in rows)
    return lines


def _general_groups(lines: list[AppendixLine]) -> list[tuple[int, int]]:
    """(first, last) indexes of the runs of task rows that share a general task, to be merged."""
    groups: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        if line.heading:
            continue
        if groups and groups[-1][1] == index - 1 and lines[index - 1].cells[0] == line.cells[0]:
            groups[-1] = (groups[-1][0], index)
        else:
            groups.append((index, index))
    return groups


def _clear(cell: Any) -> None:
    """Remove a cell's (empty) runs, which would otherwise leave blank lines once it is merged."""
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            paragraph._p.remove(run._r)


def _centred(document: Any, text: str, *, bold: bool, italic: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(14 if bold else 13)


def appendix_docx(plan: Plan, *, tasks: QuerySet[Task] | None = None) -> bytes:
    """The appendix as a landscape Word document: header, title, and the six-column table grouped by area.

    `tasks` limits the table to the tasks a person may see; all the plan's tasks by default.
    """
    meta = OfficialDocument(
        governing_body=settings.CCHC_GOVERNING_BODY,
        issuer=plan.issuer,
        number=plan.number,
        place=default_place() or BLANK_PLACE,
        date=plan.issued_on,
        doc_type="",
        summary="",
        landscape=True,
    )
    document = new_official_document(meta)
    _centred(document, "", bold=False)
    _centred(document, appendix_title(plan), bold=True)
    _centred(document, appendix_subtitle(plan), bold=False, italic=True)
    _centred(document, "", bold=False)
    lines = appendix_lines(_ordered(plan, tasks))
    groups = _general_groups(lines)
    firsts = {first for first, _last in groups}
    shown = [
        line.cells if line.heading or index in firsts else ["", *line.cells[1:]] for index, line in enumerate(lines)
    ]
    table = add_table(document, [str(column.header) for column in COLUMNS], shown, DOCX_WIDTHS_CM)
    table.autofit = False
    for column, width in zip(table.columns, DOCX_WIDTHS_CM, strict=True):
        column.width = Cm(width)
    for index, line in enumerate(lines):
        if line.heading:
            row = table.rows[index + 1]
            for cell in row.cells[1:]:
                _clear(cell)
            for run in row.cells[0].paragraphs[0].runs:
                run.bold = True
            table.cell(index + 1, 0).merge(table.cell(index + 1, len(COLUMNS) - 1))
    for first, last in groups:
        if last > first:
            for index in range(first + 1, last + 1):
                _clear(table.cell(index + 1, 0))
            table.cell(first + 1, 0).merge(table.cell(last + 1, 0))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def appendix_xlsx(plan: Plan, *, tasks: QuerySet[Task] | None = None) -> bytes:
    """The appendix as a workbook: title, header (repeated on printed pages), one row per task, general task merged."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Phụ lục")
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    last_column = get_column_letter(len(COLUMNS))
    for row_number, text, font in (
        (1, appendix_title(plan), Font(bold=True, size=13)),
        (2, appendix_subtitle(plan), Font(italic=True)),
    ):
        sheet.cell(row=row_number, column=1, value=text).font = font
        sheet.cell(row=row_number, column=1).alignment = Alignment(horizontal="center")
        sheet.merge_cells(f"A{row_number}:{last_column}{row_number}")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    header_row = FIRST_XLSX_HEADER_ROW
    for index, (column, width) in enumerate(zip(COLUMNS, XLSX_WIDTHS, strict=True), start=1):
        cell = sheet.cell(row=header_row, column=index, value=str(column.header))
        cell.font, cell.border = Font(bold=True), border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    lines = appendix_lines(_ordered(plan, tasks))
    for offset, line in enumerate(lines, start=1):
        for index, value in enumerate(line.cells, start=1):
            cell = sheet.cell(row=header_row + offset, column=index, value=value or None)
            cell.alignment, cell.border = wrap, border
        if line.heading:
            sheet.cell(row=header_row + offset, column=1).font = Font(bold=True)
            sheet.merge_cells(
                start_row=header_row + offset, start_column=1, end_row=header_row + offset, end_column=len(COLUMNS)
            )
    for first, last in _general_groups(lines):
        if last > first:
            sheet.merge_cells(
                start_row=header_row + 1 + first, start_column=1, end_row=header_row + 1 + last, end_column=1
            )
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
