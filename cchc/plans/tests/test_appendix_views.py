"""Pages of the appendix: who may import and export, and the upload → review → confirm flow."""

import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from cchc.core.choices import SecurityEventKind
from cchc.core.models import AuditEvent, SecurityEvent
from cchc.core.uploads import FileKind
from cchc.plans.models import Plan, Task
from cchc.plans.tests.fixtures_thanh_hoa import thanh_hoa_docx, thanh_hoa_units, thanh_hoa_xlsx
from cchc.plans.tests.test_appendix import changed_appendix, import_file, make_plan
from conftest import Org

pytestmark = pytest.mark.django_db

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MANAGERS = {"office_focal", "tccb_officer", "admin"}
EVERYONE = MANAGERS | {"leader", "room_head", "specialist", "hospital_staff", "one_stop_officer", "inspector"}


@pytest.fixture
def plan(org: Org) -> Plan:
    thanh_hoa_units(org)
    return make_plan(org)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize("page", ["import/", "import/review/"])
def test_only_plan_managers_open_the_import_pages(
    org: Org, plan: Plan, client_for: Callable[..., Client], page: str
) -> None:
    for name, person in org.people().items():
        response = client_for(person).get(f"/plans/{plan.pk}/{page}")
        if name in MANAGERS:
            # The review page sends back to the upload while no file is waiting.
            assert response.status_code == (200 if page == "import/" else 302), name
        elif name == "outsider":
            assert response.status_code == 404, name
        else:
            assert response.status_code == 403, name


@pytest.mark.parametrize("page", ["import/", "import/review/", "export/docx/"])
def test_anonymous_is_sent_to_sign_in(plan: Plan, client_for: Callable[..., Client], page: str) -> None:
    response = client_for(None).get(f"/plans/{plan.pk}/{page}")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_import_of_a_plan_that_does_not_exist_is_not_found(org: Org, client_for: Callable[..., Client]) -> None:
    assert client_for(org.office_focal).get("/plans/999999/import/").status_code == 404


def test_everyone_with_a_role_exports_and_the_outsider_does_not(
    org: Org, plan: Plan, client_for: Callable[..., Client]
) -> None:
    for name, person in org.people().items():
        response = client_for(person).get(f"/plans/{plan.pk}/export/docx/")
        assert response.status_code == (200 if name in EVERYONE else 404), name


@pytest.mark.parametrize(("fmt", "content_type"), [("docx", DOCX_TYPE), ("xlsx", XLSX_TYPE)])
def test_export_is_an_attachment_of_the_right_type_and_is_logged(
    org: Org, plan: Plan, client_for: Callable[..., Client], fmt: str, content_type: str
) -> None:
    import_file(org, plan, thanh_hoa_docx(), FileKind.DOCX)
    response = client_for(org.leader).get(f"/plans/{plan.pk}/export/{fmt}/")
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="phu-luc-ke-hoach-2021.{fmt}"'
    event = SecurityEvent.objects.get(kind=SecurityEventKind.EXPORT)
    assert (event.user, event.detail) == (org.leader, f"phu-luc-ke-hoach-2021.{fmt} (4350/KH-SYT)")


def test_other_formats_are_not_found(org: Org, plan: Plan, client_for: Callable[..., Client]) -> None:
    assert client_for(org.leader).get(f"/plans/{plan.pk}/export/pdf/").status_code == 404


def test_export_holds_only_the_tasks_the_person_may_see(
    org: Org, plan: Plan, client_for: Callable[..., Client]
) -> None:
    import_file(org, plan, thanh_hoa_docx(), FileKind.DOCX)
    response = client_for(org.one_stop_officer).get(f"/plans/{plan.pk}/export/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    titles = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert [title.split(";")[0][:30] for title in titles] == [
        "4. Đẩy mạnh việc giải quyết TT",
        "5. Tiếp nhận, xử lý phản ánh, ",
        "3. Tăng cường tỷ lệ hồ sơ sử d",
    ]


def test_upload_review_and_confirm_imports_the_thanh_hoa_appendix(
    org: Org, plan: Plan, client_for: Callable[..., Client]
) -> None:
    client = client_for(org.office_focal)
    response = client.post(f"/plans/{plan.pk}/import/", {"file": upload("phu-luc-2021.docx", thanh_hoa_docx())})
    assert response.status_code == 302
    assert response["Location"] == f"/plans/{plan.pk}/import/review/"
    assert not Task.objects.exists()

    review = client.get(f"/plans/{plan.pk}/import/review/")
    page = review.content.decode()
    assert "Tệp “phu-luc-2021.docx”: 32 nhiệm vụ." in page
    assert "Xác nhận nhập" in page
    assert "Phòng Tổ chức – Cán bộ" in page
    assert "cơ quan chủ trì là một nhóm đơn vị" in page

    confirmed = client.post(f"/plans/{plan.pk}/import/review/", follow=True)
    assert confirmed.redirect_chain[-1][0] == f"/plans/{plan.pk}/"
    assert "Đã nhập 32 nhiệm vụ." in confirmed.content.decode()
    assert plan.tasks.count() == 32
    assert AuditEvent.objects.filter(action="appendix_import", actor=org.office_focal).count() == 1
    assert client.get(f"/plans/{plan.pk}/import/review/")["Location"] == f"/plans/{plan.pk}/import/"


def test_xlsx_upload_goes_to_the_review_too(org: Org, plan: Plan, client_for: Callable[..., Client]) -> None:
    client = client_for(org.tccb_officer)
    response = client.post(f"/plans/{plan.pk}/import/", {"file": upload("phu-luc.xlsx", thanh_hoa_xlsx())})
    assert response.status_code == 302
    assert "Tệp “phu-luc.xlsx”: 32 nhiệm vụ." in client.get(response["Location"]).content.decode()


def test_disguised_file_is_refused_on_the_upload_page(org: Org, plan: Plan, client_for: Callable[..., Client]) -> None:
    client = client_for(org.office_focal)
    response = client.post(f"/plans/{plan.pk}/import/", {"file": upload("phu-luc.docx", b"%PDF-1.4\n%%EOF")})
    assert response.status_code == 200
    assert "không đúng loại" in response.content.decode()
    assert f"plans:appendix-import:{plan.pk}" not in client.session


def test_wrong_columns_are_listed_on_the_upload_page(org: Org, plan: Plan, client_for: Callable[..., Client]) -> None:
    document = Document()
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["STT", "Nội dung", "Đơn vị"], strict=True):
        cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    response = client_for(org.office_focal).post(
        f"/plans/{plan.pk}/import/", {"file": upload("phu-luc.docx", buffer.getvalue())}
    )
    assert response.status_code == 200
    assert "Không tìm thấy bảng phụ lục trong tệp Word" in response.content.decode()


def test_errors_block_the_confirmation(org: Org, plan: Plan, client_for: Callable[..., Client]) -> None:
    client = client_for(org.office_focal)
    content = thanh_hoa_docx(changed_appendix(0, 3, 2, "Sở Tư pháp"))
    client.post(f"/plans/{plan.pk}/import/", {"file": upload("phu-luc.docx", content)})
    review = client.get(f"/plans/{plan.pk}/import/review/").content.decode()
    assert "Dòng 5, cột 4 (Cơ quan chủ trì): không tìm thấy đơn vị nào khớp với “Sở Tư pháp”" in review
    assert "Xác nhận nhập" not in review
    before = AuditEvent.objects.count()
    response = client.post(f"/plans/{plan.pk}/import/review/")
    assert response.status_code == 400
    assert not Task.objects.exists()
    assert AuditEvent.objects.count() == before


def test_room_head_cannot_confirm_what_a_manager_uploaded(
    org: Org, plan: Plan, client_for: Callable[..., Client]
) -> None:
    assert client_for(org.room_head).post(f"/plans/{plan.pk}/import/review/").status_code == 403
    assert not Task.objects.exists()
