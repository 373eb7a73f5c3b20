"""Pages of the assessment round: each named person gets exactly what their role allows; a room edits only its items."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cchc.core.models import AuditEvent
from cchc.core.permissions import VIEW, restrict
from cchc.core.services import notifications_mark_all_read
from cchc.evidence.models import EvidenceDocument
from cchc.evidence.services import evidence_upload
from cchc.org.models import User
from cchc.plans.tests.test_task_lifecycle import PDF
from cchc.scorecard.choices import AssessmentStatus, ItemStatus
from cchc.scorecard.models import Assessment, AssessmentItem, Criterion
from cchc.scorecard.round import (
    assessment_lock,
    item_accept,
    item_appraise,
    item_assign,
    item_attach_evidence,
    item_self_score,
    item_submit,
)
from cchc.scorecard.tests.builders import small_framework
from cchc.scorecard.tests.test_round import in_days, item, new_round, open_round
from conftest import Org

ALL = "leader tccb_officer office_focal room_head specialist hospital_staff one_stop_officer inspector admin outsider"
MANAGERS = "tccb_officer admin"
ROOM = "room_head specialist"
# Those who see the round: the department viewers, the lead room, and the hospital (it coordinates criterion 2.1).
VIEWERS = f"leader office_focal {MANAGERS} {ROOM} hospital_staff"
OK = "ok"


def expect(allowed: str, others: str | int, **special: str | int) -> dict[str, str | int]:
    expected: dict[str, str | int] = dict.fromkeys(ALL.split(), others)
    expected.update(dict.fromkeys(allowed.split(), OK))
    expected.update(special)
    return expected


def round_for_pages(org: Org) -> Assessment:
    """An open round led by Nghiệp vụ Y; the hospital coordinates 2.1; 2.1 is submitted, 1.1.1 has a self-score."""
    assessment = open_round(org)
    item_assign(
        actor=org.tccb_officer, item=item(assessment, "2.1"), lead_unit=org.medical, coordinating_units=[org.hospital]
    )
    item_self_score(actor=org.specialist, item=item(assessment, "1.1.1"), self_score=Decimal("5"))
    item_self_score(actor=org.specialist, item=item(assessment, "2.1"), self_score=Decimal("30"))
    item_submit(actor=org.specialist, item=item(assessment, "2.1"))
    return assessment


def in_appraisal(org: Org) -> Assessment:
    assessment = round_for_pages(org)
    item_accept(actor=org.tccb_officer, item=item(assessment, "2.1"))
    assessment_lock(actor=org.tccb_officer, assessment=assessment)
    item_appraise(actor=org.tccb_officer, item=item(assessment, "2.1"), appraisal_score=Decimal("20"))
    return assessment


def pk_of(assessment: Assessment, code: str) -> int:
    return item(assessment, code).pk


Case = tuple[
    str, Callable[[Org], Assessment], str, Callable[[Assessment], str], dict[str, object], dict[str, str | int]
]

CASES: list[Case] = [
    ("round list", round_for_pages, "get", lambda a: "/par/assessments/", {}, expect(ALL, OK)),
    ("round create page", round_for_pages, "get", lambda a: "/par/assessments/new/", {}, expect(MANAGERS, 403)),
    ("round page", round_for_pages, "get", lambda a: f"/par/assessments/{a.pk}/", {}, expect(VIEWERS, 404)),
    (
        "round history",
        round_for_pages,
        "get",
        lambda a: f"/history/scorecard/assessment/{a.pk}/",
        {},
        expect(VIEWERS, 404),
    ),
    (
        "lock",
        round_for_pages,
        "post",
        lambda a: f"/par/assessments/{a.pk}/lock/",
        {},
        expect(MANAGERS, 404, leader=403, office_focal=403, room_head=403, specialist=403, hospital_staff=403),
    ),
    (
        "reopen",
        round_for_pages,
        "post",
        lambda a: f"/par/assessments/{a.pk}/reopen/",
        {"deadline": in_days(20).isoformat()},
        expect(MANAGERS, 404, leader=403, office_focal=403, room_head=403, specialist=403, hospital_staff=403),
    ),
    (
        "item page (coordinated by the hospital)",
        round_for_pages,
        "get",
        lambda a: f"/par/items/{pk_of(a, '2.1')}/",
        {},
        expect(VIEWERS, 404),
    ),
    (
        "item page (Nghiệp vụ Y only)",
        round_for_pages,
        "get",
        lambda a: f"/par/items/{pk_of(a, '1.1.1')}/",
        {},
        expect(VIEWERS, 404, hospital_staff=404),
    ),
    (
        "item history",
        round_for_pages,
        "get",
        lambda a: f"/history/scorecard/assessmentitem/{pk_of(a, '1.1.1')}/",
        {},
        expect(VIEWERS, 404, hospital_staff=404),
    ),
    (
        "self-score (the hospital only coordinates)",
        round_for_pages,
        "post",
        lambda a: f"/par/items/{pk_of(a, '1.1.2')}/self_score/",
        {"self_score": "10", "self_note": "Đủ."},
        expect(f"{MANAGERS} {ROOM}", 404, leader=403, office_focal=403),
    ),
    (
        "self-score on an item the hospital sees",
        round_for_pages,
        "post",
        lambda a: f"/par/items/{pk_of(a, '2.1')}/self_score/",
        {"self_score": "10"},
        expect(f"{MANAGERS} {ROOM}", 404, leader=403, office_focal=403, hospital_staff=403),
    ),
    (
        "upload",
        round_for_pages,
        "post",
        lambda a: f"/par/items/{pk_of(a, '1.1.2')}/upload/",
        {},
        expect(f"{MANAGERS} {ROOM}", 404, leader=403, office_focal=403),
    ),
    (
        "submit",
        round_for_pages,
        "post",
        lambda a: f"/par/items/{pk_of(a, '1.1.1')}/submit/",
        {},
        expect(f"{MANAGERS} {ROOM}", 404, leader=403, office_focal=403),
    ),
    (
        "assign",
        round_for_pages,
        "post",
        lambda a: f"/par/items/{pk_of(a, '2.1')}/assign/",
        {},
        expect(MANAGERS, 404, leader=403, office_focal=403, room_head=403, specialist=403, hospital_staff=403),
    ),
    (
        "return",
        round_for_pages,
        "post",
        lambda a: f"/par/items/{pk_of(a, '2.1')}/return/",
        {"comment": "Bổ sung."},
        expect(MANAGERS, 404, leader=403, office_focal=403, room_head=403, specialist=403, hospital_staff=403),
    ),
    (
        "accept",
        round_for_pages,
        "post",
        lambda a: f"/par/items/{pk_of(a, '2.1')}/accept/",
        {},
        expect(MANAGERS, 404, leader=403, office_focal=403, room_head=403, specialist=403, hospital_staff=403),
    ),
    (
        "appraise",
        in_appraisal,
        "post",
        lambda a: f"/par/items/{pk_of(a, '1.1.1')}/appraise/",
        {"appraisal_score": "5"},
        expect(MANAGERS, 404, leader=403, office_focal=403, room_head=403, specialist=403),
    ),
    (
        "explain",
        in_appraisal,
        "post",
        lambda a: f"/par/items/{pk_of(a, '2.1')}/explain/",
        {"explanation": "Có văn bản."},
        expect(ROOM, 404, leader=403, office_focal=403, hospital_staff=403, tccb_officer=403, admin=403),
    ),
    (
        "finalise",
        in_appraisal,
        "post",
        lambda a: f"/par/items/{pk_of(a, '2.1')}/finalise/",
        {"final_score": "25"},
        expect(MANAGERS, 404, leader=403, office_focal=403, room_head=403, specialist=403, hospital_staff=403),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case[0])
def test_each_person_gets_what_their_role_allows(org: Org, client_for: Callable[..., Client], case: Case) -> None:
    _name, build, method, path, data, expected = case
    assessment = build(org)
    outcomes: dict[str, str | int] = {}
    for who, person in org.people().items():
        response = getattr(client_for(person), method)(path(assessment), data)
        outcomes[who] = OK if response.status_code in {200, 302} else response.status_code
    assert outcomes == expected


def test_anonymous_is_sent_to_sign_in(org: Org, client_for: Callable[..., Client]) -> None:
    assessment = round_for_pages(org)
    target = pk_of(assessment, "2.1")
    client = client_for(None)
    for path in [
        "/par/assessments/",
        "/par/assessments/new/",
        f"/par/assessments/{assessment.pk}/",
        f"/par/items/{target}/",
    ]:
        assert client.get(path)["Location"].startswith("/accounts/login/")
    for path in [f"/par/assessments/{assessment.pk}/lock/", f"/par/items/{target}/accept/"]:
        assert client.post(path)["Location"].startswith("/accounts/login/")
    assert Assessment.objects.get().status == AssessmentStatus.OPEN


def test_unknown_actions_are_not_found_and_actions_need_post(org: Org, client_for: Callable[..., Client]) -> None:
    assessment = round_for_pages(org)
    client = client_for(org.tccb_officer)
    assert client.post(f"/par/assessments/{assessment.pk}/delete/").status_code == 404
    assert client.post(f"/par/items/{pk_of(assessment, '2.1')}/delete/").status_code == 404
    assert client.get(f"/par/assessments/{assessment.pk}/lock/").status_code == 405
    assert client.get(f"/par/items/{pk_of(assessment, '2.1')}/accept/").status_code == 405


def test_tccb_creates_a_round_for_the_department_and_is_sent_to_its_page(
    org: Org, client_for: Callable[..., Client]
) -> None:
    framework = small_framework()
    client = client_for(org.tccb_officer)
    page = client.get("/par/assessments/new/").content.decode()
    assert f'<option value="{org.department.pk}" selected>Sở Y tế</option>' in page
    response = client.post(
        "/par/assessments/new/",
        {"framework": framework.pk, "unit": org.department.pk, "deadline": in_days(10).isoformat()},
    )
    assessment = Assessment.objects.get()
    assert response["Location"] == f"/par/assessments/{assessment.pk}/"
    assert (assessment.unit, assessment.deadline, assessment.items.count()) == (org.department, in_days(10), 6)
    again = client.post(
        "/par/assessments/new/",
        {"framework": framework.pk, "unit": org.department.pk, "deadline": in_days(10).isoformat()},
    )
    assert again.status_code == 200
    assert "Sở Y tế đã có kỳ tự đánh giá" in again.content.decode()
    assert Assessment.objects.count() == 1


def test_tccb_assigns_by_field_and_by_item_then_opens_the_round(org: Org, client_for: Callable[..., Client]) -> None:
    assessment = new_round(org)
    client = client_for(org.tccb_officer)
    page = client.get(f"/par/assessments/{assessment.pk}/").content.decode()
    assert "Giao cả lĩnh vực" in page
    assert "Mở đợt tự chấm" in page
    field = Criterion.objects.get(framework=assessment.framework, code="1")
    response = client.post(
        f"/par/assessments/{assessment.pk}/assign_field/",
        {"field-field": field.pk, "field-lead_unit": org.medical.pk, "field-coordinating_units": [org.office.pk]},
    )
    assert response.status_code == 302
    assert assessment.items.filter(lead_unit=org.medical).count() == 3
    for code in ("2.1", "9", "10"):
        response = client.post(
            f"/par/items/{pk_of(assessment, code)}/assign/", {"lead_unit": org.medical.pk, "return_to": "round"}
        )
        assert response["Location"] == f"/par/assessments/{assessment.pk}/#item-{pk_of(assessment, code)}"
    response = client.post(f"/par/assessments/{assessment.pk}/open/", {"deadline": in_days(7).isoformat()})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.status, assessment.deadline) == (AssessmentStatus.OPEN, in_days(7))
    page = client.get(f"/par/assessments/{assessment.pk}/").content.decode()
    assert "Khóa tự chấm" in page
    assert "Đã mở đợt tự chấm" in page


def test_opening_with_unassigned_criteria_says_which_and_changes_nothing(
    org: Org, client_for: Callable[..., Client]
) -> None:
    assessment = new_round(org)
    client = client_for(org.tccb_officer)
    response = client.post(f"/par/assessments/{assessment.pk}/open/", {"deadline": in_days(7).isoformat()}, follow=True)
    assert "Còn 6 tiêu chí chưa giao phòng chủ trì: 1.1.1, 1.1.2, 1.2, 2.1, 9, 10." in response.content.decode()
    assert Assessment.objects.get().status == AssessmentStatus.DRAFT


def test_round_page_shows_progress_by_room(org: Org, client_for: Callable[..., Client]) -> None:
    assessment = round_for_pages(org)
    page = client_for(org.tccb_officer).get(f"/par/assessments/{assessment.pk}/").content.decode()
    assert 'data-testid="room-progress"' in page
    assert "Phòng Nghiệp vụ Y" in page
    assert "còn 10 ngày" in page
    room_page = client_for(org.specialist).get(f"/par/assessments/{assessment.pk}/").content.decode()
    assert "Giao cả lĩnh vực" not in room_page
    assert "Khóa tự chấm" not in room_page


def test_the_hospital_sees_only_the_criterion_it_coordinates(org: Org, client_for: Callable[..., Client]) -> None:
    assessment = round_for_pages(org)
    page = client_for(org.hospital_staff).get(f"/par/assessments/{assessment.pk}/").content.decode()
    assert page.count('data-testid="item-row"') == 1
    assert "Tiêu chí 2.1" in page


def test_the_specialist_self_scores_uploads_and_submits_through_the_page(
    org: Org, client_for: Callable[..., Client]
) -> None:
    assessment = open_round(org)
    Criterion.objects.filter(code="1.2").update(evidence_required="Báo cáo tỉ lệ hồ sơ đúng hạn")
    target = pk_of(assessment, "1.2")
    client = client_for(org.specialist)
    page = client.get(f"/par/items/{target}/").content.decode()
    for text in ("Tự chấm điểm", "Báo cáo tỉ lệ hồ sơ đúng hạn", "từ 98% trở lên: 15 điểm", "Giá trị đo được (%)"):
        assert text in page
    response = client.post(
        f"/par/items/{target}/self_score/",
        {"self_score": "15", "self_note": "Tỉ lệ đúng hạn 99%.", "measured_value": "99"},
    )
    assert response["Location"] == f"/par/items/{target}/"
    response = client.post(
        f"/par/items/{target}/upload/", {"file": SimpleUploadedFile("ty-le.pdf", PDF), "title": "Báo cáo tỉ lệ"}
    )
    assert response.status_code == 302
    page = client.get(f"/par/items/{target}/").content.decode()
    assert "15 điểm theo bậc" in page
    assert "Báo cáo tỉ lệ" in page
    assert client.post(f"/par/items/{target}/submit/").status_code == 302
    saved = AssessmentItem.objects.get(pk=target)
    assert (saved.status, saved.self_score, saved.evidence.count()) == (ItemStatus.SUBMITTED, Decimal("15"), 1)


def test_a_refused_score_shows_the_page_again_with_the_input_kept(org: Org, client_for: Callable[..., Client]) -> None:
    assessment = open_round(org)
    target = pk_of(assessment, "1.1.1")
    response = client_for(org.specialist).post(
        f"/par/items/{target}/self_score/", {"self_score": "11", "self_note": "Ghi chú dài của phòng."}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Điểm của tiêu chí 1.1.1 phải từ 0 đến 10." in page
    assert "Ghi chú dài của phòng." in page
    assert AssessmentItem.objects.get(pk=target).self_score is None


def test_submitting_without_required_evidence_says_so_on_top(org: Org, client_for: Callable[..., Client]) -> None:
    assessment = open_round(org)
    Criterion.objects.filter(code="1.1.1").update(evidence_required="Quyết định")
    item_self_score(actor=org.specialist, item=item(assessment, "1.1.1"), self_score=Decimal("5"))
    response = client_for(org.specialist).post(f"/par/items/{pk_of(assessment, '1.1.1')}/submit/", follow=True)
    assert "cần tài liệu kiểm chứng (Quyết định)" in response.content.decode()
    assert item(assessment, "1.1.1").status == ItemStatus.DRAFT


def test_after_the_deadline_the_room_sees_no_form_and_only_tccb_reopens(
    org: Org, client_for: Callable[..., Client]
) -> None:
    assessment = open_round(org)
    Assessment.objects.filter(pk=assessment.pk).update(deadline=in_days(-1))
    target = pk_of(assessment, "1.1.1")
    room = client_for(org.room_head)
    page = room.get(f"/par/items/{target}/").content.decode()
    assert "Đã quá hạn tự chấm" in page
    assert "Lưu điểm tự chấm" not in page
    response = room.post(f"/par/items/{target}/self_score/", {"self_score": "5"})
    assert "Đã quá hạn tự chấm" in response.content.decode()
    assert item(assessment, "1.1.1").self_score is None
    assert (
        room.post(f"/par/assessments/{assessment.pk}/reopen/", {"deadline": in_days(3).isoformat()}).status_code == 403
    )
    tccb = client_for(org.tccb_officer)
    assert "đã quá hạn 1 ngày" in tccb.get(f"/par/assessments/{assessment.pk}/").content.decode()
    tccb.post(f"/par/assessments/{assessment.pk}/reopen/", {"deadline": in_days(3).isoformat()})
    assert Assessment.objects.get().deadline == in_days(3)
    assert "Lưu điểm tự chấm" in client_for(org.room_head).get(f"/par/items/{target}/").content.decode()


def test_a_document_already_in_the_system_is_linked_not_uploaded_again(
    org: Org, client_for: Callable[..., Client]
) -> None:
    existing = evidence_upload(
        actor=org.room_head, upload=SimpleUploadedFile("ke-hoach.pdf", PDF), unit=org.medical, title="Kế hoạch CCHC"
    ).document
    evidence_upload(actor=org.room_head, upload=SimpleUploadedFile("khac.pdf", PDF), unit=org.medical, title="Khác")
    assessment = open_round(org)
    client = client_for(org.specialist)
    partial = client.get(f"/par/items/{pk_of(assessment, '2.1')}/", {"doc_q": "ke hoach"}, HTTP_HX_REQUEST="true")
    options = partial.content.decode()
    assert "<html" not in options
    assert "Kế hoạch CCHC" in options
    assert "Khác" not in options
    for code in ("2.1", "1.1.1"):
        response = client.post(f"/par/items/{pk_of(assessment, code)}/link/", {"document": existing.pk})
        assert response.status_code == 302
    assert EvidenceDocument.objects.count() == 2
    assert sorted(existing.par_items.values_list("criterion__code", flat=True)) == ["1.1.1", "2.1"]
    response = client.post(f"/par/items/{pk_of(assessment, '2.1')}/detach/", {"document": existing.pk})
    assert response.status_code == 302
    assert list(existing.par_items.values_list("criterion__code", flat=True)) == ["1.1.1"]


def test_a_document_the_room_may_not_see_is_neither_offered_nor_linked(
    org: Org, client_for: Callable[..., Client]
) -> None:
    hidden = evidence_upload(
        actor=org.hospital_staff,
        upload=SimpleUploadedFile("bv.pdf", PDF),
        unit=org.hospital,
        title="Tài liệu bệnh viện",
    ).document
    assessment = open_round(org)
    target = pk_of(assessment, "2.1")
    client = client_for(org.specialist)
    assert "Tài liệu bệnh viện" not in client.get(f"/par/items/{target}/").content.decode()
    response = client.post(f"/par/items/{target}/link/", {"document": hidden.pk})
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not hidden.par_items.exists()


def test_evidence_the_viewer_may_not_download_is_listed_without_a_link(
    org: Org, client_for: Callable[..., Client]
) -> None:
    from cchc.org.choices import Role
    from cchc.org.services import person_create

    hidden = evidence_upload(
        actor=org.hospital_staff,
        upload=SimpleUploadedFile("bv.pdf", PDF),
        unit=org.hospital,
        title="Tài liệu bệnh viện",
    ).document
    assessment = open_round(org)
    item_attach_evidence(actor=org.tccb_officer, item=item(assessment, "2.1"), document=hidden)
    member: User = person_create(
        actor=None, username="bcd", full_name="Thành viên BCĐ", unit=org.inspectorate, roles=[Role.STEERING_MEMBER]
    )
    assert not restrict(EvidenceDocument.objects.filter(pk=hidden.pk), member, VIEW).exists()
    page = client_for(member).get(f"/par/items/{pk_of(assessment, '2.1')}/").content.decode()
    assert "Tài liệu bệnh viện" in page
    assert f"/evidence/{hidden.pk}/download/" not in page
    room_page = client_for(org.specialist).get(f"/par/items/{pk_of(assessment, '2.1')}/").content.decode()
    assert f"/evidence/{hidden.pk}/download/" in room_page


def test_tccb_returns_with_a_comment_and_the_room_is_told(org: Org, client_for: Callable[..., Client]) -> None:
    assessment = round_for_pages(org)
    target = pk_of(assessment, "2.1")
    notifications_mark_all_read(recipient=org.specialist)
    client = client_for(org.tccb_officer)
    response = client.post(f"/par/items/{target}/return/", {"comment": ""})
    assert response.status_code == 200
    assert "Cần ghi ý kiến khi trả lại" in response.content.decode()
    assert item(assessment, "2.1").status == ItemStatus.SUBMITTED
    client.post(f"/par/items/{target}/return/", {"comment": "Thiếu quyết định."})
    assert item(assessment, "2.1").status == ItemStatus.RETURNED
    page = client_for(org.specialist).get(f"/par/items/{target}/").content.decode()
    assert "Thiếu quyết định." in page
    assert "Gửi lại TCCB" in page
    assert org.specialist.notifications.filter(read_at=None, message__contains="Thiếu quyết định.").exists()


def test_appraisal_explanation_and_final_through_the_pages(org: Org, client_for: Callable[..., Client]) -> None:
    assessment = in_appraisal(org)
    target = pk_of(assessment, "2.1")
    room = client_for(org.specialist)
    page = room.get(f"/par/items/{target}/").content.decode()
    assert "Điểm thẩm định 20 khác điểm tự chấm 30" in page
    room.post(
        f"/par/items/{target}/explain/",
        {"explanation": "Đã ban hành đúng hạn.", "file": SimpleUploadedFile("giai-trinh.pdf", PDF)},
    )
    explained = item(assessment, "2.1")
    assert (explained.status, explained.explanation) == (ItemStatus.EXPLAINING, "Đã ban hành đúng hạn.")
    tccb = client_for(org.tccb_officer)
    assert "Chốt điểm cuối cùng" in tccb.get(f"/par/items/{target}/").content.decode()
    tccb.post(f"/par/items/{target}/finalise/", {"final_score": "25"})
    assert (item(assessment, "2.1").status, item(assessment, "2.1").final_score) == (ItemStatus.FINAL, Decimal("25"))
    assert AuditEvent.objects.filter(action="item_finalise", actor=org.tccb_officer).exists()
