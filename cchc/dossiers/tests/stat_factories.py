"""Dossiers and one-stop export files for the tests of import, statistics, indicators and the API."""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from cchc.org.models import Unit
from cchc.procedures.models import Procedure

from ..choices import DossierSource, DossierStatus
from ..models import Dossier

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HEADER = [
    "Mã hồ sơ",
    "Mã thủ tục",
    "Nơi tiếp nhận",
    "Đơn vị giải quyết",
    "Người nộp",
    "Điện thoại",
    "Hình thức nộp",
    "Ngày tiếp nhận",
    "Hạn giải quyết",
    "Ngày có kết quả",
    "Ngày trả",
    "Trạng thái",
    "Thanh toán trực tuyến",
    "Số hóa đầu vào",
    "Số hóa kết quả",
    "Kết quả điện tử",
    "Tái sử dụng dữ liệu",
]


def moment(day: str, clock: str = "09:00") -> datetime.datetime:
    """An aware local moment from dd/mm/yyyy and hh:mm."""
    return datetime.datetime.strptime(f"{day} {clock}", "%d/%m/%Y %H:%M").replace(tzinfo=VN)


def export_row(code: str, procedure: str = "1.000948.H38", desk: str = "MC", **values: str) -> list[str]:
    """One row of a one-stop export with sensible defaults (a direct dossier received and in process)."""
    row = {
        "Mã hồ sơ": code,
        "Mã thủ tục": procedure,
        "Nơi tiếp nhận": desk,
        "Đơn vị giải quyết": "",
        "Người nộp": "Công ty TNHH Mỹ phẩm Sao Mai",
        "Điện thoại": "0905123456",
        "Hình thức nộp": "Trực tiếp",
        "Ngày tiếp nhận": "06/01/2025 09:00",
        "Hạn giải quyết": "",
        "Ngày có kết quả": "",
        "Ngày trả": "",
        "Trạng thái": "Đang giải quyết",
        "Thanh toán trực tuyến": "Không",
        "Số hóa đầu vào": "Không",
        "Số hóa kết quả": "Không",
        "Kết quả điện tử": "Không",
        "Tái sử dụng dữ liệu": "Không",
    }
    row.update(
        {
            HEADER[int(key[1:])] if key.startswith("c") and key[1:].isdigit() else key: value
            for key, value in values.items()
        }
    )
    return [row[name] for name in HEADER]


def csv_bytes(
    rows: Iterable[Sequence[Any]], *, header: Sequence[str] = HEADER, delimiter: str = ",", bom: bool = False
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def dossier_make(
    *,
    code: str,
    procedure: Procedure,
    desk: Unit,
    handler: Unit | None = None,
    received_at: datetime.datetime,
    due_at: datetime.datetime,
    channel: str = "direct",
    status: str = DossierStatus.IN_PROCESS,
    finished_at: datetime.datetime | None = None,
    timeliness: str = "",
    fee_amount: Decimal = Decimal(0),
    **flags: bool,
) -> Dossier:
    """A dossier written straight to the table (what the desk or an import would have left)."""
    assert procedure.current_version is not None
    return Dossier.objects.create(
        code=code,
        procedure=procedure,
        procedure_version=procedure.current_version,
        receiving_unit=desk,
        handling_unit=handler or procedure.resolving_unit,
        applicant_name="Nguyễn Văn A",
        channel=channel,
        source=DossierSource.IMPORT,
        status=status,
        received_at=received_at,
        time_limit_days=procedure.current_version.time_limit_days,
        due_at=due_at,
        appointment_at=due_at,
        finished_at=finished_at,
        timeliness=timeliness,
        fee_amount=fee_amount,
        **flags,
    )
