"""The forms of the one-stop rules (TT 03/2025/TT-VPCP) that the desk prints for a dossier, and the heading of its
logbook.

Mẫu 02 (supplement request), 03 (refusal), 05 (stop notice) and 06 (process control sheet) are built here as DOCX in
the Nghị định 30 layout with the shared parts of `receipts` (which builds 01 and 04); `DESK_FORMS` is the registry
the desk's download view dispatches on, and says for which dossiers each form applies. Mẫu 07 (the logbook) is the
desk list's XLSX export under the heading that `logbook_heading` writes.

Callers check that the person may see the dossier; these builders read everything in it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.core.selectors import audit_events_for
from cchc.reports.documents import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    add_body_paragraph,
    add_table,
    finish_official_document,
)

from . import deadlines
from .choices import DossierStatus, Timeliness
from .models import Dossier, DossierPause
from .receipts import (
    applicant_block,
    clock,
    day,
    desk_form_document,
    docx_bytes,
    dossier_letter,
    plain_line,
    receipt_docx,
    reception_sentence,
    signature_row,
)

MOMENT_FORMAT = "%d/%m/%Y\n%H:%M"  # two lines in the control sheet's narrow columns
CONTROL_SHEET_WIDTHS = (1.0, 3.7, 2.5, 2.5, 2.5, 2.0, 2.3)


def _moment(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).strftime(MOMENT_FORMAT) if value else ""


def _local_date(value: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(value).date() if value else None


def _person(user: Any) -> str:
    return user.full_name if user is not None else ""


def _numbered(text: str) -> list[str]:
    """The non-empty lines of a free text, numbered 1., 2., … (one item of a request per line)."""
    lines = [line.strip(" -•\t") for line in text.splitlines()]
    return [f"{index}. {line}" for index, line in enumerate((line for line in lines if line), start=1)]


def _received_intro(dossier: Dossier) -> str:
    return _("%(unit)s tiếp nhận hồ sơ ngày %(date)s của:") % {
        "unit": dossier.receiving_unit.name,
        "date": day(dossier.received_at),
    }


def supplement_request_docx(dossier: Dossier, pause: DossierPause) -> bytes:
    """Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — what one supplement request asks for, when and by whom."""
    document = desk_form_document(
        dossier, title=_("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"), date=_local_date(pause.started_at)
    )
    applicant_block(document, dossier, intro=_received_intro(dossier))
    requester = pause.requested_by
    who = _person(requester)
    if requester is not None and requester.unit is not None:
        who = f"{who} ({requester.unit.name})"
    plain_line(
        document,
        _("Ngày %(date)s, %(who)s yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:")
        % {"date": day(pause.started_at), "who": who or dossier.handling_unit.name},
    )
    for item in _numbered(pause.reason):
        plain_line(document, item)
    plain_line(
        document,
        _("Lý do: hồ sơ chưa đầy đủ, hợp lệ theo quy định của thủ tục hành chính “%(procedure)s”.")
        % {"procedure": dossier.procedure_version.name},
    )
    if pause.ended_at is None:
        paused = _("Thời hạn giải quyết hồ sơ tạm dừng từ %(moment)s đến khi nhận đủ hồ sơ bổ sung.") % {
            "moment": clock(pause.started_at)
        }
    else:
        paused = _(
            "Thời hạn giải quyết hồ sơ tạm dừng từ %(start)s; đã nhận hồ sơ bổ sung lúc %(end)s "
            "(tạm dừng %(days)s ngày làm việc)."
        ) % {"start": clock(pause.started_at), "end": clock(pause.ended_at), "days": pause.paused_working_days}
    plain_line(document, paused)
    plain_line(
        document,
        _(
            "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà/Tổ chức liên hệ %(unit)s (mã hồ sơ %(code)s) "
            "để được hướng dẫn."
        )
        % {"unit": dossier.receiving_unit.name, "code": dossier.code},
    )
    return signature_row(document, [(_("Người tiếp nhận hồ sơ"), _person(dossier.received_by))])


def _closed_by(dossier: Dossier, action: str) -> Any:
    """Who closed the dossier with `action` (from its audit history), else the officer who received it."""
    event = audit_events_for(dossier).filter(action=action).first()
    if event is not None and event.actor is not None:
        return event.actor
    return dossier.received_by


def refusal_docx(dossier: Dossier) -> bytes:
    """Mẫu 03: Phiếu từ chối tiếp nhận, giải quyết hồ sơ, with the reason recorded when the dossier was refused."""
    document = desk_form_document(
        dossier, title=_("Phiếu từ chối tiếp nhận, giải quyết hồ sơ"), date=_local_date(dossier.finished_at)
    )
    applicant_block(document, dossier, intro=_received_intro(dossier))
    plain_line(
        document,
        _("Qua xem xét, %(unit)s thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:")
        % {"unit": dossier.receiving_unit.name},
    )
    for line in dossier.closed_reason.splitlines() or ["……"]:
        plain_line(document, line)
    plain_line(document, _("Xin thông báo để Ông/Bà/Tổ chức được biết và thực hiện./."))
    officer = _person(_closed_by(dossier, "dossier_refuse"))
    return signature_row(document, [(_("Người tiếp nhận hồ sơ"), officer)])


def stop_notice_docx(dossier: Dossier) -> bytes:
    """Mẫu 05: Thông báo về việc dừng giải quyết hồ sơ — a letter of the Sở to the applicant, with the reason."""
    stopped = _local_date(dossier.finished_at)
    document, meta = dossier_letter(
        dossier,
        number="",
        date=stopped,
        doc_type=_("Thông báo"),
        summary=_("Về việc dừng giải quyết hồ sơ"),
        signer_name="",
    )
    add_body_paragraph(document, reception_sentence(dossier))
    add_body_paragraph(
        document,
        _("Ngày %(date)s, %(org)s dừng giải quyết hồ sơ nêu trên. Lý do: %(reason)s")
        % {
            "date": day(dossier.finished_at),
            "org": settings.CCHC_ORGANISATION_NAME,
            "reason": f"{dossier.closed_reason.rstrip('.')}." if dossier.closed_reason else "……",
        },
    )
    add_body_paragraph(
        document,
        _("%(org)s thông báo để Ông/Bà/Tổ chức được biết; nếu cần được giải đáp, xin liên hệ %(unit)s./.")
        % {"org": settings.CCHC_ORGANISATION_NAME, "unit": dossier.receiving_unit.name},
    )
    return finish_official_document(document, meta)


@dataclass
class _Handover:
    """One row of the control sheet: who held the dossier, from when, until when, against which deadline."""

    moment: datetime.datetime
    holder: str
    started: datetime.datetime | None
    due: datetime.datetime | None
    finished: datetime.datetime | None
    note: str = ""
    result: str = ""


def _holder(what: str, *who: Any) -> str:
    return "\n".join([what, *(str(part) for part in who if part)])


def _result(calendar: Any, row: _Handover, now: datetime.datetime) -> str:
    """Early / on time / late for a finished row with a deadline; running rows say whether they are past due."""
    if row.result or row.due is None:
        return row.result
    if row.finished is None:
        return _("Đang xử lý, đã quá hạn") if now > row.due else _("Đang xử lý")
    return str(Timeliness(deadlines.timeliness_at(calendar, row.finished, row.due)).label)


def _handovers(dossier: Dossier) -> list[_Handover]:
    """Reception, each step, each supplement pause, the finish and the return, oldest first."""
    rows = [
        _Handover(
            dossier.received_at,
            _holder(_("Tiếp nhận hồ sơ"), dossier.receiving_unit.name, _person(dossier.received_by)),
            dossier.received_at,
            None,
            dossier.received_at,
            dossier.get_channel_display(),
        )
    ]
    for step in dossier.steps.select_related("handling_unit", "handler"):
        rows.append(
            _Handover(
                step.started_at,
                _holder(f"{step.order}. {step.name}", step.handling_unit.name, _person(step.handler)),
                step.started_at,
                step.due_at,
                step.finished_at,
                step.note,
            )
        )
    for pause in dossier.pauses.select_related("requested_by"):
        note = pause.reason
        if pause.ended_at is not None:
            note = _("%(reason)s (tạm dừng %(days)s ngày làm việc)") % {
                "reason": pause.reason,
                "days": pause.paused_working_days,
            }
        rows.append(
            _Handover(
                pause.started_at,
                _holder(_("Chờ công dân bổ sung hồ sơ"), _person(pause.requested_by)),
                pause.started_at,
                None,
                pause.ended_at,
                note,
            )
        )
    if dossier.finished_at is not None:
        finished = dossier.status in {DossierStatus.RESULT_READY, DossierStatus.RETURNED}
        rows.append(
            _Handover(
                dossier.finished_at,
                _holder(
                    _("Có kết quả giải quyết") if finished else dossier.get_status_display(),
                    dossier.handling_unit.name,
                ),
                dossier.finished_at,
                dossier.due_at if finished else None,
                dossier.finished_at,
                "" if finished else dossier.closed_reason,
                dossier.get_timeliness_display(),
            )
        )
    if dossier.returned_at is not None:
        rows.append(
            _Handover(
                dossier.returned_at,
                _holder(_("Trả kết quả cho công dân"), dossier.receiving_unit.name),
                dossier.finished_at,
                dossier.appointment_at,
                dossier.returned_at,
                dossier.get_return_method_display(),
            )
        )
    return sorted(rows, key=lambda row: row.moment)


def control_sheet_docx(dossier: Dossier) -> bytes:
    """Mẫu 06: Phiếu kiểm soát quá trình giải quyết hồ sơ — every handover from reception to return, with its
    deadline and whether it was early, on time or late."""
    document = desk_form_document(
        dossier, title=_("Phiếu kiểm soát quá trình giải quyết hồ sơ"), date=_local_date(dossier.received_at)
    )
    plain_line(document, _("Kèm theo hồ sơ của: %(name)s") % {"name": dossier.applicant_name}, bold=True)
    plain_line(
        document,
        _("Liên hệ: số điện thoại %(phone)s; thư điện tử %(email)s")
        % {"phone": dossier.applicant_phone or "……", "email": dossier.applicant_email or "……"},
    )
    plain_line(
        document,
        _("Thủ tục: %(name)s (mã thủ tục %(code)s).")
        % {"name": dossier.procedure_version.name, "code": dossier.procedure.code},
    )
    plain_line(document, _("Cơ quan (bộ phận) giải quyết hồ sơ: %(unit)s.") % {"unit": dossier.handling_unit.name})
    plain_line(
        document,
        _("Thời hạn giải quyết: %(days)s ngày làm việc; hạn giải quyết: %(due)s; ngày hẹn trả: %(appointment)s.")
        % {
            "days": dossier.time_limit_days,
            "due": clock(dossier.due_at),
            "appointment": clock(dossier.appointment_at),
        },
    )
    now = timezone.now()
    calendar = deadlines.calendar_for(dossier.received_at, now)
    rows = [
        [
            index,
            row.holder,
            _moment(row.started),
            _moment(row.due),
            _moment(row.finished),
            _result(calendar, row, now),
            row.note,
        ]
        for index, row in enumerate(_handovers(dossier), start=1)
    ]
    add_table(
        document,
        [
            _("TT"),
            _("Bước, đơn vị và người xử lý"),
            _("Bắt đầu (nhận hồ sơ)"),
            _("Hạn"),
            _("Hoàn thành (giao hồ sơ)"),
            _("Kết quả (trước hạn, đúng hạn, quá hạn)"),
            _("Ghi chú"),
        ],
        rows,
        CONTROL_SHEET_WIDTHS,
    )
    plain_line(
        document,
        _(
            "Ghi chú: hạn của mỗi bước tính theo ngày làm việc từ khi bước bắt đầu; thời gian chờ công dân bổ sung "
            "hồ sơ không tính vào thời hạn giải quyết."
        ),
    )
    return docx_bytes(document)


@dataclass(frozen=True)
class DeskForm:
    """A form the desk prints for a dossier: its number, title, file name, for what it can be printed, its builder.

    `choices` lists (item, label) that the form can be printed for — one empty item for a form printed once per
    dossier, one item per supplement request for form 02 — and nothing when the form does not apply to the dossier.
    `build` makes the DOCX for one of those items.
    """

    code: str
    title: str | Promise
    filename: str
    choices: Callable[[Dossier], list[tuple[str, str]]]
    build: Callable[[Dossier, str], bytes]


def _once(dossier: Dossier) -> list[tuple[str, str]]:
    return [("", "")]


def _once_when(status: str) -> Callable[[Dossier], list[tuple[str, str]]]:
    def choices(dossier: Dossier) -> list[tuple[str, str]]:
        return _once(dossier) if dossier.status == status else []

    return choices


def _supplement_requests(dossier: Dossier) -> list[tuple[str, str]]:
    """One item per supplement request, the latest first (the default)."""
    return [
        (str(pause.pk), _("yêu cầu ngày %(date)s") % {"date": day(pause.started_at)})
        for pause in dossier.pauses.order_by("-started_at", "-pk")
    ]


def _build_supplement_request(dossier: Dossier, item: str) -> bytes:
    pause = dossier.pauses.select_related("requested_by__unit").get(pk=int(item))
    return supplement_request_docx(dossier, pause)


DESK_FORMS: dict[str, DeskForm] = {
    form.code: form
    for form in (
        DeskForm(
            "01",
            gettext_lazy("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
            "giay-tiep-nhan",
            _once,
            lambda dossier, item: receipt_docx(dossier),
        ),
        DeskForm(
            "02",
            gettext_lazy("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
            "phieu-yeu-cau-bo-sung",
            _supplement_requests,
            _build_supplement_request,
        ),
        DeskForm(
            "03",
            gettext_lazy("Phiếu từ chối tiếp nhận, giải quyết hồ sơ"),
            "phieu-tu-choi",
            _once_when(DossierStatus.REFUSED),
            lambda dossier, item: refusal_docx(dossier),
        ),
        DeskForm(
            "05",
            gettext_lazy("Thông báo về việc dừng giải quyết hồ sơ"),
            "thong-bao-dung-giai-quyet",
            _once_when(DossierStatus.STOPPED),
            lambda dossier, item: stop_notice_docx(dossier),
        ),
        DeskForm(
            "06",
            gettext_lazy("Phiếu kiểm soát quá trình giải quyết hồ sơ"),
            "phieu-kiem-soat",
            _once,
            lambda dossier, item: control_sheet_docx(dossier),
        ),
    )
}


def logbook_heading(
    *, issuer: str, since: datetime.date | None, until: datetime.date | None, width: int
) -> list[list[str]]:
    """The rows above the logbook's table (mẫu 07), in the Nghị định 30 layout: the Sở and the desk on the left,
    the national motto on the right, then the title and the reception period."""
    right = max(width - 4, 1)

    def row(left: str, motto: str) -> list[str]:
        return [left, *([""] * (right - 1)), motto]

    dates = {
        "since": since.strftime("%d/%m/%Y") if since else "",
        "until": until.strftime("%d/%m/%Y") if until else "",
        "today": timezone.localdate().strftime("%d/%m/%Y"),
    }
    if since and until:
        period = _("Hồ sơ tiếp nhận từ ngày %(since)s đến ngày %(until)s") % dates
    elif since:
        period = _("Hồ sơ tiếp nhận từ ngày %(since)s") % dates
    elif until:
        period = _("Hồ sơ tiếp nhận đến ngày %(until)s") % dates
    else:
        period = _("Hồ sơ theo bộ lọc của danh sách, lập ngày %(today)s") % dates
    return [
        row(str(settings.CCHC_ORGANISATION_NAME).upper(), NATIONAL_NAME),
        row(issuer.upper(), NATIONAL_MOTTO),
        [],
        [_("SỔ THEO DÕI HỒ SƠ")],
        [period],
        [],
    ]
