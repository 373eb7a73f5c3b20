"""Reading and writing the XLSX tables that offices exchange.

Imports read the whole table, collect every problem with its row and column, and only then let the caller
write: nothing is written when any row is wrong.
"""

import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from .text import fold


@dataclass(frozen=True)
class Column:
    key: str
    header: str | Promise  # lazy, so that it follows the active language
    required: bool = False


@dataclass
class SheetRow:
    number: int
    values: dict[str, Any]


@dataclass
class Problem:
    row: int | None
    column: str
    header: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return _("Dòng %(row)s, cột %(column)s (%(header)s): %(message)s") % {
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "message": self.message,
        }


@dataclass
class Problems:
    """Every problem found in one file, in the order met."""

    columns: dict[str, tuple[str, str]] = field(default_factory=dict)
    items: list[Problem] = field(default_factory=list)

    def add(self, row: int, key: str, message: str) -> None:
        letter, header = self.columns.get(key, ("?", key))
        self.items.append(Problem(row=row, column=letter, header=header, message=message))

    def add_general(self, message: str) -> None:
        self.items.append(Problem(row=None, column="", header="", message=message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def messages(self) -> list[str]:
        return [str(item) for item in self.items]


class SpreadsheetInvalid(Exception):
    """The file cannot be imported; `problems` says every place that is wrong."""

    def __init__(self, problems: Problems) -> None:
        super().__init__("; ".join(problems.messages()[:5]))
        self.problems = problems


def read_table(stream: IO[bytes], columns: Sequence[Column]) -> tuple[list[SheetRow], Problems]:
    """Rows of the first sheet, keyed by column, with header matching that ignores case and diacritics.

    Raises SpreadsheetInvalid when the file is not a workbook or a required column is missing.
    """
    problems = Problems()
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        problems.add_general(_("Không đọc được tệp Excel: %(error)s") % {"error": error})
        raise SpreadsheetInvalid(problems) from error
    table = sheet_rows(workbook.worksheets[0], columns, problems)
    workbook.close()
    if problems:
        raise SpreadsheetInvalid(problems)
    return table, problems


def sheet_rows(sheet: Any, columns: Sequence[Column], problems: Problems, *, where: str = "") -> list[SheetRow]:
    """Rows of one sheet keyed by column, headers matched ignoring case and diacritics.

    A missing required column adds a problem (prefixed by `where`, e.g. the sheet's name) and gives no rows.
    """
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None) or ()
    wanted = {fold(str(column.header)): column for column in columns}
    positions: dict[str, int] = {}
    for index, cell in enumerate(header_row):
        column = wanted.get(fold(str(cell))) if cell is not None else None
        if column is not None and column.key not in positions:
            positions[column.key] = index
            header = f"{column.header}, {where}" if where else str(column.header)
            problems.columns[column.key] = (get_column_letter(index + 1), header)
    missing = [str(column.header) for column in columns if column.required and column.key not in positions]
    if missing:
        names = ", ".join(f"“{name}”" for name in missing)
        if where:
            problems.add_general(
                _("%(sheet)s: dòng tiêu đề (dòng 1) thiếu cột: %(columns)s.")
                % {"sheet": where.capitalize(), "columns": names}
            )
        else:
            problems.add_general(_("Dòng tiêu đề (dòng 1) thiếu cột: %(columns)s.") % {"columns": names})
        return []
    table: list[SheetRow] = []
    for number, raw in enumerate(rows, start=2):
        values = {key: _clean(raw[index]) if index < len(raw) else None for key, index in positions.items()}
        if all(value in (None, "") for value in values.values()):
            continue
        table.append(SheetRow(number=number, values=values))
    return table


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    return value


def cell_date(value: Any) -> datetime.date | None:
    """A date from a cell holding a date or a dd/mm/yyyy text; ValueError when it is neither."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” không phải ngày hợp lệ (dd/mm/yyyy).") % {"value": text})


def xlsx_bytes(
    title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, preamble: Sequence[Sequence[Any]] = ()
) -> bytes:
    """A one-sheet workbook with a bold, frozen, filterable header row. Streams rows (write-only mode).

    `preamble` rows (a form's heading: agency, national motto, title, period) are written in bold above the header.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    header_row = len(preamble) + 1
    sheet.freeze_panes = f"A{header_row + 1}"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(60, len(header) + 6))
    for line in preamble:
        sheet.append([_bold_cell(sheet, value) if value not in (None, "") else None for value in line])
    sheet.append([_bold_cell(sheet, header) for header in headers])
    count = 0
    for row in rows:
        sheet.append([_export_value(value) for value in row])
        count += 1
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(max(1, len(headers)))}{header_row + count}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bold_cell(sheet: Any, value: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell


def _export_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).replace(tzinfo=None)
    if value is None or isinstance(value, str | int | float | datetime.date):
        return value
    return str(value)
