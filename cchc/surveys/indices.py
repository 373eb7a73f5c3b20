"""The satisfaction indices, computed from counters: pure functions, no database.

The counters (`Counters`) are what the tallies hold and what folding Response rows gives: per item, how many
answers had each value 0–5 (0 = "không sử dụng"); per response set, how many respondents, how many answered at
least one counted Likert item, how many were satisfied with every counted item they answered, the sum and count
of the expectation percentages (G1), and how many chose each "would return" option (G2).

Rates follow QĐ 56/QĐ-BYT and QĐ 1001/QĐ-BNV: answers 4–5 ÷ answers 1–5 × 100, "không sử dụng" excluded. A
section's rate pools the answers of its counted items; the overall rate pools every counted item; the SIPAS
index is the mean of the factor sections' rates.
"""

import datetime
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

LIKERT_VALUES = range(6)  # 0 = không sử dụng, 1 … 5
Z_95 = 1.959963984540054


def empty_histogram() -> list[int]:
    return [0] * len(LIKERT_VALUES)


@dataclass
class Counters:
    """What the indices of one set of responses are computed from (sums: two sets merge by adding)."""

    items: dict[str, list[int]] = field(default_factory=dict)
    responses: int = 0
    likert_respondents: int = 0
    all_satisfied: int = 0
    expectation_sum: int = 0
    expectation_count: int = 0
    would_return: Counter[str] = field(default_factory=Counter)

    def add(self, other: "Counters") -> "Counters":
        for code, histogram in other.items.items():
            mine = self.items.setdefault(code, empty_histogram())
            for value, count in enumerate(histogram):
                mine[value] += count
        self.responses += other.responses
        self.likert_respondents += other.likert_respondents
        self.all_satisfied += other.all_satisfied
        self.expectation_sum += other.expectation_sum
        self.expectation_count += other.expectation_count
        self.would_return.update(other.would_return)
        return self


@dataclass(frozen=True)
class ResponseFacts:
    """One response as the indices see it (the fields the submission service derived, and the answers)."""

    answers: Mapping[str, Any]
    likert_answered: int
    all_satisfied: bool
    expectation_pct: int | None
    would_return: str


def histogram_value(value: Any) -> int | None:
    """The 0–5 slot an answer is counted in (Likert 0–5, yes/no 1/0), or None for other answers."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and value in LIKERT_VALUES:
        return value
    return None


def fold_response(counters: Counters, facts: ResponseFacts) -> None:
    """Add one response to the counters."""
    for code, value in facts.answers.items():
        slot = histogram_value(value)
        if slot is not None:
            counters.items.setdefault(code, empty_histogram())[slot] += 1
    counters.responses += 1
    if facts.likert_answered > 0:
        counters.likert_respondents += 1
    if facts.all_satisfied:
        counters.all_satisfied += 1
    if facts.expectation_pct is not None:
        counters.expectation_sum += facts.expectation_pct
        counters.expectation_count += 1
    if facts.would_return:
        counters.would_return[facts.would_return] += 1


def fold_responses(facts: Iterable[ResponseFacts]) -> Counters:
    counters = Counters()
    for item in facts:
        fold_response(counters, item)
    return counters


def wilson_interval(successes: int, total: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval of a proportion, in percent (None without observations).

    Unlike p ± z·√(p(1−p)/n) it stays inside 0–100 and is honest for small samples and rates near 100 %.
    """
    if total <= 0:
        return None
    share = successes / total
    z2 = z * z
    denominator = 1 + z2 / total
    centre = (share + z2 / (2 * total)) / denominator
    half = z * math.sqrt(share * (1 - share) / total + z2 / (4 * total * total)) / denominator
    return max(0.0, centre - half) * 100, min(1.0, centre + half) * 100


@dataclass(frozen=True)
class Rate:
    """A share in percent with its counts and 95 % confidence interval; `value` is None without observations."""

    successes: int
    total: int

    @property
    def value(self) -> float | None:
        return self.successes / self.total * 100 if self.total else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.successes, self.total)

    @property
    def low(self) -> float | None:
        interval = self.interval
        return interval[0] if interval else None

    @property
    def high(self) -> float | None:
        interval = self.interval
        return interval[1] if interval else None


@dataclass(frozen=True)
class Score:
    """A Likert histogram read as a satisfaction rate and a mean score over the answers 1–5."""

    histogram: tuple[int, ...]

    @property
    def not_used(self) -> int:
        return self.histogram[0]

    @property
    def answered(self) -> int:
        return sum(self.histogram[1:])

    @property
    def rate(self) -> Rate:
        return Rate(self.histogram[4] + self.histogram[5], self.answered)

    @property
    def mean(self) -> float | None:
        answered = self.answered
        if not answered:
            return None
        return sum(value * count for value, count in enumerate(self.histogram) if value) / answered

    @property
    def dissatisfied(self) -> int:
        return self.histogram[1] + self.histogram[2]


def pooled(histograms: Iterable[Sequence[int]]) -> Score:
    total = empty_histogram()
    for histogram in histograms:
        for value, count in enumerate(histogram):
            total[value] += count
    return Score(tuple(total))


@dataclass(frozen=True)
class ItemSpec:
    code: str
    text: str
    section: str
    kind: str
    counts_for_index: bool
    purpose: str = "none"
    options: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class SectionSpec:
    code: str
    title: str
    factor: bool


@dataclass(frozen=True)
class InstrumentSpec:
    """The questions the indices are computed over, in display order."""

    sections: tuple[SectionSpec, ...]
    items: tuple[ItemSpec, ...]

    def likert_items(self, section: str | None = None) -> list[ItemSpec]:
        return [item for item in self.items if item.kind == "likert" and (section is None or item.section == section)]

    def counted_items(self, section: str | None = None) -> list[ItemSpec]:
        return [item for item in self.likert_items(section) if item.counts_for_index]

    def would_return_options(self) -> tuple[tuple[str, str], ...]:
        for item in self.items:
            if item.purpose == "would_return":
                return item.options
        return ()


@dataclass(frozen=True)
class ItemIndex:
    spec: ItemSpec
    score: Score


@dataclass(frozen=True)
class SectionIndex:
    spec: SectionSpec
    score: Score
    items: tuple[ItemIndex, ...]


@dataclass(frozen=True)
class WouldReturnShare:
    value: str
    label: str
    rate: Rate


@dataclass(frozen=True)
class Indices:
    """Every figure of one set of responses."""

    responses: int
    sections: tuple[SectionIndex, ...]
    overall: Score
    comprehensive: Rate
    expectation_mean: float | None
    expectation_count: int
    would_return: tuple[WouldReturnShare, ...]

    @property
    def factors(self) -> tuple[SectionIndex, ...]:
        return tuple(section for section in self.sections if section.spec.factor)

    @property
    def factor_index(self) -> float | None:
        """The mean of the factor sections' rates (the SIPAS index); None when a factor has no answers."""
        rates = [section.score.rate.value for section in self.factors]
        if not rates or any(rate is None for rate in rates):
            return None
        return sum(rate for rate in rates if rate is not None) / len(rates)

    def items(self) -> list[ItemIndex]:
        return [item for section in self.sections for item in section.items]


def compute_indices(spec: InstrumentSpec, counters: Counters) -> Indices:
    """All the figures of the counters, over the questions of `spec`."""
    sections = []
    for section in spec.sections:
        items = tuple(
            ItemIndex(item, Score(tuple(counters.items.get(item.code, empty_histogram()))))
            for item in spec.likert_items(section.code)
        )
        if not items:
            continue
        counted = [entry.score.histogram for entry in items if entry.spec.counts_for_index]
        sections.append(SectionIndex(section, pooled(counted), items))
    overall = pooled(counters.items.get(item.code, empty_histogram()) for item in spec.counted_items())
    answered_g2 = sum(counters.would_return.values())
    labels = dict(spec.would_return_options())
    values = list(labels) + sorted(set(counters.would_return) - set(labels))
    would_return = tuple(
        WouldReturnShare(value, labels.get(value, value), Rate(counters.would_return[value], answered_g2))
        for value in values
    )
    expectation = counters.expectation_sum / counters.expectation_count if counters.expectation_count else None
    return Indices(
        responses=counters.responses,
        sections=tuple(sections),
        overall=overall,
        comprehensive=Rate(counters.all_satisfied, counters.likert_respondents),
        expectation_mean=expectation,
        expectation_count=counters.expectation_count,
        would_return=would_return,
    )


def lowest_items(indices: Indices, count: int = 5, minimum_answers: int = 1) -> list[ItemIndex]:
    """The counted items with the lowest satisfaction rate (then the lowest mean): the improvement list."""
    candidates = [
        item for item in indices.items() if item.spec.counts_for_index and item.score.answered >= minimum_answers
    ]
    candidates.sort(key=lambda item: (item.score.rate.value or 0.0, item.score.mean or 0.0, item.spec.code))
    return candidates[:count]


def meets_target(rate: float | None, target: float) -> bool | None:
    """Whether a rate is above the target (the plans say "trên 90 %"); None when there is no rate."""
    return None if rate is None else rate > target


@dataclass(frozen=True)
class Period:
    """A closed range of days, with how it was chosen (month, quarter, year, or free dates)."""

    kind: str
    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same length just before: the previous month, quarter or year, or as many days."""
        if self.kind in PERIOD_MONTHS:
            months = PERIOD_MONTHS[self.kind]
            year, month = self.start.year, self.start.month - months
            while month < 1:
                year, month = year - 1, month + 12
            return calendar_period(self.kind, year, month)
        end = self.start - datetime.timedelta(days=1)
        return Period("dates", end - datetime.timedelta(days=self.days - 1), end)

    def months(self) -> list[datetime.date]:
        """The first days of the months the period touches."""
        found = []
        current = self.start.replace(day=1)
        while current <= self.end:
            found.append(current)
            current = add_months(current, 1)
        return found

    @property
    def whole_months(self) -> bool:
        """True when the period starts on a first and ends on a last day of a month (the tallies answer it)."""
        return self.start.day == 1 and (self.end + datetime.timedelta(days=1)).day == 1


PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return day.replace(year=index // 12, month=index % 12 + 1, day=1)


def calendar_period(kind: str, year: int, month: int = 1) -> Period:
    """The month, quarter (the one containing `month`) or year as a Period."""
    if kind == "quarter":
        month = (month - 1) // 3 * 3 + 1
    elif kind == "year":
        month = 1
    start = datetime.date(year, month, 1)
    end = add_months(start, PERIOD_MONTHS[kind]) - datetime.timedelta(days=1)
    return Period(kind, start, end)
