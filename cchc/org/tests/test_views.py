"""Pages for units and people: lists show only what the person may see, forms write through services."""

from collections.abc import Callable

from django.test import Client

from cchc.org.models import Unit
from conftest import Org


def names_in(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def test_room_head_lists_only_the_people_of_the_room(org: Org, client_for: Callable[..., Client]) -> None:
    page = names_in(client_for(org.room_head).get("/org/people/"))
    assert "Hoàng Chuyên Viên" in page
    assert "Võ Bệnh Viện" not in page
    assert "Nguyễn Giám Đốc" not in page


def test_room_heads_export_has_the_same_rows_as_the_page(org: Org, client_for: Callable[..., Client]) -> None:
    import io

    from openpyxl import load_workbook

    response = client_for(org.room_head).get("/org/people/?export=xlsx&sort=username")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    usernames = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert usernames == ["roomhead", "specialist"]


def test_leader_lists_everyone(org: Org, client_for: Callable[..., Client]) -> None:
    page = names_in(client_for(org.leader).get("/org/people/?per_page=100"))
    assert "Võ Bệnh Viện" in page
    assert "Hoàng Chuyên Viên" in page


def test_search_ignores_diacritics(org: Org, client_for: Callable[..., Client]) -> None:
    page = names_in(client_for(org.leader).get("/org/units/?q=benh vien"))
    assert "Bệnh viện Đa khoa tỉnh" in page
    assert "Văn phòng Sở" not in page


def test_outsider_sees_no_units(org: Org, client_for: Callable[..., Client]) -> None:
    page = names_in(client_for(org.outsider).get("/org/units/"))
    assert "Không có đơn vị nào" in page


def test_admin_creates_a_unit_and_its_history_shows_it(org: Org, client_for: Callable[..., Client]) -> None:
    client = client_for(org.admin)
    response = client.post(
        "/org/units/new/",
        {
            "name": "Trung tâm Pháp y",
            "code": "ttpy",
            "kind": "subordinate",
            "parent": org.department.pk,
            "sort_order": 5,
        },
    )
    unit = Unit.objects.get(code="TTPY")
    assert response["Location"] == f"/org/units/{unit.pk}/"
    history = names_in(client.get(f"/history/org/unit/{unit.pk}/"))
    assert "unit_create" in history
    assert "Đỗ Quản Trị" in history
    assert "Trung tâm Pháp y" in history


def test_duplicate_code_shows_a_clear_error_on_the_form(org: Org, client_for: Callable[..., Client]) -> None:
    response = client_for(org.admin).post("/org/units/new/", {"name": "Trùng", "code": "NVY", "kind": "room"})
    assert response.status_code == 200
    assert "mã đơn vị" in names_in(response).lower()
    assert Unit.objects.filter(code="NVY").count() == 1


def test_deleting_a_used_unit_is_refused_with_a_message(org: Org, client_for: Callable[..., Client]) -> None:
    response = client_for(org.admin).post(f"/org/units/{org.medical.pk}/delete/", follow=True)
    assert "Hãy đặt ngày hết hiệu lực thay vì xóa" in names_in(response)
    assert Unit.objects.filter(pk=org.medical.pk).exists()


def test_tccb_officer_changes_a_persons_roles(org: Org, client_for: Callable[..., Client]) -> None:
    response = client_for(org.tccb_officer).post(
        f"/org/people/{org.specialist.pk}/edit/",
        {
            "username": "specialist",
            "full_name": "Hoàng Chuyên Viên",
            "email": "specialist@syt.test",
            "unit": org.medical.pk,
            "position": "Chuyên viên chính",
            "is_active": "on",
            "roles": ["specialist", "steering_member"],
        },
    )
    assert response.status_code == 302
    org.specialist.refresh_from_db()
    assert org.specialist.position == "Chuyên viên chính"
    assert set(org.specialist.role_assignments.values_list("role", flat=True)) == {"specialist", "steering_member"}


def test_forged_post_to_edit_by_a_room_head_changes_nothing(org: Org, client_for: Callable[..., Client]) -> None:
    response = client_for(org.room_head).post(
        f"/org/people/{org.specialist.pk}/edit/",
        {"username": "specialist", "full_name": "Đổi tên", "roles": ["system_admin"]},
    )
    assert response.status_code == 403
    org.specialist.refresh_from_db()
    assert org.specialist.full_name == "Hoàng Chuyên Viên"
    assert not org.specialist.role_assignments.filter(role="system_admin").exists()
