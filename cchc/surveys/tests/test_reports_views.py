"""The index pages and exports: what each person may see and download, and what the files contain."""

import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from cchc.core.models import SecurityEvent
from cchc.org.models import User
from cchc.surveys.tally_services import tallies_refresh

from .test_reports_data import SurveyData, at, build_survey

MARCH = {"period": "month", "year": "2026", "month": "3"}
PAGES = [
    "surveys:report_index",
    "surveys:report_facilities",
    "surveys:report_improvement",
    "surveys:report_text_answers",
    "surveys:report_responses",
]
FILES = ["surveys:report_answers_xlsx", "surveys:report_indices_xlsx"]


@pytest.fixture
def survey(org) -> SurveyData:  # type: ignore[no-untyped-def]
    data = build_survey(org.hospital, org.one_stop)
    tallies_refresh(now=at(2027, 1))
    return data


def query(data: SurveyData, **extra: str) -> dict[str, str]:
    return {"instrument": str(data.instrument.pk), **MARCH, **extra}


@pytest.mark.parametrize("name", PAGES + FILES + ["surveys:report_province_docx"])
def test_anonymous_people_are_sent_to_sign_in(client: Client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_opens_for_the_focal_point(
    org, survey, client_for: Callable[[User | None], Client], name: str
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(org.office_focal).get(reverse(name), query(survey))
    assert response.status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_people_without_a_campaign_see_an_empty_state(org, survey, client_for, name: str) -> None:  # type: ignore[no-untyped-def]
    response = client_for(org.outsider).get(reverse(name))
    assert response.status_code == 200
    assert "Bệnh viện" not in response.content.decode()


def test_index_page_shows_the_figures_and_the_warning(org, survey, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(org.office_focal).get(
        reverse("surveys:report_index"), query(survey, campaign=str(survey.campaign.pk))
    )
    html = page.content.decode()
    report = page.context["report"]
    assert report.indices.overall.rate.value == 75
    assert 'data-testid="sample-warning"' in html
    assert 'data-testid="section-chart"' in html
    assert "Chưa đạt mục tiêu" in html
    assert page.context["met"] is False
    assert page.context["chart"]["rates"] == [60.0, 100.0]


def test_facility_staff_see_only_their_facility(org, survey, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(org.hospital_staff)
    facilities = client.get(reverse("surveys:report_facilities"), query(survey)).context["rows"]
    assert [row.facility_id for row in facilities] == [org.hospital.pk]
    texts = client.get(reverse("surveys:report_text_answers"), query(survey)).content.decode()
    assert "Phòng chờ quá nóng" in texts
    assert "Chờ lâu" not in texts


def test_another_facilitys_campaign_is_not_found(org, survey, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(org.hospital_staff)
    for name in PAGES + FILES:
        response = client.get(reverse(name), query(survey, campaign=str(survey.other_campaign.pk)))
        assert response.status_code == 404, name
    assert SecurityEvent.objects.filter(kind="hidden_object").exists()


def test_province_report_is_for_the_department(org, survey, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("surveys:report_province_docx")
    assert client_for(org.hospital_staff).get(url, query(survey)).status_code == 403
    assert client_for(org.specialist).get(url, query(survey)).status_code == 403
    assert client_for(org.leader).get(url, query(survey)).status_code == 200


def test_province_report_has_the_results_and_the_lowest_items(org, survey, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(org.office_focal).get(reverse("surveys:report_province_docx"), query(survey))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="bao-cao-hai-long-')
    document = Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "BÁO CÁO" in text
    assert "chưa đạt mục tiêu trên 90,0 %" in text
    # Both facilities: March 6 of 11 answers satisfied (54.5 %), February 6 of 6.
    assert "So với kỳ trước (100,0 %): -45,5 điểm phần trăm." in text
    assert "IV. ĐỀ XUẤT, KIẾN NGHỊ" in text
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert str(org.hospital) in cells
    assert "33,3 %" in cells  # A1 at the hospital, its lowest item


def test_indices_xlsx_reads_back(org, survey, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(org.office_focal).get(
        reverse("surveys:report_indices_xlsx"), query(survey, campaign=str(survey.campaign.pk))
    )
    workbook = load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in workbook.worksheets[0].iter_rows(values_only=True)}
    assert summary["Số phiếu"] == 4
    assert summary["Tỷ lệ hài lòng chung (%)"] == 75
    assert summary["Kỳ trước (%)"] == 100
    rows = {row[0]: row for row in workbook.worksheets[1].iter_rows(values_only=True)}
    assert rows["A1"][3:9] == (1, 0, 1, 1, 0, 1)
    assert rows["A1"][11] == pytest.approx(33.33)
    assert rows["TOTAL"][11] == 75
    assert SecurityEvent.objects.filter(kind="export").exists()


def test_raw_answers_xlsx_has_one_row_per_response_and_codes_as_headers(org, survey, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(org.hospital_staff).get(reverse("surveys:report_answers_xlsx"), query(survey))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headers = list(rows[0])
    assert headers[:2] == ["response_id", "campaign"]
    assert headers[6:] == ["A1", "A2", "B1", "B2", "G1", "G2", "T1", "I1"]
    assert len(rows) == 1 + 4  # March at the hospital only
    by_id = {row[0]: dict(zip(headers, row, strict=True)) for row in rows[1:]}
    skipped = [row for row in by_id.values() if row["B1"] is None]
    assert len(skipped) == 1 and skipped[0]["A1"] == 0


def test_text_answers_search_and_export(org, survey, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(org.office_focal)
    page = client.get(reverse("surveys:report_text_answers"), {"instrument": survey.instrument.pk, "q": "tận tình"})
    assert [response.answers["T1"] for response, _answers in page.context["rows"]] == ["Bác sĩ tận tình"]
    export = client.get(
        reverse("surveys:report_text_answers"), {"instrument": survey.instrument.pk, "item": "T1", "export": "xlsx"}
    )
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][-1] == "T1"
    assert sorted(row[-1] for row in rows[1:]) == ["Bác sĩ tận tình", "Chờ lâu", "Phòng chờ quá nóng"]


def test_drill_down_from_an_item_figure(org, survey, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(org.office_focal).get(
        reverse("surveys:report_responses"),
        query(survey, campaign=str(survey.campaign.pk), item="A1", answer="unsatisfied"),
    )
    assert page.context["page"].paginator.count == 1
    assert "Không hài lòng (1–2)" in page.content.decode()


def test_a_wrong_period_says_where_the_problem_is(org, survey, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(org.office_focal).get(
        reverse("surveys:report_index"), {"period": "dates", "start": "2026-03-10", "end": "2026-03-01"}
    )
    assert page.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu." in page.content.decode()
