"""An instrument version as an XLSX workbook (a sheet of sections, a sheet of items), and back.

The import reads the whole workbook and checks every cell before anything is written; the service then writes
the new version in one transaction.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from cchc.core.spreadsheets import Column, Problems, SheetRow, SpreadsheetInvalid, sheet_rows
from cchc.core.text import fold

from .choices import ItemKind, ItemPurpose
from .models.instruments import InstrumentVersion

SECTION_SHEET = "Phần"
ITEM_SHEET = "Câu hỏi"
SECTION_COLUMNS = (
    Column("s_code", gettext_lazy("Mã phần"), required=True),
    Column("s_title", gettext_lazy("Tiêu đề phần"), required=True),
    Column("s_factor", gettext_lazy("Là yếu tố của chỉ số")),
    Column("s_description", gettext_lazy("Hướng dẫn")),
)
ITEM_COLUMNS = (
    Column("section", gettext_lazy("Thuộc phần"), required=True),
    Column("code", gettext_lazy("Mã câu hỏi"), required=True),
    Column("text", gettext_lazy("Nội dung câu hỏi"), required=True),
    Column("kind", gettext_lazy("Kiểu trả lời"), required=True),
    Column("required", gettext_lazy("Bắt buộc")),
    Column("counts", gettext_lazy("Tính vào chỉ số")),
    Column("options", gettext_lazy("Các lựa chọn")),
    Column("condition", gettext_lazy("Điều kiện hiển thị")),
    Column("purpose", gettext_lazy("Công dụng")),
    Column("min", gettext_lazy("Giá trị nhỏ nhất")),
    Column("max", gettext_lazy("Giá trị lớn nhất")),
)
CODE_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,19}$")
YES = {"co", "x", "1", "true", "yes"}
NO = {"", "khong", "0", "false", "no"}


def _yes_no(value: Any) -> bool | None:
    folded = fold(str(value if value is not None else ""))
    if folded in YES:
        return True
    if folded in NO:
        return False
    return None


def _choice_lookup(choices: Any) -> dict[str, str]:
    """Accept a choice by its code or by its Vietnamese label (ignoring case and diacritics)."""
    lookup: dict[str, str] = {}
    for value, label in choices:
        lookup[fold(str(value))] = value
        lookup[fold(str(label))] = value
    return lookup


def options_text(options: list[dict[str, str]]) -> str:
    return "; ".join(f"{option['value']}={option['label']}" for option in options)


def condition_text(condition: dict[str, Any]) -> str:
    if not condition:
        return ""
    return f"{condition['item']}: {', '.join(str(value) for value in condition['in'])}"


# --- export --------------------------------------------------------------------------------------------------


def version_xlsx(version: InstrumentVersion) -> bytes:
    """The workbook of one version, ready to edit and import back as a new version."""
    workbook = Workbook()
    sections_sheet = workbook.active
    sections_sheet.title = SECTION_SHEET
    _header(sections_sheet, [str(column.header) for column in SECTION_COLUMNS])
    sections = list(version.sections.order_by("order", "pk"))
    for section in sections:
        sections_sheet.append(
            [section.code, section.title, _("Có") if section.factor else _("Không"), section.description]
        )
    items_sheet = workbook.create_sheet(ITEM_SHEET)
    _header(items_sheet, [str(column.header) for column in ITEM_COLUMNS])
    for item in version.items.select_related("section").order_by("section__order", "order", "pk"):
        items_sheet.append(
            [
                item.section.code,
                item.code,
                item.text,
                item.kind,
                _("Có") if item.required else _("Không"),
                _("Có") if item.counts_for_index else _("Không"),
                options_text(item.options),
                condition_text(item.condition),
                item.purpose,
                item.min_value,
                item.max_value,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(sheet: Any, headers: list[str]) -> None:
    sheet.append(headers)
    for index, header in enumerate(headers, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = 60 if "Nội dung" in header else 18
    sheet.freeze_panes = "A2"


# --- import --------------------------------------------------------------------------------------------------


@dataclass
class _Context:
    problems: Problems
    section_codes: set[str]
    seen_items: dict[str, dict[str, Any]]


def sections_from_xlsx(stream: IO[bytes]) -> list[dict[str, Any]]:
    """The sections and items of a workbook, as the specification `version_rows_create` writes.

    Raises SpreadsheetInvalid with every problem (sheet, row, column) when anything is wrong.
    """
    problems = Problems()
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        problems.add_general(_("Không đọc được tệp Excel: %(error)s") % {"error": error})
        raise SpreadsheetInvalid(problems) from error
    sheets = {fold(sheet.title): sheet for sheet in workbook.worksheets}
    section_sheet = sheets.get(fold(SECTION_SHEET))
    item_sheet = sheets.get(fold(ITEM_SHEET))
    if section_sheet is None or item_sheet is None:
        problems.add_general(
            _("Tệp phải có hai trang tính tên “%(sections)s” và “%(items)s”.")
            % {"sections": SECTION_SHEET, "items": ITEM_SHEET}
        )
        workbook.close()
        raise SpreadsheetInvalid(problems)
    section_rows = sheet_rows(section_sheet, SECTION_COLUMNS, problems, where=_("trang “%s”") % SECTION_SHEET)
    item_rows = sheet_rows(item_sheet, ITEM_COLUMNS, problems, where=_("trang “%s”") % ITEM_SHEET)
    workbook.close()
    sections = _sections_parse(section_rows, problems)
    context = _Context(problems=problems, section_codes={section["code"] for section in sections}, seen_items={})
    by_section: dict[str, list[dict[str, Any]]] = {section["code"]: section["items"] for section in sections}
    for row in item_rows:
        item = _item_parse(row, context)
        if item is not None:
            by_section[item.pop("section")].append(item)
    if not problems and not context.seen_items:
        problems.add_general(_("Trang “%s” chưa có câu hỏi nào.") % ITEM_SHEET)
    for section in sections:
        if not problems and not section["items"]:
            problems.add_general(_("Phần %(code)s chưa có câu hỏi nào.") % {"code": section["code"]})
    if problems:
        raise SpreadsheetInvalid(problems)
    return sections


def _sections_parse(rows: list[SheetRow], problems: Problems) -> list[dict[str, Any]]:
    sections: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in rows:
        code = str(row.values.get("s_code") or "").strip().upper()
        title = str(row.values.get("s_title") or "").strip()
        factor = _yes_no(row.values.get("s_factor"))
        if not CODE_PATTERN.match(code):
            problems.add(
                row.number, "s_code", _("mã phần “%(code)s” không hợp lệ (chữ, số, tối đa 20 ký tự).") % {"code": code}
            )
            continue
        if code in seen:
            problems.add(row.number, "s_code", _("mã phần %(code)s bị trùng.") % {"code": code})
            continue
        seen.add(code)
        if not title:
            problems.add(row.number, "s_title", _("tiêu đề phần không được để trống."))
        if factor is None:
            problems.add(row.number, "s_factor", _("ghi “Có” hoặc “Không”."))
        sections.append(
            {
                "code": code,
                "title": title[:300],
                "factor": bool(factor),
                "description": str(row.values.get("s_description") or ""),
                "items": [],
            }
        )
    return sections


KINDS = _choice_lookup(ItemKind.choices)
PURPOSES = _choice_lookup(ItemPurpose.choices)


def _item_parse(row: SheetRow, context: _Context) -> dict[str, Any] | None:
    values, problems, number = row.values, context.problems, row.number
    section = str(values.get("section") or "").strip().upper()
    code = str(values.get("code") or "").strip().upper()
    text = str(values.get("text") or "").strip()
    kind = KINDS.get(fold(str(values.get("kind") or "")))
    purpose = PURPOSES.get(fold(str(values.get("purpose") or ""))) if values.get("purpose") else ItemPurpose.NONE
    count = len(problems.items)
    if section not in context.section_codes:
        problems.add(number, "section", _("phần “%(code)s” không có trong trang “Phần”.") % {"code": section})
    if not CODE_PATTERN.match(code):
        problems.add(
            number, "code", _("mã câu hỏi “%(code)s” không hợp lệ (chữ, số, tối đa 20 ký tự).") % {"code": code}
        )
    elif code in context.seen_items:
        problems.add(number, "code", _("mã câu hỏi %(code)s bị trùng.") % {"code": code})
    if not text:
        problems.add(number, "text", _("nội dung câu hỏi không được để trống."))
    if kind is None:
        problems.add(
            number,
            "kind",
            _("kiểu trả lời “%(value)s” không có; dùng một trong: %(kinds)s.")
            % {"value": values.get("kind") or "", "kinds": ", ".join(ItemKind.values)},
        )
    if purpose is None:
        problems.add(number, "purpose", _("công dụng “%(value)s” không có.") % {"value": values.get("purpose")})
    flags = {key: _yes_no(values.get(key)) for key in ("required", "counts")}
    for key, flag in flags.items():
        if flag is None:
            problems.add(number, key, _("ghi “Có” hoặc “Không”."))
    options = _options_parse(values.get("options"), kind, number, problems)
    condition = _condition_parse(values.get("condition"), context, number)
    limits = {key: _int_or_none(values.get(key), key, number, problems) for key in ("min", "max")}
    if flags["counts"] and kind is not None and kind != ItemKind.LIKERT:
        problems.add(number, "counts", _("chỉ câu thang điểm 1–5 mới tính vào chỉ số."))
    if len(problems.items) > count:
        context.seen_items.setdefault(code, {})
        return None
    item = {
        "section": section,
        "code": code,
        "text": text,
        "kind": kind,
        "required": bool(flags["required"]),
        "counts_for_index": bool(flags["counts"]),
        "options": options,
        "condition": condition,
        "purpose": purpose,
        "min_value": limits["min"],
        "max_value": limits["max"],
    }
    context.seen_items[code] = item
    return item


def _options_parse(raw: Any, kind: str | None, number: int, problems: Problems) -> list[dict[str, str]]:
    text = str(raw or "").strip()
    needs = kind in (ItemKind.SINGLE_CHOICE, ItemKind.MULTIPLE_CHOICE)
    if not text:
        if needs:
            problems.add(number, "options", _("câu chọn một hoặc chọn nhiều phải có các lựa chọn, dạng “1=Nam; 2=Nữ”."))
        return []
    options: list[dict[str, str]] = []
    for part in re.split(r"[;\n]", text):
        if not part.strip():
            continue
        value, sep, label = part.partition("=")
        if not sep or not value.strip() or not label.strip():
            problems.add(
                number, "options", _("lựa chọn “%(part)s” phải có dạng “giá trị=nhãn”.") % {"part": part.strip()}
            )
            return []
        options.append({"value": value.strip(), "label": label.strip()})
    if len({option["value"] for option in options}) != len(options):
        problems.add(number, "options", _("giá trị các lựa chọn bị trùng."))
    return options


def _condition_parse(raw: Any, context: _Context, number: int) -> dict[str, Any]:
    text = str(raw or "").strip()
    if not text:
        return {}
    item_code, sep, values = text.partition(":")
    if not sep:
        item_code, sep, values = text.partition("=")
    item_code = item_code.strip().upper()
    chosen = [value.strip() for value in values.split(",") if value.strip()]
    if not sep or not chosen:
        context.problems.add(
            number, "condition", _("điều kiện phải có dạng “mã câu: giá trị, giá trị”, ví dụ “I4: 1”.")
        )
        return {}
    if item_code not in context.seen_items:
        context.problems.add(
            number, "condition", _("điều kiện nhắc tới câu %(code)s chưa có ở phía trên.") % {"code": item_code}
        )
        return {}
    return {"item": item_code, "in": chosen}


def _int_or_none(raw: Any, key: str, number: int, problems: Problems) -> int | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    try:
        return int(str(raw).strip())
    except ValueError:
        problems.add(number, key, _("“%(value)s” không phải số nguyên.") % {"value": raw})
        return None


def version_spec(version: InstrumentVersion) -> list[dict[str, Any]]:
    """A version's sections and items in the specification form (to copy it into a new version)."""
    sections: list[dict[str, Any]] = []
    for section in version.sections.order_by("order", "pk").prefetch_related("items"):
        items = [
            {
                "code": item.code,
                "text": item.text,
                "kind": item.kind,
                "required": item.required,
                "counts_for_index": item.counts_for_index,
                "options": list(item.options),
                "condition": dict(item.condition),
                "purpose": item.purpose,
                "min_value": item.min_value,
                "max_value": item.max_value,
            }
            for item in sorted(section.items.all(), key=lambda row: (row.order, row.pk))
        ]
        sections.append(
            {
                "code": section.code,
                "title": section.title,
                "factor": section.factor,
                "description": section.description,
                "items": items,
            }
        )
    return sections
