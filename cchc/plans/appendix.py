"""Import of a plan's appendix table ("Kế hoạch triển khai các nhiệm vụ trọng tâm") from the DOCX or XLSX a
department already has.

The table has the columns Nhiệm vụ chung | Nhiệm vụ cụ thể | Sản phẩm | Cơ quan chủ trì | Cơ quan phối hợp |
Thời gian thực hiện, found by their headers (case and diacritics ignored) wherever the table starts. The general-task
cell is usually merged down over its tasks: Word repeats the merged cell's text, Excel keeps it in the top cell only,
and a blank cell (after a header repeated on a new page, for instance) continues the general task above. Its roman
numeral gives the reform area. Three steps, so that a person sees everything before anything is written:
`appendix_read` (file → rows, with their row numbers), `appendix_check` (rows → tasks with matched units, due dates,
errors and warnings) and the service `appendix_import` (all tasks in one transaction, or none).
"""

import datetime
import re
import zipfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from cchc.core.services import audit_record
from cchc.core.spreadsheets import Problems, SpreadsheetInvalid
from cchc.core.text import fold
from cchc.core.uploads import FileKind
from cchc.org.models import Unit

from .choices import Recurrence
from .models import Plan, ReformArea, Task
from .services import task_create
from .timeframes import parse_timeframe
from .unit_matching import UnitMatcher

# How far down a sheet (or a Word table) the header row is looked for.
HEADER_SEARCH_ROWS = 15


@dataclass(frozen=True)
class AppendixColumn:
    key: str
    header: str | Promise
    aliases: frozenset[str]
    required: bool = True
    max_length: int | None = None


COLUMNS: tuple[AppendixColumn, ...] = (
    AppendixColumn("general_task", gettext_lazy("Nhiệm vụ chung"), frozenset({"nhiem vu chung"}), max_length=500),
    AppendixColumn(
        "title", gettext_lazy("Nhiệm vụ cụ thể"), frozenset({"nhiem vu cu the", "noi dung nhiem vu", "nhiem vu"})
    ),
    AppendixColumn(
        "product", gettext_lazy("Sản phẩm"), frozenset({"san pham", "san pham dau ra", "ket qua"}), required=False
    ),
    AppendixColumn(
        "lead_text",
        gettext_lazy("Cơ quan chủ trì"),
        frozenset({"co quan chu tri", "don vi chu tri", "chu tri"}),
        max_length=500,
    ),
    AppendixColumn(
        "coordinating_text",
        gettext_lazy("Cơ quan phối hợp"),
        frozenset({"co quan phoi hop", "don vi phoi hop", "phoi hop"}),
        required=False,
        max_length=500,
    ),
    AppendixColumn(
        "timeframe_text",
        gettext_lazy("Thời gian thực hiện"),
        frozenset({"thoi gian thuc hien", "thoi gian hoan thanh", "thoi han", "thoi gian"}),
        max_length=200,
    ),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
# Fields of one line each (whitespace collapsed); the task and product keep their line breaks.
ONE_LINE_KEYS = ("general_task", "lead_text", "coordinating_text", "timeframe_text")
ROMAN_PREFIX = re.compile(r"^\s*([IVX]+)\s*[.)/:–-]", re.IGNORECASE)


@dataclass
class AppendixRow:
    """One row of the table as read: its number in the file (sheet row, or row of the Word table) and its cells."""

    number: int
    values: dict[str, str]


@dataclass
class AppendixTable:
    rows: list[AppendixRow]
    # Column key → (column label in the file, header), for messages that say where.
    columns: dict[str, tuple[str, str]]


@dataclass
class AppendixTask:
    """A row checked and ready to become a task: area, texts, matched units, due date, and what to look at."""

    number: int
    area_code: str = ""
    area_name: str = ""
    general_task: str = ""
    title: str = ""
    product: str = ""
    lead_text: str = ""
    coordinating_text: str = ""
    timeframe_text: str = ""
    lead_unit_id: int | None = None
    lead_unit_name: str = ""
    coordinating_unit_ids: list[int] = field(default_factory=list)
    coordinating_unit_names: list[str] = field(default_factory=list)
    recurrence: str = Recurrence.ONCE
    due_date: datetime.date | None = None
    needs_date_review: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_session(self) -> dict[str, Any]:
        data = asdict(self)
        data["due_date"] = self.due_date.isoformat() if self.due_date else None
        return data

    @classmethod
    def from_session(cls, data: dict[str, Any]) -> "AppendixTask":
        values = dict(data)
        values["due_date"] = datetime.date.fromisoformat(values["due_date"]) if values.get("due_date") else None
        return cls(**values)


@dataclass
class AppendixCheck:
    """The outcome of checking a file: every task, the errors that block the import, the warnings to review."""

    tasks: list[AppendixTask]
    errors: Problems
    warnings: Problems
    file_name: str = ""

    def to_session(self) -> dict[str, Any]:
        return {
            "file_name": self.file_name,
            "tasks": [task.to_session() for task in self.tasks],
            "errors": self.errors.messages(),
            "warnings": self.warnings.messages(),
        }

    @classmethod
    def from_session(cls, data: dict[str, Any]) -> "AppendixCheck":
        errors, warnings = Problems(), Problems()
        for message in data.get("errors", []):
            errors.add_general(message)
        for message in data.get("warnings", []):
            warnings.add_general(message)
        tasks = [AppendixTask.from_session(item) for item in data.get("tasks", [])]
        return cls(tasks=tasks, errors=errors, warnings=warnings, file_name=data.get("file_name", ""))


# ---- Reading: DOCX or XLSX → rows ----


def _header_key(text: str) -> str | None:
    folded = fold(text).strip(" .:*")
    for column in COLUMNS:
        if folded in column.aliases:
            return column.key
    return None


def _header_positions(cells: Sequence[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, text in enumerate(cells):
        key = _header_key(text)
        if key is not None and key not in positions:
            positions[key] = index
    return positions


def _is_repeated_header(values: dict[str, str]) -> bool:
    """A header row repeated inside the table (as converted documents do at each page break)."""
    matching = sum(1 for key, text in values.items() if _header_key(text) == key)
    return matching >= max(2, (len(values) + 1) // 2)


def _missing_columns_message(found: dict[str, int], where: str) -> str:
    missing = [f"“{column.header}”" for column in COLUMNS if column.required and column.key not in found]
    expected = ", ".join(f"“{column.header}”" for column in COLUMNS)
    if not found:
        return _("Không tìm thấy bảng phụ lục trong %(where)s: dòng tiêu đề phải có các cột %(expected)s.") % {
            "where": where,
            "expected": expected,
        }
    return _("Dòng tiêu đề của bảng phụ lục thiếu cột: %(missing)s (các cột cần có: %(expected)s).") % {
        "missing": ", ".join(missing),
        "expected": expected,
    }


def _table_from_grid(grids: Sequence[list[list[str]]], *, label: Any, where: str) -> AppendixTable:
    """Find the header row in one of the grids (tables or sheets) and read the rows under it."""
    best: tuple[int, int, dict[str, int]] | None = None
    for grid_index, grid in enumerate(grids):
        for row_index, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
            positions = _header_positions(cells)
            if best is None or len(positions) > len(best[2]):
                best = (grid_index, row_index, positions)
    found = best[2] if best else {}
    if best is None or any(column.required and column.key not in found for column in COLUMNS):
        problems = Problems()
        problems.add_general(_missing_columns_message(found, where))
        raise SpreadsheetInvalid(problems)
    grid_index, header_index, positions = best
    columns = {key: (label(index), str(COLUMN_BY_KEY[key].header)) for key, index in positions.items()}
    rows: list[AppendixRow] = []
    for row_index in range(header_index + 1, len(grids[grid_index])):
        cells = grids[grid_index][row_index]
        values = {key: cells[index] if index < len(cells) else "" for key, index in positions.items()}
        if not any(values.values()) or _is_repeated_header(values):
            continue
        rows.append(AppendixRow(number=row_index + 1, values=values))
    return AppendixTable(rows=rows, columns=columns)


def _docx_cell_text(cell: Any) -> str:
    return "\n".join(paragraph.text for paragraph in cell.paragraphs).strip()


def _read_docx(stream: IO[bytes]) -> AppendixTable:
    try:
        document = Document(stream)
        grids = [
            [[""] * row.grid_cols_before + [_docx_cell_text(cell) for cell in row.cells] for row in table.rows]
            for table in document.tables
        ]
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as error:
        problems = Problems()
        problems.add_general(_("Không đọc được tệp Word: %(error)s") % {"error": error})
        raise SpreadsheetInvalid(problems) from error
    return _table_from_grid(grids, label=lambda index: str(index + 1), where=_("tệp Word"))


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(stream: IO[bytes]) -> AppendixTable:
    try:
        workbook = load_workbook(stream, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as error:
        problems = Problems()
        problems.add_general(_("Không đọc được tệp Excel: %(error)s") % {"error": error})
        raise SpreadsheetInvalid(problems) from error
    grids: list[list[list[str]]] = []
    for sheet in workbook.worksheets:
        grid = [[_xlsx_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        # A merged range keeps its value in the top-left cell only: give every cell of the range that value.
        for merged in sheet.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1]
            for row in range(merged.min_row - 1, merged.max_row):
                for column in range(merged.min_col - 1, merged.max_col):
                    grid[row][column] = value
        grids.append(grid)
    workbook.close()
    return _table_from_grid(grids, label=lambda index: get_column_letter(index + 1), where=_("tệp Excel"))


def appendix_read(stream: IO[bytes], kind: FileKind) -> AppendixTable:
    """The rows of the appendix table of a DOCX or XLSX file. Raises SpreadsheetInvalid when there is no such table."""
    stream.seek(0)
    if kind == FileKind.DOCX:
        return _read_docx(stream)
    if kind == FileKind.XLSX:
        return _read_xlsx(stream)
    raise ValueError(f"appendix_read reads DOCX or XLSX, not {kind}")


# ---- Checking: rows → tasks, errors and warnings ----


def area_label(area: ReformArea) -> str:
    """How the general-task cell names an area: "I. Cải cách thể chế"."""
    return f"{area.code}. {area.name}"


def numeral_code(text: str) -> str | None:
    """The roman numeral a general task starts with ("III. Cải cách tổ chức bộ máy" → "III"), if any."""
    numeral = ROMAN_PREFIX.match(text)
    return numeral.group(1).upper() if numeral else None


def _area_for(general: str, heading: str, areas: Sequence[ReformArea]) -> tuple[ReformArea | None, str]:
    """The reform area of a general task, or why there is none.

    By the general task's roman numeral; else by the heading row above it ("II. Cải cách thủ tục hành chính" merged
    across the table); else by the area's name in the general task.
    """
    code = numeral_code(general)
    if code is not None:
        for area in areas:
            if area.code.upper() == code:
                return area, ""
        return None, _("không có lĩnh vực cải cách mã “%(code)s” trong danh mục.") % {"code": code}
    if heading:
        return _area_for(heading, "", areas)
    folded = fold(general)
    best, best_ratio = None, 0.8
    for area in areas:
        name = fold(area.name)
        ratio = 1.0 if name in folded else SequenceMatcher(None, folded, name).ratio()
        if ratio >= best_ratio and (best is None or ratio > best_ratio):
            best, best_ratio = area, ratio
    if best is not None:
        return best, ""
    return None, _(
        "không xác định được lĩnh vực cải cách của “%(text)s”: nhiệm vụ chung cần bắt đầu bằng số La Mã của lĩnh vực "
        "(I, II, …), hoặc nằm dưới một dòng tiêu đề lĩnh vực, hoặc ghi đúng tên lĩnh vực."
    ) % {"text": general[:80]}


def _is_section_row(values: dict[str, str]) -> bool:
    """A heading such as "I. Cải cách thể chế" (merged across the table, or alone in its row), not a task."""
    general = values.get("general_task", "")
    others = {text for key, text in values.items() if key != "general_task"}
    return bool(general) and (others == {general} or others == {""})


class _RowNotes:
    """Collects a row's errors and warnings both in the file-wide Problems and on the task itself."""

    def __init__(self, task: AppendixTask, errors: Problems, warnings: Problems) -> None:
        self.task, self.errors, self.warnings = task, errors, warnings

    def _note(self, problems: Problems, notes: list[str], key: str, message: str) -> None:
        problems.add(self.task.number, key, message)
        notes.append(f"{COLUMN_BY_KEY[key].header}: {message}")

    def error(self, key: str, message: str) -> None:
        self._note(self.errors, self.task.errors, key, message)

    def warning(self, key: str, message: str) -> None:
        self._note(self.warnings, self.task.warnings, key, message)


def _check_units(task: AppendixTask, notes: _RowNotes, matcher: UnitMatcher) -> None:
    units = matcher.task_units(task.lead_text, task.coordinating_text)
    if task.lead_text and not units.lead_match.units:
        notes.error(
            "lead_text",
            _("không tìm thấy đơn vị nào khớp với “%(text)s” trong danh mục đơn vị.") % {"text": task.lead_text},
        )
    elif not task.lead_text:
        notes.warning("lead_text", _("chưa ghi cơ quan chủ trì."))
    elif units.lead_is_group_only:
        notes.warning(
            "lead_text",
            _(
                "cơ quan chủ trì là một nhóm đơn vị: nhiệm vụ không có một đơn vị chủ trì chính, các đơn vị trong nhóm "
                "được ghi là đơn vị phối hợp."
            ),
        )
    unmatched = [
        *(("lead_text", text) for text in (units.lead_match.unmatched if units.lead_match.units else [])),
        *(("coordinating_text", text) for text in units.coordinating_match.unmatched),
    ]
    for key, text in unmatched:
        notes.warning(
            key, _("không tìm thấy đơn vị khớp với “%(text)s”; phần này chỉ được giữ dạng chữ.") % {"text": text}
        )
    task.lead_unit_id = units.lead.pk if units.lead else None
    task.lead_unit_name = units.lead.name if units.lead else ""
    task.coordinating_unit_ids = [unit.pk for unit in units.coordinating]
    task.coordinating_unit_names = [unit.name for unit in units.coordinating]


def _check_timeframe(task: AppendixTask, notes: _RowNotes, plan_year: int) -> None:
    if not task.timeframe_text:
        notes.error("timeframe_text", _("chưa ghi thời gian thực hiện."))
        return
    timeframe = parse_timeframe(task.timeframe_text, plan_year)
    task.recurrence = timeframe.recurrence
    if timeframe.parsed:
        task.due_date = timeframe.due
        return
    task.needs_date_review = True
    notes.warning(
        "timeframe_text",
        _(
            "không đọc được “%(text)s” thành hạn cụ thể; nhiệm vụ được đánh dấu “cần đặt hạn” để người phụ trách "
            "đặt hạn."
        )
        % {"text": task.timeframe_text},
    )


def appendix_check(
    *, plan: Plan, table: AppendixTable, file_name: str = "", matcher: UnitMatcher | None = None
) -> AppendixCheck:
    """Every row as a task of `plan`, with its area, units and due date; nothing is written."""
    errors, warnings = Problems(columns=dict(table.columns)), Problems(columns=dict(table.columns))
    areas = list(ReformArea.objects.all())
    matcher = matcher or UnitMatcher.valid_on()
    tasks: list[AppendixTask] = []
    general = heading = ""
    for row in table.rows:
        values = {key: row.values.get(key, "") for key in COLUMN_BY_KEY}
        for key in ONE_LINE_KEYS:
            values[key] = " ".join(values[key].split())
        if _is_section_row(row.values):
            general = heading = values["general_task"]
            continue
        general = values["general_task"] or general
        task = AppendixTask(
            number=row.number,
            title=values["title"].strip(),
            product=values["product"].strip(),
            lead_text=values["lead_text"],
            coordinating_text=values["coordinating_text"],
            timeframe_text=values["timeframe_text"],
        )
        notes = _RowNotes(task, errors, warnings)
        for column in COLUMNS:
            if column.max_length and len(values[column.key]) > column.max_length:
                notes.error(column.key, _("dài quá %(count)s ký tự.") % {"count": column.max_length})
        if not task.title:
            notes.error("title", _("nhiệm vụ cụ thể để trống."))
        if general:
            area, problem = _area_for(general, heading, areas)
            if area is None:
                notes.error("general_task", problem)
            else:
                task.area_code, task.area_name = area.code, area.name
                # A general task that only names its area is the area itself: kept blank, written back as the label.
                task.general_task = "" if general == area_label(area) else general
        else:
            notes.error("general_task", _("chưa có nhiệm vụ chung (lĩnh vực) cho dòng này."))
        _check_units(task, notes, matcher)
        _check_timeframe(task, notes, plan.year)
        tasks.append(task)
    if not tasks and not errors:
        errors.add_general(_("Bảng phụ lục không có dòng nhiệm vụ nào."))
    existing = plan.tasks.count()
    if existing:
        warnings.add_general(
            _("Kế hoạch đã có %(count)s nhiệm vụ; các nhiệm vụ trong tệp sẽ được thêm vào sau, không thay thế.")
            % {"count": existing}
        )
    return AppendixCheck(tasks=tasks, errors=errors, warnings=warnings, file_name=file_name)


# ---- Writing: one transaction for the whole table ----


@transaction.atomic
def appendix_import(*, actor: Any, plan: Plan, rows: Sequence[AppendixTask], file_name: str = "") -> list[Task]:
    """Create every checked row as a task of the plan, in the file's order; all of them or none."""
    blocked = [row.number for row in rows if row.errors]
    if blocked:
        raise ValidationError(
            _("Còn %(count)s dòng có lỗi (dòng %(rows)s); chưa nhập nhiệm vụ nào.")
            % {"count": len(blocked), "rows": ", ".join(str(number) for number in blocked[:20])}
        )
    if not rows:
        raise ValidationError(_("Không có nhiệm vụ nào để nhập."))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    areas = {area.code: area for area in ReformArea.objects.all()}
    wanted = {row.lead_unit_id for row in rows if row.lead_unit_id} | {
        unit_id for row in rows for unit_id in row.coordinating_unit_ids
    }
    units = Unit.objects.in_bulk(wanted)
    for row in rows:
        gone = row.area_code not in areas or any(
            unit_id not in units for unit_id in [row.lead_unit_id, *row.coordinating_unit_ids] if unit_id
        )
        if gone:
            raise ValidationError(
                _("Dòng %(row)s: lĩnh vực hoặc đơn vị không còn trong danh mục; hãy tải tệp lên lại.")
                % {"row": row.number}
            )
    start = (plan.tasks.aggregate(last=Max("sort_order"))["last"] or 0) + 1
    tasks = [
        task_create(
            actor=actor,
            plan=plan,
            area=areas[row.area_code],
            general_task=row.general_task,
            title=row.title,
            product=row.product,
            lead_unit=units[row.lead_unit_id] if row.lead_unit_id else None,
            lead_text=row.lead_text,
            coordinating_units=[units[unit_id] for unit_id in row.coordinating_unit_ids],
            coordinating_text=row.coordinating_text,
            timeframe_text=row.timeframe_text,
            sort_order=start + offset,
        )
        for offset, row in enumerate(rows)
    ]
    audit_record(
        actor=actor,
        action="appendix_import",
        instance=plan,
        note=_("Nhập %(count)s nhiệm vụ từ phụ lục %(file)s.") % {"count": len(tasks), "file": file_name or "—"},
    )
    return tasks
