"""The receipt and appointment form (mẫu 01) and the apology letter (mẫu 04) as DOCX in the Nghị định 30 layout,
and the parts every desk form shares: the desk's heading, the applicant block, the signature row, the letter to
the applicant. The other forms (02, 03, 05, 06) are in `desk_forms`.

Callers check that the person may see the dossier; these builders read everything in it.
"""

import datetime
import io
from collections.abc import Sequence
from typing import Any

import segno
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

from cchc.plans.consolidation import BLANK_PLACE, default_place
from cchc.reports.documents import (
    OfficialDocument,
    add_body_paragraph,
    add_table,
    finish_official_document,
    new_official_document,
)

from .models import Apology, Dossier

STATUS_SIGNING_SALT = "cchc.dossiers.public-status"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def status_token(dossier: Dossier) -> str:
    """A signed token naming the dossier, standing in for the phone digits in the receipt's QR link."""
    return signing.dumps({"c": dossier.code}, salt=STATUS_SIGNING_SALT, compress=True)


def code_from_token(token: str) -> str | None:
    try:
        payload = signing.loads(token, salt=STATUS_SIGNING_SALT)
    except signing.BadSignature:
        return None
    code = payload.get("c") if isinstance(payload, dict) else None
    return code if isinstance(code, str) else None


def public_status_url(dossier: Dossier) -> str:
    """The absolute address of the dossier's public status page (what the receipt's QR code opens)."""
    path = reverse("dossiers_public:status", args=[status_token(dossier)])
    return f"{str(settings.CCHC_SITE_URL).rstrip('/')}{path}"


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def clock(moment: datetime.datetime | None) -> str:
    """ "09 giờ 05 phút, ngày 02/03/2026" in local time; dots when the moment is not known."""
    if moment is None:
        return "……"
    local = timezone.localtime(moment)
    return _("%(h)02d giờ %(m)02d phút, ngày %(date)s") % {
        "h": local.hour,
        "m": local.minute,
        "date": local.strftime("%d/%m/%Y"),
    }


def day(moment: datetime.datetime | None) -> str:
    """The local day of a moment as dd/mm/yyyy; dots when the moment is not known."""
    return timezone.localtime(moment).strftime("%d/%m/%Y") if moment else "……"


def plain_line(document: Any, text: str, *, bold: bool = False) -> None:
    """A body line of a desk form: like a body paragraph, without the first-line indent."""
    paragraph = add_body_paragraph(document, text)
    paragraph.paragraph_format.first_line_indent = Cm(0)
    for run in paragraph.runs:
        run.bold = bold


def docx_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def desk_form_document(dossier: Dossier, *, title: str, date: datetime.date | None) -> Any:
    """A desk form (phiếu) headed in the Nghị định 30 layout: the Sở above the receiving desk, the dossier code as
    its number, the form's title and the dossier code under it."""
    meta = OfficialDocument(
        governing_body=str(settings.CCHC_ORGANISATION_NAME),
        issuer=dossier.receiving_unit.name,
        number=dossier.code,
        place=default_place() or BLANK_PLACE,
        date=date,
        doc_type=title,
        summary=_("Mã hồ sơ: %(code)s") % {"code": dossier.code},
    )
    return new_official_document(meta)


def applicant_block(document: Any, dossier: Dossier, *, intro: str) -> None:
    """Who applied (name, address, phone, e-mail) and for which procedure, after an opening line."""
    plain_line(document, intro)
    plain_line(document, _("Ông/Bà/Tổ chức: %(name)s") % {"name": dossier.applicant_name}, bold=True)
    plain_line(document, _("Địa chỉ: %(value)s") % {"value": dossier.applicant_address or "……"})
    plain_line(document, _("Số điện thoại: %(value)s") % {"value": dossier.applicant_phone or "……"})
    plain_line(document, _("Thư điện tử: %(value)s") % {"value": dossier.applicant_email or "……"})
    plain_line(
        document,
        _("Nội dung yêu cầu giải quyết: %(name)s (mã thủ tục %(code)s).")
        % {"name": dossier.procedure_version.name, "code": dossier.procedure.code},
    )


def signature_row(document: Any, signers: Sequence[tuple[str, str]]) -> bytes:
    """The signatures at the foot of a desk form, one column per (title, name); a single signer signs on the
    right. Returns the .docx bytes."""
    document.add_paragraph()
    table = document.add_table(rows=1, cols=2)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # the block stays on one page
    for cell, (title, name) in zip(table.rows[0].cells[-len(signers) :], signers, strict=True):
        heading = cell.paragraphs[0]
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = heading.add_run(title.upper())
        run.bold, run.font.size = True, Pt(13)
        hint = cell.add_paragraph()
        hint.alignment = WD_ALIGN_PARAGRAPH.CENTER
        hint_run = hint.add_run(_("(Ký và ghi rõ họ tên)"))
        hint_run.italic, hint_run.font.size = True, Pt(12)
        for _blank in range(3):
            cell.add_paragraph()
        signer = cell.add_paragraph()
        signer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        signer_run = signer.add_run(name)
        signer_run.bold, signer_run.font.size = True, Pt(13)
    return docx_bytes(document)


def dossier_letter(
    dossier: Dossier, *, number: str, date: datetime.date | None, doc_type: str, summary: str, signer_name: str
) -> tuple[Any, OfficialDocument]:
    """A letter of the Sở to the applicant about the dossier (mẫu 04, 05), written up to its "Kính gửi" line.

    The caller writes the body and finishes it with `finish_official_document(document, meta)`.
    """
    meta = OfficialDocument(
        governing_body=str(settings.CCHC_GOVERNING_BODY),
        issuer=str(settings.CCHC_ORGANISATION_NAME),
        number=number or "……/……",
        place=default_place() or BLANK_PLACE,
        date=date,
        doc_type=doc_type,
        summary=summary,
        signer_name=signer_name,
        recipients=[_("Như trên;"), dossier.receiving_unit.name + ";", dossier.handling_unit.name + ";"],
        archive=f"VT, {dossier.handling_unit.code}",
    )
    document = new_official_document(meta)
    kinh_gui = add_body_paragraph(document, _("Kính gửi: %(name)s.") % {"name": dossier.applicant_name})
    kinh_gui.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return document, meta


def reception_sentence(dossier: Dossier) -> str:
    """ "Ngày …, <Sở> tiếp nhận hồ sơ mã số … của … đề nghị giải quyết thủ tục “…”." """
    return _(
        "Ngày %(received)s, %(org)s tiếp nhận hồ sơ mã số %(code)s của %(name)s đề nghị giải quyết thủ tục "
        "“%(procedure)s”."
    ) % {
        "received": day(dossier.received_at),
        "org": settings.CCHC_ORGANISATION_NAME,
        "code": dossier.code,
        "name": dossier.applicant_name,
        "procedure": dossier.procedure_version.name,
    }


def receipt_docx(dossier: Dossier) -> bytes:
    """Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, with the QR code of the public status page."""
    document = desk_form_document(
        dossier,
        title=_("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        date=timezone.localtime(dossier.received_at).date(),
    )
    applicant_block(document, dossier, intro=_("%(unit)s tiếp nhận hồ sơ của:") % {"unit": dossier.receiving_unit.name})
    plain_line(document, _("1. Thành phần hồ sơ nộp gồm:"))
    rows = [
        [index, item.get("name", ""), item.get("form", ""), item.get("count", 1)]
        for index, item in enumerate(dossier.documents_received, start=1)
    ]
    if rows:
        add_table(document, [_("TT"), _("Tên giấy tờ"), _("Bản chính/bản sao"), _("Số lượng")], rows, (1, 9, 4, 2))
    else:
        plain_line(document, _("(Không có giấy tờ kèm theo.)"))
    plain_line(document, _("2. Số lượng hồ sơ: 01 bộ."))
    plain_line(
        document,
        _("3. Thời gian giải quyết hồ sơ theo quy định là: %(days)s ngày làm việc.")
        % {"days": dossier.time_limit_days},
    )
    plain_line(document, _("4. Thời gian nhận hồ sơ: %(moment)s.") % {"moment": clock(dossier.received_at)})
    plain_line(
        document,
        _("5. Thời gian trả kết quả giải quyết hồ sơ: %(moment)s.") % {"moment": clock(dossier.appointment_at)},
    )
    plain_line(
        document,
        _("6. Hình thức nộp: %(channel)s. Nhận kết quả tại: %(unit)s.")
        % {"channel": dossier.get_channel_display(), "unit": dossier.receiving_unit.name},
    )
    plain_line(
        document,
        _("Tra cứu tình trạng hồ sơ: quét mã QR dưới đây, hoặc nhập mã hồ sơ và 4 số cuối điện thoại tại %(url)s.")
        % {"url": f"{str(settings.CCHC_SITE_URL).rstrip('/')}{reverse('dossiers_public:lookup')}"},
    )
    document.add_picture(io.BytesIO(qr_png(public_status_url(dossier))), width=Cm(3.2))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    officer = dossier.received_by.full_name if dossier.received_by else ""
    return signature_row(document, [(_("Người nộp hồ sơ"), ""), (_("Người tiếp nhận hồ sơ"), officer)])


def apology_docx(apology: Apology) -> bytes:
    """Mẫu 04: văn bản xin lỗi và hẹn lại ngày trả kết quả (reason, dossier code, new appointment date)."""
    dossier = apology.dossier
    document, meta = dossier_letter(
        dossier,
        number=apology.number,
        date=apology.issued_on,
        doc_type="",
        summary=_("xin lỗi và hẹn lại ngày trả kết quả giải quyết hồ sơ"),
        signer_name=apology.decided_by.full_name if apology.decided_by else "",
    )
    add_body_paragraph(
        document,
        reception_sentence(dossier)
        + " "
        + _("Theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả, thời hạn trả kết quả là ngày %(due)s.")
        % {"due": day(dossier.due_at)},
    )
    add_body_paragraph(
        document,
        _("Tuy nhiên, hồ sơ không được giải quyết đúng hạn. Lý do: %(reason)s") % {"reason": apology.reason},
    )
    add_body_paragraph(
        document,
        _(
            "%(org)s trân trọng xin lỗi về sự chậm trễ này và hẹn lại thời gian trả kết quả giải quyết hồ sơ vào "
            "ngày %(date)s. Rất mong nhận được sự thông cảm của Quý ông/bà/tổ chức./."
        )
        % {"org": settings.CCHC_ORGANISATION_NAME, "date": day(apology.new_appointment_at)},
    )
    return finish_official_document(document, meta)
