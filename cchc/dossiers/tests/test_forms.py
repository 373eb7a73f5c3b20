"""The forms of the one-stop rules that the desk prints (02 supplement request, 03 refusal, 05 stop notice, 06 process
control sheet, through one download address per form) and the logbook (07), the desk list's second export: what
each says, when each applies, and who may get it."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from cchc.dossiers import services
from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.test_deadlines import at
from cchc.dossiers.tests.test_lifecycle import make_dossier, make_procedure, other_desk_officer
from cchc.org.models import User
from cchc.procedures.models import RequiredDocument
from cchc.procedures.tests.factories import procedure_for_tests
from conftest import Org

pytestmark = pytest.mark.django_db
ClientFor = Callable[[User | None], Client]


def form_url(dossier: Dossier, form: str, kind: str = "docx") -> str:
    return reverse("dossiers:form", args=[dossier.pk, form, kind])


def docx_text(content: bytes) -> str:
    """Every paragraph of a DOCX, those in table cells (the header, the signatures) included."""
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([*(paragraph.text for paragraph in document.paragraphs), *cells])


def download(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return docx_text(response.content)


def ask_supplement(org: Org, dossier: Dossier, reason: str, day: str = "10/02/2026") -> None:
    services.dossier_request_supplement(actor=org.specialist, dossier=dossier, reason=reason, at=at(day))


def test_form_02_lists_what_is_to_be_supplemented_when_and_by_whom(
    org: Org, client_for: ClientFor, dossier: Dossier
) -> None:
    ask_supplement(org, dossier, "Bản sao giấy phép kinh doanh có chứng thực\nHợp đồng thuê mặt bằng sản xuất")

    text = download(client_for(org.one_stop_officer), form_url(dossier, "02"))

    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "BỘ PHẬN MỘT CỬA" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert f"Số: {dossier.code}" in text and dossier.applicant_name in text
    assert "Cấp giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm" in text and "1.000948.H38" in text
    assert "Ngày 10/02/2026, Hoàng Chuyên Viên (Phòng Nghiệp vụ Y) yêu cầu bổ sung" in text
    assert "1. Bản sao giấy phép kinh doanh có chứng thực" in text
    assert "2. Hợp đồng thuê mặt bằng sản xuất" in text
    assert "Lý do: hồ sơ chưa đầy đủ, hợp lệ" in text and "đến khi nhận đủ hồ sơ bổ sung" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Đặng Một Cửa" in text


def test_form_02_is_for_the_latest_request_unless_another_is_picked(
    org: Org, client_for: ClientFor, dossier: Dossier
) -> None:
    ask_supplement(org, dossier, "Thiếu đơn đề nghị", "10/02/2026")
    services.dossier_resume(actor=org.one_stop_officer, dossier=dossier, received_at=at("11/02/2026"))
    ask_supplement(org, dossier, "Thiếu bản vẽ mặt bằng", "12/02/2026")
    first, latest = dossier.pauses.order_by("started_at")
    client = client_for(org.one_stop_officer)

    assert "Thiếu bản vẽ mặt bằng" in download(client, form_url(dossier, "02"))
    earlier = download(client, f"{form_url(dossier, '02')}?item={first.pk}")
    assert "Thiếu đơn đề nghị" in earlier and "Thiếu bản vẽ mặt bằng" not in earlier
    assert "đã nhận hồ sơ bổ sung lúc" in earlier
    assert client.get(f"{form_url(dossier, '02')}?item={latest.pk + 100}").status_code == 404
    assert client.get(f"{form_url(dossier, '02')}?item=abc").status_code == 404


def test_form_02_without_a_supplement_request_is_not_found(org: Org, client_for: ClientFor, dossier: Dossier) -> None:
    client = client_for(org.one_stop_officer)
    assert client.get(form_url(dossier, "02")).status_code == 404
    assert form_url(dossier, "02") not in client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()


def test_form_03_gives_the_refusal_reason_and_the_officer_who_refused(
    org: Org, client_for: ClientFor, dossier: Dossier
) -> None:
    client = client_for(org.one_stop_officer)
    assert client.get(form_url(dossier, "03")).status_code == 404
    services.dossier_refuse(
        actor=org.specialist, dossier=dossier, reason="Thủ tục không thuộc thẩm quyền giải quyết của Sở Y tế"
    )

    text = download(client, form_url(dossier, "03"))

    assert "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ" in text
    assert dossier.code in text and dossier.applicant_name in text
    assert "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:" in text
    assert "Thủ tục không thuộc thẩm quyền giải quyết của Sở Y tế" in text
    assert "Hoàng Chuyên Viên" in text  # who refused signs, not the officer who received it
    assert client.get(form_url(dossier, "05")).status_code == 404


def test_form_05_notifies_the_applicant_that_handling_stopped_and_why(
    org: Org, client_for: ClientFor, dossier: Dossier
) -> None:
    client = client_for(org.one_stop_officer)
    assert client.get(form_url(dossier, "05")).status_code == 404
    ask_supplement(org, dossier, "Thiếu hồ sơ năng lực")
    services.dossier_stop(
        actor=org.one_stop_officer, dossier=dossier, reason="Quá thời hạn mà công dân không bổ sung hồ sơ"
    )

    text = download(client, form_url(dossier, "05"))

    assert "THÔNG BÁO" in text and "Về việc dừng giải quyết hồ sơ" in text
    assert f"Kính gửi: {dossier.applicant_name}." in text
    assert f"tiếp nhận hồ sơ mã số {dossier.code}" in text and "Ngày 09/02/2026" in text
    assert "Lý do: Quá thời hạn mà công dân không bổ sung hồ sơ" in text
    assert "Nơi nhận:" in text and "Lưu: VT, NVY." in text
    assert client.get(form_url(dossier, "03")).status_code == 404
    assert client.get(form_url(dossier, "02")).status_code == 200  # the request it had can still be printed


def control_table(content: bytes) -> list[list[str]]:
    document = Document(io.BytesIO(content))
    table = next(table for table in document.tables if any("Bước, đơn vị" in cell.text for cell in table.rows[0].cells))
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


def test_form_06_tracks_every_handover_from_reception_to_return(
    org: Org, client_for: ClientFor, dossier: Dossier
) -> None:
    step = services.dossier_start_step(
        actor=org.room_head,
        dossier=dossier,
        name="Thẩm định hồ sơ",
        handling_unit=org.medical,
        handler=org.specialist,
        working_days=2,
        at=at("10/02/2026", "08:00"),
    )
    services.dossier_finish_step(actor=org.specialist, dossier=dossier, note="Đạt", at=at("10/02/2026", "10:00"))
    late = services.dossier_start_step(
        actor=org.room_head,
        dossier=dossier,
        name="Trình ký",
        handling_unit=org.medical,
        handler=org.room_head,
        working_days=0,
        at=at("10/02/2026", "11:00"),
    )
    services.dossier_finish_step(actor=org.room_head, dossier=dossier, at=at("12/02/2026", "10:00"))
    services.dossier_mark_result_ready(actor=org.room_head, dossier=dossier, at=at("12/02/2026", "11:00"))
    services.dossier_return(actor=org.one_stop_officer, dossier=dossier, method="postal", at=at("13/02/2026"))
    assert step.due_at > at("10/02/2026", "10:00") and late.due_at < at("12/02/2026", "10:00")

    response = client_for(org.one_stop_officer).get(form_url(dossier, "06"))

    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in docx_text(response.content)
    rows = control_table(response.content)
    assert [row[0] for row in rows] == ["1", "2", "3", "4", "5"]
    reception, first, second, finish, returned = rows
    assert reception[1].startswith("Tiếp nhận hồ sơ") and "Đặng Một Cửa" in reception[1]
    assert reception[2] == "09/02/2026\n09:00" and reception[6] == "Trực tiếp"
    assert "1. Thẩm định hồ sơ" in first[1] and "Hoàng Chuyên Viên" in first[1]
    assert first[4] == "10/02/2026\n10:00" and first[5] == "Trước hạn" and first[6] == "Đạt"
    assert "2. Trình ký" in second[1] and second[5] == "Quá hạn"
    assert finish[1].startswith("Có kết quả giải quyết") and finish[3] == "02/03/2026\n17:00"
    assert finish[5] == "Trước hạn"
    assert returned[1].startswith("Trả kết quả cho công dân") and returned[6] == "Qua bưu chính"


def test_form_06_of_a_dossier_just_received_shows_its_reception_and_open_step(
    org: Org, client_for: ClientFor, dossier: Dossier
) -> None:
    services.dossier_start_step(
        actor=org.room_head,
        dossier=dossier,
        name="Thẩm định hồ sơ",
        handling_unit=org.medical,
        handler=None,
        working_days=1,
        at=at("10/02/2026"),
    )
    rows = control_table(client_for(org.specialist).get(form_url(dossier, "06")).content)
    assert len(rows) == 2
    assert rows[1][4] == "" and rows[1][5] == "Đang xử lý, đã quá hạn"


def test_the_detail_page_links_only_the_forms_that_apply(org: Org, client_for: ClientFor, dossier: Dossier) -> None:
    client = client_for(org.one_stop_officer)
    detail = reverse("dossiers:detail", args=[dossier.pk])
    page = client.get(detail).content.decode()
    assert form_url(dossier, "01") in page and form_url(dossier, "06") in page
    assert all(form_url(dossier, code) not in page for code in ("02", "03", "05"))

    ask_supplement(org, dossier, "Thiếu đơn")
    services.dossier_refuse(actor=org.one_stop_officer, dossier=dossier, reason="Không đủ điều kiện")
    page = client.get(detail).content.decode()
    pause = dossier.pauses.get()
    assert f"{form_url(dossier, '02')}?item={pause.pk}" in page and "yêu cầu ngày 10/02/2026" in page
    assert form_url(dossier, "03") in page and form_url(dossier, "05") not in page


def test_form_01_through_the_generic_address_is_the_receipt(org: Org, client_for: ClientFor, dossier: Dossier) -> None:
    client = client_for(org.one_stop_officer)
    text = download(client, form_url(dossier, "01"))
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text and dossier.code in text
    response = client.get(form_url(dossier, "01"))
    assert response["Content-Disposition"] == f'attachment; filename="giay-tiep-nhan-{dossier.code}.docx"'


@pytest.mark.parametrize(("form", "kind"), [("99", "docx"), ("04", "docx"), ("06", "exe"), ("6", "docx")])
def test_unknown_forms_and_kinds_are_not_found(
    org: Org, client_for: ClientFor, dossier: Dossier, form: str, kind: str
) -> None:
    assert client_for(org.one_stop_officer).get(form_url(dossier, form, kind)).status_code == 404


def closed_dossiers(org: Org) -> list[tuple[Dossier, str]]:
    """A refused dossier that had a supplement request (forms 02, 03, 06) and a stopped one (form 05)."""
    make_procedure(org)
    refused = make_dossier(org, received_at=at("09/02/2026"))
    ask_supplement(org, refused, "Thiếu đơn")
    services.dossier_refuse(actor=org.one_stop_officer, dossier=refused, reason="Không đủ điều kiện")
    stopped = make_dossier(org, received_at=at("09/02/2026", "10:00"))
    services.dossier_stop(actor=org.one_stop_officer, dossier=stopped, reason="Công dân không bổ sung")
    return [(refused, "02"), (refused, "03"), (stopped, "05"), (refused, "06")]


@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("one_stop_officer", 200),  # the desk that received the dossiers
        ("specialist", 200),  # the unit that handles them
        ("inspector", 200),  # the department's viewers
        ("hospital_staff", 404),  # a user of another unit
        ("other_desk", 404),  # the one-stop officer of another unit
        ("outsider", 404),  # a user without a unit or a desk role
    ],
)
def test_who_gets_the_forms(org: Org, client_for: ClientFor, person: str, status: int) -> None:
    user = other_desk_officer(org) if person == "other_desk" else org.people()[person]
    client = client_for(user)
    for dossier, form in closed_dossiers(org):
        assert client.get(form_url(dossier, form)).status_code == status, form


def test_anonymous_is_sent_to_sign_in_for_every_form_and_the_logbook(org: Org, client_for: ClientFor) -> None:
    client = client_for(None)
    urls = [form_url(dossier, form) for dossier, form in closed_dossiers(org)]
    for url in [*urls, f"{reverse('dossiers:list')}?export=logbook"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_a_form_is_also_a_pdf(org: Org, client_for: ClientFor, dossier: Dossier) -> None:
    response = client_for(org.one_stop_officer).get(form_url(dossier, "06", "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response).startswith(b"%PDF")


def test_without_libreoffice_there_is_no_pdf_link_nor_pdf(
    org: Org, client_for: ClientFor, dossier: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cchc.reports.pdf.shutil.which", lambda name: None)
    client = client_for(org.one_stop_officer)
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert form_url(dossier, "06", "docx") in page and form_url(dossier, "06", "pdf") not in page
    assert client.get(form_url(dossier, "06", "pdf")).status_code == 404


# ---- Mẫu 07: the logbook ----


def logbook(client: Client, **filters: Any) -> list[tuple[Any, ...]]:
    response = client.get(reverse("dossiers:list"), {"export": "logbook", **filters})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="so-theo-doi-ho-so-')
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def table_rows(sheet_rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows under the logbook's header row."""
    header = next(index for index, row in enumerate(sheet_rows) if row and row[0] == "STT")
    return sheet_rows[header + 1 :]


def hospital_dossier(org: Org) -> Dossier:
    """A dossier received and handled by the hospital: the Sở's desk does not see it."""
    procedure = procedure_for_tests(resolving_unit=org.hospital, code="1.002000.H38", name="Cấp chứng chỉ hành nghề")
    return services.dossier_receive(
        actor=org.hospital_staff,
        procedure=procedure,
        receiving_unit=org.hospital,
        applicant_name="Bác sĩ Trần Văn An",
        documents=list(RequiredDocument.objects.filter(version=procedure.current_version_id)),
        received_at=at("10/02/2026", "14:00"),
    )


def test_the_logbook_lists_the_period_under_the_form_heading(org: Org, client_for: ClientFor) -> None:
    make_procedure(org)
    make_dossier(org, received_at=at("09/02/2026"))
    later = make_dossier(org, received_at=at("10/02/2026", "15:00"), applicant_name="Nhà thuốc Bình An")
    earlier = make_dossier(org, received_at=at("10/02/2026", "08:00"))
    make_dossier(org, received_at=at("12/02/2026"))
    ask_supplement(org, later, "Thiếu đơn", "11/02/2026")

    sheet = logbook(
        client_for(org.one_stop_officer), received_since="2026-02-10", received_until="2026-02-11", sort="-code"
    )

    assert sheet[0][0] == "SỞ Y TẾ" and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in sheet[0]
    assert sheet[1][0] == "BỘ PHẬN MỘT CỬA" and "Độc lập - Tự do - Hạnh phúc" in sheet[1]
    assert tuple(value for value in sheet[3] if value) == ("SỔ THEO DÕI HỒ SƠ",)
    assert sheet[4][0] == "Hồ sơ tiếp nhận từ ngày 10/02/2026 đến ngày 11/02/2026"
    header = sheet[6]
    assert header == (
        "STT",
        "Mã hồ sơ",
        "Thủ tục",
        "Người nộp",
        "Tiếp nhận",
        "Hạn giải quyết",
        "Có kết quả",
        "Trả kết quả",
        "Trạng thái",
        "Ghi chú",
    )
    rows = table_rows(sheet)
    assert [(row[0], row[1]) for row in rows] == [(1, earlier.code), (2, later.code)]  # oldest first
    assert rows[1][3] == "Nhà thuốc Bình An" and rows[1][8] == "Chờ bổ sung"
    assert rows[1][9] == "Chờ bổ sung từ 11/02/2026"


def test_the_logbook_holds_only_the_dossiers_the_user_may_see(org: Org, client_for: ClientFor) -> None:
    make_procedure(org)
    ours = make_dossier(org, received_at=at("10/02/2026"))
    theirs = hospital_dossier(org)

    desk_codes = [row[1] for row in table_rows(logbook(client_for(org.one_stop_officer)))]
    hospital_codes = [row[1] for row in table_rows(logbook(client_for(org.hospital_staff)))]
    leader_codes = {row[1] for row in table_rows(logbook(client_for(org.leader)))}

    assert desk_codes == [ours.code]
    assert hospital_codes == [theirs.code]
    assert leader_codes == {ours.code, theirs.code}
    assert table_rows(logbook(client_for(org.outsider))) == []
    hospital_sheet = logbook(client_for(org.hospital_staff))
    assert hospital_sheet[1][0] == "BỆNH VIỆN ĐA KHOA TỈNH"


def test_the_logbook_follows_the_lists_filters(org: Org, client_for: ClientFor) -> None:
    make_procedure(org)
    refused = make_dossier(org, received_at=at("10/02/2026"))
    make_dossier(org, received_at=at("10/02/2026", "10:00"))
    services.dossier_refuse(actor=org.one_stop_officer, dossier=refused, reason="Sai thẩm quyền")
    client = client_for(org.one_stop_officer)

    rows = table_rows(logbook(client, status="refused"))

    assert [row[1] for row in rows] == [refused.code]
    assert rows[0][6] is not None and rows[0][9] == "Sai thẩm quyền"
    assert logbook(client, status="refused")[4][0].startswith("Hồ sơ theo bộ lọc của danh sách, lập ngày")
    page = client.get(reverse("dossiers:list"), {"status": "refused", "page": "1"}).content.decode()
    assert "?status=refused&amp;export=logbook" in page and "Sổ theo dõi hồ sơ (mẫu 07)" in page


@pytest.mark.parametrize(
    ("filters", "where"),
    [
        ({"received_since": "2026-02-12", "received_until": "2026-02-10"}, "Tiếp nhận đến ngày"),
        ({"received_since": "2026-02-30"}, "Tiếp nhận từ ngày"),
    ],
)
def test_a_wrong_period_says_where_and_gives_no_logbook(
    org: Org, client_for: ClientFor, filters: dict[str, str], where: str
) -> None:
    client = client_for(org.one_stop_officer)

    response = client.get(reverse("dossiers:list"), {"export": "logbook", **filters})

    assert response.status_code == 302 and "export" not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Chưa xuất được sổ theo dõi hồ sơ." in page and where in page


def test_the_list_page_filters_by_reception_period(org: Org, client_for: ClientFor) -> None:
    make_procedure(org)
    inside = make_dossier(org, received_at=at("10/02/2026"))
    outside = make_dossier(org, received_at=at("12/02/2026"))
    page = (
        client_for(org.one_stop_officer)
        .get(reverse("dossiers:list"), {"received_since": "2026-02-10", "received_until": "2026-02-11"})
        .content.decode()
    )
    assert inside.code in page and outside.code not in page
