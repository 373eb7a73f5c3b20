"""A small instrument, campaigns and hand-written responses for the index, tally and report tests.

Responses are written straight to the table with the figures the submission service derives, so that these
tests pin down the arithmetic of the indices on response sets computed by hand.
"""

import datetime
import uuid
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from cchc.core.text import fold
from cchc.org.models import Unit
from cchc.surveys.choices import CampaignStatus, InstrumentKind, ItemKind, ItemPurpose, ResponseChannel
from cchc.surveys.models.collection import Campaign, Response
from cchc.surveys.models.instruments import Instrument, InstrumentVersion, Item, Section

VN = ZoneInfo("Asia/Ho_Chi_Minh")
COUNTED = ("A1", "A2", "B1")
# The hand-computed set: see test_indices.py for every figure it gives.
HAND_SET: list[dict[str, Any]] = [
    {"A1": 5, "A2": 4, "B1": 4, "B2": 1, "G1": 80, "G2": "yes", "I1": "female", "T1": "Phòng chờ quá nóng"},
    {"A1": 3, "A2": 0, "B1": 5, "G1": 60, "G2": "maybe", "I1": "male"},
    {"A1": 0, "A2": 0, "I1": "female"},
    {"A1": 2, "A2": 5, "B1": 4, "G2": "yes", "I1": "male", "T1": "Bác sĩ tận tình"},
]


@dataclass
class SurveyData:
    instrument: Instrument
    version: InstrumentVersion
    campaign: Campaign
    other_campaign: Campaign


def build_instrument(code: str = "TEST", kind: str = InstrumentKind.OUTPATIENT) -> InstrumentVersion:
    instrument = Instrument.objects.create(code=code, name=f"Phiếu {code}", kind=kind)
    version = InstrumentVersion.objects.create(instrument=instrument, number=1, is_published=True)
    sections = {
        code: Section.objects.create(version=version, code=code, title=title, order=order, factor=factor)
        for order, (code, title, factor) in enumerate(
            [
                ("A", "Tiếp cận", True),
                ("B", "Minh bạch", True),
                ("G", "Đánh giá chung", False),
                ("I", "Thông tin", False),
            ]
        )
    }
    items = [
        ("A", "A1", ItemKind.LIKERT, True, ItemPurpose.NONE, []),
        ("A", "A2", ItemKind.LIKERT, True, ItemPurpose.NONE, []),
        ("B", "B1", ItemKind.LIKERT, True, ItemPurpose.NONE, []),
        ("B", "B2", ItemKind.LIKERT, False, ItemPurpose.NONE, []),
        ("G", "G1", ItemKind.NUMBER, False, ItemPurpose.EXPECTATION, []),
        ("G", "G2", ItemKind.SINGLE_CHOICE, False, ItemPurpose.WOULD_RETURN,
         [{"value": "yes", "label": "Chắc chắn quay lại"}, {"value": "maybe", "label": "Có thể"},
          {"value": "no", "label": "Không quay lại"}]),
        ("G", "T1", ItemKind.TEXT, False, ItemPurpose.NONE, []),
        ("I", "I1", ItemKind.SINGLE_CHOICE, False, ItemPurpose.RESPONDENT_GROUP,
         [{"value": "female", "label": "Nữ"}, {"value": "male", "label": "Nam"}]),
    ]  # fmt: skip
    for order, (section, item_code, kind, counted, purpose, options) in enumerate(items):
        Item.objects.create(
            version=version,
            section=sections[section],
            code=item_code,
            text=f"Câu hỏi {item_code}",
            kind=kind,
            order=order,
            counts_for_index=counted,
            purpose=purpose,
            options=options,
        )
    return version


def build_campaign(version: InstrumentVersion, facility: Unit, code: str, target: int = 10) -> Campaign:
    return Campaign.objects.create(
        code=code,
        name=f"Khảo sát {code}",
        instrument_version=version,
        facility=facility,
        service_name="Khoa Khám bệnh",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        target_sample=target,
        status=CampaignStatus.OPEN,
    )


def add_response(campaign: Campaign, answers: dict[str, Any], at: datetime.datetime) -> Response:
    """A response with the figures the submission service derives from its answers."""
    counted = [answers[code] for code in COUNTED if answers.get(code) in (1, 2, 3, 4, 5)]
    satisfied = sum(1 for value in counted if value >= 4)
    return Response.objects.create(
        campaign=campaign,
        version=campaign.instrument_version,
        channel=ResponseChannel.WEB,
        submitted_at=at,
        answers=answers,
        likert_answered=len(counted),
        likert_satisfied=satisfied,
        all_satisfied=bool(counted) and satisfied == len(counted),
        expectation_pct=answers.get("G1"),
        would_return=answers.get("G2", ""),
        respondent_group={"I1": answers["I1"]} if "I1" in answers else {},
        text_search=fold(str(answers.get("T1", ""))),
        duplicate_key=uuid.uuid4().hex,
    )


def at(year: int, month: int, day: int = 15, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=VN)


def build_survey(hospital: Unit, other: Unit) -> SurveyData:
    """The hand set in March 2026 at the hospital; two all-satisfied responses in February; one elsewhere."""
    version = build_instrument()
    campaign = build_campaign(version, hospital, "bvdk-2026")
    other_campaign = build_campaign(version, other, "mc-2026")
    for answers in HAND_SET:
        add_response(campaign, answers, at(2026, 3))
    for _ in range(2):
        add_response(campaign, {"A1": 5, "A2": 5, "B1": 5, "I1": "female"}, at(2026, 2))
    add_response(other_campaign, {"A1": 1, "A2": 1, "B1": 1, "T1": "Chờ lâu"}, at(2026, 3))
    return SurveyData(version.instrument, version, campaign, other_campaign)
