"""Reads behind the index pages, the exports and the measured values other modules use.

Figures come from the tallies (whole months) plus the responses after the tally cursor folded on the fly, so
they are exact without waiting for the periodic job; a period that does not start and end on month boundaries
is folded from the Response rows directly. Everything a person sees goes through `restrict` on Campaign.
"""

import datetime
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.fields.json import KT
from django.utils import timezone
from django.utils.translation import gettext_lazy

from cchc.core.measurements import Indicator
from cchc.core.permissions import VIEW, restrict
from cchc.core.text import fold

from .choices import InstrumentKind, ItemKind, ItemPurpose
from .indices import (
    Counters,
    Indices,
    InstrumentSpec,
    ItemSpec,
    Period,
    Rate,
    SectionSpec,
    add_months,
    compute_indices,
    empty_histogram,
    fold_response,
    pooled,
)
from .models.collection import Campaign, Response
from .models.instruments import Instrument, InstrumentVersion, Item, Section
from .models.tallies import ItemTally, ResponseTally
from .tally_services import FACT_FIELDS, facts_of, month_of, tally_cursor

DEFAULT_TARGET = 90
COUNT_FIELDS = [f"count_{value}" for value in range(6)]
SUM_FIELDS = ("responses", "likert_respondents", "all_satisfied", "expectation_sum", "expectation_count")
YES_NO_LABELS = {"1": "Có", "0": "Không"}
MEDICAL_KINDS = (InstrumentKind.INPATIENT, InstrumentKind.OUTPATIENT)


def satisfaction_target() -> float:
    """The rate the plans aim above (setting CCHC_SURVEY_TARGET_RATE, default 90 %)."""
    return float(getattr(settings, "CCHC_SURVEY_TARGET_RATE", DEFAULT_TARGET))


@dataclass(frozen=True)
class IndexFilter:
    """What the index pages and exports are narrowed to (the instrument decides the questions shown)."""

    instrument: Instrument | None = None
    facility_id: int | None = None
    campaign: Campaign | None = None
    service: str = ""
    period: Period | None = None


def visible_campaigns(user: Any) -> QuerySet[Campaign]:
    return restrict(Campaign.objects.all(), user, VIEW)


def visible_instruments(user: Any) -> QuerySet[Instrument]:
    """Instruments of the campaigns the person may see."""
    versions = visible_campaigns(user).values("instrument_version__instrument_id")
    return Instrument.objects.filter(pk__in=versions).order_by("code")


def scoped_campaigns(user: Any, filters: IndexFilter) -> QuerySet[Campaign]:
    campaigns = visible_campaigns(user)
    if filters.instrument is not None:
        campaigns = campaigns.filter(instrument_version__instrument=filters.instrument)
    if filters.facility_id:
        campaigns = campaigns.filter(facility_id=filters.facility_id)
    if filters.campaign is not None:
        campaigns = campaigns.filter(pk=filters.campaign.pk)
    if filters.service:
        campaigns = campaigns.filter(service_name=filters.service)
    return campaigns


def instrument_spec(instrument: Instrument, versions: Iterable[int] = ()) -> InstrumentSpec:
    """The questions of the versions used (the newest wording wins; an item dropped later is still shown)."""
    chosen = InstrumentVersion.objects.filter(instrument=instrument)
    if versions:
        chosen = chosen.filter(pk__in=list(versions))
    version_ids = list(chosen.order_by("number").values_list("pk", flat=True))
    sections: dict[str, SectionSpec] = {}
    section_order: dict[str, tuple[int, int]] = {}
    for section in Section.objects.filter(version_id__in=version_ids).order_by("version__number", "order"):
        sections[section.code] = SectionSpec(section.code, section.title, section.factor)
        section_order[section.code] = (section.order, section.pk)
    items: dict[str, tuple[tuple[int, int, int], ItemSpec]] = {}
    for item in Item.objects.filter(version_id__in=version_ids).select_related("section").order_by("version__number"):
        options = tuple((str(option.get("value", "")), str(option.get("label", ""))) for option in item.options or [])
        spec = ItemSpec(
            item.code, item.text, item.section.code, item.kind, item.counts_for_index, item.purpose, options
        )
        items[item.code] = ((*section_order.get(item.section.code, (0, 0)), item.order), spec)
    ordered_sections = sorted(sections.values(), key=lambda section: section_order[section.code])
    ordered_items = [spec for _key, spec in sorted(items.values(), key=lambda pair: pair[0])]
    return InstrumentSpec(tuple(ordered_sections), tuple(ordered_items))


def period_bounds(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """The local moments [start of the first day, start of the day after the last)."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(period.start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return start, end


def responses_in(campaign_ids: Iterable[int], period: Period | None) -> QuerySet[Response]:
    responses = Response.objects.filter(campaign_id__in=list(campaign_ids))
    if period is not None:
        start, end = period_bounds(period)
        responses = responses.filter(submitted_at__gte=start, submitted_at__lt=end)
    return responses


def _tally_counters(campaign_ids: list[int], period: Period | None, by: str | None) -> dict[Hashable, Counters]:
    grouped: dict[Hashable, Counters] = defaultdict(Counters)
    group = [by] if by else []
    item_tallies = ItemTally.objects.filter(campaign_id__in=campaign_ids)
    response_tallies = ResponseTally.objects.filter(campaign_id__in=campaign_ids)
    if period is not None:
        item_tallies = item_tallies.filter(month__gte=period.start, month__lte=period.end)
        response_tallies = response_tallies.filter(month__gte=period.start, month__lte=period.end)
    sums = {name: Sum(name) for name in COUNT_FIELDS}
    for row in item_tallies.values(*group, "item_code").annotate(**sums).order_by():
        histogram = grouped[row[by] if by else None].items.setdefault(row["item_code"], empty_histogram())
        for value, name in enumerate(COUNT_FIELDS):
            histogram[value] += row[name] or 0
    for row in response_tallies.values(*group, *SUM_FIELDS, "would_return"):
        counters = grouped[row[by] if by else None]
        for name in SUM_FIELDS:
            setattr(counters, name, getattr(counters, name) + row[name])
        counters.would_return.update(row["would_return"] or {})
    return grouped


def _tail_rows(campaign_ids: set[int], period: Period | None) -> Iterator[dict[str, Any]]:
    """The responses after the tally cursor in scope. Read by id range only, then narrowed here: the tail is a
    few rows, and a campaign/date condition would lead the database to scan the campaigns' whole history."""
    bounds = period_bounds(period) if period is not None else None
    tail = Response.objects.filter(pk__gt=tally_cursor()).order_by().values(*FACT_FIELDS)
    for row in tail.iterator(chunk_size=2000):
        if row["campaign_id"] not in campaign_ids:
            continue
        if bounds is not None and not bounds[0] <= row["submitted_at"] < bounds[1]:
            continue
        yield row


def load_counters(
    campaign_ids: Iterable[int], period: Period | None, by: str | None = None
) -> dict[Hashable, Counters]:
    """Counters of the campaigns over the period, grouped by "campaign_id", "month" or not at all (key None)."""
    ids = list(campaign_ids)
    if period is None or period.whole_months:
        grouped = _tally_counters(ids, period, by)
        rows = _tail_rows(set(ids), period)
    else:
        grouped = defaultdict(Counters)
        rows = responses_in(ids, period).order_by().values(*FACT_FIELDS).iterator(chunk_size=2000)
    for row in rows:
        key: Hashable = None
        if by == "campaign_id":
            key = row["campaign_id"]
        elif by == "month":
            key = month_of(row["submitted_at"])
        fold_response(grouped[key], facts_of(row))
    return grouped


def counters_total(campaign_ids: Iterable[int], period: Period | None) -> Counters:
    return load_counters(campaign_ids, period).get(None) or Counters()


@dataclass(frozen=True)
class TrendPoint:
    month: datetime.date
    rate: Rate


@dataclass(frozen=True)
class GroupRow:
    """One value of a respondent-group item, with the figures of the respondents who gave it."""

    value: str
    label: str
    responses: int
    rate: Rate
    comprehensive: Rate


@dataclass
class IndexReport:
    filters: IndexFilter
    spec: InstrumentSpec
    indices: Indices
    previous: Indices | None
    target: float
    sample_target: int
    campaigns: list[Campaign]
    trend: list[TrendPoint] = field(default_factory=list)

    @property
    def below_sample(self) -> bool:
        return self.indices.responses < self.sample_target

    @property
    def change(self) -> float | None:
        """Change of the overall rate against the previous period, in percentage points."""
        now = self.indices.overall.rate.value
        before = self.previous.overall.rate.value if self.previous else None
        return None if now is None or before is None else now - before

    @property
    def campaigns_below_sample(self) -> list[tuple[Campaign, int]]:
        counts = dict(
            responses_in([campaign.pk for campaign in self.campaigns], self.filters.period)
            .values("campaign_id")
            .annotate(total=Count("pk"))
            .values_list("campaign_id", "total")
        )
        return [
            (campaign, counts.get(campaign.pk, 0))
            for campaign in self.campaigns
            if counts.get(campaign.pk, 0) < campaign.target_sample
        ]


def trend_months(period: Period | None, today: datetime.date) -> Period:
    """The twelve months up to the end of the period (or up to this month)."""
    end = period.end if period is not None else today
    last = add_months(end.replace(day=1), 1) - datetime.timedelta(days=1)
    return Period("dates", add_months(end.replace(day=1), -11), last)


def index_report(*, user: Any, filters: IndexFilter, today: datetime.date | None = None) -> IndexReport | None:
    """Every figure of the index page, or None when no instrument is chosen."""
    if filters.instrument is None:
        return None
    campaigns = list(scoped_campaigns(user, filters).select_related("facility", "instrument_version"))
    ids = [campaign.pk for campaign in campaigns]
    spec = instrument_spec(filters.instrument, {campaign.instrument_version_id for campaign in campaigns})
    indices = compute_indices(spec, counters_total(ids, filters.period))
    previous = None
    if filters.period is not None:
        previous = compute_indices(spec, counters_total(ids, filters.period.previous()))
    window = trend_months(filters.period, today or timezone.localdate())
    monthly = load_counters(ids, window, by="month")
    counted = [item.code for item in spec.counted_items()]
    trend = [
        TrendPoint(month, pooled(monthly[month].items.get(code, empty_histogram()) for code in counted).rate)
        for month in window.months()
        if month in monthly
    ]
    return IndexReport(
        filters=filters,
        spec=spec,
        indices=indices,
        previous=previous,
        target=satisfaction_target(),
        sample_target=sum(campaign.target_sample for campaign in campaigns),
        campaigns=campaigns,
        trend=trend,
    )


@dataclass(frozen=True)
class FacilityRow:
    facility_id: int
    facility: str
    campaigns: int
    sample_target: int
    indices: Indices

    @property
    def below_sample(self) -> bool:
        return self.indices.responses < self.sample_target


def facility_rows(*, user: Any, filters: IndexFilter, spec: InstrumentSpec) -> list[FacilityRow]:
    """The indices of each facility (the campaigns in scope grouped by facility), best rate first."""
    campaigns = list(scoped_campaigns(user, filters).select_related("facility"))
    by_campaign = load_counters([campaign.pk for campaign in campaigns], filters.period, by="campaign_id")
    grouped: dict[int, list[Campaign]] = defaultdict(list)
    for campaign in campaigns:
        grouped[campaign.facility_id].append(campaign)
    rows = []
    for facility_id, members in grouped.items():
        counters = Counters()
        for campaign in members:
            counters.add(by_campaign.get(campaign.pk) or Counters())
        rows.append(
            FacilityRow(
                facility_id=facility_id,
                facility=str(members[0].facility),
                campaigns=len(members),
                sample_target=sum(campaign.target_sample for campaign in members),
                indices=compute_indices(spec, counters),
            )
        )
    rows.sort(key=lambda row: (-(row.indices.overall.rate.value or -1), row.facility))
    return rows


def group_items(spec: InstrumentSpec) -> list[ItemSpec]:
    return [item for item in spec.items if item.purpose == ItemPurpose.RESPONDENT_GROUP]


def group_rows(*, user: Any, filters: IndexFilter, item: ItemSpec) -> list[GroupRow]:
    """The overall and comprehensive rates per value of a respondent-group item (read from Response rows)."""
    ids = list(scoped_campaigns(user, filters).values_list("pk", flat=True))
    labels = dict(item.options) or (YES_NO_LABELS if item.kind == ItemKind.YES_NO else {})
    rows = (
        responses_in(ids, filters.period)
        .annotate(group_value=KT(f"respondent_group__{item.code}"))
        .values("group_value")
        .annotate(
            total=Count("pk"),
            answered=Sum("likert_answered"),
            satisfied=Sum("likert_satisfied"),
            respondents=Count("pk", filter=Q(likert_answered__gt=0)),
            comprehensive=Count("pk", filter=Q(all_satisfied=True)),
        )
        .order_by("group_value")
    )
    return [
        GroupRow(
            value=row["group_value"] or "",
            label=labels.get(row["group_value"] or "", row["group_value"] or "—"),
            responses=row["total"],
            rate=Rate(row["satisfied"] or 0, row["answered"] or 0),
            comprehensive=Rate(row["comprehensive"], row["respondents"]),
        )
        for row in rows
    ]


ANSWER_GROUPS = {
    "satisfied": [4, 5],
    "unsatisfied": [1, 2],
    "neutral": [3],
    "not_used": [0],
    "answered": [1, 2, 3, 4, 5],
}


def response_list(
    *,
    user: Any,
    filters: IndexFilter,
    item_code: str = "",
    answer: str = "",
    group_item: str = "",
    group_value: str = "",
) -> QuerySet[Response]:
    """The responses behind a figure: the scope, and optionally one item's answers in a group of values."""
    responses = Response.objects.filter(campaign_id__in=scoped_campaigns(user, filters).values("pk"))
    if filters.period is not None:
        start, end = period_bounds(filters.period)
        responses = responses.filter(submitted_at__gte=start, submitted_at__lt=end)
    if item_code and answer in ANSWER_GROUPS:
        responses = responses.filter(**{f"answers__{item_code}__in": ANSWER_GROUPS[answer]})
    elif item_code:
        responses = responses.filter(answers__has_key=item_code)
    if group_item:
        same = Q(**{f"respondent_group__{group_item}": group_value})
        if group_value.isdigit():  # yes/no groups are stored as numbers
            same |= Q(**{f"respondent_group__{group_item}": int(group_value)})
        responses = responses.filter(same)
    return responses.select_related("campaign", "campaign__facility", "point").order_by("-submitted_at", "-pk")


def text_items(spec: InstrumentSpec) -> list[ItemSpec]:
    return [item for item in spec.items if item.kind == ItemKind.TEXT]


def text_answer_list(*, user: Any, filters: IndexFilter, codes: list[str], search: str = "") -> QuerySet[Response]:
    """Responses with a free-text answer to one of the codes, and with every word searched for in their free text
    (case and diacritics ignored: “tan tinh” finds “tận tình”)."""
    responses = response_list(user=user, filters=filters)
    having = Q(pk__in=[])
    for code in codes:
        having |= Q(answers__has_key=code) & ~Q(**{f"answers__{code}": ""})
    for word in fold(search).split():
        responses = responses.filter(text_search__contains=word)
    return responses.filter(having)


def _year_campaign_ids(year: int, facility_id: int | None, kinds: Iterable[str]) -> dict[int, list[int]]:
    """Campaign ids of the year's campaigns of instruments of these kinds, per instrument (not restricted)."""
    campaigns = Campaign.objects.filter(
        instrument_version__instrument__kind__in=list(kinds), starts_on__lte=datetime.date(year, 12, 31)
    ).filter(ends_on__gte=datetime.date(year, 1, 1))
    if facility_id:
        campaigns = campaigns.filter(facility_id=facility_id)
    grouped: dict[int, list[int]] = defaultdict(list)
    for campaign_id, instrument_id in campaigns.values_list("pk", "instrument_version__instrument_id"):
        grouped[instrument_id].append(campaign_id)
    return grouped


def _two_places(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 2)))


def satisfaction_rate_measured(year: int, facility: Any = None) -> Decimal | None:
    """The year's satisfaction rate with medical services (%), pooled over every counted answer of the
    inpatient and outpatient forms; None when nobody answered. For the PAR scorecard and plan targets."""
    year_period = Period("year", datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    facility_id = getattr(facility, "pk", facility)
    histograms: list[list[int]] = []
    for instrument_id, ids in _year_campaign_ids(year, facility_id, MEDICAL_KINDS).items():
        spec = instrument_spec(Instrument.objects.get(pk=instrument_id))
        counters = counters_total(ids, year_period)
        histograms.extend(counters.items.get(item.code, empty_histogram()) for item in spec.counted_items())
    return _two_places(pooled(histograms).rate.value)


def sipas_index_measured(year: int, facility: Any = None) -> Decimal | None:
    """The year's SIPAS index of the administrative services (mean of the five factor rates, %); when several
    administrative instruments were used, their indices weighted by respondents. None without answers."""
    year_period = Period("year", datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    facility_id = getattr(facility, "pk", facility)
    weighted, weight = 0.0, 0
    for instrument_id, ids in _year_campaign_ids(year, facility_id, [InstrumentKind.ADMINISTRATIVE]).items():
        indices = compute_indices(
            instrument_spec(Instrument.objects.get(pk=instrument_id)), counters_total(ids, year_period)
        )
        if indices.factor_index is not None:
            weighted += indices.factor_index * indices.responses
            weight += indices.responses
    return _two_places(weighted / weight) if weight else None


def measured_indicators() -> list[Indicator]:
    """The satisfaction rates that PAR criteria and plan targets may name (see cchc.core.measurements)."""
    return [
        Indicator(
            "surveys.satisfaction_rate", gettext_lazy("Tỷ lệ hài lòng với dịch vụ y tế"), satisfaction_rate_measured
        ),
        Indicator(
            "surveys.sipas_index", gettext_lazy("Chỉ số hài lòng SIPAS về phục vụ hành chính"), sipas_index_measured
        ),
    ]
