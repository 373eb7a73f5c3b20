"""The XLSX layout of the catalogue “as published by the province”: one definition serves the import, its template
and the export of the list, so an exported file imports back unchanged. Also the readers of its cells."""

import datetime
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.core.spreadsheets import Column
from cchc.core.text import fold

from .choices import DocumentForm, OnlineService, ProcedureLevel, PublicationAction
from .models import Procedure
from .versions import DocumentSpec

CATALOGUE_COLUMNS: tuple[Column, ...] = (
    Column("code", gettext_lazy("Mã thủ tục"), required=True),
    Column("name", gettext_lazy("Tên thủ tục"), required=True),
    Column("field", gettext_lazy("Lĩnh vực"), required=True),
    Column("level", gettext_lazy("Cấp thực hiện"), required=True),
    Column("unit", gettext_lazy("Đơn vị giải quyết (mã đơn vị)"), required=True),
    Column("time_limit_days", gettext_lazy("Thời hạn giải quyết (ngày làm việc)"), required=True),
    Column("online_time_limit_days", gettext_lazy("Thời hạn trực tuyến (ngày làm việc)")),
    Column("fee", gettext_lazy("Phí, lệ phí")),
    Column("documents", gettext_lazy("Thành phần hồ sơ")),
    Column("steps", gettext_lazy("Trình tự thực hiện")),
    Column("applicants", gettext_lazy("Đối tượng thực hiện")),
    Column("legal_basis", gettext_lazy("Căn cứ pháp lý")),
    Column("result", gettext_lazy("Kết quả thực hiện")),
    Column("online_service", gettext_lazy("Dịch vụ công trực tuyến")),
    Column("online_payment", gettext_lazy("Thanh toán trực tuyến")),
    Column("postal_service", gettext_lazy("Bưu chính công ích")),
    Column("decision_number", gettext_lazy("Số QĐ công bố")),
    Column("decision_date", gettext_lazy("Ngày QĐ công bố")),
    Column("action", gettext_lazy("Hình thức")),
    Column("ministry_number", gettext_lazy("Số QĐ của Bộ")),
    Column("ministry_date", gettext_lazy("Ngày QĐ của Bộ")),
)

CODE_PATTERN = re.compile(r"^\d\.\d{6}(\.[0-9A-Z]{2,3})*$")
MAX_DAYS = 365


def _words(value: Any) -> str:
    """Folded text with punctuation turned into spaces, for matching labels written in many ways."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(str(value or ""))).split())


LEVELS = {
    **{_words(label): code for code, label in ProcedureLevel.choices},
    "tinh": ProcedureLevel.PROVINCE,
    "province": ProcedureLevel.PROVINCE,
    "xa": ProcedureLevel.COMMUNE,
    "commune": ProcedureLevel.COMMUNE,
}
ONLINE_SERVICES = {
    **{_words(label): code for code, label in OnlineService.choices},
    "toan trinh": OnlineService.FULL,
    "muc do 4": OnlineService.FULL,
    "mot phan": OnlineService.PARTIAL,
    "muc do 3": OnlineService.PARTIAL,
    "khong": OnlineService.NONE,
    "": OnlineService.NONE,
}
ACTIONS = {
    **{_words(label): code for code, label in PublicationAction.choices},
    "cong bo": PublicationAction.PUBLISH,
    "moi": PublicationAction.PUBLISH,
    "sua doi": PublicationAction.AMEND,
    "sua doi bo sung": PublicationAction.AMEND,
    "": PublicationAction.PUBLISH,
}
YES = {"co", "x", "yes", "1", "true", "co ap dung"}
NO = {"khong", "", "no", "0", "false", "khong ap dung"}
DOCUMENT_FORMS = (
    ("ban chinh hoac ban sao", DocumentForm.ORIGINAL_OR_COPY),
    ("ban sao chung thuc", DocumentForm.CERTIFIED_COPY),
    ("ban sao co chung thuc", DocumentForm.CERTIFIED_COPY),
    ("ban chinh", DocumentForm.ORIGINAL),
    ("ban sao", DocumentForm.COPY),
)
BULLET = re.compile(r"^\s*(?:[-+•*–]|\d{1,2}[.)]|[a-zđ][)])\s*", re.IGNORECASE)
TRAILING_SPEC = re.compile(r"^(?P<name>.*\S)\s*\((?P<spec>[^()]*)\)\s*[.;]?$")
COUNT = re.compile(r"(\d+)\s*(?:ban|bo)\b")


def level_from(value: Any) -> str:
    code = LEVELS.get(_words(value))
    if code is None:
        raise ValueError(_("cấp thực hiện “%(value)s” không hợp lệ (Cấp tỉnh hoặc Cấp xã).") % {"value": value})
    return code


def online_service_from(value: Any) -> str:
    code = ONLINE_SERVICES.get(_words(value))
    if code is None:
        raise ValueError(_("“%(value)s” không hợp lệ (ghi Toàn trình, Một phần hoặc Không).") % {"value": value})
    return code


def action_from(value: Any) -> str:
    code = ACTIONS.get(_words(value))
    if code is None:
        raise ValueError(
            _("hình thức “%(value)s” không hợp lệ (Công bố mới, Sửa đổi, Thay thế hoặc Bãi bỏ).") % {"value": value}
        )
    return code


def yes_no_from(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    words = _words(value)
    if words in YES:
        return True
    if words in NO:
        return False
    raise ValueError(_("“%(value)s” không hợp lệ (ghi Có hoặc Không).") % {"value": value})


def days_from(value: Any, *, required: bool) -> int | None:
    """A number of working days from a number cell or a text such as “30” or “30 ngày làm việc”."""
    if value in (None, ""):
        if required:
            raise ValueError(_("không được để trống."))
        return None
    if isinstance(value, bool):
        raise ValueError(_("“%(value)s” không phải số ngày hợp lệ.") % {"value": value})
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        match = re.fullmatch(r"(\d+)(?:\s*ngay(?:\s*lam\s*viec)?)?", _words(value))
        if match is None:
            raise ValueError(_("“%(value)s” không phải số ngày hợp lệ (số nguyên, ví dụ 30).") % {"value": value})
        number = Decimal(match.group(1))
    if number != number.to_integral_value() or number < 0 or number > MAX_DAYS:
        raise ValueError(
            _("“%(value)s” không phải số ngày hợp lệ (số nguyên từ 0 đến %(max)s).") % {"value": value, "max": MAX_DAYS}
        )
    return int(number)


def fee_from(value: Any) -> tuple[Decimal, str]:
    """The fee in đồng and a note: “6.000.000 đồng” → 6000000; “Không” → 0; other text is kept as the note."""
    if value in (None, ""):
        return Decimal(0), ""
    if isinstance(value, bool):
        raise ValueError(_("“%(value)s” không phải số tiền hợp lệ.") % {"value": value})
    if isinstance(value, int | float | Decimal):
        amount = Decimal(str(value))
        if amount < 0 or amount != amount.to_integral_value():
            raise ValueError(_("“%(value)s” không phải số tiền hợp lệ (số đồng, không âm).") % {"value": value})
        return amount, ""
    text = str(value).strip()
    folded = fold(text)
    if folded in {"khong", "khong thu", "mien phi", "khong co", "mien"}:
        return Decimal(0), ""
    match = re.fullmatch(r"([\d.,\s]+)\s*(?:d|dong|vnd|vnđ)?\.?", folded)
    if match is not None:
        digits = re.sub(r"[^\d]", "", match.group(1))
        if digits:
            return Decimal(digits), ""
    return Decimal(0), text


def fee_cell(amount: Decimal, note: str) -> Any:
    return note or int(amount)


def documents_from(value: Any) -> list[DocumentSpec]:
    """One document a line: “Đơn đề nghị (bản chính, 01 bản)”; the bracket is read when it names a form or count."""
    documents: list[DocumentSpec] = []
    for raw in str(value or "").splitlines():
        line = BULLET.sub("", raw).strip()
        if not line:
            continue
        name, form, count = line, DocumentForm.ORIGINAL_OR_COPY, 1
        match = TRAILING_SPEC.match(line)
        if match is not None:
            spec = _words(match.group("spec"))
            found_form = next((code for words, code in DOCUMENT_FORMS if words in spec), None)
            found_count = COUNT.search(spec)
            if found_form is not None or found_count is not None:
                name = match.group("name").rstrip(" ,:;")
                form = found_form or form
                count = max(1, int(found_count.group(1))) if found_count else 1
        documents.append(DocumentSpec(name=name[:500], form=form, count=count))
    return documents


def documents_cell(documents: Iterable[DocumentSpec]) -> str:
    return "\n".join(document.line() for document in documents)


def date_cell(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def catalogue_rows(procedures: Iterable[Procedure]) -> Iterator[list[Any]]:
    """One row per procedure in CATALOGUE_COLUMNS order (prefetch current_version__documents)."""
    for procedure in procedures:
        version = procedure.current_version
        if version is None:
            continue
        decision = version.decision
        ministry = decision.ministry_decision if decision else None
        yield [
            procedure.code,
            version.name,
            procedure.field.name,
            procedure.get_level_display(),
            procedure.resolving_unit.code,
            version.time_limit_days,
            version.online_time_limit_days,
            fee_cell(version.fee_amount, version.fee_text),
            documents_cell(
                DocumentSpec(name=item.name, form=item.form, count=item.count) for item in version.documents.all()
            ),
            version.steps,
            version.applicants,
            version.legal_basis,
            version.result,
            version.get_online_service_display(),
            _("Có") if version.online_payment else _("Không"),
            _("Có") if version.postal_service else _("Không"),
            decision.number if decision else "",
            date_cell(decision.issued_on) if decision else "",
            version.get_action_display(),
            ministry.number if ministry else "",
            date_cell(ministry.issued_on) if ministry else "",
        ]


def template_rows() -> list[list[Any]]:
    """The example row of the downloadable template (a procedure of the domain reference)."""
    return [
        [
            "1.000948.H38",
            "Cấp giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm",
            "Mỹ phẩm",
            "Cấp tỉnh",
            "NVD",
            30,
            "",
            6000000,
            "Đơn đề nghị cấp giấy chứng nhận (bản chính, 01 bản)\n"
            "Sơ đồ mặt bằng và thiết kế của cơ sở sản xuất (bản sao, 01 bản)\n"
            "Danh mục thiết bị hiện có của cơ sở sản xuất (bản chính, 01 bản)",
            "Nộp hồ sơ tại Bộ phận một cửa hoặc qua Cổng dịch vụ công; nhận kết quả trực tiếp hoặc qua bưu chính.",
            "Tổ chức, doanh nghiệp",
            "Nghị định 93/2016/NĐ-CP; Thông tư 277/2016/TT-BTC",
            "Giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm",
            "Toàn trình",
            "Có",
            "Có",
            "263/QĐ-UBND",
            "15/02/2022",
            "Công bố mới",
            "4567/QĐ-BYT",
            "20/12/2021",
        ]
    ]
