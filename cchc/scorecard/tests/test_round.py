"""The assessment round, service by service: every transition, every refusal (data unchanged), audit and notices."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cchc.core.models import AuditEvent, Notification
from cchc.evidence.models import EvidenceDocument, EvidenceVersion
from cchc.evidence.services import evidence_upload
from cchc.org.choices import UnitKind
from cchc.org.services import unit_create
from cchc.plans.services import occurrence_report_progress
from cchc.plans.tests.test_task_lifecycle import PDF, make_task
from cchc.scorecard.choices import AssessmentStatus, ItemStatus
from cchc.scorecard.models import Assessment, AssessmentItem, Criterion, Framework
from cchc.scorecard.round import (
    assessment_create,
    assessment_finalise,
    assessment_lock,
    assessment_open,
    assessment_reopen,
    item_accept,
    item_appraise,
    item_assign,
    item_attach_evidence,
    item_detach_evidence,
    item_explain,
    item_finalise,
    item_return,
    item_self_score,
    item_submit,
    items_assign_by_field,
)
from cchc.scorecard.round_selectors import item_actions, linkable_documents, room_progress, running_rounds
from cchc.scorecard.tests.builders import small_framework
from conftest import Org

LEAVES = ["1.1.1", "1.1.2", "1.2", "2.1", "9", "10"]


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def pdf(name: str = "quyet-dinh.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def new_round(org: Org, framework: Framework | None = None) -> Assessment:
    return assessment_create(
        actor=org.tccb_officer, framework=framework or small_framework(), unit=org.department, deadline=in_days(10)
    )


def assign_all(org: Org, assessment: Assessment) -> None:
    for field in assessment.framework.criteria.filter(parent=None):
        items_assign_by_field(actor=org.tccb_officer, assessment=assessment, field=field, lead_unit=org.medical)


def open_round(org: Org) -> Assessment:
    assessment = new_round(org)
    assign_all(org, assessment)
    return assessment_open(actor=org.tccb_officer, assessment=assessment)


def item(assessment: Assessment, code: str) -> AssessmentItem:
    return AssessmentItem.objects.select_related("criterion", "assessment").get(
        assessment=assessment, criterion__code=code
    )


def actions_of(target: AssessmentItem | Assessment) -> list[str]:
    model = type(target)
    return list(
        AuditEvent.objects.filter(content_type__model=model._meta.model_name, object_id=str(target.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def submitted(org: Org, assessment: Assessment, code: str = "2.1", score: str = "30") -> AssessmentItem:
    target = item(assessment, code)
    item_self_score(actor=org.specialist, item=target, self_score=Decimal(score), self_note="Đã thực hiện đủ.")
    return item_submit(actor=org.specialist, item=target)


def appraisal_round(org: Org) -> Assessment:
    """An open round with 2.1 accepted at 30 and 1.1.1 accepted at 10, then locked."""
    assessment = open_round(org)
    for code, score in (("2.1", "30"), ("1.1.1", "10")):
        item_accept(actor=org.tccb_officer, item=submitted(org, assessment, code, score))
    return assessment_lock(actor=org.tccb_officer, assessment=assessment)


# ---- Creating and assigning ----


def test_creating_a_round_makes_one_item_per_leaf_criterion_and_is_audited(org: Org) -> None:
    assessment = new_round(org)
    codes = list(assessment.items.order_by("criterion__sort_order").values_list("criterion__code", flat=True))
    assert sorted(codes) == sorted(LEAVES)
    assert assessment.status == AssessmentStatus.DRAFT
    assert assessment.items.filter(status=ItemStatus.DRAFT, lead_unit=None).count() == len(LEAVES)
    assert actions_of(assessment) == ["assessment_create"]


def test_a_second_round_for_the_same_framework_and_unit_is_refused(org: Org) -> None:
    assessment = new_round(org)
    with pytest.raises(ValidationError, match="đã có kỳ tự đánh giá"):
        assessment_create(
            actor=org.tccb_officer, framework=assessment.framework, unit=org.department, deadline=in_days(5)
        )
    assert Assessment.objects.count() == 1


def test_only_par_managers_create_a_round(org: Org) -> None:
    framework = small_framework()
    for person in (org.room_head, org.leader, org.office_focal):
        with pytest.raises(ValidationError, match="Chỉ Phòng Tổ chức – Cán bộ"):
            assessment_create(actor=person, framework=framework, unit=org.department, deadline=in_days(5))
    assessment_create(actor=org.admin, framework=framework, unit=org.department, deadline=in_days(5))
    assert Assessment.objects.count() == 1


def test_a_deadline_in_the_past_is_refused(org: Org) -> None:
    with pytest.raises(ValidationError, match="Hạn tự chấm phải từ hôm nay"):
        assessment_create(
            actor=org.tccb_officer, framework=small_framework(), unit=org.department, deadline=in_days(-1)
        )
    assert not Assessment.objects.exists()
    assert not AuditEvent.objects.filter(action="assessment_create").exists()


def test_assigning_an_item_tells_the_room_heads_with_a_link_to_the_item(org: Org) -> None:
    assessment = new_round(org)
    target = item(assessment, "1.1.1")
    item_assign(actor=org.tccb_officer, item=target, lead_unit=org.medical, coordinating_units=[org.office])
    target.refresh_from_db()
    assert target.lead_unit == org.medical
    assert list(target.coordinating_units.all()) == [org.office]
    notice = Notification.objects.get(recipient=org.room_head)
    assert notice.url == f"/par/items/{target.pk}/"
    assert "1.1.1" in notice.message
    assert not Notification.objects.filter(recipient=org.specialist).exists()
    item_assign(actor=org.tccb_officer, item=target, lead_unit=org.medical)
    assert Notification.objects.filter(recipient=org.room_head).count() == 1
    assert actions_of(target) == ["item_assign", "item_assign"]
    event = AuditEvent.objects.filter(action="item_assign").order_by("pk").first()
    assert event is not None
    assert event.changes["phòng chủ trì"] == [None, "Phòng Nghiệp vụ Y"]


def test_assigning_outside_the_department_or_to_the_department_itself_is_refused(org: Org) -> None:
    other = unit_create(actor=None, code="SNV", name="Sở Nội vụ", kind=UnitKind.DEPARTMENT)
    assessment = new_round(org)
    target = item(assessment, "1.1.1")
    for lead in (other, org.department):
        with pytest.raises(ValidationError, match="không thuộc Sở Y tế"):
            item_assign(actor=org.tccb_officer, item=target, lead_unit=lead)
    with pytest.raises(ValidationError, match="Không thuộc Sở Y tế: Sở Nội vụ"):
        item_assign(actor=org.tccb_officer, item=target, lead_unit=org.medical, coordinating_units=[other])
    target.refresh_from_db()
    assert target.lead_unit is None
    assert not target.coordinating_units.exists()
    assert actions_of(target) == []


def test_a_room_cannot_assign_criteria(org: Org) -> None:
    assessment = new_round(org)
    with pytest.raises(ValidationError, match="Chỉ Phòng Tổ chức – Cán bộ"):
        item_assign(actor=org.room_head, item=item(assessment, "1.1.1"), lead_unit=org.medical)
    assert item(assessment, "1.1.1").lead_unit is None


def test_assigning_a_field_gives_every_criterion_under_it_with_one_notice(org: Org) -> None:
    assessment = new_round(org)
    field = Criterion.objects.get(framework=assessment.framework, code="1")
    count = items_assign_by_field(
        actor=org.tccb_officer,
        assessment=assessment,
        field=field,
        lead_unit=org.medical,
        coordinating_units=[org.office],
    )
    assert count == 3
    assigned = assessment.items.filter(lead_unit=org.medical).values_list("criterion__code", flat=True)
    assert sorted(assigned) == ["1.1.1", "1.1.2", "1.2"]
    assert item(assessment, "2.1").lead_unit is None
    assert Notification.objects.filter(recipient=org.room_head).count() == 1
    assert Notification.objects.get(recipient=org.room_head).url == f"/par/assessments/{assessment.pk}/"


def test_a_field_of_another_framework_is_refused(org: Org) -> None:
    assessment = new_round(org)
    other = small_framework(year=2023)
    with pytest.raises(ValidationError, match="không thuộc bộ tiêu chí"):
        items_assign_by_field(
            actor=org.tccb_officer,
            assessment=assessment,
            field=other.criteria.get(code="1"),
            lead_unit=org.medical,
        )


# ---- Opening, locking, reopening ----


def test_opening_needs_every_criterion_assigned_and_names_the_missing_ones(org: Org) -> None:
    assessment = new_round(org)
    item_assign(actor=org.tccb_officer, item=item(assessment, "1.1.1"), lead_unit=org.medical)
    with pytest.raises(ValidationError, match=r"Còn 5 tiêu chí chưa giao phòng chủ trì: 1\.1\.2"):
        assessment_open(actor=org.tccb_officer, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    assert actions_of(assessment) == ["assessment_create"]


def test_opening_needs_a_deadline(org: Org) -> None:
    assessment = assessment_create(
        actor=org.tccb_officer, framework=small_framework(), unit=org.department, deadline=None
    )
    assign_all(org, assessment)
    with pytest.raises(ValidationError, match="Cần đặt hạn tự chấm"):
        assessment_open(actor=org.tccb_officer, assessment=assessment)
    opened = assessment_open(actor=org.tccb_officer, assessment=assessment, deadline=in_days(3))
    assert opened.deadline == in_days(3)
    assert opened.status == AssessmentStatus.OPEN


def test_opening_tells_every_lead_room_head_once_and_records_who_opened(org: Org) -> None:
    assessment = new_round(org)
    assign_all(org, assessment)
    item_assign(actor=org.tccb_officer, item=item(assessment, "10"), lead_unit=org.hospital)
    Notification.objects.all().delete()
    opened = assessment_open(actor=org.tccb_officer, assessment=assessment)
    assert opened.status == AssessmentStatus.OPEN
    assert opened.opened_by == org.tccb_officer
    assert opened.opened_at is not None
    medical = Notification.objects.get(recipient=org.room_head)
    assert "Phòng Nghiệp vụ Y chủ trì 5 tiêu chí" in medical.message
    assert in_days(10).strftime("%d/%m/%Y") in medical.message
    assert medical.url == f"/par/assessments/{assessment.pk}/"
    assert "Bệnh viện Đa khoa tỉnh chủ trì 1 tiêu chí" in Notification.objects.get(recipient=org.hospital_staff).message
    assert actions_of(assessment) == ["assessment_create", "assessment_open"]
    with pytest.raises(ValidationError, match="Chỉ mở được đợt đang chuẩn bị"):
        assessment_open(actor=org.tccb_officer, assessment=assessment)


def test_only_par_managers_open_lock_and_reopen(org: Org) -> None:
    assessment = new_round(org)
    assign_all(org, assessment)
    with pytest.raises(ValidationError, match="Chỉ Phòng Tổ chức – Cán bộ"):
        assessment_open(actor=org.room_head, assessment=assessment)
    assessment_open(actor=org.tccb_officer, assessment=assessment)
    for service in (assessment_lock, assessment_finalise):
        with pytest.raises(ValidationError, match="Chỉ Phòng Tổ chức – Cán bộ"):
            service(actor=org.leader, assessment=assessment)
    with pytest.raises(ValidationError, match="Chỉ Phòng Tổ chức – Cán bộ"):
        assessment_reopen(actor=org.room_head, assessment=assessment, deadline=in_days(20))
    assessment.refresh_from_db()
    assert (assessment.status, assessment.deadline) == (AssessmentStatus.OPEN, in_days(10))


def test_after_the_deadline_the_room_is_refused_and_only_tccb_reopens(org: Org) -> None:
    assessment = open_round(org)
    target = item(assessment, "2.1")
    Assessment.objects.filter(pk=assessment.pk).update(deadline=in_days(-1))
    with pytest.raises(ValidationError, match="Đã quá hạn tự chấm"):
        item_self_score(actor=org.specialist, item=target, self_score=Decimal("30"))
    with pytest.raises(ValidationError, match="Đã quá hạn tự chấm"):
        item_attach_evidence(actor=org.specialist, item=target, upload=pdf())
    assert not EvidenceDocument.objects.exists()
    assert item_actions(user=org.specialist, item=item(assessment, "2.1")) == frozenset()
    with pytest.raises(ValidationError, match="Chỉ Phòng Tổ chức – Cán bộ"):
        assessment_reopen(actor=org.room_head, assessment=assessment, deadline=in_days(5))

    locked = assessment_lock(actor=org.tccb_officer, assessment=assessment)
    assert locked.status == AssessmentStatus.LOCKED
    with pytest.raises(ValidationError, match="Đợt tự chấm không mở"):
        item_self_score(actor=org.specialist, item=target, self_score=Decimal("30"))
    with pytest.raises(ValidationError, match="Hạn tự chấm phải từ hôm nay"):
        assessment_reopen(actor=org.tccb_officer, assessment=assessment, deadline=in_days(-1))

    Notification.objects.all().delete()
    reopened = assessment_reopen(actor=org.tccb_officer, assessment=assessment, deadline=in_days(5))
    assert (reopened.status, reopened.deadline) == (AssessmentStatus.OPEN, in_days(5))
    assert "hạn mới" in Notification.objects.get(recipient=org.room_head).message
    item_self_score(actor=org.specialist, item=target, self_score=Decimal("30"))
    assert item(assessment, "2.1").self_score == Decimal("30")
    assert actions_of(assessment)[-2:] == ["assessment_lock", "assessment_reopen"]


def test_the_deadline_day_itself_is_still_open(org: Org) -> None:
    assessment = open_round(org)
    Assessment.objects.filter(pk=assessment.pk).update(deadline=timezone.localdate())
    item_self_score(actor=org.specialist, item=item(assessment, "2.1"), self_score=Decimal("1"))
    assert item(assessment, "2.1").self_score == Decimal("1")


def test_a_round_in_preparation_can_be_neither_locked_nor_reopened(org: Org) -> None:
    assessment = new_round(org)
    with pytest.raises(ValidationError, match="Chỉ khóa được đợt đang tự chấm"):
        assessment_lock(actor=org.tccb_officer, assessment=assessment)
    with pytest.raises(ValidationError, match="Chỉ mở lại được"):
        assessment_reopen(actor=org.tccb_officer, assessment=assessment, deadline=in_days(5))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    assert actions_of(assessment) == ["assessment_create"]


def test_a_round_in_appraisal_cannot_be_reopened(org: Org) -> None:
    assessment = appraisal_round(org)
    item_appraise(actor=org.tccb_officer, item=item(assessment, "2.1"), appraisal_score=Decimal("25"))
    with pytest.raises(ValidationError, match="đợt đã thẩm định thì không mở lại"):
        assessment_reopen(actor=org.tccb_officer, assessment=assessment, deadline=in_days(5))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.APPRAISAL


# ---- Self-scoring ----


def test_the_room_self_scores_within_the_maximum(org: Org) -> None:
    assessment = open_round(org)
    target = item(assessment, "1.2")
    scored = item_self_score(
        actor=org.room_head,
        item=target,
        self_score=Decimal("15"),
        self_note="Tỉ lệ đúng hạn 99%.",
        measured_value=Decimal("99"),
    )
    assert (scored.self_score, scored.measured_value, scored.status) == (Decimal("15"), Decimal("99"), "draft")
    for bad in ("30.01", "-1"):
        with pytest.raises(ValidationError, match="phải từ 0 đến 30"):
            item_self_score(actor=org.room_head, item=target, self_score=Decimal(bad))
    with pytest.raises(ValidationError, match="từ 0 đến 100"):
        item_self_score(actor=org.room_head, item=target, self_score=Decimal("1"), measured_value=Decimal("101"))
    target.refresh_from_db()
    assert (target.self_score, target.self_note) == (Decimal("15"), "Tỉ lệ đúng hạn 99%.")
    assert actions_of(target)[-1] == "item_self_score"
    assert AuditEvent.objects.filter(action="item_self_score").count() == 1


def test_self_scoring_is_refused_before_the_round_opens(org: Org) -> None:
    assessment = new_round(org)
    assign_all(org, assessment)
    with pytest.raises(ValidationError, match="Đợt tự chấm không mở"):
        item_self_score(actor=org.specialist, item=item(assessment, "2.1"), self_score=Decimal("1"))


def test_only_the_lead_room_self_scores(org: Org) -> None:
    assessment = open_round(org)
    target = item(assessment, "2.1")
    item_assign(actor=org.tccb_officer, item=target, lead_unit=org.medical, coordinating_units=[org.hospital])
    for person in (org.hospital_staff, org.leader, org.office_focal, org.inspector, org.outsider):
        with pytest.raises(ValidationError, match="Chỉ cán bộ của phòng chủ trì"):
            item_self_score(actor=person, item=target, self_score=Decimal("1"))
    item_self_score(actor=org.tccb_officer, item=target, self_score=Decimal("2"))
    assert item(assessment, "2.1").self_score == Decimal("2")


def test_submit_needs_a_self_score_and_the_evidence_the_criterion_asks_for(org: Org) -> None:
    assessment = open_round(org)
    Criterion.objects.filter(code="2.1").update(evidence_required="Quyết định ban hành kế hoạch")
    target = item(assessment, "2.1")
    with pytest.raises(ValidationError, match="Cần nhập điểm tự chấm"):
        item_submit(actor=org.specialist, item=target)
    item_self_score(actor=org.specialist, item=target, self_score=Decimal("30"))
    with pytest.raises(ValidationError, match=r"cần tài liệu kiểm chứng \(Quyết định ban hành kế hoạch\)"):
        item_submit(actor=org.specialist, item=target)
    assert item(assessment, "2.1").status == ItemStatus.DRAFT
    item_attach_evidence(actor=org.specialist, item=target, upload=pdf())
    Notification.objects.all().delete()
    sent = item_submit(actor=org.specialist, item=target)
    assert sent.status == ItemStatus.SUBMITTED
    assert sent.submitted_at is not None
    notice = Notification.objects.get(recipient=org.tccb_officer)
    assert "Phòng Nghiệp vụ Y đã gửi tự chấm tiêu chí 2.1: 30/40 điểm" in notice.message
    assert notice.url == f"/par/items/{target.pk}/"
    with pytest.raises(ValidationError, match="đang ở trạng thái “Đã gửi TCCB”"):
        item_self_score(actor=org.specialist, item=target, self_score=Decimal("1"))
    with pytest.raises(ValidationError, match="đang ở trạng thái “Đã gửi TCCB”"):
        item_submit(actor=org.specialist, item=target)


# ---- Evidence ----


def test_an_upload_is_stored_once_in_the_lead_rooms_name(org: Org) -> None:
    assessment = open_round(org)
    target = item(assessment, "2.1")
    document = item_attach_evidence(actor=org.specialist, item=target, upload=pdf(), title="Kế hoạch CCHC 2024")
    assert (document.title, document.unit, document.created_by) == ("Kế hoạch CCHC 2024", org.medical, org.specialist)
    assert list(target.evidence.all()) == [document]
    assert EvidenceVersion.objects.get(document=document).original_name == "quyet-dinh.pdf"
    event = AuditEvent.objects.get(action="item_attach_evidence")
    assert event.changes == {"tài liệu kiểm chứng": [None, "Kế hoạch CCHC 2024"]}


def test_a_task_deliverable_serves_two_criteria_without_a_second_upload(org: Org) -> None:
    task = make_task(org, "31/12/2099")
    deliverable = evidence_upload(
        actor=org.specialist, upload=pdf("bao-cao-ra-soat.pdf"), unit=org.medical, title="Báo cáo rà soát TTHC"
    ).document
    occurrence = task.occurrences.get()
    occurrence_report_progress(actor=org.specialist, occurrence=occurrence, percent=50, evidence=[deliverable])
    assessment = open_round(org)
    choices = linkable_documents(user=org.specialist, item=item(assessment, "2.1"), query="bao cao ra soat")
    assert choices == [deliverable]
    for code in ("2.1", "1.1.1"):
        linked = item_attach_evidence(actor=org.specialist, item=item(assessment, code), document=deliverable)
        assert linked == deliverable
    assert EvidenceDocument.objects.count() == 1
    assert EvidenceVersion.objects.count() == 1
    assert sorted(deliverable.par_items.values_list("criterion__code", flat=True)) == ["1.1.1", "2.1"]
    assert list(deliverable.task_occurrences.all()) == [occurrence]
    assert linkable_documents(user=org.specialist, item=item(assessment, "2.1")) == []
    with pytest.raises(ValidationError, match="đã được đính kèm"):
        item_attach_evidence(actor=org.specialist, item=item(assessment, "2.1"), document=deliverable)
    assert AuditEvent.objects.filter(action="item_attach_evidence", note="liên kết tài liệu đã có").count() == 2


def test_a_document_the_room_may_not_see_cannot_be_linked(org: Org) -> None:
    hidden = evidence_upload(actor=org.hospital_staff, upload=pdf(), unit=org.hospital).document
    assessment = open_round(org)
    target = item(assessment, "2.1")
    assert linkable_documents(user=org.specialist, item=target) == []
    with pytest.raises(ValidationError, match="không được xem tài liệu này"):
        item_attach_evidence(actor=org.specialist, item=target, document=hidden)
    assert not target.evidence.exists()
    item_attach_evidence(actor=org.tccb_officer, item=target, document=hidden)
    assert list(target.evidence.all()) == [hidden]


def test_attach_needs_exactly_one_of_a_file_or_a_document(org: Org) -> None:
    assessment = open_round(org)
    target = item(assessment, "2.1")
    existing = evidence_upload(actor=org.specialist, upload=pdf(), unit=org.medical).document
    with pytest.raises(ValidationError, match="Chọn một tệp"):
        item_attach_evidence(actor=org.specialist, item=target)
    with pytest.raises(ValidationError, match="Chỉ chọn một"):
        item_attach_evidence(actor=org.specialist, item=target, upload=pdf(), document=existing)
    assert EvidenceDocument.objects.count() == 1


def test_a_disguised_file_is_refused_and_nothing_is_stored(org: Org) -> None:
    assessment = open_round(org)
    target = item(assessment, "2.1")
    with pytest.raises(ValidationError):
        item_attach_evidence(
            actor=org.specialist, item=target, upload=SimpleUploadedFile("ke-hoach.pdf", b"MZ\x90\x00 not a pdf")
        )
    assert not EvidenceDocument.objects.exists()
    assert not AuditEvent.objects.filter(action="item_attach_evidence").exists()


def test_detaching_keeps_the_document_for_its_other_uses(org: Org) -> None:
    assessment = open_round(org)
    first, second = item(assessment, "2.1"), item(assessment, "1.1.1")
    document = item_attach_evidence(actor=org.specialist, item=first, upload=pdf())
    item_attach_evidence(actor=org.specialist, item=second, document=document)
    item_detach_evidence(actor=org.specialist, item=first, document=document)
    assert not first.evidence.exists()
    assert list(second.evidence.all()) == [document]
    assert EvidenceDocument.objects.filter(pk=document.pk).exists()
    with pytest.raises(ValidationError, match="không gắn với tiêu chí này"):
        item_detach_evidence(actor=org.specialist, item=first, document=document)
    assert actions_of(first) == ["item_assign", "item_attach_evidence", "item_detach_evidence"]


# ---- Review ----


def test_tccb_returns_with_a_comment_the_room_resubmits_and_tccb_accepts(org: Org) -> None:
    assessment = open_round(org)
    target = submitted(org, assessment)
    with pytest.raises(ValidationError, match="Cần ghi ý kiến khi trả lại"):
        item_return(actor=org.tccb_officer, item=target, comment="  ")
    assert item(assessment, "2.1").status == ItemStatus.SUBMITTED
    Notification.objects.all().delete()
    returned = item_return(actor=org.tccb_officer, item=target, comment="Thiếu quyết định ban hành.")
    assert (returned.status, returned.review_comment) == (ItemStatus.RETURNED, "Thiếu quyết định ban hành.")
    for person in (org.room_head, org.specialist):
        notice = Notification.objects.get(recipient=person)
        assert notice.message == "TCCB trả lại tiêu chí 2.1: Thiếu quyết định ban hành."
        assert notice.url == f"/par/items/{target.pk}/"
    with pytest.raises(ValidationError, match="đang ở trạng thái “TCCB trả lại”"):
        item_accept(actor=org.tccb_officer, item=target)

    item_self_score(actor=org.specialist, item=target, self_score=Decimal("28"), self_note="Bổ sung quyết định.")
    item_submit(actor=org.specialist, item=target)
    accepted = item_accept(actor=org.tccb_officer, item=target, comment="Đạt.")
    assert (accepted.status, accepted.review_comment) == (ItemStatus.ACCEPTED, "Đạt.")
    assert actions_of(target) == [
        "item_assign",
        "item_self_score",
        "item_submit",
        "item_return",
        "item_self_score",
        "item_submit",
        "item_accept",
    ]
    event = AuditEvent.objects.get(action="item_return")
    assert event.changes["trạng thái"] == ["Đã gửi TCCB", "TCCB trả lại"]
    assert event.note == "Thiếu quyết định ban hành."


def test_an_accepted_item_can_still_be_returned_but_a_draft_cannot_be_reviewed(org: Org) -> None:
    assessment = open_round(org)
    accepted = item_accept(actor=org.tccb_officer, item=submitted(org, assessment))
    assert item_return(actor=org.tccb_officer, item=accepted, comment="Xem lại điểm.").status == ItemStatus.RETURNED
    draft = item(assessment, "1.1.1")
    with pytest.raises(ValidationError, match="đang ở trạng thái “Đang tự chấm”"):
        item_accept(actor=org.tccb_officer, item=draft)
    with pytest.raises(ValidationError, match="đang ở trạng thái “Đang tự chấm”"):
        item_return(actor=org.tccb_officer, item=draft, comment="Sai.")


def test_rooms_do_not_review(org: Org) -> None:
    assessment = open_round(org)
    target = submitted(org, assessment)
    with pytest.raises(ValidationError, match="Chỉ Phòng Tổ chức – Cán bộ"):
        item_accept(actor=org.room_head, item=target)
    with pytest.raises(ValidationError, match="Chỉ Phòng Tổ chức – Cán bộ"):
        item_return(actor=org.room_head, item=target, comment="Tự trả lại.")
    assert item(assessment, "2.1").status == ItemStatus.SUBMITTED


# ---- Appraisal, explanation, final ----


def test_appraisal_waits_for_the_lock_and_starts_the_appraisal_phase(org: Org) -> None:
    assessment = open_round(org)
    target = submitted(org, assessment)
    with pytest.raises(ValidationError, match="sau khi đã khóa"):
        item_appraise(actor=org.tccb_officer, item=target, appraisal_score=Decimal("30"))
    assessment_lock(actor=org.tccb_officer, assessment=assessment)
    with pytest.raises(ValidationError, match="Chỉ Phòng Tổ chức – Cán bộ"):
        item_appraise(actor=org.room_head, item=target, appraisal_score=Decimal("30"))
    with pytest.raises(ValidationError, match="phải từ 0 đến 40"):
        item_appraise(actor=org.tccb_officer, item=target, appraisal_score=Decimal("41"))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.LOCKED
    agreed = item_appraise(actor=org.tccb_officer, item=target, appraisal_score=Decimal("30"))
    assert (agreed.status, agreed.appraisal_score, agreed.final_score) == (ItemStatus.FINAL, 30, 30)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.APPRAISAL
    assert "assessment_appraisal_start" in actions_of(assessment)
    with pytest.raises(ValidationError, match="đang ở trạng thái “Điểm cuối cùng”"):
        item_appraise(actor=org.tccb_officer, item=target, appraisal_score=Decimal("20"))


def test_an_appraisal_below_the_self_score_is_explained_then_finalised(org: Org) -> None:
    assessment = appraisal_round(org)
    target = item(assessment, "2.1")
    Notification.objects.all().delete()
    appraised = item_appraise(actor=org.tccb_officer, item=target, appraisal_score=Decimal("25"))
    assert (appraised.status, appraised.final_score) == (ItemStatus.APPRAISED, None)
    assert "là 25, khác điểm tự chấm 30" in Notification.objects.get(recipient=org.specialist).message
    with pytest.raises(ValidationError, match="Cần ghi nội dung giải trình"):
        item_explain(actor=org.specialist, item=target, explanation=" ")
    for person in (org.hospital_staff, org.tccb_officer):
        with pytest.raises(ValidationError, match=r"Chỉ cán bộ của phòng chủ trì tiêu chí 2\.1 được giải trình"):
            item_explain(actor=person, item=target, explanation="Không phải phòng mình.")
    explained = item_explain(
        actor=org.specialist, item=target, explanation="Đã ban hành đúng hạn, xem công văn kèm theo.", upload=pdf()
    )
    assert explained.status == ItemStatus.EXPLAINING
    attached = explained.evidence.get()
    assert attached.title == "Giải trình tiêu chí 2.1 – quyet-dinh.pdf"
    assert (
        "Phòng Nghiệp vụ Y đã giải trình tiêu chí 2.1" in Notification.objects.get(recipient=org.tccb_officer).message
    )
    with pytest.raises(ValidationError, match="Chỉ Phòng Tổ chức – Cán bộ"):
        item_finalise(actor=org.specialist, item=target, final_score=Decimal("30"))
    with pytest.raises(ValidationError, match="phải từ 0 đến 40"):
        item_finalise(actor=org.tccb_officer, item=target, final_score=Decimal("-1"))
    final = item_finalise(actor=org.tccb_officer, item=target, final_score=Decimal("28"))
    assert (final.status, final.final_score) == (ItemStatus.FINAL, Decimal("28"))
    with pytest.raises(ValidationError, match="đang ở trạng thái “Điểm cuối cùng”"):
        item_explain(actor=org.specialist, item=target, explanation="Thêm.")
    assert actions_of(target)[-3:] == ["item_appraise", "item_explain", "item_finalise"]


def test_an_appraised_item_can_be_finalised_without_explanation(org: Org) -> None:
    assessment = appraisal_round(org)
    target = item_appraise(actor=org.tccb_officer, item=item(assessment, "2.1"), appraisal_score=Decimal("20"))
    assert item_finalise(actor=org.tccb_officer, item=target, final_score=Decimal("20")).status == ItemStatus.FINAL


def test_items_never_submitted_are_appraised_too(org: Org) -> None:
    assessment = appraisal_round(org)
    never = item_appraise(actor=org.tccb_officer, item=item(assessment, "9"), appraisal_score=Decimal("0"))
    assert never.status == ItemStatus.APPRAISED


def test_the_round_is_final_only_when_every_criterion_is(org: Org) -> None:
    assessment = appraisal_round(org)
    with pytest.raises(ValidationError, match="Chỉ hoàn tất được đợt đang thẩm định"):
        assessment_finalise(actor=org.tccb_officer, assessment=assessment)
    scores = {"1.1.1": "10", "1.1.2": "15", "1.2": "30", "2.1": "30", "9": "0", "10": "0"}
    for code, score in scores.items():
        target = item(assessment, code)
        item_appraise(actor=org.tccb_officer, item=target, appraisal_score=Decimal(score))
    with pytest.raises(ValidationError, match=r"Còn 4 tiêu chí chưa có điểm cuối cùng: 1\.1\.2, 1\.2, 9, 10"):
        assessment_finalise(actor=org.tccb_officer, assessment=assessment)
    for code in ("1.1.2", "1.2", "9", "10"):
        item_finalise(actor=org.tccb_officer, item=item(assessment, code), final_score=Decimal(scores[code]))
    final = assessment_finalise(actor=org.tccb_officer, assessment=assessment)
    assert final.status == AssessmentStatus.FINAL
    assert actions_of(assessment)[-1] == "assessment_finalise"
    with pytest.raises(ValidationError, match="Chỉ nhập điểm cuối cùng khi đợt đang thẩm định"):
        item_finalise(actor=org.tccb_officer, item=item(assessment, "2.1"), final_score=Decimal("1"))


# ---- Progress by room ----


def test_progress_by_room_counts_what_tccb_follows(org: Org) -> None:
    assessment = new_round(org)
    assign_all(org, assessment)
    item_assign(actor=org.tccb_officer, item=item(assessment, "10"), lead_unit=org.hospital)
    Criterion.objects.filter(code__in=["1.1.1", "1.1.2"]).update(evidence_required="Văn bản")
    assessment_open(actor=org.tccb_officer, assessment=assessment)
    submitted(org, assessment, "2.1")
    item_return(actor=org.tccb_officer, item=submitted(org, assessment, "1.2", "15"), comment="Sai tỉ lệ.")
    item_attach_evidence(actor=org.specialist, item=item(assessment, "1.1.1"), upload=pdf())
    item_self_score(actor=org.specialist, item=item(assessment, "1.1.1"), self_score=Decimal("10"))
    item_accept(actor=org.tccb_officer, item=item_submit(actor=org.specialist, item=item(assessment, "1.1.1")))

    rows = {
        row.unit.code if row.unit else None: row for row in room_progress(user=org.tccb_officer, assessment=assessment)
    }
    medical = rows["NVY"]
    assert (medical.assigned, medical.draft, medical.submitted, medical.returned, medical.accepted) == (5, 2, 1, 1, 1)
    assert medical.missing_evidence == 1
    assert medical.days_left == 10
    assert not medical.late
    assert rows["BVDK"].assigned == 1
    Assessment.objects.filter(pk=assessment.pk).update(deadline=in_days(-2))
    late = room_progress(user=org.tccb_officer, assessment=Assessment.objects.get(pk=assessment.pk))
    assert [(row.unit.code if row.unit else None, row.late, row.with_room) for row in late] == [
        ("BVDK", True, 1),
        ("NVY", True, 3),
    ]

    rounds = running_rounds(user=org.tccb_officer)
    assert [entry.assessment for entry in rounds] == [assessment]
    assert rounds[0].totals["assigned"] == 6
    assert running_rounds(user=org.hospital_staff)[0].totals["assigned"] == 1
    assert running_rounds(user=org.outsider) == []
