"""Pages of the catalogue: each named person gets what their role allows; public pages need no login."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from cchc.procedures.choices import ProcedureStatus
from cchc.procedures.models import MinistryDecision, Procedure, PublicationDecision
from cchc.procedures.services import ministry_decision_record, procedure_search_text, publication_decision_record
from cchc.procedures.tests.factories import procedure_for_tests
from conftest import Org

ALL = "leader tccb_officer office_focal room_head specialist hospital_staff one_stop_officer inspector admin outsider"
MANAGERS = "office_focal admin"


def statuses(allowed: str, status: int, others: int, **special: int) -> dict[str, int]:
    expected = dict.fromkeys(ALL.split(), others)
    expected.update(dict.fromkeys(allowed.split(), status))
    expected.update(special)
    return expected


def everyone_sees(status: int = 200) -> dict[str, int]:
    """Every signed-in person with a role; the person without any role sees nothing (404)."""
    return statuses(ALL, status, status, outsider=404)


def managers_only(status: int = 200) -> dict[str, int]:
    return statuses(MANAGERS, status, 403, outsider=404)


@pytest.fixture
def catalogue(org: Org) -> dict[str, Any]:
    procedure = procedure_for_tests(resolving_unit=org.medical)
    procedure.search_text = procedure_search_text(procedure.code, procedure.name)
    procedure.save(update_fields=["search_text"])
    ministry = ministry_decision_record(
        actor=None, number="1/QĐ-BYT", issued_on=datetime.date(2025, 3, 3), summary="Sửa đổi"
    )
    decision = publication_decision_record(
        actor=None, number="50/QĐ-UBND", issued_on=datetime.date(2025, 3, 17), ministry_decision=ministry
    )
    return {"procedure": procedure, "ministry": ministry, "decision": decision}


LIST_CASES: list[tuple[str, Callable[[dict[str, Any]], str], dict[str, int]]] = [
    ("catalogue list", lambda c: "/procedures/", statuses(ALL, 200, 200)),
    ("catalogue export", lambda c: "/procedures/?export=xlsx", statuses(ALL, 200, 200)),
    ("ministry decisions", lambda c: "/procedures/decisions/ministry/", statuses(ALL, 200, 200)),
    ("ministry decisions export", lambda c: "/procedures/decisions/ministry/?export=xlsx", statuses(ALL, 200, 200)),
    ("provincial decisions", lambda c: "/procedures/decisions/province/", statuses(ALL, 200, 200)),
    ("provincial decisions export", lambda c: "/procedures/decisions/province/?export=xlsx", statuses(ALL, 200, 200)),
    ("delays", lambda c: "/procedures/decisions/delays/", statuses(ALL, 200, 200)),
    ("delays export", lambda c: "/procedures/decisions/delays/?export=xlsx", statuses(ALL, 200, 200)),
    ("posters", lambda c: "/procedures/posters/", statuses(ALL, 200, 200)),
    ("import template", lambda c: "/procedures/import/template/", statuses(ALL, 200, 200)),
    ("procedure detail", lambda c: f"/procedures/{c['procedure'].pk}/", everyone_sees()),
    ("procedure qr", lambda c: f"/procedures/{c['procedure'].pk}/qr/", everyone_sees()),
    ("procedure history", lambda c: f"/history/procedures/procedure/{c['procedure'].pk}/", everyone_sees()),
    ("decision detail", lambda c: f"/procedures/decisions/province/{c['decision'].pk}/", everyone_sees()),
    ("procedure create", lambda c: "/procedures/new/", statuses(MANAGERS, 200, 403)),
    ("import", lambda c: "/procedures/import/", statuses(MANAGERS, 200, 403)),
    ("import review", lambda c: "/procedures/import/review/", statuses(MANAGERS, 302, 403)),
    ("ministry decision create", lambda c: "/procedures/decisions/ministry/new/", statuses(MANAGERS, 200, 403)),
    ("provincial decision create", lambda c: "/procedures/decisions/province/new/", statuses(MANAGERS, 200, 403)),
    ("procedure edit", lambda c: f"/procedures/{c['procedure'].pk}/edit/", managers_only()),
    ("procedure abolish", lambda c: f"/procedures/{c['procedure'].pk}/abolish/", managers_only()),
    ("ministry decision edit", lambda c: f"/procedures/decisions/ministry/{c['ministry'].pk}/edit/", managers_only()),
    ("decision edit", lambda c: f"/procedures/decisions/province/{c['decision'].pk}/edit/", managers_only()),
]


@pytest.mark.parametrize("case", LIST_CASES, ids=lambda case: case[0])
def test_each_person_gets_what_their_role_allows(
    org: Org, client_for: Callable[..., Client], catalogue: dict[str, Any], case: Any
) -> None:
    _name, path, expected = case
    outcomes = {who: client_for(person).get(path(catalogue)).status_code for who, person in org.people().items()}
    assert outcomes == expected


def test_anonymous_is_sent_to_sign_in_from_every_staff_page(
    client_for: Callable[..., Client], catalogue: dict[str, Any]
) -> None:
    client = client_for(None)
    for name, path, _expected in LIST_CASES:
        response = client.get(path(catalogue))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), name


def test_a_person_without_a_role_sees_an_empty_catalogue(
    org: Org, client_for: Callable[..., Client], catalogue: Any
) -> None:
    page = client_for(org.outsider).get("/procedures/").content.decode()
    assert "Không có thủ tục nào" in page


def test_the_list_searches_without_diacritics_and_exports_what_it_shows(
    org: Org, client_for: Callable[..., Client], catalogue: Any
) -> None:
    client = client_for(org.specialist)
    assert "1.000948.H38" in client.get("/procedures/?q=my+pham").content.decode()
    assert "1.000948.H38" not in client.get("/procedures/?q=duoc+pham").content.decode()
    export = client.get("/procedures/?q=my+pham&export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_manager_creates_edits_and_abolishes_a_procedure(
    org: Org, client_for: Callable[..., Client], catalogue: Any
) -> None:
    client = client_for(org.office_focal)
    form = {
        "code": "2.000655.H38",
        "name": "Xác nhận nội dung quảng cáo thực phẩm",
        "field": catalogue["procedure"].field_id,
        "level": "province",
        "resolving_unit": org.medical.pk,
        "time_limit_days": 10,
        "fee_amount": 1100000,
        "online_service": "full",
        "action": "amend",
        "documents-TOTAL_FORMS": 1,
        "documents-INITIAL_FORMS": 0,
        "documents-MIN_NUM_FORMS": 1,
        "documents-MAX_NUM_FORMS": 1000,
        "documents-0-name": "Đơn đề nghị",
        "documents-0-form": "original",
        "documents-0-count": 1,
    }
    response = client.post("/procedures/new/", form)
    procedure = Procedure.objects.get(code="2.000655.H38")
    assert response["Location"] == f"/procedures/{procedure.pk}/"
    form.update(
        {
            "time_limit_days": 7,
            "decision": catalogue["decision"].pk,
            "documents-TOTAL_FORMS": 2,
            "documents-1-name": "Mẫu quảng cáo",
            "documents-1-form": "copy",
            "documents-1-count": 2,
        }
    )
    client.post(f"/procedures/{procedure.pk}/edit/", form)
    procedure.refresh_from_db()
    assert procedure.current_version is not None
    assert (procedure.current_version.number, procedure.current_version.time_limit_days) == (2, 7)
    assert procedure.current_version.documents.count() == 2
    detail = client.get(f"/procedures/{procedure.pk}/").content.decode()
    assert "Phiên bản 2" in detail and "Mẫu quảng cáo" in detail
    client.post(f"/procedures/{procedure.pk}/abolish/", {"decision": catalogue["decision"].pk})
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.ABOLISHED


def test_a_missing_document_list_is_refused_by_the_form(
    org: Org, client_for: Callable[..., Client], catalogue: Any
) -> None:
    client = client_for(org.office_focal)
    response = client.post(
        "/procedures/new/",
        {
            "code": "2.000656.H38",
            "name": "X",
            "field": catalogue["procedure"].field_id,
            "level": "province",
            "resolving_unit": org.medical.pk,
            "time_limit_days": 10,
            "online_service": "none",
            "documents-TOTAL_FORMS": 1,
            "documents-INITIAL_FORMS": 0,
            "documents-MIN_NUM_FORMS": 1,
            "documents-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 200
    assert not Procedure.objects.filter(code="2.000656.H38").exists()


def test_decisions_are_recorded_through_the_pages(org: Org, client_for: Callable[..., Client], catalogue: Any) -> None:
    client = client_for(org.office_focal)
    client.post(
        "/procedures/decisions/ministry/new/",
        {"number": "77/QĐ-BYT", "issued_on": "2025-05-05", "summary": "Công bố thủ tục lĩnh vực dược"},
    )
    ministry = MinistryDecision.objects.get(number="77/QĐ-BYT")
    response = client.post(
        "/procedures/decisions/province/new/",
        {"number": "9/QĐ-UBND", "issued_on": "2025-05-01", "issuer": "UBND tỉnh", "ministry_decision": ministry.pk},
    )
    assert "không thể ban hành trước quyết định của Bộ" in response.content.decode()
    assert not PublicationDecision.objects.filter(number="9/QĐ-UBND").exists()
    delays = client.get("/procedures/decisions/delays/?waiting=1").content.decode()
    assert "77/QĐ-BYT" in delays and "Chưa công bố lại" in delays


# ---- Public pages ----


def test_public_pages_open_without_login(client_for: Callable[..., Client], catalogue: Any, org: Org) -> None:
    client = client_for(None)
    code = catalogue["procedure"].code
    for path in [
        "/cong-khai/thu-tuc/",
        f"/cong-khai/thu-tuc/{code}/",
        f"/cong-khai/thu-tuc/{code}/ap-phich/",
        f"/cong-khai/thu-tuc/don-vi/{org.medical.code}/ap-phich/",
        f"/cong-khai/thu-tuc/nhung/?unit={org.medical.code}",
    ]:
        assert client.get(path).status_code == 200, path
    assert client.get("/cong-khai/thu-tuc/9.999999.H38/").status_code == 404
    assert client.get("/cong-khai/thu-tuc/nhung/?unit=KHONGCO").status_code == 404


def test_the_public_search_ignores_diacritics_and_filters_by_field(
    client_for: Callable[..., Client], catalogue: Any
) -> None:
    client = client_for(None)
    page = client.get("/cong-khai/thu-tuc/", {"q": "cap giay chung nhan my pham"}).content.decode()
    assert "Cấp giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm" in page
    assert "Không tìm thấy" in client.get("/cong-khai/thu-tuc/", {"q": "giay phep lai xe"}).content.decode()
    field = catalogue["procedure"].field_id
    assert "mỹ phẩm" in client.get("/cong-khai/thu-tuc/", {"field": field}).content.decode()


def test_an_abolished_procedure_leaves_the_list_but_its_qr_still_explains(
    client_for: Callable[..., Client], catalogue: Any
) -> None:
    procedure = catalogue["procedure"]
    Procedure.objects.filter(pk=procedure.pk).update(status=ProcedureStatus.ABOLISHED)
    client = client_for(None)
    assert procedure.code not in client.get("/cong-khai/thu-tuc/").content.decode()
    assert "đã bị bãi bỏ" in client.get(f"/cong-khai/thu-tuc/{procedure.code}/").content.decode()


def test_qr_codes_encode_the_public_page(client_for: Callable[..., Client], catalogue: Any) -> None:
    client = client_for(None)
    code = catalogue["procedure"].code
    png = client.get(f"/cong-khai/thu-tuc/{code}/qr.png")
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG\r\n\x1a\n")
    svg = client.get(f"/cong-khai/thu-tuc/{code}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert f"http://testserver/cong-khai/thu-tuc/{code}/" in svg.content.decode()
    assert f"http://testserver/cong-khai/thu-tuc/{code}/" in client.get(f"/cong-khai/thu-tuc/{code}/").content.decode()


def test_only_the_embed_block_may_be_framed(client_for: Callable[..., Client], catalogue: Any, org: Org) -> None:
    client = client_for(None)
    embed = client.get(f"/cong-khai/thu-tuc/nhung/?unit={org.medical.code}")
    assert "X-Frame-Options" not in embed
    assert catalogue["procedure"].name in embed.content.decode()
    assert client.get("/cong-khai/thu-tuc/")["X-Frame-Options"] == "DENY"
    snippet = client_for(org.specialist).get(f"/procedures/{catalogue['procedure'].pk}/qr/").content.decode()
    assert "&lt;iframe src=&quot;http://testserver/cong-khai/thu-tuc/nhung/?unit=NVY&quot;" in snippet


def test_an_abolished_procedure_is_published_again_from_its_edit_page(
    org: Org, client_for: Callable[..., Client], catalogue: Any
) -> None:
    procedure = catalogue["procedure"]
    client = client_for(org.office_focal)
    client.post(f"/procedures/{procedure.pk}/abolish/", {"decision": catalogue["decision"].pk})
    page = client.get(f"/procedures/{procedure.pk}/edit/").content.decode()
    assert "Công bố lại (sau khi đã bãi bỏ)" in page
    version = procedure.current_version
    response = client.post(
        f"/procedures/{procedure.pk}/edit/",
        {
            "name": procedure.name,
            "field": procedure.field_id,
            "level": "province",
            "resolving_unit": org.medical.pk,
            "time_limit_days": 30,
            "online_service": "full",
            "action": "publish",
            "documents-TOTAL_FORMS": 1,
            "documents-INITIAL_FORMS": 0,
            "documents-MIN_NUM_FORMS": 1,
            "documents-MAX_NUM_FORMS": 1000,
            "documents-0-name": "Đơn đề nghị",
            "documents-0-form": "original",
            "documents-0-count": 1,
        },
    )
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.ACTIVE and procedure.current_version != version
