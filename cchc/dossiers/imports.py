"""Reading dossiers exported by a one-stop system (CSV or XLSX), row by row, into checked records.

Nothing here writes: `import_services.py` does. Files are streamed (a CSV of a million rows is never held in
memory); each row is checked on its own and every problem is reported with its row, column and a Vietnamese
reason. The same checks serve the REST endpoint, whose records are dicts keyed like the columns.
"""

import csv
import datetime
import functools
import io
import operator
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from cchc.core.spreadsheets import Column, Problem
from cchc.core.text import fold
from cchc.org.models import Unit
from cchc.procedures.models import Procedure, ProcedureVersion
from cchc.workdays.calendar import WorkingCalendar, working_calendar

from . import deadlines
from .choices import OPEN_STATUSES, Channel, DossierStatus

IMPORT_COLUMNS: tuple[Column, ...] = (
    Column("code", gettext_lazy("Mã hồ sơ"), required=True),
    Column("procedure", gettext_lazy("Mã thủ tục"), required=True),
    Column("receiving_unit", gettext_lazy("Nơi tiếp nhận"), required=True),
    Column("handling_unit", gettext_lazy("Đơn vị giải quyết")),
    Column("applicant_name", gettext_lazy("Người nộp"), required=True),
    Column("applicant_phone", gettext_lazy("Điện thoại")),
    Column("channel", gettext_lazy("Hình thức nộp"), required=True),
    Column("received_at", gettext_lazy("Ngày tiếp nhận"), required=True),
    Column("due_at", gettext_lazy("Hạn giải quyết")),
    Column("finished_at", gettext_lazy("Ngày có kết quả")),
    Column("returned_at", gettext_lazy("Ngày trả")),
    Column("status", gettext_lazy("Trạng thái")),
    Column("paid_online", gettext_lazy("Thanh toán trực tuyến")),
    Column("digitized_input", gettext_lazy("Số hóa đầu vào")),
    Column("digitized_result", gettext_lazy("Số hóa kết quả")),
    Column("electronic_result", gettext_lazy("Kết quả điện tử")),
    Column("reused_data", gettext_lazy("Tái sử dụng dữ liệu")),
)
FLAG_KEYS = ("paid_online", "digitized_input", "digitized_result", "electronic_result", "reused_data")
# How many problems are kept (for the screen and the problems file); all are counted.
PROBLEMS_KEPT = 10_000
MAX_TEXT = {"code": 60, "applicant_name": 300, "applicant_phone": 30}

# Choices are looked up as plain strings: records carry them to a child process's pipe, and an enum member
# pickles (and unpickles) ten times slower than a string.
CHANNELS: dict[str, str] = {
    "truc tiep": Channel.DIRECT,
    "truc tuyen": Channel.ONLINE,
    "buu chinh": Channel.POSTAL,
    "buu chinh cong ich": Channel.POSTAL,
    "qua buu chinh": Channel.POSTAL,
    **{value: value for value in Channel.values},
}
CHANNELS = {text: str(value) for text, value in CHANNELS.items()}
STATUSES: dict[str, str] = {
    "da tiep nhan": DossierStatus.RECEIVED,
    "moi tiep nhan": DossierStatus.RECEIVED,
    "dang giai quyet": DossierStatus.IN_PROCESS,
    "dang xu ly": DossierStatus.IN_PROCESS,
    "cho bo sung": DossierStatus.SUPPLEMENT_REQUESTED,
    "yeu cau bo sung": DossierStatus.SUPPLEMENT_REQUESTED,
    "co ket qua": DossierStatus.RESULT_READY,
    "da co ket qua": DossierStatus.RESULT_READY,
    "co ket qua, cho tra": DossierStatus.RESULT_READY,
    "cho tra ket qua": DossierStatus.RESULT_READY,
    "da tra ket qua": DossierStatus.RETURNED,
    "da tra": DossierStatus.RETURNED,
    "hoan thanh": DossierStatus.RETURNED,
    "tu choi": DossierStatus.REFUSED,
    "tu choi giai quyet": DossierStatus.REFUSED,
    "rut ho so": DossierStatus.WITHDRAWN,
    "cong dan rut ho so": DossierStatus.WITHDRAWN,
    "dung giai quyet": DossierStatus.STOPPED,
    **{value: value for value in DossierStatus.values},
}
STATUSES = {text: str(value) for text, value in STATUSES.items()}
YES = {"co", "x", "1", "true", "yes", "dung"}
NO = {"", "khong", "0", "false", "no", "sai"}
FINISHED_STATUSES = frozenset({DossierStatus.RESULT_READY, DossierStatus.RETURNED})
CLOSED_STATUSES = frozenset({DossierStatus.REFUSED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED})


def _fold_table() -> dict[int, str | None]:
    """Each accented Latin letter → what `fold` makes of it; combining marks removed."""
    table: dict[int, str | None] = {code: fold(chr(code)) for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]}
    table.update(dict.fromkeys(range(0x300, 0x370)))
    return table


FOLD_TABLE = _fold_table()


def fast_fold(text: str) -> str:
    """The same as `cchc.core.text.fold` for precomposed (NFC) text, ten times faster: for a million rows."""
    return " ".join(text.translate(FOLD_TABLE).lower().split())


@functools.lru_cache(maxsize=4096)
def _folded_word(text: str) -> str:
    """Folded short values that repeat on every row (channel, status, Có/Không)."""
    return fold(text)


class ImportFileInvalid(Exception):
    """The file cannot be read at all (not a workbook, not UTF-8 text, a required column missing)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


ProblemDelta = tuple[list[Problem], int, int]


@dataclass
class ProblemLog:
    """Every problem counted; the first PROBLEMS_KEPT kept with row, column letter, header and reason."""

    columns: dict[str, tuple[str, str]] = field(default_factory=dict)
    items: list[Problem] = field(default_factory=list)
    count: int = 0
    bad_rows: int = 0

    def add(self, row: int | None, key: str, message: str) -> None:
        self.count += 1
        if len(self.items) < PROBLEMS_KEPT:
            letter, header = self.columns.get(key, ("", key))
            self.items.append(Problem(row=row, column=letter, header=header, message=message))

    def mark(self) -> tuple[int, int, int]:
        """Where the log stands now (kept items, problems, bad rows), for `since`."""
        return len(self.items), self.count, self.bad_rows

    def since(self, mark: tuple[int, int, int]) -> "ProblemDelta":
        """What was added after `mark`, as a plain tuple that pickles cheaply (see `merge`)."""
        items, count, bad_rows = mark
        return self.items[items:], self.count - count, self.bad_rows - bad_rows

    def merge(self, delta: "ProblemDelta") -> None:
        """Add what another log (a copy checking rows in a child process) found since its mark."""
        items, count, bad_rows = delta
        self.items.extend(items[: max(0, PROBLEMS_KEPT - len(self.items))])
        self.count += count
        self.bad_rows += bad_rows

    def messages(self, limit: int | None = None) -> list[str]:
        return [str(item) for item in self.items[:limit]]

    def as_json(self) -> list[dict[str, Any]]:
        return [
            {"row": item.row, "column": item.column, "header": item.header, "message": item.message}
            for item in self.items
        ]


@dataclass(slots=True)
class DossierRecord:
    """One checked row, ready to be written (ids resolved, due moment and timeliness computed)."""

    row: int
    code: str
    procedure_id: int
    procedure_version_id: int
    receiving_unit_id: int
    handling_unit_id: int
    applicant_name: str
    applicant_phone: str
    channel: str
    status: str
    received_at: datetime.datetime
    time_limit_days: int
    due_at: datetime.datetime
    finished_at: datetime.datetime | None
    timeliness: str
    returned_at: datetime.datetime | None
    fee_amount: Decimal
    paid_online: bool
    digitized_input: bool
    digitized_result: bool
    electronic_result: bool
    reused_data: bool
    search_text: str


@dataclass(frozen=True, slots=True)
class _Version:
    pk: int
    effective_from: datetime.date | None
    time_limit_days: int
    online_time_limit_days: int | None
    fee_amount: Decimal


@dataclass
class _ProcedureInfo:
    pk: int
    resolving_unit_id: int
    folded: str
    current_version_id: int | None
    versions: list[_Version]
    on_day: dict[datetime.date, _Version | None] = field(default_factory=dict)

    def version_on(self, day: datetime.date) -> _Version | None:
        """The latest version in force on `day` (the current one when none carries a start date before it)."""
        if day not in self.on_day:
            self.on_day[day] = self._version_on(day)
        return self.on_day[day]

    def _version_on(self, day: datetime.date) -> _Version | None:
        dated = [item for item in self.versions if item.effective_from is not None and item.effective_from <= day]
        if dated:
            return max(dated, key=lambda item: (item.effective_from, item.pk))
        return next((item for item in self.versions if item.pk == self.current_version_id), None)


class Lookups:
    """Procedures, units and the calendar, read once per import; due moments memoised per (day, limit)."""

    def __init__(self, *, allowed_unit_ids: frozenset[int] | None) -> None:
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.units = {code.upper(): pk for code, pk in Unit.objects.values_list("code", "pk")}
        versions: dict[int, list[_Version]] = {}
        for row in ProcedureVersion.objects.values_list(
            "procedure_id", "pk", "effective_from", "time_limit_days", "online_time_limit_days", "fee_amount"
        ):
            versions.setdefault(row[0], []).append(_Version(*row[1:]))
        self.procedures = {
            code.upper(): _ProcedureInfo(pk, unit_id, fold(f"{code} {name}"), current, versions.get(pk, []))
            for code, pk, unit_id, name, current in Procedure.objects.values_list(
                "code", "pk", "resolving_unit_id", "name", "current_version_id"
            )
        }
        self.allowed_unit_ids = allowed_unit_ids
        self._calendar: WorkingCalendar | None = None
        self._due: dict[tuple[datetime.date, int], datetime.datetime] = {}

    @property
    def calendar(self) -> WorkingCalendar:
        if self._calendar is None:
            today = datetime.date.today()
            self._calendar = working_calendar(range(2015, today.year + 3))
        return self._calendar

    def due(self, received_at: datetime.datetime, days: int) -> datetime.datetime:
        calendar = self.calendar
        effective = calendar.effective_day(received_at)
        key = (effective, days)
        due = self._due.get(key)
        if due is None:
            due = deadlines.due_moment(calendar, received_at, days)
            self._due[key] = due
        return due

    def timeliness(self, finished_at: datetime.datetime, due_at: datetime.datetime) -> str:
        return str(deadlines.timeliness_at(self.calendar, finished_at, due_at))


def _text(value: Any) -> str:
    if type(value) is str:  # every cell of a CSV: checked first, it runs fourteen times a row
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_moment(value: Any, tz: datetime.tzinfo) -> datetime.datetime | None:
    """A moment from a cell: a datetime, a date, or text dd/mm/yyyy [hh:mm[:ss]] or ISO yyyy-mm-dd[ hh:mm[:ss]].

    Raises ValueError with a Vietnamese message for anything else.
    """
    if value is None or value == "":
        return None
    if type(value) is str and len(value) == 16 and (value[2], value[5], value[10], value[13]) == ("/", "/", " ", ":"):
        try:  # dd/mm/yyyy hh:mm, as one-stop systems export it: sliced, not split
            return datetime.datetime(
                int(value[6:10]), int(value[3:5]), int(value[:2]), int(value[11:13]), int(value[14:16]), tzinfo=tz
            )
        except ValueError:
            pass  # the general reading below words the problem
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=tz)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day, tzinfo=tz)
    text = str(value).strip()
    try:
        if "/" not in text:
            parsed = datetime.datetime.fromisoformat(text)
            return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=tz)
        day_part, _sep, time_part = text.partition(" ")
        day, month, year = day_part.split("/")
        hour = minute = second = 0
        if time_part:
            pieces = time_part.strip().split(":")
            hour, minute = int(pieces[0]), int(pieces[1])
            second = int(float(pieces[2])) if len(pieces) > 2 else 0
        return datetime.datetime(int(year), int(month), int(day), hour, minute, second, tzinfo=tz)
    except (ValueError, IndexError):
        raise ValueError(
            _("“%(value)s” không phải ngày giờ hợp lệ (dd/mm/yyyy hoặc dd/mm/yyyy hh:mm).") % {"value": text}
        ) from None


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    return _flag_text(_text(value))


@functools.lru_cache(maxsize=256)
def _flag_text(text: str) -> bool | None:
    """Có / Không and their spellings (a handful of distinct values, five cells a row)."""
    folded = _folded_word(text)
    if folded in YES:
        return True
    if folded in NO:
        return False
    return None


def _units_for(lookups: Lookups, values: dict[str, Any], log: ProblemLog, number: int) -> tuple[int, int] | None:
    """The receiving and handling unit ids (default: the procedure's resolving unit), or None with problems."""
    receiving_code = _text(values.get("receiving_unit")).upper()
    receiving = lookups.units.get(receiving_code)
    ok = True
    if receiving is None:
        log.add(number, "receiving_unit", _("không tìm thấy đơn vị mã “%(code)s”.") % {"code": receiving_code})
        ok = False
    handling_code = _text(values.get("handling_unit")).upper()
    procedure = lookups.procedures.get(_text(values.get("procedure")).upper())
    handling = (
        lookups.units.get(handling_code) if handling_code else (procedure.resolving_unit_id if procedure else None)
    )
    if handling_code and handling is None:
        log.add(number, "handling_unit", _("không tìm thấy đơn vị mã “%(code)s”.") % {"code": handling_code})
        ok = False
    allowed = lookups.allowed_unit_ids
    if ok and allowed is not None and receiving not in allowed and handling not in allowed:
        log.add(number, "receiving_unit", _("bạn không có quyền nhập hồ sơ của đơn vị này."))
        ok = False
    if not ok or receiving is None or handling is None:
        return None
    return receiving, handling


def _moments(
    values: dict[str, Any], tz: datetime.tzinfo, log: ProblemLog, number: int
) -> dict[str, datetime.datetime | None] | None:
    moments: dict[str, datetime.datetime | None] = {}
    ok = True
    for key in ("received_at", "due_at", "finished_at", "returned_at"):
        try:
            moments[key] = parse_moment(values.get(key), tz)
        except ValueError as error:
            log.add(number, key, str(error))
            ok = False
    if ok and moments["received_at"] is None:
        log.add(number, "received_at", _("ngày tiếp nhận không được để trống."))
        ok = False
    return moments if ok else None


def _status(values: dict[str, Any], moments: dict[str, Any], log: ProblemLog, number: int) -> str | None:
    text = _text(values.get("status"))
    if not text:
        if moments["returned_at"] is not None:
            return str(DossierStatus.RETURNED)
        return str(DossierStatus.RESULT_READY if moments["finished_at"] is not None else DossierStatus.RECEIVED)
    status = STATUSES.get(_folded_word(text))
    if status is None:
        log.add(number, "status", _("trạng thái “%(value)s” không có trong danh mục.") % {"value": text})
    return status


def _check_order(status: str, moments: dict[str, Any], log: ProblemLog, number: int) -> bool:
    received, finished, returned = moments["received_at"], moments["finished_at"], moments["returned_at"]
    ok = True
    if status in FINISHED_STATUSES and finished is None:
        log.add(number, "finished_at", _("hồ sơ ở trạng thái đã có kết quả phải có ngày có kết quả."))
        ok = False
    if status in OPEN_STATUSES and (finished is not None or returned is not None):
        log.add(number, "status", _("hồ sơ đang giải quyết không thể có ngày có kết quả hoặc ngày trả."))
        ok = False
    if finished is not None and finished < received:
        log.add(number, "finished_at", _("ngày có kết quả trước ngày tiếp nhận."))
        ok = False
    if returned is not None and returned < (finished or received):
        log.add(number, "returned_at", _("ngày trả trước ngày có kết quả hoặc ngày tiếp nhận."))
        ok = False
    if moments["due_at"] is not None and moments["due_at"] < received:
        log.add(number, "due_at", _("hạn giải quyết trước ngày tiếp nhận."))
        ok = False
    return ok


def parse_record(number: int, values: dict[str, Any], lookups: Lookups, log: ProblemLog) -> DossierRecord | None:
    """The checked record of one row, or None after adding every problem of the row to `log`."""
    before = log.count
    code = _text(values.get("code"))
    if not code:
        log.add(number, "code", _("mã hồ sơ không được để trống."))
    name = _text(values.get("applicant_name"))
    if not name:
        log.add(number, "applicant_name", _("người nộp không được để trống."))
    phone = _text(values.get("applicant_phone"))
    for key, text in (("code", code), ("applicant_name", name), ("applicant_phone", phone)):
        if len(text) > MAX_TEXT[key]:
            log.add(number, key, _("dài quá %(limit)s ký tự.") % {"limit": MAX_TEXT[key]})
    procedure_code = _text(values.get("procedure")).upper()
    procedure = lookups.procedures.get(procedure_code)
    if procedure is None:
        log.add(number, "procedure", _("không tìm thấy thủ tục mã “%(code)s”.") % {"code": procedure_code})
    units = _units_for(lookups, values, log, number)
    channel_text = _text(values.get("channel"))
    channel = CHANNELS.get(_folded_word(channel_text))
    if channel is None:
        log.add(
            number,
            "channel",
            _("hình thức nộp “%(value)s” không hợp lệ (Trực tiếp, Trực tuyến, Bưu chính).") % {"value": channel_text},
        )
    flags: dict[str, bool] = {}
    for key in FLAG_KEYS:
        flag = _flag(values.get(key))
        if flag is None:
            log.add(number, key, _("“%(value)s” phải là Có hoặc Không.") % {"value": _text(values.get(key))})
        else:
            flags[key] = flag
    moments = _moments(values, lookups.tz, log, number)
    status = _status(values, moments, log, number) if moments is not None else None
    if moments is None or status is None or not _check_order(status, moments, log, number):
        return None
    if log.count > before or procedure is None or units is None or channel is None:
        return None
    received_at = moments["received_at"]
    if received_at is None:  # already reported by _moments
        return None
    version = procedure.version_on(received_at.astimezone(lookups.tz).date())
    if version is None:
        log.add(number, "procedure", _("thủ tục “%(code)s” chưa có phiên bản hiện hành.") % {"code": procedure_code})
        return None
    online = channel == Channel.ONLINE
    limit = version.online_time_limit_days if online and version.online_time_limit_days is not None else None
    days = limit if limit is not None else version.time_limit_days
    due_at = moments["due_at"] or lookups.due(received_at, days)
    finished_at = moments["finished_at"]
    timeliness = lookups.timeliness(finished_at, due_at) if finished_at and status in FINISHED_STATUSES else ""
    return DossierRecord(
        row=number,
        code=code,
        procedure_id=procedure.pk,
        procedure_version_id=version.pk,
        receiving_unit_id=units[0],
        handling_unit_id=units[1],
        applicant_name=name,
        applicant_phone=phone,
        channel=channel,
        status=status,
        received_at=received_at,
        time_limit_days=days,
        due_at=due_at,
        finished_at=finished_at,
        timeliness=timeliness,
        returned_at=moments["returned_at"],
        fee_amount=version.fee_amount,
        search_text=f"{fast_fold(f'{code} {name}')} {procedure.folded}"[:600],
        **flags,
    )


# ---- Readers: (row number, values by column key), streamed ----

RowStream = Iterator[tuple[int, dict[str, Any]]]


def _positions(header: Sequence[Any], log: ProblemLog) -> dict[str, int]:
    """Column key → position from the header row (case and diacritics ignored); missing required → invalid."""
    wanted = {fold(str(column.header)): column for column in IMPORT_COLUMNS}
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = wanted.get(fold(str(cell))) if cell not in (None, "") else None
        if column is not None and column.key not in positions:
            positions[column.key] = index
            log.columns[column.key] = (get_column_letter(index + 1), str(column.header))
    missing = [str(column.header) for column in IMPORT_COLUMNS if column.required and column.key not in positions]
    if missing:
        names = ", ".join(f"“{name}”" for name in missing)
        raise ImportFileInvalid(_("Dòng tiêu đề (dòng 1) thiếu cột: %(columns)s.") % {"columns": names})
    return positions


def _keyed(rows: Iterable[Sequence[Any]], positions: dict[str, int]) -> RowStream:
    items = list(positions.items())
    keys = [key for key, _index in items]
    getter = operator.itemgetter(*(index for _key, index in items))
    picked = getter if len(items) > 1 else lambda raw: (getter(raw),)
    width = max(positions.values()) + 1
    for number, raw in enumerate(rows, start=2):
        if len(raw) >= width:  # a full row: pick its cells in one call
            values = dict(zip(keys, picked(raw), strict=True))
        else:
            size = len(raw)
            values = {key: raw[index] if index < size else None for key, index in items}
        if all(value in (None, "") for value in values.values()):
            continue
        yield number, values


def _text_stream(stream: IO[bytes]) -> io.TextIOWrapper:
    stream.seek(0)
    return io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")


def csv_rows(stream: IO[bytes], log: ProblemLog) -> RowStream:
    """Rows of a UTF-8 CSV (with or without BOM; comma or semicolon), read lazily.

    The header is read at once so that a missing column or a wrong encoding is known before any row.
    """
    text = _text_stream(stream)
    try:
        first = text.readline()
    except UnicodeDecodeError:
        raise ImportFileInvalid(
            _(
                "Tệp CSV không ở mã UTF-8 (có thể là mã Windows/TCVN3). "
                "Hãy lưu lại tệp dạng “CSV UTF-8” rồi tải lên lại."
            )
        ) from None
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = next(csv.reader([first], delimiter=delimiter), [])
    positions = _positions([cell.strip() for cell in header], log)
    reader = csv.reader(text, delimiter=delimiter)
    return _keyed(_decode_guard(reader, log), positions)


def _decode_guard(reader: Iterator[list[str]], log: ProblemLog) -> Iterator[list[str]]:
    """Rows until a byte that is not UTF-8; that place is reported and the rest of the file is not read."""
    try:
        yield from reader
    except UnicodeDecodeError:
        log.add(
            None,
            "",
            _("Từ khoảng dòng %(row)s trở đi tệp không ở mã UTF-8; phần còn lại không đọc được.")
            % {"row": reader.line_num + 1},  # type: ignore[attr-defined]
        )
        log.bad_rows += 1
    except csv.Error as error:
        log.add(None, "", _("Tệp CSV hỏng ở dòng %(row)s: %(error)s") % {"row": reader.line_num, "error": error})  # type: ignore[attr-defined]
        log.bad_rows += 1


def xlsx_rows(stream: IO[bytes], log: ProblemLog) -> RowStream:
    """Rows of the first sheet of a workbook, read in read-only (streaming) mode."""
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileInvalid(_("Không đọc được tệp Excel: %(error)s") % {"error": error}) from error
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header: Sequence[Any] = next(rows, ())
    positions = _positions(header, log)
    return _closing(_keyed(rows, positions), workbook)


def _closing(rows: RowStream, workbook: Any) -> RowStream:
    try:
        yield from rows
    finally:
        workbook.close()


def file_rows(stream: IO[bytes], kind: str, log: ProblemLog) -> RowStream:
    return xlsx_rows(stream, log) if kind == "xlsx" else csv_rows(stream, log)


def problems_xlsx_rows(problems: Iterable[dict[str, Any]]) -> Iterator[list[Any]]:
    for item in problems:
        yield [item.get("row"), item.get("column"), item.get("header"), item.get("message")]
