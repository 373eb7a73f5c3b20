"""A small instrument whose figures can be computed by hand, and open campaigns for the tests."""

import datetime
from typing import Any

from django.utils import timezone

from cchc.org.models import Unit
from cchc.surveys.choices import CampaignLayout, InstrumentKind
from cchc.surveys.models.collection import Campaign
from cchc.surveys.models.instruments import Instrument, InstrumentVersion
from cchc.surveys.services import campaign_create, campaign_open, instrument_version_import

YES_NO = "yes_no"
LIKERT = "likert"

SMALL_SECTIONS: list[dict[str, Any]] = [
    {
        "code": "INFO",
        "title": "Thông tin người trả lời",
        "factor": False,
        "items": [
            {
                "code": "I1",
                "text": "Giới tính",
                "kind": "single_choice",
                "options": [{"value": "1", "label": "Nam"}, {"value": "2", "label": "Nữ"}],
                "purpose": "respondent_group",
            },
            {"code": "I2", "text": "Có thẻ bảo hiểm y tế?", "kind": YES_NO, "purpose": "respondent_group"},
            {
                "code": "I3",
                "text": "Có dùng thẻ cho lần khám này?",
                "kind": YES_NO,
                "required": True,
                "condition": {"item": "I2", "in": ["1"]},
            },
        ],
    },
    {
        "code": "A",
        "title": "Khả năng tiếp cận",
        "factor": True,
        "items": [
            {"code": "A1", "text": "Biển báo rõ ràng.", "kind": LIKERT, "counts_for_index": True},
            {"code": "A2", "text": "Lối đi dễ đi.", "kind": LIKERT, "counts_for_index": True},
            {"code": "A3", "text": "Gọi được nhân viên khi cần.", "kind": LIKERT, "counts_for_index": True},
        ],
    },
    {
        "code": "B",
        "title": "Minh bạch thông tin",
        "factor": True,
        "items": [
            {"code": "B1", "text": "Giá dịch vụ công khai.", "kind": LIKERT, "counts_for_index": True},
            {
                "code": "B2",
                "text": "Được giải thích rõ.",
                "kind": LIKERT,
                "counts_for_index": True,
                "required": True,
            },
        ],
    },
    {
        "code": "G",
        "title": "Đánh giá chung",
        "factor": False,
        "items": [
            {
                "code": "G1",
                "text": "Đáp ứng bao nhiêu % mong đợi?",
                "kind": "number",
                "purpose": "expectation",
                "min_value": 0,
                "max_value": 100,
            },
            {
                "code": "G2",
                "text": "Có quay lại không?",
                "kind": "single_choice",
                "purpose": "would_return",
                "options": [{"value": "4", "label": "Có thể"}, {"value": "5", "label": "Chắc chắn"}],
            },
            {"code": "G3", "text": "Góp ý khác", "kind": "text"},
        ],
    },
]


def small_version(actor: Any = None) -> InstrumentVersion:
    existing = Instrument.objects.filter(code="TEST").first()
    return instrument_version_import(
        actor=actor,
        sections=SMALL_SECTIONS,
        instrument=existing,
        code="TEST",
        name="Bộ câu hỏi thử",
        kind=InstrumentKind.OUTPATIENT,
    )


def open_campaign(
    *,
    actor: Any,
    facility: Unit,
    code: str = "bvdk-2026",
    version: InstrumentVersion | None = None,
    layout: str = CampaignLayout.ONE_PAGE,
    collectors: list[Any] | None = None,
) -> Campaign:
    today = timezone.localdate()
    campaign = campaign_create(
        actor=actor,
        collectors=collectors or [],
        code=code,
        name="Khảo sát người bệnh ngoại trú",
        instrument_version=version or small_version(actor),
        facility=facility,
        service_name="Khoa Khám bệnh",
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=20),
        target_sample=50,
        layout=layout,
    )
    return campaign_open(actor=actor, campaign=campaign)


def raw(**answers: Any) -> dict[str, list[str]]:
    """Form-like raw answers: raw(A1=5, I1="1") → {"A1": ["5"], "I1": ["1"]}."""
    return {
        code: [str(value) for value in value_list] if isinstance(value_list, list) else [str(value_list)]
        for code, value_list in answers.items()
    }
