"""A criteria framework as an XLSX workbook, for a province to load its own and to move a framework between systems.

Three sheets: “Tiêu chí” (one row per criterion, parents before children; the parent comes from the code,
"1.2.3" → "1.2"), “Xếp loại” (band and threshold) and “Thông tin” (year, unit group, name, legal basis, caps).
The import checks every row of every sheet first and names each wrong row and column; then it writes the whole
framework in one transaction, or nothing. An exported framework imports back identical.
"""

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from cchc.core.spreadsheets import Column, Problems, SheetRow, SpreadsheetInvalid, sheet_rows
from cchc.core.text import fold

from .choices import ScoringMethod, UnitGroup
from .frameworks import (
    CriterionSpec,
    Number,
    Tier,
    band_problems,
    code_clean,
    code_parent,
    code_problem,
    criteria_structure_problems,
    criterion_problems,
    framework_build,
    framework_tree,
    framework_year_problem,
    points_text,
    tiers_normalize,
)
from .models import Framework

CRITERIA_SHEET = gettext_lazy("Tiêu chí")
BANDS_SHEET = gettext_lazy("Xếp loại")
INFO_SHEET = gettext_lazy("Thông tin")

CRITERIA_COLUMNS = (
    Column("code", gettext_lazy("Mã"), required=True),
    Column("title", gettext_lazy("Nội dung"), required=True),
    Column("max_points", gettext_lazy("Điểm tối đa"), required=True),
    Column("method", gettext_lazy("Cách chấm")),
    Column("tiers", gettext_lazy("Bậc điểm")),
    Column("indicator", gettext_lazy("Chỉ số đo")),
    Column("rule", gettext_lazy("Cách tính điểm")),
    Column("evidence_required", gettext_lazy("Tài liệu kiểm chứng")),
    Column("is_survey", gettext_lazy("Điều tra XHH")),
)
BAND_COLUMNS = (
    Column("band_name", gettext_lazy("Xếp loại"), required=True),
    Column("band_min", gettext_lazy("Từ điểm"), required=True),
)
INFO_COLUMNS = (Column("info_label", gettext_lazy("Thông tin")), Column("info_value", gettext_lazy("Giá trị")))
INFO_FIELDS: tuple[tuple[str, Promise], ...] = (
    ("year", gettext_lazy("Năm")),
    ("unit_group", gettext_lazy("Nhóm đơn vị")),
    ("name", gettext_lazy("Tên")),
    ("legal_basis", gettext_lazy("Căn cứ ban hành")),
    ("bonus_cap", gettext_lazy("Điểm thưởng tối đa")),
    ("penalty_cap", gettext_lazy("Điểm trừ tối đa")),
)
WIDTHS = {"code": 10, "title": 70, "max_points": 12, "method": 26, "tiers": 20, "indicator": 22, "rule": 60}
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _yes() -> str:
    return _("Có")


def _no() -> str:
    return _("Không")


def tiers_format(tiers: Sequence[Sequence[Number]]) -> str:
    """Tiers as written in the file and the form: "100:2; 98:1; 0:0"."""
    return "; ".join(f"{points_text(rate)}:{points_text(points)}" for rate, points in tiers)


def decimal_parse(value: Any) -> Decimal:
    """A number from a cell or a field: a number, or a text with a decimal comma or point; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace(" ", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(value) from None
    if not number.is_finite():
        raise ValueError(value)
    return number


def tiers_parse(text: Any) -> list[Tier]:
    """Tiers from "100:2; 98:1; 0:0" (rates may carry a %); ValueError with the reason in Vietnamese."""
    tiers: list[list[Decimal]] = []
    for part in str(text or "").replace("\n", ";").split(";"):
        if not part.strip():
            continue
        pieces = part.replace("%", "").split(":")
        try:
            if len(pieces) != 2:
                raise ValueError(part)
            tiers.append([decimal_parse(pieces[0]), decimal_parse(pieces[1])])
        except ValueError:
            raise ValueError(
                _("bậc “%(tier)s” không đúng dạng tỉ lệ:điểm, ví dụ 100:2; 98:1; 0:0.") % {"tier": part.strip()}
            ) from None
    return tiers_normalize(tiers)


def _cell_number(value: Decimal) -> Number:
    return int(value) if value == value.to_integral_value() else float(value)


def _header(sheet: Worksheet, columns: Sequence[Column]) -> None:
    sheet.append([str(column.header) for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(column.key, 30)


def framework_export_xlsx(framework: Framework) -> bytes:
    """The framework as a workbook that `framework_import_xlsx` reads back into the same framework."""
    workbook = Workbook()
    criteria = workbook.worksheets[0]
    criteria.title = str(CRITERIA_SHEET)
    _header(criteria, CRITERIA_COLUMNS)
    for row in framework_tree(framework):
        criterion = row.criterion
        criteria.append(
            [
                criterion.code,
                criterion.title,
                _cell_number(criterion.max_points),
                criterion.get_method_display(),
                tiers_format(criterion.tiers),
                criterion.indicator,
                criterion.rule,
                criterion.evidence_required,
                _yes() if criterion.is_survey else _no(),
            ]
        )
        line = criteria.max_row
        criteria.cell(line, 1).number_format = "@"
        criteria.cell(line, 2).alignment = Alignment(indent=row.depth, wrap_text=True, vertical="top")
        if row.depth == 0:
            for cell in criteria[line]:
                cell.font = Font(bold=True)
    last = max(criteria.max_row, 2) + 200
    methods = DataValidation(type="list", formula1=f'"{",".join(str(label) for label in ScoringMethod.labels)}"')
    survey = DataValidation(type="list", formula1=f'"{_yes()},{_no()}"')
    for validation, letter in ((methods, "D"), (survey, "I")):
        validation.allow_blank = True
        criteria.add_data_validation(validation)
        validation.add(f"{letter}2:{letter}{last}")
    bands = workbook.create_sheet(str(BANDS_SHEET))
    _header(bands, BAND_COLUMNS)
    for band in framework.bands.all():
        bands.append([band.name, _cell_number(band.min_score)])
    info = workbook.create_sheet(str(INFO_SHEET))
    _header(info, INFO_COLUMNS)
    info.column_dimensions["B"].width = 80
    values = {
        "year": framework.year,
        "unit_group": framework.get_unit_group_display(),
        "name": framework.name,
        "legal_basis": framework.legal_basis,
        "bonus_cap": _cell_number(framework.bonus_cap),
        "penalty_cap": _cell_number(framework.penalty_cap),
    }
    for key, label in INFO_FIELDS:
        info.append([str(label), values[key]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def framework_filename(framework: Framework) -> str:
    return f"bo-tieu-chi-{framework.year}-{framework.unit_group}.xlsx"


# ---- Import ----


def _sheet_label(title: Promise) -> str:
    return _("trang tính “%(sheet)s”") % {"sheet": title}


def _find_sheet(workbook: Any, title: Promise, problems: Problems) -> Worksheet | None:
    for sheet in workbook.worksheets:
        if fold(sheet.title) == fold(str(title)):
            return sheet
    problems.add_general(_("Tệp thiếu trang tính “%(sheet)s”.") % {"sheet": title})
    return None


def _read_sheet(sheet: Worksheet, title: Promise, columns: Sequence[Column], problems: Problems) -> list[SheetRow]:
    """Rows keyed by column; [] (and a problem naming the sheet) without a required column."""
    return sheet_rows(sheet, columns, problems, where=_sheet_label(title))


def _clean(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _code_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return code_clean(value)


def _choice(value: Any, choices: Any) -> str | None:
    """The value of a choice named by its label or its value (ignoring case and diacritics)."""
    wanted = fold(_text(value))
    for choice_value, label in choices:
        if wanted in (fold(str(choice_value)), fold(str(label))):
            return str(choice_value)
    return None


def _survey_flag(value: Any) -> bool | None:
    text = fold(_text(value))
    if text in ("", fold(_no()), "khong", "no", "0", "false"):
        return False
    if text in (fold(_yes()), "co", "x", "yes", "1", "true"):
        return True
    return None


@dataclass
class _CriterionRow:
    number: int
    code: str
    method: str | None
    spec: CriterionSpec | None  # None when a cell could not be read


def _parse_criterion(row: SheetRow, problems: Problems) -> _CriterionRow:
    values = row.values
    ok = True
    code = _code_text(values.get("code"))
    message = code_problem(code)
    if message:
        problems.add(row.number, "code", message)
        ok = False
    max_points = Decimal("0")
    raw_max = values.get("max_points")
    try:
        if raw_max in (None, ""):
            raise ValueError(raw_max)
        max_points = decimal_parse(raw_max)
    except ValueError:
        problems.add(
            row.number, "max_points", _("điểm tối đa “%(value)s” không phải là số.") % {"value": _text(raw_max)}
        )
        ok = False
    method = _choice(values.get("method"), ScoringMethod.choices) if _text(values.get("method")) else "manual"
    if method is None:
        problems.add(
            row.number,
            "method",
            _("cách chấm “%(value)s” không có trong danh mục (%(choices)s).")
            % {
                "value": _text(values.get("method")),
                "choices": "; ".join(str(label) for label in ScoringMethod.labels),
            },
        )
        ok = False
    tiers: list[Tier] = []
    try:
        tiers = tiers_parse(values.get("tiers"))
    except ValueError as error:
        problems.add(row.number, "tiers", str(error))
        ok = False
    is_survey = _survey_flag(values.get("is_survey"))
    if is_survey is None:
        problems.add(
            row.number,
            "is_survey",
            _("“%(value)s” phải là “Có” hoặc “Không”.") % {"value": _text(values.get("is_survey"))},
        )
        ok = False
    spec = None
    if ok and method is not None and is_survey is not None:
        spec = CriterionSpec(
            code=code,
            title=_text(values.get("title")),
            max_points=max_points,
            method=method,
            rule=_text(values.get("rule")),
            tiers=tiers,
            indicator=_text(values.get("indicator")),
            evidence_required=_text(values.get("evidence_required")),
            is_survey=is_survey,
        )
    return _CriterionRow(number=row.number, code=code if not message else "", method=method, spec=spec)


def _check_criteria(table: list[SheetRow], problems: Problems) -> list[CriterionSpec]:
    parsed = [_parse_criterion(row, problems) for row in table]
    coded = [item for item in parsed if item.code]
    for index, message in criteria_structure_problems([item.code for item in coded]):
        problems.add(coded[index].number, "code", message)
    methods = {item.code: item.method for item in coded}
    for item in parsed:
        if item.spec is None:
            continue
        parent = code_parent(item.code)
        for key, message in criterion_problems(
            item.spec, parent_method=methods.get(parent) if parent else None
        ).items():
            problems.add(item.number, key, message)
    return [item.spec for item in parsed if item.spec is not None]


def _check_bands(table: list[SheetRow], problems: Problems) -> list[tuple[str, Decimal]]:
    bands: list[tuple[str, Decimal]] = []
    names: dict[str, int] = {}
    scores: dict[Decimal, int] = {}
    for row in table:
        name = _text(row.values.get("band_name"))
        raw = row.values.get("band_min")
        try:
            if raw in (None, ""):
                raise ValueError(raw)
            min_score = decimal_parse(raw)
        except ValueError:
            problems.add(row.number, "band_min", _("“%(value)s” không phải là số.") % {"value": _text(raw)})
            continue
        found = band_problems(name, min_score)
        for key, message in found.items():
            problems.add(row.number, "band_name" if key == "name" else "band_min", message)
        if fold(name) in names:
            problems.add(
                row.number,
                "band_name",
                _("xếp loại “%(name)s” trùng với dòng %(row)s.") % {"name": name, "row": names[fold(name)]},
            )
        elif min_score in scores:
            problems.add(row.number, "band_min", _("mức điểm trùng với dòng %(row)s.") % {"row": scores[min_score]})
        elif not found:
            bands.append((name, min_score))
        names.setdefault(fold(name), row.number)
        scores.setdefault(min_score, row.number)
    return bands


@dataclass
class _Info:
    year: int | None = None
    year_row: int | None = None
    unit_group: str = UnitGroup.DEPARTMENT
    name: str = ""
    legal_basis: str = ""
    bonus_cap: Decimal = Decimal("0")
    penalty_cap: Decimal = Decimal("0")


def _check_info(sheet: Worksheet, problems: Problems, year: int | None) -> _Info:
    labels = {fold(str(label)): key for key, label in INFO_FIELDS}
    problems.columns["info_value"] = ("B", f"{_('Giá trị')}, {_sheet_label(INFO_SHEET)}")
    info = _Info(year=year)
    found: dict[str, tuple[int, Any]] = {}
    for number, raw in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        key = labels.get(fold(_text(raw[0]))) if raw else None
        if key is not None and key not in found:
            found[key] = (number, _clean(raw[1]) if len(raw) > 1 else None)
    file_year: int | None = None
    for key, (number, value) in found.items():
        if key == "year":
            try:
                file_year = int(decimal_parse(value))
            except ValueError:
                if year is None:
                    problems.add(number, "info_value", _("năm “%(value)s” không phải là số.") % {"value": _text(value)})
            if year is None:
                info.year, info.year_row = file_year, number
        elif key == "unit_group" and _text(value):
            group = _choice(value, UnitGroup.choices)
            if group is None:
                problems.add(
                    number,
                    "info_value",
                    _("nhóm đơn vị “%(value)s” không có trong danh mục.") % {"value": _text(value)},
                )
            else:
                info.unit_group = group
        elif key in ("name", "legal_basis"):
            setattr(info, key, _text(value))
        elif key in ("bonus_cap", "penalty_cap") and _text(value):
            try:
                cap = decimal_parse(value)
                if cap < 0:
                    raise ValueError(value)
                setattr(info, key, cap)
            except ValueError:
                problems.add(number, "info_value", _("“%(value)s” phải là số không âm.") % {"value": _text(value)})
    if year is not None and file_year is not None and str(file_year) in info.name:
        info.name = info.name.replace(str(file_year), str(year))
    if info.year is None and "year" not in found:
        problems.add_general(_("%(sheet)s: thiếu dòng “Năm”.") % {"sheet": _sheet_label(INFO_SHEET).capitalize()})
    if not info.name:
        if "name" in found:
            problems.add(found["name"][0], "info_value", _("tên bộ tiêu chí không được để trống."))
        else:
            problems.add_general(_("%(sheet)s: thiếu dòng “Tên”.") % {"sheet": _sheet_label(INFO_SHEET).capitalize()})
    return info


def framework_import_xlsx(*, actor: Any, stream: IO[bytes], year: int | None = None) -> Framework:
    """A new framework from a workbook (for `year` when given, else the year in “Thông tin”).

    Raises SpreadsheetInvalid naming every wrong sheet, row and column; nothing is written then. A year and unit
    group that already have a framework are refused.
    """
    problems = Problems()
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        problems.add_general(_("Không đọc được tệp Excel: %(error)s") % {"error": error})
        raise SpreadsheetInvalid(problems) from error
    try:
        criteria_sheet = _find_sheet(workbook, CRITERIA_SHEET, problems)
        bands_sheet = _find_sheet(workbook, BANDS_SHEET, problems)
        info_sheet = _find_sheet(workbook, INFO_SHEET, problems)
        criteria: list[CriterionSpec] = []
        bands: list[tuple[str, Decimal]] = []
        if criteria_sheet is not None:
            table = _read_sheet(criteria_sheet, CRITERIA_SHEET, CRITERIA_COLUMNS, problems)
            if not table and not problems:
                problems.add_general(
                    _("Trang tính “%(sheet)s” không có dòng tiêu chí nào.") % {"sheet": CRITERIA_SHEET}
                )
            criteria = _check_criteria(table, problems)
        if bands_sheet is not None:
            bands = _check_bands(_read_sheet(bands_sheet, BANDS_SHEET, BAND_COLUMNS, problems), problems)
        info = _check_info(info_sheet, problems, year) if info_sheet is not None else _Info(year=year)
    finally:
        workbook.close()
    if info.year is not None:
        message = framework_year_problem(info.year, info.unit_group)
        if message and info.year_row is not None:
            problems.add(info.year_row, "info_value", message)
        elif message:
            problems.add_general(message)
    if problems or info.year is None:
        raise SpreadsheetInvalid(problems)
    try:
        return framework_build(
            actor=actor,
            year=info.year,
            unit_group=info.unit_group,
            name=info.name,
            legal_basis=info.legal_basis,
            bonus_cap=info.bonus_cap,
            penalty_cap=info.penalty_cap,
            criteria=criteria,
            bands=bands,
            action="framework_import",
            note=str(getattr(stream, "name", "") or ""),
        )
    except ValidationError as error:
        for message in error.messages:
            problems.add_general(message)
        raise SpreadsheetInvalid(problems) from error
