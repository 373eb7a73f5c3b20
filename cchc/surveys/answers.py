"""A version's questions as an in-memory schema, answer validation, and the figures derived from the answers.

Versions are never edited in place (an edit makes a new version), so a schema is read from the database once
per process and kept: the public form's submission then needs no query for the questions.
"""

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from cchc.core.text import fold

from .choices import ItemKind, ItemPurpose
from .models.instruments import InstrumentVersion

LIKERT_VALUES = (0, 1, 2, 3, 4, 5)
TEXT_MAX_LENGTH = 2000
Answer = int | str | list[str]


@dataclass(frozen=True)
class ItemSpec:
    code: str
    text: str
    kind: str
    required: bool
    counts_for_index: bool
    purpose: str
    options: tuple[tuple[str, str], ...]
    condition_item: str
    condition_values: frozenset[str]
    min_value: int | None
    max_value: int | None
    section_code: str

    def option_label(self, value: str) -> str:
        return dict(self.options).get(value, value)


@dataclass(frozen=True)
class SectionSpec:
    code: str
    title: str
    description: str
    factor: bool
    items: tuple[ItemSpec, ...]


@dataclass(frozen=True)
class VersionSchema:
    version_id: int
    sections: tuple[SectionSpec, ...]
    items: tuple[ItemSpec, ...] = field(default=())

    def item(self, code: str) -> ItemSpec | None:
        return next((item for item in self.items if item.code == code), None)


@dataclass(frozen=True)
class Derived:
    """The figures of one response that the indices read (computed at submission, never in save())."""

    likert_answered: int
    likert_satisfied: int
    all_satisfied: bool
    expectation_pct: int | None
    would_return: str
    respondent_group: dict[str, Answer]
    text_search: str = ""


_SCHEMAS: dict[tuple[int, datetime], VersionSchema] = {}


def version_schema(version: InstrumentVersion) -> VersionSchema:
    """The schema of a version, read once per process (keyed by id and creation time, never stale)."""
    key = (version.pk, version.created_at)
    schema = _SCHEMAS.get(key)
    if schema is None:
        schema = _schema_load(version)
        _SCHEMAS[key] = schema
    return schema


def _schema_load(version: InstrumentVersion) -> VersionSchema:
    sections: list[SectionSpec] = []
    for section in version.sections.order_by("order", "pk").prefetch_related("items"):
        items = tuple(
            ItemSpec(
                code=item.code,
                text=item.text,
                kind=item.kind,
                required=item.required,
                counts_for_index=item.counts_for_index,
                purpose=item.purpose,
                options=tuple((str(option["value"]), str(option["label"])) for option in item.options or []),
                condition_item=str((item.condition or {}).get("item", "")),
                condition_values=frozenset(str(value) for value in (item.condition or {}).get("in", [])),
                min_value=item.min_value,
                max_value=item.max_value,
                section_code=section.code,
            )
            for item in sorted(section.items.all(), key=lambda row: (row.order, row.pk))
        )
        sections.append(
            SectionSpec(
                code=section.code,
                title=section.title,
                description=section.description,
                factor=section.factor,
                items=items,
            )
        )
    all_items = tuple(item for section in sections for item in section.items)
    return VersionSchema(version_id=version.pk, sections=tuple(sections), items=all_items)


def item_shown(item: ItemSpec, answers: Mapping[str, Answer]) -> bool:
    """Whether a conditional item applies, given the earlier answers."""
    if not item.condition_item:
        return True
    answer = answers.get(item.condition_item)
    if answer is None:
        return False
    given = {str(value) for value in answer} if isinstance(answer, list) else {str(answer)}
    return bool(given & item.condition_values)


def answers_clean(schema: VersionSchema, raw: Mapping[str, Sequence[str]]) -> tuple[dict[str, Answer], dict[str, str]]:
    """Answers typed per item from raw form values ({code: [values]}), and a Vietnamese message per wrong item.

    Items hidden by their condition are dropped; empty answers are absent (skipped), which is an error only for
    a required item that is shown.
    """
    answers: dict[str, Answer] = {}
    errors: dict[str, str] = {}
    for item in schema.items:
        if not item_shown(item, answers):
            continue
        values = [value for value in (text.strip() for text in raw.get(item.code, ()) if text is not None) if value]
        if not values:
            if item.required:
                errors[item.code] = _("Câu %(code)s là câu bắt buộc, xin Ông/Bà vui lòng trả lời.") % {
                    "code": item.code
                }
            continue
        try:
            answers[item.code] = _typed(item, values)
        except ValueError as error:
            errors[item.code] = str(error)
    return answers, errors


LIKERT_TEXT = {str(value): value for value in LIKERT_VALUES}
YES_NO_TEXT = {"0": 0, "1": 1}


def _typed(item: ItemSpec, values: list[str]) -> Answer:
    """The typed answer; the Vietnamese message is built only when the value is wrong (the hot path is valid)."""
    value = values[0]
    if item.kind == ItemKind.LIKERT:
        if value in LIKERT_TEXT:
            return LIKERT_TEXT[value]
        raise ValueError(_("Câu %(code)s: chọn một mức từ 1 đến 5, hoặc 0 nếu không sử dụng.") % {"code": item.code})
    if item.kind == ItemKind.YES_NO:
        if value in YES_NO_TEXT:
            return YES_NO_TEXT[value]
        raise ValueError(_("Câu %(code)s: chọn Có (1) hoặc Không (0).") % {"code": item.code})
    if item.kind == ItemKind.NUMBER:
        return _number(item, value)
    if item.kind == ItemKind.SINGLE_CHOICE:
        if any(value == option for option, _label in item.options):
            return value
        raise ValueError(_("Câu %(code)s: lựa chọn không có trong danh sách.") % {"code": item.code})
    if item.kind == ItemKind.MULTIPLE_CHOICE:
        allowed = {option for option, _label in item.options}
        chosen = sorted(set(values), key=values.index)
        if all(choice in allowed for choice in chosen):
            return chosen
        raise ValueError(_("Câu %(code)s: lựa chọn không có trong danh sách.") % {"code": item.code})
    if len(value) > TEXT_MAX_LENGTH:
        raise ValueError(
            _("Câu %(code)s: ý kiến dài quá %(limit)s ký tự.") % {"code": item.code, "limit": TEXT_MAX_LENGTH}
        )
    return value


def _number(item: ItemSpec, value: str) -> int:
    low = item.min_value if item.min_value is not None else -(10**9)
    high = item.max_value if item.max_value is not None else 10**9
    try:
        number = int(value)
    except ValueError:
        number = low - 1
    if low <= number <= high:
        return number
    raise ValueError(
        _("Câu %(code)s: nhập một số nguyên từ %(low)s đến %(high)s.") % {"code": item.code, "low": low, "high": high}
    )


def answers_derive(schema: VersionSchema, answers: Mapping[str, Answer]) -> Derived:
    """Counts and values the indices need: 0 (không sử dụng) and skipped items are not answers 1–5."""
    answered = satisfied = 0
    expectation: int | None = None
    would_return = ""
    groups: dict[str, Answer] = {}
    texts: list[str] = []
    for item in schema.items:
        answer = answers.get(item.code)
        if answer is None:
            continue
        if item.kind == ItemKind.TEXT and isinstance(answer, str):
            texts.append(answer)
        if item.kind == ItemKind.LIKERT and item.counts_for_index and isinstance(answer, int) and answer >= 1:
            answered += 1
            satisfied += answer >= 4
        if item.purpose == ItemPurpose.EXPECTATION and isinstance(answer, int):
            expectation = max(0, min(100, answer))
        elif item.purpose == ItemPurpose.WOULD_RETURN:
            would_return = str(answer)
        elif item.purpose == ItemPurpose.RESPONDENT_GROUP:
            groups[item.code] = answer
    return Derived(
        likert_answered=answered,
        likert_satisfied=satisfied,
        all_satisfied=answered > 0 and answered == satisfied,
        expectation_pct=expectation,
        would_return=would_return,
        respondent_group=groups,
        text_search=fold(" ".join(texts)) if texts else "",
    )


def duplicate_key(campaign_id: int, answers: Mapping[str, Answer], client: str) -> str:
    """A fingerprint of the same answers to the same campaign from the same client (or none, for paper forms)."""
    canonical = json.dumps(answers, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{campaign_id}|{client}|{canonical}".encode()).hexdigest()
