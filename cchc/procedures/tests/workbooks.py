"""Catalogue files for the tests, laid out as the province publishes them."""

import io
from typing import Any

from openpyxl import Workbook

from cchc.procedures.tables import CATALOGUE_COLUMNS

HEADERS = [str(column.header) for column in CATALOGUE_COLUMNS]


def catalogue_row(**overrides: Any) -> dict[str, Any]:
    """One row of a valid catalogue file, keyed by column key."""
    row: dict[str, Any] = {
        "code": "1.000948.H38",
        "name": "Cấp giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm",
        "field": "Mỹ phẩm",
        "level": "Cấp tỉnh",
        "unit": "NVY",
        "time_limit_days": 30,
        "online_time_limit_days": None,
        "fee": 6000000,
        "documents": "Đơn đề nghị (bản chính, 01 bản)\nSơ đồ mặt bằng cơ sở sản xuất (bản sao, 01 bản)",
        "steps": "",
        "applicants": "Tổ chức, doanh nghiệp",
        "legal_basis": "Nghị định 93/2016/NĐ-CP",
        "result": "Giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm",
        "online_service": "Toàn trình",
        "online_payment": "Có",
        "postal_service": "Có",
        "decision_number": "263/QĐ-UBND",
        "decision_date": "15/02/2022",
        "action": "Công bố mới",
        "ministry_number": "4567/QĐ-BYT",
        "ministry_date": "20/12/2021",
    }
    row.update(overrides)
    return row


def second_row(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "code": "2.000591.H38",
        "name": "Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
        "field": "An toàn thực phẩm",
        "time_limit_days": 20,
        "online_time_limit_days": 15,
        "fee": "1.000.000 đồng",
        "documents": "- Đơn đề nghị (bản chính, 01 bản)\n- Giấy xác nhận đủ sức khỏe (bản sao chứng thực, 02 bản)",
        "online_service": "Một phần",
    }
    return catalogue_row(**{**values, **overrides})


def catalogue_xlsx(rows: list[dict[str, Any]], *, headers: list[str] | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    keys = [column.key for column in CATALOGUE_COLUMNS]
    chosen = headers or HEADERS
    sheet.append(chosen)
    for row in rows:
        sheet.append([row.get(keys[HEADERS.index(header)]) for header in chosen])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
