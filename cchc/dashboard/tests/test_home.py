"""What each role's home page answers first, from live data."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.test import Client
from django.utils import timezone

from cchc.core.measurements import Indicator
from cchc.plans.reporting import reporting_cycle_open
from cchc.plans.services import plan_create, target_save, task_assign
from cchc.plans.tests.test_task_lifecycle import make_task
from conftest import Org


def test_focal_point_sees_the_reporting_cycle_counts(org: Org, client_for: Callable[..., Client]) -> None:
    reporting_cycle_open(actor=org.office_focal, year=2026, period="q1", due_date=datetime.date(2026, 3, 20))
    summary = client_for(org.office_focal).get("/").context["summary"]
    assert summary.report_counts["missing"] == summary.report_counts["total"] > 0


def test_room_head_sees_the_units_report_and_tasks_due(org: Org, client_for: Callable[..., Client]) -> None:
    reporting_cycle_open(actor=org.office_focal, year=2026, period="q1", due_date=datetime.date(2026, 3, 20))
    task = make_task(org, "Quý I/2026")
    summary = client_for(org.room_head).get("/").context["summary"]
    assert summary.my_unit_report.unit == org.medical
    assert summary.my_unit_report_state == "Chưa nộp, đã quá hạn"
    assert [occurrence.task for occurrence in summary.unit_tasks] == [task]
    assert summary.report_counts == {}


def test_specialist_sees_own_tasks_and_not_the_department(org: Org, client_for: Callable[..., Client]) -> None:
    task = make_task(org, "31/12/2099")
    task_assign(actor=org.room_head, task=task, assignees=[org.specialist])
    summary = client_for(org.specialist).get("/").context["summary"]
    assert [occurrence.task for occurrence in summary.my_tasks] == [task]
    assert summary.tasks_by_area == []
    assert summary.organisation == {}


def test_leader_sees_progress_by_area(org: Org, client_for: Callable[..., Client]) -> None:
    from django.utils import timezone

    from cchc.plans.tests.test_task_lifecycle import make_plan

    today = timezone.localdate()
    task = make_task(org, "Thường xuyên", plan=make_plan(org, year=today.year))
    late = task.occurrences.filter(due_date__lt=today).count()
    rows = client_for(org.leader).get("/").context["summary"].tasks_by_area
    assert rows == [{"code": "II", "name": "Cải cách thủ tục hành chính", "total": 4, "done": 0, "late": late}]


def test_leader_sees_the_projected_par_index_and_points_at_risk(org: Org, client_for: Callable[..., Client]) -> None:
    from decimal import Decimal

    from cchc.scorecard.tests.builders import assessment_with, small_framework

    assessment = assessment_with(
        small_framework(),
        org.department,
        {"1.1.1": ("10", "10"), "1.1.2": ("20", "15"), "1.2": ("30", "27.96"), "2.1": ("40", "40")},
    )
    assessment.items.filter(criterion__code="1.1.2").update(lead_unit=org.medical)
    par = client_for(org.leader).get("/").context["summary"].par
    assert par["index"] == Decimal("92.96")
    assert par["band"] == "Xuất sắc"
    assert par["risks"][0].criterion.code == "1.1.2"
    assert par["risks"][0].lead_unit == org.medical
    assert client_for(org.specialist).get("/").context["summary"].par == {}


def measured_indicators() -> list[Indicator]:
    return [Indicator("dossiers.on_time_rate", "Tỉ lệ hồ sơ đúng hạn", lambda year: Decimal("97.5"))]


def test_leadership_sees_each_measured_rate_against_the_plan_target_that_names_it(
    org: Org, client_for: Any, settings: Any
) -> None:
    settings.CCHC_INDICATOR_PROVIDERS = [f"{__name__}.measured_indicators"]
    year = timezone.localdate().year
    plan = plan_create(actor=org.office_focal, kind="plan", number="02/KH-SYT", title="Kế hoạch CCHC", year=year)
    target_save(
        actor=org.office_focal, plan=plan, text="Hồ sơ đúng hạn", value=Decimal(98), indicator="dossiers.on_time_rate"
    )

    page = client_for(org.leader).get("/").content.decode()

    assert "Tỉ lệ hồ sơ đúng hạn" in page
    assert "97,50 %" in page
    assert 'text-danger">97,50 %' in page, "below the target of 98 %"
    assert "Kết quả đo được" not in client_for(org.specialist).get("/").content.decode()
