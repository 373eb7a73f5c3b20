"""A realistic catalogue for the demo: about a dozen procedures of a Department of Health.

The figures of the cosmetics and medical-device procedures follow Ninh Thuận's QĐ 263/QĐ-UBND (2022) as quoted in
domain.md; the others are plausible demo values, not legal references. Safe to run twice (existing codes and
decision numbers are kept as they are).
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from cchc.org.models import Unit

from .choices import DocumentForm, OnlineService, ProcedureLevel
from .models import MinistryDecision, Procedure, ProcedureField, PublicationDecision
from .services import (
    ministry_decision_record,
    procedure_fields_ensure_defaults,
    procedure_publish,
    publication_decision_record,
)
from .versions import DocumentSpec

APPLICATION = DocumentSpec("Đơn đề nghị", DocumentForm.ORIGINAL, 1)
BUSINESS_REGISTRATION = DocumentSpec("Giấy chứng nhận đăng ký doanh nghiệp", DocumentForm.CERTIFIED_COPY, 1)

# code, name, field code, days, online days, fee, online service, online payment, extra documents
DEMO_PROCEDURES: tuple[tuple[str, str, str, int, int | None, int, str, bool, tuple[DocumentSpec, ...]], ...] = (
    (
        "1.000948.H38",
        "Cấp giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm",
        "MYPHAM",
        30,
        None,
        6_000_000,
        OnlineService.FULL,
        True,
        (
            DocumentSpec("Sơ đồ mặt bằng và thiết kế của cơ sở sản xuất", DocumentForm.COPY, 1),
            DocumentSpec("Danh mục thiết bị hiện có của cơ sở sản xuất", DocumentForm.ORIGINAL, 1),
        ),
    ),
    (
        "1.000949.H38",
        "Cấp lại giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm",
        "MYPHAM",
        5,
        None,
        0,
        OnlineService.FULL,
        True,
        (DocumentSpec("Giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm đã cấp (nếu có)", DocumentForm.COPY, 1),),
    ),
    (
        "1.000950.H38",
        "Điều chỉnh giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm",
        "MYPHAM",
        4,
        None,
        0,
        OnlineService.FULL,
        True,
        (DocumentSpec("Tài liệu chứng minh nội dung thay đổi", DocumentForm.COPY, 1),),
    ),
    (
        "1.001025.H38",
        "Cấp giấy chứng nhận lưu hành tự do (CFS) đối với mỹ phẩm sản xuất trong nước để xuất khẩu",
        "MYPHAM",
        3,
        None,
        1_000_000,
        OnlineService.PARTIAL,
        True,
        (DocumentSpec("Phiếu công bố sản phẩm mỹ phẩm đã được cấp số tiếp nhận", DocumentForm.COPY, 1),),
    ),
    (
        "1.003029.H38",
        "Công bố tiêu chuẩn áp dụng đối với trang thiết bị y tế thuộc loại A",
        "TTBYT",
        0,
        None,
        1_000_000,
        OnlineService.FULL,
        True,
        (DocumentSpec("Bản tóm tắt dữ liệu kỹ thuật về trang thiết bị y tế", DocumentForm.ORIGINAL, 1),),
    ),
    (
        "1.003030.H38",
        "Công bố đủ điều kiện mua bán trang thiết bị y tế thuộc loại B, C, D",
        "TTBYT",
        0,
        None,
        3_000_000,
        OnlineService.FULL,
        True,
        (DocumentSpec("Bản kê khai nhân sự", DocumentForm.ORIGINAL, 1),),
    ),
    (
        "1.002339.H38",
        "Cấp chứng chỉ hành nghề dược",
        "DUOC",
        20,
        None,
        500_000,
        OnlineService.PARTIAL,
        True,
        (
            DocumentSpec("Văn bằng chuyên môn", DocumentForm.CERTIFIED_COPY, 1),
            DocumentSpec("Giấy xác nhận thời gian thực hành chuyên môn", DocumentForm.ORIGINAL, 1),
            DocumentSpec("Giấy chứng nhận đủ sức khỏe hành nghề dược", DocumentForm.ORIGINAL, 1),
        ),
    ),
    (
        "1.002345.H38",
        "Cấp giấy chứng nhận đủ điều kiện kinh doanh dược đối với nhà thuốc",
        "DUOC",
        20,
        None,
        1_000_000,
        OnlineService.PARTIAL,
        True,
        (
            DocumentSpec("Tài liệu kỹ thuật về địa điểm, trang thiết bị của cơ sở", DocumentForm.ORIGINAL, 1),
            DocumentSpec("Chứng chỉ hành nghề dược của người phụ trách chuyên môn", DocumentForm.CERTIFIED_COPY, 1),
        ),
    ),
    (
        "1.012263.H38",
        "Cấp giấy phép hành nghề khám bệnh, chữa bệnh",
        "KCB",
        30,
        None,
        360_000,
        OnlineService.PARTIAL,
        False,
        (
            DocumentSpec("Văn bằng chuyên môn", DocumentForm.CERTIFIED_COPY, 1),
            DocumentSpec("Giấy chứng nhận đủ sức khỏe để hành nghề", DocumentForm.ORIGINAL, 1),
            DocumentSpec("Phiếu lý lịch tư pháp", DocumentForm.ORIGINAL, 1),
        ),
    ),
    (
        "1.012290.H38",
        "Cấp giấy phép hoạt động đối với phòng khám chuyên khoa",
        "KCB",
        60,
        None,
        4_300_000,
        OnlineService.PARTIAL,
        False,
        (
            DocumentSpec("Danh sách người hành nghề và giấy phép hành nghề", DocumentForm.COPY, 1),
            DocumentSpec("Danh mục thiết bị y tế của cơ sở", DocumentForm.ORIGINAL, 1),
        ),
    ),
    (
        "2.000591.H38",
        "Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
        "ATTP",
        20,
        15,
        1_000_000,
        OnlineService.FULL,
        True,
        (
            DocumentSpec("Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ", DocumentForm.ORIGINAL, 1),
            DocumentSpec("Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất", DocumentForm.COPY, 1),
        ),
    ),
    (
        "2.000655.H38",
        "Xác nhận nội dung quảng cáo thực phẩm",
        "ATTP",
        10,
        None,
        1_100_000,
        OnlineService.FULL,
        True,
        (DocumentSpec("Mẫu nội dung dự kiến quảng cáo", DocumentForm.ORIGINAL, 1),),
    ),
)


LEGAL_BASIS = {
    "MYPHAM": "Nghị định 93/2016/NĐ-CP quy định về điều kiện sản xuất mỹ phẩm",
    "TTBYT": "Nghị định 98/2021/NĐ-CP về quản lý trang thiết bị y tế",
    "DUOC": "Luật Dược 2016; Nghị định 54/2017/NĐ-CP",
    "KCB": "Luật Khám bệnh, chữa bệnh 2023; Nghị định 96/2023/NĐ-CP",
    "ATTP": "Luật An toàn thực phẩm 2010; Nghị định 15/2018/NĐ-CP",
}


def _demo_result(name: str) -> str:
    for prefix in ("Cấp lại ", "Điều chỉnh ", "Cấp "):
        if name.startswith(prefix):
            return name.removeprefix(prefix).capitalize()
    if name.startswith("Công bố"):
        return "Phiếu tiếp nhận hồ sơ công bố"
    return "Văn bản xác nhận nội dung"


@transaction.atomic
def procedures_seed_demo(
    *,
    resolving_unit: Unit,
    decision_number: str = "263/QĐ-UBND",
    decision_date: datetime.date = datetime.date(2022, 2, 15),
    actor: Any = None,
) -> list[Procedure]:
    """About a dozen procedures published by one provincial decision following a Ministry decision, plus one later
    Ministry decision not yet re-published (so the office's home page has something waiting)."""
    procedure_fields_ensure_defaults()
    fields = {item.code: item for item in ProcedureField.objects.all()}
    ministry = MinistryDecision.objects.filter(number="4567/QĐ-BYT").first() or ministry_decision_record(
        actor=actor,
        number="4567/QĐ-BYT",
        issued_on=decision_date - datetime.timedelta(days=57),
        summary="Công bố thủ tục hành chính mới ban hành, được sửa đổi, bổ sung lĩnh vực dược, mỹ phẩm",
    )
    decision = PublicationDecision.objects.filter(number=decision_number).first() or publication_decision_record(
        actor=actor,
        number=decision_number,
        issued_on=decision_date,
        ministry_decision=ministry,
        summary="Công bố danh mục thủ tục hành chính thuộc phạm vi chức năng quản lý của Sở Y tế",
    )
    if not MinistryDecision.objects.filter(number="1234/QĐ-BYT").exists():
        ministry_decision_record(
            actor=actor,
            number="1234/QĐ-BYT",
            issued_on=datetime.date(2026, 10, 15),
            summary="Công bố thủ tục hành chính được sửa đổi lĩnh vực khám bệnh, chữa bệnh",
        )
    created: list[Procedure] = []
    existing = set(Procedure.objects.values_list("code", flat=True))
    for code, name, field_code, days, online_days, fee, online, payment, documents in DEMO_PROCEDURES:
        if code in existing:
            continue
        created.append(
            procedure_publish(
                actor=actor,
                code=code,
                field=fields[field_code],
                level=ProcedureLevel.PROVINCE,
                resolving_unit=resolving_unit,
                decision=decision,
                documents=[APPLICATION, *documents, BUSINESS_REGISTRATION],
                name=name,
                time_limit_days=days,
                online_time_limit_days=online_days,
                fee_amount=Decimal(fee),
                online_service=online,
                online_payment=payment,
                postal_service=True,
                result=_demo_result(name),
                applicants="Tổ chức, cá nhân",
                legal_basis=LEGAL_BASIS[field_code],
            )
        )
    return created
