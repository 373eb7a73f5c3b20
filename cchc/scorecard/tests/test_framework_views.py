"""Pages of the criteria frameworks: everyone with a role reads them, only TCCB and administrators change them."""

import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from cchc.core.choices import SecurityEventKind
from cchc.core.models import SecurityEvent
from cchc.scorecard.choices import ScoringMethod
from cchc.scorecard.framework_tables import framework_export_xlsx
from cchc.scorecard.frameworks import criterion_save, framework_load_default
from cchc.scorecard.models import Band, Criterion, Framework
from cchc.scorecard.tests.builders import assessment_with
from conftest import Org

ALL = "leader tccb_officer office_focal room_head specialist hospital_staff one_stop_officer inspector admin outsider"
MANAGERS = "tccb_officer admin"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def statuses(allowed: str, status: int, others: int, **special: int) -> dict[str, int]:
    expected = dict.fromkeys(ALL.split(), others)
    expected.update(dict.fromkeys(allowed.split(), status))
    expected.update(special)
    return expected


def _criterion(framework: Framework) -> Criterion:
    return framework.criteria.get(code="1.1.1")


def _band(framework: Framework) -> Band:
    return framework.bands.get(name="Khá")


CASES: list[tuple[str, Callable[[Framework], str], dict[str, int]]] = [
    ("list", lambda f: "/par/frameworks/", statuses(ALL, 200, 200)),
    ("detail", lambda f: f"/par/frameworks/{f.pk}/", statuses(ALL, 200, 200, outsider=404)),
    ("export", lambda f: f"/par/frameworks/{f.pk}/export/", statuses(ALL, 200, 200, outsider=404)),
    ("history", lambda f: f"/history/scorecard/framework/{f.pk}/", statuses(ALL, 200, 200, outsider=404)),
    ("import", lambda f: "/par/frameworks/import/", statuses(MANAGERS, 200, 403)),
    ("load default", lambda f: "/par/frameworks/default/", statuses(MANAGERS, 200, 403)),
    ("copy", lambda f: f"/par/frameworks/{f.pk}/copy/", statuses(MANAGERS, 200, 403, outsider=404)),
    ("edit", lambda f: f"/par/frameworks/{f.pk}/edit/", statuses(MANAGERS, 200, 403, outsider=404)),
    ("criterion create", lambda f: f"/par/frameworks/{f.pk}/criteria/new/", statuses(MANAGERS, 200, 403, outsider=404)),
    (
        "criterion edit",
        lambda f: f"/par/frameworks/criteria/{_criterion(f).pk}/edit/",
        statuses(MANAGERS, 200, 403, outsider=404),
    ),
    (
        "criterion delete",
        lambda f: f"/par/frameworks/criteria/{_criterion(f).pk}/delete/",
        statuses(MANAGERS, 200, 403, outsider=404),
    ),
    ("band create", lambda f: f"/par/frameworks/{f.pk}/bands/new/", statuses(MANAGERS, 200, 403, outsider=404)),
    ("band edit", lambda f: f"/par/frameworks/bands/{_band(f).pk}/edit/", statuses(MANAGERS, 200, 403, outsider=404)),
    (
        "band delete",
        lambda f: f"/par/frameworks/bands/{_band(f).pk}/delete/",
        statuses(MANAGERS, 200, 403, outsider=404),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case[0])
def test_each_person_gets_what_their_role_allows(
    org: Org, client_for: Callable[..., Client], case: tuple[str, Callable[[Framework], str], dict[str, int]]
) -> None:
    _name, path, expected = case
    framework = framework_load_default(actor=None, year=2025)
    outcomes = {who: client_for(person).get(path(framework)).status_code for who, person in org.people().items()}
    assert outcomes == expected


def test_anonymous_is_sent_to_sign_in(org: Org, client_for: Callable[..., Client]) -> None:
    framework = framework_load_default(actor=None, year=2025)
    for _name, path, _expected in CASES:
        response = client_for(None).get(path(framework))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), path(framework)


POSTS: list[tuple[str, Callable[[Framework], str], dict[str, object]]] = [
    ("load default", lambda f: "/par/frameworks/default/", {"year": 2026}),
    ("copy", lambda f: f"/par/frameworks/{f.pk}/copy/", {"year": 2026}),
    ("edit", lambda f: f"/par/frameworks/{f.pk}/edit/", {"name": "Đổi tên", "bonus_cap": 1, "penalty_cap": 1}),
    (
        "criterion create",
        lambda f: f"/par/frameworks/{f.pk}/criteria/new/",
        {"code": "1.6", "title": "Mới", "max_points": 1, "method": "manual"},
    ),
    ("criterion delete", lambda f: f"/par/frameworks/criteria/{_criterion(f).pk}/delete/", {}),
    ("band create", lambda f: f"/par/frameworks/{f.pk}/bands/new/", {"name": "Giỏi", "min_score": 85}),
    ("band delete", lambda f: f"/par/frameworks/bands/{_band(f).pk}/delete/", {}),
]


@pytest.mark.parametrize("case", POSTS, ids=lambda case: case[0])
def test_viewers_cannot_change_a_framework(
    org: Org, client_for: Callable[..., Client], case: tuple[str, Callable[[Framework], str], dict[str, object]]
) -> None:
    _name, path, data = case
    framework = framework_load_default(actor=None, year=2025)
    counts = (Framework.objects.count(), Criterion.objects.count(), Band.objects.count())
    assert client_for(org.leader).post(path(framework), data).status_code == 403
    assert client_for(org.room_head).post(path(framework), data).status_code == 403
    assert client_for(org.outsider).post(path(framework), data).status_code in (403, 404)
    assert (Framework.objects.count(), Criterion.objects.count(), Band.objects.count()) == counts
    framework.refresh_from_db()
    assert framework.name != "Đổi tên"


def test_focal_point_loads_the_default_and_sees_the_tree(org: Org, client_for: Callable[..., Client]) -> None:
    client = client_for(org.tccb_officer)
    list_page = client.get("/par/frameworks/").content.decode()
    assert "Nạp bộ tiêu chí mặc định" in list_page and "Nhập từ Excel" in list_page
    response = client.post("/par/frameworks/default/", {"year": 2025})
    framework = Framework.objects.get(year=2025)
    assert response["Location"] == f"/par/frameworks/{framework.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Công tác chỉ đạo, điều hành cải cách hành chính" in page
    assert "Điều tra xã hội học" in page
    assert 'data-testid="sum-warning"' not in page
    again = client.post("/par/frameworks/default/", {"year": 2025})
    assert again.status_code == 200
    assert "Đã có bộ tiêu chí năm 2025" in again.content.decode()
    assert Framework.objects.count() == 1


def test_viewer_sees_the_tree_without_edit_buttons(org: Org, client_for: Callable[..., Client]) -> None:
    framework = framework_load_default(actor=None, year=2025)
    page = client_for(org.specialist).get(f"/par/frameworks/{framework.pk}/").content.decode()
    assert "Tỉ lệ hồ sơ TTHC giải quyết đúng hạn" in page
    assert "Thêm lĩnh vực" not in page and "/criteria/new/" not in page
    assert "Nạp bộ tiêu chí mặc định" not in client_for(org.specialist).get("/par/frameworks/").content.decode()


def test_focal_point_copies_a_framework_to_the_next_year(org: Org, client_for: Callable[..., Client]) -> None:
    source = framework_load_default(actor=None, year=2025)
    client = client_for(org.tccb_officer)
    assert 'value="2026"' in client.get(f"/par/frameworks/{source.pk}/copy/").content.decode()
    response = client.post(f"/par/frameworks/{source.pk}/copy/", {"year": 2026})
    copy = Framework.objects.get(year=2026)
    assert response["Location"] == f"/par/frameworks/{copy.pk}/"
    assert copy.copied_from == source and copy.criteria.count() == source.criteria.count()
    refused = client.post(f"/par/frameworks/{source.pk}/copy/", {"year": 2026})
    assert refused.status_code == 200 and "Đã có bộ tiêu chí năm 2026" in refused.content.decode()


def test_export_is_a_workbook_and_is_logged(org: Org, client_for: Callable[..., Client]) -> None:
    framework = framework_load_default(actor=None, year=2025)
    response = client_for(org.specialist).get(f"/par/frameworks/{framework.pk}/export/")
    assert response["Content-Type"] == XLSX
    assert "bo-tieu-chi-2025" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Tiêu chí", "Xếp loại", "Thông tin"]
    assert [cell.value for cell in workbook["Tiêu chí"][1]][:3] == ["Mã", "Nội dung", "Điểm tối đa"]
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.EXPORT, user=org.specialist).exists()


def test_focal_point_imports_a_file_for_another_year(org: Org, client_for: Callable[..., Client]) -> None:
    data = framework_export_xlsx(framework_load_default(actor=None, year=2025))
    response = client_for(org.tccb_officer).post(
        "/par/frameworks/import/", {"file": SimpleUploadedFile("tinh.xlsx", data), "year": 2027}
    )
    imported = Framework.objects.get(year=2027)
    assert response["Location"] == f"/par/frameworks/{imported.pk}/"
    assert imported.criteria.count() == 60


def test_a_bad_file_is_refused_with_the_row_named(org: Org, client_for: Callable[..., Client]) -> None:
    workbook = load_workbook(io.BytesIO(framework_export_xlsx(framework_load_default(actor=None, year=2025))))
    workbook["Tiêu chí"]["C4"] = "hai"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client_for(org.tccb_officer).post(
        "/par/frameworks/import/", {"file": SimpleUploadedFile("tinh.xlsx", buffer.getvalue()), "year": 2027}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dòng 4, cột C (Điểm tối đa, trang tính “Tiêu chí”)" in page
    assert not Framework.objects.filter(year=2027).exists()


def test_a_disguised_file_is_refused_before_reading(org: Org, client_for: Callable[..., Client]) -> None:
    response = client_for(org.tccb_officer).post(
        "/par/frameworks/import/", {"file": SimpleUploadedFile("tinh.xlsx", b"%PDF-1.4 not a workbook"), "year": 2027}
    )
    assert response.status_code == 200
    assert "không đúng loại" in response.content.decode()
    assert Framework.objects.count() == 0


def test_focal_point_adds_edits_and_deletes_a_criterion(org: Org, client_for: Callable[..., Client]) -> None:
    framework = framework_load_default(actor=None, year=2025)
    client = client_for(org.tccb_officer)
    form = client.get(f"/par/frameworks/{framework.pk}/criteria/new/?parent=1.3").content.decode()
    assert 'value="1.3.3"' in form
    response = client.post(
        f"/par/frameworks/{framework.pk}/criteria/new/",
        {
            "code": "1.3.3",
            "title": "Tổ chức hội thi tìm hiểu CCHC",
            "max_points": "0,5",
            "method": ScoringMethod.RATE_TIERS,
            "tiers": "100:0,5; 0:0",
            "rule": "Có tổ chức: 0,5 điểm",
        },
        follow=True,
    )
    created = framework.criteria.get(code="1.3.3")
    assert created.parent == framework.criteria.get(code="1.3")
    assert created.max_points == Decimal("0.5") and created.tiers == [[100, 0.5], [0, 0]]
    page = response.content.decode()
    assert "Các tiêu chí con của 1.3 cộng lại 2,5 điểm, khác điểm tối đa 2." in page
    assert 'data-testid="sum-warning"' in page
    edit = client.post(
        f"/par/frameworks/criteria/{created.pk}/edit/",
        {"code": "1.3.3", "title": "Hội thi", "max_points": "0.5", "method": "manual", "tiers": "100-1"},
    )
    assert edit.status_code == 200 and "không đúng dạng tỉ lệ:điểm" in edit.content.decode()
    assert "Xóa tiêu chí" in client.get(f"/par/frameworks/criteria/{created.pk}/delete/").content.decode()
    client.post(f"/par/frameworks/criteria/{created.pk}/delete/")
    assert not framework.criteria.filter(code="1.3.3").exists()


def test_a_scored_criterion_is_not_deleted(org: Org, client_for: Callable[..., Client]) -> None:
    framework = framework_load_default(actor=None, year=2025)
    assessment_with(framework, org.department, {})
    criterion = _criterion(framework)
    response = client_for(org.tccb_officer).post(f"/par/frameworks/criteria/{criterion.pk}/delete/", follow=True)
    assert "đang được chấm" in response.content.decode()
    assert Criterion.objects.filter(pk=criterion.pk).exists()


def test_a_duplicate_code_is_shown_on_the_form(org: Org, client_for: Callable[..., Client]) -> None:
    framework = framework_load_default(actor=None, year=2025)
    response = client_for(org.admin).post(
        f"/par/frameworks/{framework.pk}/criteria/new/",
        {"code": "1.1", "title": "Trùng", "max_points": "1", "method": "manual"},
    )
    assert response.status_code == 200
    assert "mã “1.1” đã có trong bộ tiêu chí." in response.content.decode()


def test_focal_point_edits_bands_and_caps(org: Org, client_for: Callable[..., Client]) -> None:
    framework = framework_load_default(actor=None, year=2025)
    client = client_for(org.tccb_officer)
    client.post(f"/par/frameworks/{framework.pk}/bands/new/", {"name": "Giỏi", "min_score": "85"})
    band = framework.bands.get(name="Giỏi")
    client.post(f"/par/frameworks/bands/{band.pk}/edit/", {"name": "Rất tốt", "min_score": "85"})
    band.refresh_from_db()
    assert band.name == "Rất tốt"
    client.post(f"/par/frameworks/bands/{band.pk}/delete/")
    assert not framework.bands.filter(pk=band.pk).exists()
    client.post(
        f"/par/frameworks/{framework.pk}/edit/",
        {
            "name": "Bộ chỉ số 2025",
            "legal_basis": "QĐ 1/QĐ-UBND",
            "bonus_cap": "3",
            "penalty_cap": "2",
            "status": "published",
        },
    )
    framework.refresh_from_db()
    assert (framework.name, framework.bonus_cap, framework.status) == ("Bộ chỉ số 2025", Decimal("3"), "published")
    history = client.get(f"/history/scorecard/framework/{framework.pk}/").content.decode()
    assert "Rất tốt" in history


def test_an_added_root_gets_the_next_free_code(org: Org, client_for: Callable[..., Client]) -> None:
    framework = framework_load_default(actor=None, year=2025)
    criterion_save(actor=None, framework=framework, code="11", title="Khác", max_points=Decimal("0"))
    form = client_for(org.tccb_officer).get(f"/par/frameworks/{framework.pk}/criteria/new/").content.decode()
    assert 'value="12"' in form
