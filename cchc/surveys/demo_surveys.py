"""Demo campaigns with a year of plausible answers, for the demo site and the reports' screenshots."""

import datetime
import random
from typing import Any

from django.utils import timezone

from cchc.org.models import Unit

from .choices import CampaignLayout, ItemKind, ItemPurpose, ResponseChannel
from .models.collection import Campaign, CollectionPoint
from .models.instruments import Instrument
from .services import (
    campaign_create,
    campaign_open,
    instruments_ensure_defaults,
    point_create,
    response_submit,
)

# Likert answers 0–5: mostly satisfied, with a few items people complain about more (waiting, toilets, fees).
USUAL = (0.02, 0.01, 0.03, 0.09, 0.42, 0.43)
WEAK = (0.03, 0.04, 0.09, 0.22, 0.40, 0.22)
WEAK_ITEMS = {"B6", "B7", "B9", "B10", "C3", "C6", "E4", "TC1", "TT5"}
COMMENTS = (
    "Nhân viên nhiệt tình, chu đáo.",
    "Thời gian chờ khám còn lâu, nên bố trí thêm quầy đăng ký.",
    "Nhà vệ sinh cần được dọn thường xuyên hơn.",
    "Bác sĩ giải thích rõ ràng, dễ hiểu.",
    "Nên có thêm ghế ngồi ở khu vực chờ.",
    "Hướng dẫn nộp hồ sơ trực tuyến còn khó hiểu.",
    "Cán bộ một cửa hướng dẫn tận tình.",
)


def _answers(version: Any, rng: random.Random) -> dict[str, list[str]]:
    raw: dict[str, list[str]] = {}
    for item in version.items.all():
        if item.kind == ItemKind.LIKERT:
            scale = WEAK if item.code in WEAK_ITEMS else USUAL
            raw[item.code] = [str(rng.choices(range(6), weights=scale)[0])]
        elif item.purpose == ItemPurpose.EXPECTATION:
            raw[item.code] = [str(min(100, max(40, round(rng.gauss(86, 9)))))]
        elif item.kind in (ItemKind.SINGLE_CHOICE, ItemKind.MULTIPLE_CHOICE) and item.options:
            values = [option["value"] for option in item.options]
            weights = [1.0] * len(values)
            if item.purpose == ItemPurpose.WOULD_RETURN:
                weights = [0.01, 0.04, 0.03, 0.35, 0.55, 0.02][: len(values)]
            raw[item.code] = [rng.choices(values, weights=weights)[0]]
        elif item.kind == ItemKind.YES_NO:
            raw[item.code] = ["1" if rng.random() < 0.8 else "0"]
        elif item.kind == ItemKind.NUMBER:
            raw[item.code] = [str(rng.randint(1, 10))]
        elif item.kind == ItemKind.TEXT and rng.random() < 0.15:
            raw[item.code] = [rng.choice(COMMENTS)]
    return raw


def _fill(campaign: Campaign, points: list[CollectionPoint], count: int, collector: Any, rng: random.Random) -> None:
    start = campaign.starts_on
    days = max(1, (timezone.localdate() - start).days)
    version = campaign.instrument_version
    for number in range(1, count + 1):
        day = start + datetime.timedelta(days=rng.randrange(days))
        moment = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(rng.randint(7, 16), rng.randint(0, 59)))
        )
        channel = rng.choices(
            [ResponseChannel.WEB, ResponseChannel.KIOSK, ResponseChannel.INTERVIEWER], weights=[0.6, 0.25, 0.15]
        )[0]
        paper = channel == ResponseChannel.INTERVIEWER
        response_submit(
            campaign=campaign,
            raw_answers=_answers(version, rng),
            channel=channel,
            point=rng.choice(points),
            client=f"demo-{campaign.code}-{number}",
            entered_by=collector if paper else None,
            paper_form_number=f"{number:04d}" if paper else "",
            allow_same_answers=True,
            submitted_at=moment,
        )


def surveys_seed_demo(
    *, focal: Any, hospital: Unit, one_stop: Unit, collector: Any, responses: int = 240, seed: int = 2026
) -> list[Campaign]:
    """An outpatient survey at a hospital (three points) and a SIPAS survey at the one-stop desk, both open for
    this year, with `responses` answers (half as many at the desk) spread from 1 January to today."""
    instruments_ensure_defaults(actor=focal)
    rng = random.Random(seed)  # noqa: S311 - demo answers, reproducible, nothing secret
    year = timezone.localdate().year
    period = {"starts_on": datetime.date(year, 1, 1), "ends_on": datetime.date(year, 12, 31)}
    outpatient = Instrument.objects.get(code="BYT-M2").versions.order_by("-number").first()
    sipas = Instrument.objects.get(code="SIPAS").versions.order_by("-number").first()
    hospital_campaign = campaign_create(
        actor=focal,
        collectors=[collector],
        code=f"bvdk-ngoai-tru-{year}",
        name=f"Khảo sát hài lòng người bệnh ngoại trú năm {year}",
        instrument_version=outpatient,
        facility=hospital,
        service_name="Khoa Khám bệnh",
        target_sample=300,
        layout=CampaignLayout.ONE_QUESTION,
        **period,
    )
    desk_campaign = campaign_create(
        actor=focal,
        collectors=[collector],
        code=f"mot-cua-{year}",
        name=f"Khảo sát hài lòng về dịch vụ hành chính công năm {year}",
        instrument_version=sipas,
        facility=one_stop,
        service_name="Bộ phận Một cửa",
        target_sample=150,
        layout=CampaignLayout.ONE_PAGE,
        **period,
    )
    hospital_points = [
        point_create(actor=focal, campaign=hospital_campaign, code=code, name=name)
        for code, name in (("quay-1", "Quầy đón tiếp số 1"), ("khoa-noi", "Khoa Nội"), ("khoa-nhi", "Khoa Nhi"))
    ]
    desk_points = [point_create(actor=focal, campaign=desk_campaign, code="quay-tiep-nhan", name="Quầy tiếp nhận")]
    for campaign, points, count in (
        (hospital_campaign, hospital_points, responses),
        (desk_campaign, desk_points, responses // 2),
    ):
        _fill(campaign_open(actor=focal, campaign=campaign), points, count, collector, rng)
    return [hospital_campaign, desk_campaign]
