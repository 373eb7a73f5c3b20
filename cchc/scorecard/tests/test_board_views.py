"""The board pages: each named person gets exactly what their role allows, rooms see only their own criteria,
the filters pick the right rows, results of earlier years are entered by TCCB, downloads are logged."""

import datetime
import io
import json
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from cchc.core.choices import SecurityEventKind
from cchc.core.models import AuditEvent, SecurityEvent
from cchc.org.models import User
from cchc.scorecard.choices import ItemStatus
from cchc.scorecard.models import Assessment, AssessmentItem, HistoricalResult, PeerResult
from cchc.scorecard.tests.builders import assessment_with, small_framework
from cchc.scorecard.tests.test_risk import update, upload
from conftest import Org

ALL = "leader tccb_officer office_focal room_head specialist hospital_staff one_stop_officer inspector admin outsider"
WHOLE = "leader tccb_officer office_focal admin"
ROOMS = "room_head specialist inspector"
HIDDEN = "hospital_staff one_stop_officer outsider"
MANAGERS = "tccb_officer admin"
YESTERDAY = datetime.date.today() - datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def expected_statuses(groups: dict[str, int]) -> dict[str, int]:
    expected: dict[str, int] = {}
    for people, status in groups.items():
        expected.update(dict.fromkeys(people.split(), status))
    assert sorted(expected) == sorted(ALL.split())
    return expected


@pytest.fixture
def assessment(org: Org) -> Assessment:
    """1.1.1 and 1.1.2 led by the medical room, 1.2 by TCCB, 2.1 by the inspectorate; deadline yesterday.

    1.1.1: draft, no evidence (missing evidence, late). 1.1.2: returned, with evidence (late, returned).
    1.2: submitted with evidence. 2.1: self 40, appraised 36, without evidence (missing evidence, differs).
    """
    framework = small_framework()
    created = assessment_with(
        framework,
        org.department,
        {"1.1.1": (None, "0"), "1.1.2": ("15", "0"), "1.2": ("27.96", "0"), "2.1": ("40", "0")},
        status=ItemStatus.DRAFT,
    )
    created.deadline = YESTERDAY
    created.save()
    AssessmentItem.objects.filter(assessment=created).update(lead_unit=org.medical, final_score=None)
    update(created, "1.1.2", status=ItemStatus.RETURNED).evidence.add(upload(org, "a.pdf"))
    update(created, "1.2", status=ItemStatus.SUBMITTED, lead_unit=org.personnel).evidence.add(upload(org, "b.pdf"))
    update(created, "2.1", status=ItemStatus.APPRAISED, appraisal_score="36", lead_unit=org.inspectorate)
    update(created, "9", lead_unit=org.personnel)
    update(created, "10", lead_unit=org.personnel)
    return created


def status_of(client_for: Callable[[User | None], Client], person: User | None, url: str, method: str = "get") -> int:
    client = client_for(person)
    response = client.post(url, {}) if method == "post" else client.get(url)
    return response.status_code


def people(org: Org) -> dict[str, User]:
    return org.people()


def test_scorecard_opens_for_everyone_signed_in_and_redirects_anonymous(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    for name, person in people(org).items():
        assert status_of(client_for, person, "/par/") == 200, name
    response = client_for(None).get("/par/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_scorecard_of_a_given_assessment_is_hidden_from_units_without_criteria(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    url = f"/par/?assessment={assessment.pk}"
    expected = expected_statuses({WHOLE: 200, ROOMS: 200, HIDDEN: 404})
    actual = {name: status_of(client_for, person, url) for name, person in people(org).items()}
    assert actual == expected
    assert status_of(client_for, org.leader, "/par/?assessment=abc") == 404


def test_people_without_a_visible_assessment_see_how_to_start(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    content = client_for(org.hospital_staff).get("/par/").content.decode()
    assert 'data-testid="board-empty"' in content
    assert "Chưa có kỳ tự đánh giá nào để xem" in content


def test_leadership_sees_the_headline_cards_and_the_whole_tree(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    PeerResult.objects.create(year=2024, name="Sở Tài chính", total=Decimal("95"))
    content = client_for(org.leader).get("/par/").content.decode()
    # expected: 0 + 15 (returned: own score) + 27.96 (submitted) + 36 (appraised) = 78.96
    assert re.search(r'data-testid="expected-index">78,96<', content)
    assert re.search(r'data-testid="self-index">82,96<', content)
    assert re.search(r'data-testid="appraisal-index">36<', content)
    assert re.search(r'data-testid="rank">2/2<', content)
    assert re.search(r'data-testid="risk-total">21,04<', content)
    for code in ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "2.1", "9", "10"]:
        assert f'data-testid="row-{code}"' in content, code
    item = assessment.items.get(criterion__code="1.1.1")
    assert f'href="/par/items/{item.pk}/"' in content
    assert "Tải hồ sơ kiểm chứng (ZIP)" in content
    assert re.search(r'data-testid="summary-3">.*?Tổng điểm.*?82,96', content, re.S)
    assert "năm 2024" in content


def test_a_room_sees_only_its_own_rows_without_the_department_totals(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    content = client_for(org.room_head).get("/par/").content.decode()
    assert 'data-testid="room-scope"' in content
    for code in ["1", "1.1", "1.1.1", "1.1.2"]:
        assert f'data-testid="row-{code}"' in content, code
    for code in ["1.2", "2", "2.1", "9", "10"]:
        assert f'data-testid="row-{code}"' not in content, code
    assert 'data-testid="expected-index"' not in content
    assert 'data-testid="summary-3"' not in content
    assert "Tải hồ sơ kiểm chứng (ZIP)" not in content
    # 1.1.1 (10) + 1.1.2 (5) of the medical room are at risk.
    assert re.search(r'data-testid="risk-total">15<', content)
    inspector = client_for(org.inspector).get("/par/").content.decode()
    assert 'data-testid="row-2.1"' in inspector
    assert 'data-testid="row-1.1.1"' not in inspector


@pytest.mark.parametrize(
    ("board_filter", "codes"),
    [
        ("missing-evidence", {"1.1.1", "2.1", "9", "10"}),
        ("late", {"1.1.1", "1.1.2", "9", "10"}),
        ("returned", {"1.1.2"}),
        ("differs", {"2.1"}),
    ],
)
def test_filters_show_the_matching_criteria_under_their_fields(
    org: Org,
    assessment: Assessment,
    client_for: Callable[[User | None], Client],
    board_filter: str,
    codes: set[str],
) -> None:
    content = client_for(org.leader).get(f"/par/?assessment={assessment.pk}&filter={board_filter}").content.decode()
    leaves = {"1.1.1", "1.1.2", "1.2", "2.1", "9", "10"}
    shown = {code for code in leaves if f'data-testid="row-{code}"' in content}
    assert shown == codes
    if "2.1" in codes:
        assert 'data-testid="row-2"' in content


def test_late_filter_is_empty_before_the_deadline(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    assessment.deadline = datetime.date.today() + datetime.timedelta(days=3)
    assessment.save()
    content = client_for(org.leader).get("/par/?filter=late").content.decode()
    assert 'data-testid="no-rows"' in content


def test_filters_within_a_room_stay_within_its_rows(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    content = client_for(org.room_head).get("/par/?filter=missing-evidence").content.decode()
    assert 'data-testid="row-1.1.1"' in content
    assert 'data-testid="row-2.1"' not in content


def test_points_at_risk_page_permissions(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    url = f"/par/risk/?assessment={assessment.pk}"
    expected = expected_statuses({WHOLE: 200, ROOMS: 200, HIDDEN: 404})
    actual = {name: status_of(client_for, person, url) for name, person in people(org).items()}
    assert actual == expected
    assert status_of(client_for, None, url) == 302


def test_points_at_risk_lists_reasons_and_rooms_with_links(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    content = client_for(org.leader).get("/par/risk/").content.decode()
    order = [content.index(f'data-testid="risk-{code}"') for code in ["1.1.1", "1.1.2", "2.1"]]
    assert order == sorted(order)
    assert "Chưa có tài liệu kiểm chứng" in content
    assert "Bị TCCB trả lại" in content
    assert "Phòng Nghiệp vụ Y" in content
    item = assessment.items.get(criterion__code="1.1.1")
    assert f'href="/par/items/{item.pk}/"' in content
    room = client_for(org.room_head).get("/par/risk/").content.decode()
    assert 'data-testid="risk-1.1.1"' in room
    assert 'data-testid="risk-2.1"' not in room


def test_points_at_risk_export_has_the_rows_the_person_sees_and_is_logged(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(org.room_head).get("/par/risk/?export=xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Mã", "Tiêu chí")
    assert [row[1] for row in rows[1:]] == ["1.1.1", "1.1.2"]
    assert rows[1][6] == "chưa có tài liệu kiểm chứng; chưa tự chấm"
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.EXPORT, user=org.room_head).exists()


def test_year_over_year_page_permissions(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    expected = expected_statuses({WHOLE: 200, ROOMS: 403, HIDDEN: 403})
    actual = {name: status_of(client_for, person, "/par/history/") for name, person in people(org).items()}
    assert actual == expected
    assert status_of(client_for, None, "/par/history/") == 302


def test_only_tccb_and_administrators_enter_results_of_earlier_years(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    expected = expected_statuses({MANAGERS: 302, "leader office_focal": 403, ROOMS: 403, HIDDEN: 403})
    actual = {}
    for name, person in people(org).items():
        data = {
            "action": "historical",
            "historical-year": "2023",
            "historical-field_code": "",
            "historical-score": "92,96",
        }
        actual[name] = client_for(person).post("/par/history/", data).status_code
    assert actual == expected
    assert client_for(None).post("/par/history/", {"action": "peer"}).status_code == 302
    assert client_for(org.tccb_officer).post("/par/history/", {"action": "delete"}).status_code == 400
    assert HistoricalResult.objects.get(year=2023, field_code="").score == Decimal("92.96")


def test_year_over_year_compares_fields_and_totals_with_this_year(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    client = client_for(org.tccb_officer)
    for code, title, score, maximum in [("1", "Tiêu chí 1", "50", "60"), ("2", "Tiêu chí 2", "38,5", "40")]:
        response = client.post(
            "/par/history/",
            {
                "action": "historical",
                "historical-year": "2023",
                "historical-field_code": code,
                "historical-field_title": title,
                "historical-score": score,
                "historical-max_points": maximum,
            },
        )
        assert response.status_code == 302
    client.post("/par/history/", {"action": "historical", "historical-year": "2023", "historical-score": "92,96"})
    client.post(
        "/par/history/",
        {
            "action": "peer",
            "peer-year": "2023",
            "peer-unit_group": "department",
            "peer-name": "Sở GD",
            "peer-total": "90",
        },
    )
    response = client.get("/par/history/")
    content = response.content.decode()
    found = re.search(r'<script id="yoy-data" type="application/json">(.*?)</script>', content)
    assert found is not None
    data = json.loads(found.group(1))
    assert data["totals"]["labels"] == ["2023", "2024 (dự kiến)"]
    assert data["totals"]["data"] == [92.96, 78.96]
    assert data["fields"]["labels"] == ["1. Tiêu chí 1", "2. Tiêu chí 2"]
    assert data["fields"]["datasets"][0] == {"label": "2023", "data": [50.0, 38.5]}
    assert data["fields"]["datasets"][1]["data"] == [42.96, 36.0]
    assert "vendor/chartjs/chart.umd.min.js" in content
    assert "Xuất sắc" in content
    assert re.search(r'data-testid="history-ranks">.*?1/2', content, re.S)
    assert AuditEvent.objects.filter(action="historical_result_create").count() == 3
    assert AuditEvent.objects.filter(action="peer_result_create").count() == 1


def test_entering_the_same_year_and_field_again_corrects_it(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    client = client_for(org.tccb_officer)
    for score in ("50", "51,5"):
        client.post(
            "/par/history/",
            {
                "action": "historical",
                "historical-year": "2023",
                "historical-field_code": "1",
                "historical-score": score,
            },
        )
    assert HistoricalResult.objects.get(year=2023, field_code="1").score == Decimal("51.5")
    event = AuditEvent.objects.get(action="historical_result_update")
    assert event.changes["điểm"] == ["50.00", "51.5"]
    edit = client.get(f"/par/history/?edit_historical={HistoricalResult.objects.get().pk}").content.decode()
    assert 'value="51,50"' in edit


def test_a_score_above_its_maximum_is_refused_on_the_field(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(org.tccb_officer).post(
        "/par/history/",
        {
            "action": "historical",
            "historical-year": "2023",
            "historical-field_code": "1",
            "historical-score": "70",
            "historical-max_points": "60",
        },
    )
    assert response.status_code == 200
    assert "Điểm không được lớn hơn điểm tối đa (60" in response.content.decode()
    assert not HistoricalResult.objects.exists()


DOWNLOADS = ["bao-cao.docx", "bang-diem.xlsx", "ho-so-kiem-chung.zip"]


@pytest.mark.parametrize("download", DOWNLOADS)
def test_downloads_are_for_the_whole_assessment_viewers_only(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client], download: str
) -> None:
    url = f"/par/assessments/{assessment.pk}/{download}"
    expected = expected_statuses({WHOLE: 200, ROOMS: 403, HIDDEN: 404})
    actual = {name: status_of(client_for, person, url) for name, person in people(org).items()}
    assert actual == expected
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    exports = SecurityEvent.objects.filter(kind=SecurityEventKind.EXPORT)
    assert exports.count() == len(WHOLE.split())
    assert set(exports.values_list("user__username", flat=True)) == {"leader", "tccb", "office", "admin"}


def test_report_download_takes_number_and_signer_from_the_query(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(org.leader).get(
        f"/par/assessments/{assessment.pk}/bao-cao.docx",
        {"number": "15/BC-SYT", "signer_prefix": "KT. GIÁM ĐỐC", "signer_title": "PHÓ GIÁM ĐỐC", "signer_name": "An"},
    )
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-tu-danh-gia-chi-so-cchc-2024.docx"'
    texts = [paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs]
    assert "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2024" in texts


def test_report_with_a_too_long_number_shows_the_form_again(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(org.leader).get(f"/par/assessments/{assessment.pk}/bao-cao.docx", {"number": "1" * 61})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "id_number-errors" in response.content.decode()


def test_score_table_and_package_downloads_are_files(
    org: Org, assessment: Assessment, client_for: Callable[[User | None], Client]
) -> None:
    client = client_for(org.tccb_officer)
    table = client.get(f"/par/assessments/{assessment.pk}/bang-diem.xlsx")
    assert table["Content-Disposition"] == 'attachment; filename="bang-diem-chi-so-cchc-2024.xlsx"'
    assert load_workbook(io.BytesIO(table.content)).active["A2"].value == "1"
    package = client.get(f"/par/assessments/{assessment.pk}/ho-so-kiem-chung.zip")
    assert package["Content-Type"] == "application/zip"
    assert "muc-luc.xlsx" in zipfile.ZipFile(io.BytesIO(package.content)).namelist()
