"""Criteria frameworks as data: the only code that writes frameworks, their criteria and their bands.

The tree follows the codes: a criterion's parent is the criterion whose code is its own without the last part
("1.2.3" → "1.2"), so a file, a copy and the screen all describe the same tree. Renaming a criterion renames its
sub-criteria with it. Children whose maxima do not add up to their parent's maximum are allowed (a province may
score that way) and reported as warnings, not refused.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext as _

from cchc.core.services import audit_record
from cchc.core.snapshots import model_snapshot, snapshot_diff

from . import default_framework
from .choices import FrameworkStatus, ScoringMethod, UnitGroup
from .models import AssessmentItem, Band, Criterion, Framework

ZERO = Decimal("0")
HUNDRED = Decimal("100")
MAX_POINTS = Decimal("9999.99")
CODE_PATTERN = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")
CODE_MAX_LENGTH = 20
EXTRA_METHODS = frozenset({ScoringMethod.BONUS, ScoringMethod.PENALTY})
FRAMEWORK_FIELDS = ("name", "legal_basis", "bonus_cap", "penalty_cap", "status")
YEARS = range(2000, 2101)

Number = int | float
Tier = list[Number]  # [minimum rate, points]


def points_text(value: Decimal | Number) -> str:
    """A number as people write it here: a decimal comma and no trailing zeros (6; 1,5; 98,25)."""
    number = Decimal(str(value))
    text = str(int(number)) if number == number.to_integral_value() else format(number.normalize(), "f")
    return text.replace(".", ",")


def code_parent(code: str) -> str:
    """The parent's code: "1.2.3" → "1.2"; a top-level code has none ("")."""
    return code.rpartition(".")[0]


def code_clean(value: Any) -> str:
    """A code as written in a cell or a form: spaces and a trailing dot removed ("1.2. " → "1.2")."""
    return "".join(str(value if value is not None else "").split()).rstrip(".")


def code_problem(code: str) -> str | None:
    """What is wrong with a (cleaned) code, or None."""
    if not code:
        return _("mã không được để trống.")
    if len(code) > CODE_MAX_LENGTH:
        return _("mã dài quá %(limit)s ký tự.") % {"limit": CODE_MAX_LENGTH}
    if not CODE_PATTERN.match(code):
        return _("mã “%(code)s” không đúng dạng: các số (hoặc chữ) cách nhau bởi dấu chấm, ví dụ 1, 1.2, 1.2.3.") % {
            "code": code
        }
    return None


def _plain_number(value: Any) -> Number:
    """An int or float from a number (never a bool or a text); ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError
    number = Decimal(str(value))
    if not number.is_finite():
        raise ValueError
    return int(number) if number == number.to_integral_value() else float(number)


def tiers_normalize(tiers: Any) -> list[Tier]:
    """Tiers as [[minimum rate, points], …] of plain numbers, highest rate first; ValueError saying what is wrong."""
    if not isinstance(tiers, list | tuple):
        raise ValueError(_("bậc điểm phải là danh sách các cặp [tỉ lệ tối thiểu, điểm]."))
    result: list[Tier] = []
    for number, tier in enumerate(tiers, start=1):
        if not isinstance(tier, list | tuple) or len(tier) != 2:
            raise ValueError(_("bậc thứ %(n)s không phải một cặp [tỉ lệ tối thiểu, điểm].") % {"n": number})
        try:
            rate, points = _plain_number(tier[0]), _plain_number(tier[1])
        except ValueError:
            raise ValueError(_("bậc thứ %(n)s phải gồm hai số.") % {"n": number}) from None
        if rate < 0 or points < 0:
            raise ValueError(_("bậc thứ %(n)s có số âm.") % {"n": number})
        result.append([rate, points])
    rates = [tier[0] for tier in result]
    if len(set(rates)) != len(rates):
        raise ValueError(_("hai bậc có cùng tỉ lệ tối thiểu."))
    return sorted(result, key=lambda tier: tier[0], reverse=True)


@dataclass(frozen=True)
class CriterionSpec:
    """One criterion's content apart from any framework: what the default, a copy and an import hand over."""

    code: str
    title: str
    max_points: Decimal
    method: str = ScoringMethod.MANUAL
    rule: str = ""
    tiers: Any = field(default_factory=list)  # as given; criterion_problems says whether they are pairs of numbers
    indicator: str = ""
    evidence_required: str = ""
    is_survey: bool = False

    @classmethod
    def of(cls, criterion: Criterion) -> "CriterionSpec":
        return cls(
            code=criterion.code,
            title=criterion.title,
            max_points=criterion.max_points,
            method=criterion.method,
            rule=criterion.rule,
            tiers=[list(tier) for tier in criterion.tiers],
            indicator=criterion.indicator,
            evidence_required=criterion.evidence_required,
            is_survey=criterion.is_survey,
        )


def _method_label(method: str) -> str:
    return str(ScoringMethod(method).label) if method in ScoringMethod.values else method


def method_problem(method: str, parent_method: str | None) -> str | None:
    """Bonus and penalty nodes sit at the top of the tree, and their sub-criteria share their method."""
    if parent_method in EXTRA_METHODS and method != parent_method:
        return _("tiêu chí con của mục “%(method)s” phải có cùng cách chấm “%(method)s”.") % {
            "method": _method_label(parent_method or "")
        }
    if parent_method is not None and parent_method not in EXTRA_METHODS and method in EXTRA_METHODS:
        return _("“%(method)s” chỉ đặt ở cấp cao nhất của bộ tiêu chí (hoặc dưới mục cùng loại).") % {
            "method": _method_label(method)
        }
    return None


def criterion_problems(spec: CriterionSpec, *, parent_method: str | None) -> dict[str, str]:
    """What is wrong with one criterion's content, by field name (empty when nothing is)."""
    problems: dict[str, str] = {}
    code_message = code_problem(spec.code)
    if code_message:
        problems["code"] = code_message
    if not spec.title.strip():
        problems["title"] = _("nội dung không được để trống.")
    elif len(spec.title) > 500:
        problems["title"] = _("nội dung dài quá 500 ký tự.")
    if spec.max_points < 0:
        problems["max_points"] = _("điểm tối đa không được âm.")
    elif spec.max_points > MAX_POINTS or spec.max_points != spec.max_points.quantize(Decimal("0.01")):
        problems["max_points"] = _("điểm tối đa phải nhỏ hơn 10.000 và có nhiều nhất 2 chữ số thập phân.")
    if spec.method not in ScoringMethod.values:
        problems["method"] = _("cách chấm “%(method)s” không có trong danh mục.") % {"method": spec.method}
    else:
        message = method_problem(spec.method, parent_method)
        if message:
            problems["method"] = message
    try:
        tiers = tiers_normalize(spec.tiers)
    except ValueError as error:
        problems["tiers"] = str(error)
    else:
        too_high = [tier for tier in tiers if Decimal(str(tier[1])) > spec.max_points]
        if spec.method == ScoringMethod.RATE_TIERS and not tiers:
            problems["tiers"] = _("cách chấm theo bậc cần ít nhất một bậc điểm.")
        elif too_high and "max_points" not in problems:
            problems["tiers"] = _("điểm của bậc %(rate)s (%(points)s) vượt điểm tối đa %(max)s.") % {
                "rate": points_text(too_high[0][0]),
                "points": points_text(too_high[0][1]),
                "max": points_text(spec.max_points),
            }
    if len(spec.indicator) > 100:
        problems["indicator"] = _("mã chỉ số dài quá 100 ký tự.")
    return problems


def criteria_structure_problems(codes: Sequence[str]) -> list[tuple[int, str]]:
    """(position, message) for a code met twice and a code whose parent is not in the list."""
    problems: list[tuple[int, str]] = []
    first: dict[str, int] = {}
    for index, code in enumerate(codes):
        if code in first:
            problems.append((index, _("mã “%(code)s” bị trùng.") % {"code": code}))
        else:
            first[code] = index
    for index, code in enumerate(codes):
        parent = code_parent(code)
        if parent and parent not in first:
            problems.append(
                (
                    index,
                    _("không có tiêu chí cấp trên mã “%(parent)s” cho mã “%(code)s”.")
                    % {"parent": parent, "code": code},
                )
            )
    return problems


def band_problems(name: str, min_score: Decimal) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not name.strip():
        problems["name"] = _("tên xếp loại không được để trống.")
    if not ZERO <= min_score <= HUNDRED:
        problems["min_score"] = _("điểm tối thiểu của một mức xếp loại phải từ 0 đến 100.")
    return problems


def _caps_problems(bonus_cap: Decimal, penalty_cap: Decimal) -> dict[str, str]:
    problems: dict[str, str] = {}
    if bonus_cap < 0:
        problems["bonus_cap"] = _("điểm thưởng tối đa không được âm.")
    if penalty_cap < 0:
        problems["penalty_cap"] = _("điểm trừ tối đa không được âm.")
    return problems


def framework_year_problem(year: int, unit_group: str, *, exclude: Framework | None = None) -> str | None:
    """Why a framework cannot be made for this year and group, or None."""
    if year not in YEARS:
        return _("năm phải từ %(first)s đến %(last)s.") % {"first": YEARS[0], "last": YEARS[-1]}
    existing = Framework.objects.filter(year=year, unit_group=unit_group)
    if exclude is not None:
        existing = existing.exclude(pk=exclude.pk)
    if existing.exists():
        group = UnitGroup(unit_group).label if unit_group in UnitGroup.values else unit_group
        return _("Đã có bộ tiêu chí năm %(year)s cho nhóm “%(group)s”; hãy chọn năm khác.") % {
            "year": year,
            "group": group,
        }
    return None


def _framework_new(
    *,
    year: int,
    name: str,
    unit_group: str,
    legal_basis: str,
    bonus_cap: Decimal,
    penalty_cap: Decimal,
    status: str,
    copied_from: Framework | None = None,
) -> Framework:
    problems = _caps_problems(bonus_cap, penalty_cap)
    year_message = framework_year_problem(year, unit_group)
    if year_message:
        problems["year"] = year_message
    if problems:
        raise ValidationError(problems)
    framework = Framework(
        year=year,
        unit_group=unit_group,
        name=name.strip(),
        legal_basis=legal_basis.strip(),
        bonus_cap=bonus_cap,
        penalty_cap=penalty_cap,
        status=status,
        copied_from=copied_from,
    )
    framework.full_clean()
    framework.save()
    return framework


@transaction.atomic
def framework_create(
    *,
    actor: Any,
    year: int,
    name: str,
    unit_group: str = UnitGroup.DEPARTMENT,
    legal_basis: str = "",
    bonus_cap: Decimal = ZERO,
    penalty_cap: Decimal = ZERO,
    status: str = FrameworkStatus.DRAFT,
) -> Framework:
    """An empty framework for a year and group that has none yet."""
    framework = _framework_new(
        year=year,
        name=name,
        unit_group=unit_group,
        legal_basis=legal_basis,
        bonus_cap=bonus_cap,
        penalty_cap=penalty_cap,
        status=status,
    )
    audit_record(
        actor=actor, action="framework_create", instance=framework, changes=snapshot_diff({}, model_snapshot(framework))
    )
    return framework


@transaction.atomic
def framework_update(*, actor: Any, framework: Framework, **fields: Any) -> Framework:
    """Change a framework's name, legal basis, caps or status."""
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    before = model_snapshot(framework)
    for name, value in fields.items():
        if name not in FRAMEWORK_FIELDS:
            raise TypeError(f"framework_update does not change {name}")
        setattr(framework, name, value.strip() if isinstance(value, str) else value)
    problems = _caps_problems(framework.bonus_cap, framework.penalty_cap)
    if problems:
        raise ValidationError(problems)
    framework.full_clean()
    framework.save()
    changes = snapshot_diff(before, model_snapshot(framework))
    if changes:
        audit_record(actor=actor, action="framework_update", instance=framework, changes=changes)
    return framework


def _build_problems(criteria: Sequence[CriterionSpec], bands: Sequence[tuple[str, Decimal]]) -> list[str]:
    messages: list[str] = []
    codes = [spec.code for spec in criteria]
    for index, message in criteria_structure_problems(codes):
        messages.append(_("Tiêu chí thứ %(n)s: %(message)s") % {"n": index + 1, "message": message})
    methods = {spec.code: spec.method for spec in criteria}
    for spec in criteria:
        parent = code_parent(spec.code)
        for message in criterion_problems(spec, parent_method=methods.get(parent) if parent else None).values():
            messages.append(_("Tiêu chí %(code)s: %(message)s") % {"code": spec.code, "message": message})
    seen_names: set[str] = set()
    seen_scores: set[Decimal] = set()
    for name, min_score in bands:
        messages.extend(band_problems(name, min_score).values())
        if name in seen_names or min_score in seen_scores:
            messages.append(_("Mức xếp loại “%(name)s” bị trùng tên hoặc trùng điểm.") % {"name": name})
        seen_names.add(name)
        seen_scores.add(min_score)
    return messages


@transaction.atomic
def framework_build(
    *,
    actor: Any,
    year: int,
    name: str,
    criteria: Sequence[CriterionSpec],
    bands: Sequence[tuple[str, Decimal]],
    unit_group: str = UnitGroup.DEPARTMENT,
    legal_basis: str = "",
    bonus_cap: Decimal = ZERO,
    penalty_cap: Decimal = ZERO,
    copied_from: Framework | None = None,
    action: str = "framework_build",
    note: str = "",
) -> Framework:
    """A whole framework at once — criteria in the order given, bands, caps — or nothing (one audit row)."""
    messages = _build_problems(criteria, bands)
    if messages:
        raise ValidationError(messages)
    framework = _framework_new(
        year=year,
        name=name,
        unit_group=unit_group,
        legal_basis=legal_basis,
        bonus_cap=bonus_cap,
        penalty_cap=penalty_cap,
        status=FrameworkStatus.DRAFT,
        copied_from=copied_from,
    )
    by_code: dict[str, Criterion] = {}
    ordered = sorted(enumerate(criteria), key=lambda pair: (pair[1].code.count("."), pair[0]))
    for index, spec in ordered:
        criterion = Criterion(
            framework=framework,
            parent=by_code.get(code_parent(spec.code)),
            code=spec.code,
            title=spec.title.strip(),
            max_points=spec.max_points,
            method=spec.method,
            rule=spec.rule.strip(),
            tiers=tiers_normalize(spec.tiers),
            indicator=spec.indicator.strip(),
            evidence_required=spec.evidence_required.strip(),
            is_survey=spec.is_survey,
            sort_order=(index + 1) * 10,
        )
        criterion.full_clean()
        criterion.save()
        by_code[spec.code] = criterion
    for band_name, min_score in bands:
        band = Band(framework=framework, name=band_name.strip(), min_score=min_score)
        band.full_clean()
        band.save()
    changes = snapshot_diff({}, model_snapshot(framework))
    changes[str(_("số tiêu chí"))] = [None, len(criteria)]
    changes[str(_("số mức xếp loại"))] = [None, len(bands)]
    audit_record(actor=actor, action=action, instance=framework, changes=changes, note=note)
    return framework


def framework_load_default(*, actor: Any, year: int, unit_group: str = UnitGroup.DEPARTMENT) -> Framework:
    """The default template (65 appraised + 35 survey points, bonus and penalty, the usual bands) for a year."""
    criteria = [
        CriterionSpec(
            code=node["code"],
            title=node["title"],
            max_points=Decimal(node["max_points"]),
            method=node["method"],
            rule=node.get("rule", ""),
            tiers=node.get("tiers", []),
            indicator=node.get("indicator", ""),
            evidence_required=node.get("evidence_required", ""),
            is_survey=node.get("is_survey", False),
        )
        for node in default_framework.DEFAULT_CRITERIA
    ]
    return framework_build(
        actor=actor,
        year=year,
        unit_group=unit_group,
        name=default_framework.DEFAULT_NAME.format(year=year),
        legal_basis=default_framework.DEFAULT_LEGAL_BASIS,
        bonus_cap=Decimal(default_framework.DEFAULT_BONUS_CAP),
        penalty_cap=Decimal(default_framework.DEFAULT_PENALTY_CAP),
        criteria=criteria,
        bands=[(name, Decimal(score)) for name, score in default_framework.DEFAULT_BANDS],
        action="framework_load_default",
    )


def framework_copy(*, actor: Any, source: Framework, year: int) -> Framework:
    """The same criteria tree, bands and caps for another year (a draft, linked to its source)."""
    old_year = str(source.year)
    name = source.name.replace(old_year, str(year)) if old_year in source.name else source.name
    return framework_build(
        actor=actor,
        year=year,
        unit_group=source.unit_group,
        name=name,
        legal_basis=source.legal_basis,
        bonus_cap=source.bonus_cap,
        penalty_cap=source.penalty_cap,
        criteria=[CriterionSpec.of(row.criterion) for row in framework_tree(source)],
        bands=[(band.name, band.min_score) for band in source.bands.all()],
        copied_from=source,
        action="framework_copy",
        note=_("Sao chép từ bộ tiêu chí năm %(year)s") % {"year": source.year},
    )


def _subtree(criterion: Criterion) -> QuerySet[Criterion]:
    return Criterion.objects.filter(framework_id=criterion.framework_id).filter(
        Q(pk=criterion.pk) | Q(code__startswith=f"{criterion.code}.")
    )


def _scored_in(criterion: Criterion) -> AssessmentItem | None:
    return AssessmentItem.objects.filter(criterion=criterion).select_related("assessment__framework").first()


@transaction.atomic
def criterion_save(
    *,
    actor: Any,
    framework: Framework,
    criterion: Criterion | None = None,
    code: str,
    title: str,
    max_points: Decimal,
    method: str = ScoringMethod.MANUAL,
    rule: str = "",
    tiers: Any = (),
    indicator: str = "",
    evidence_required: str = "",
    is_survey: bool = False,
    sort_order: int | None = None,
) -> Criterion:
    """Add a criterion to a framework, or change one; its parent is the criterion named by its code's prefix.

    Changing the code moves the criterion (and renames its sub-criteria with it). Refused: a duplicate code, a
    missing parent, a criterion placed under itself or under one of its own sub-criteria, a parent that is already
    scored in an assessment, a negative maximum, tiers that are not pairs of numbers.
    """
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    current = Criterion.objects.select_for_update().get(pk=criterion.pk) if criterion else None
    if current is not None and current.framework_id != framework.pk:
        raise ValidationError(_("Tiêu chí không thuộc bộ tiêu chí này."))
    code = code_clean(code)
    parent_code = code_parent(code)
    parent = framework.criteria.filter(code=parent_code).first() if parent_code else None
    spec = CriterionSpec(
        code=code,
        title=title,
        max_points=max_points,
        method=method,
        rule=rule,
        tiers=tiers,
        indicator=indicator,
        evidence_required=evidence_required,
        is_survey=is_survey,
    )
    problems = criterion_problems(spec, parent_method=parent.method if parent else None)
    if "code" not in problems:
        code_message = _code_place_problem(framework, current, code, parent_code, parent)
        if code_message:
            problems["code"] = code_message
    if current is not None and "method" not in problems:
        for child in current.children.all():
            if method_problem(child.method, method):
                problems["method"] = _("các tiêu chí con của %(code)s có cách chấm không hợp với “%(method)s”.") % {
                    "code": current.code,
                    "method": _method_label(method),
                }
                break
    if problems:
        raise ValidationError(problems)
    before = model_snapshot(current) if current else {}
    saved = current or Criterion(framework=framework)
    old_code = saved.code
    moved = current is None or current.parent_id != (parent.pk if parent else None)
    if sort_order is None and moved:
        siblings = framework.criteria.filter(parent=parent).exclude(pk=saved.pk)
        sort_order = (siblings.aggregate(last=Max("sort_order"))["last"] or 0) + 10
    saved.parent = parent
    saved.code = code
    saved.title = title.strip()
    saved.max_points = max_points
    saved.method = method
    saved.rule = rule.strip()
    saved.tiers = tiers_normalize(spec.tiers)
    saved.indicator = indicator.strip()
    saved.evidence_required = evidence_required.strip()
    saved.is_survey = is_survey
    if sort_order is not None:
        saved.sort_order = sort_order
    saved.full_clean()
    saved.save()
    if current is not None and old_code != code:
        _rename_descendants(framework, old_code, code)
    audit_record(
        actor=actor,
        action="criterion_update" if current else "criterion_create",
        instance=framework,
        changes=snapshot_diff(before, model_snapshot(saved)),
        note=code,
    )
    return saved


def _code_place_problem(
    framework: Framework, current: Criterion | None, code: str, parent_code: str, parent: Criterion | None
) -> str | None:
    """Why the code cannot go where it points in the tree, or None."""
    others = framework.criteria.exclude(pk=current.pk) if current else framework.criteria.all()
    if others.filter(code=code).exists():
        return _("mã “%(code)s” đã có trong bộ tiêu chí.") % {"code": code}
    if current is not None and (parent_code == current.code or parent_code.startswith(f"{current.code}.")):
        return _("tiêu chí không thể nằm dưới chính nó hoặc dưới tiêu chí con của nó.")
    if parent_code and parent is None:
        return _("chưa có tiêu chí cấp trên mã “%(parent)s”; hãy thêm tiêu chí đó trước.") % {"parent": parent_code}
    moved = current is None or current.parent_id != (parent.pk if parent else None)
    if parent is not None and moved:
        item = _scored_in(parent)
        if item is not None:
            return _(
                "tiêu chí %(parent)s đang được chấm trong kỳ tự đánh giá năm %(year)s nên không thể thêm tiêu chí con."
            ) % {"parent": parent.code, "year": item.assessment.framework.year}
    return None


def _rename_descendants(framework: Framework, old_code: str, new_code: str) -> None:
    prefix = f"{old_code}."
    for descendant in framework.criteria.filter(code__startswith=prefix).order_by("code"):
        descendant.code = f"{new_code}.{descendant.code[len(prefix) :]}"
        descendant.full_clean()
        descendant.save(update_fields=["code"])


@transaction.atomic
def criterion_delete(*, actor: Any, criterion: Criterion) -> int:
    """Delete a criterion and its sub-criteria (how many were deleted); refused when any is scored in an assessment."""
    criterion = Criterion.objects.select_for_update(of=("self",)).select_related("framework").get(pk=criterion.pk)
    subtree = _subtree(criterion)
    used = AssessmentItem.objects.filter(criterion__in=subtree).select_related("criterion", "assessment__unit").first()
    if used is not None:
        raise ValidationError(
            _(
                "Không xóa được tiêu chí %(code)s: tiêu chí %(used)s đang được chấm "
                "trong kỳ tự đánh giá “%(assessment)s”."
            )
            % {"code": criterion.code, "used": used.criterion.code, "assessment": used.assessment}
        )
    count = subtree.count()
    audit_record(
        actor=actor,
        action="criterion_delete",
        instance=criterion.framework,
        changes=snapshot_diff(model_snapshot(criterion), {}),
        note=_("%(code)s và %(count)s tiêu chí con") % {"code": criterion.code, "count": count - 1},
    )
    criterion.delete()
    return count


@transaction.atomic
def band_save(*, actor: Any, framework: Framework, band: Band | None = None, name: str, min_score: Decimal) -> Band:
    """Add a classification band to a framework, or change one (names and thresholds are unique in a framework)."""
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    current = Band.objects.get(pk=band.pk, framework=framework) if band else None
    name = name.strip()
    problems = band_problems(name, min_score)
    others = framework.bands.exclude(pk=current.pk) if current else framework.bands.all()
    same_name = others.filter(name__iexact=name).first() if "name" not in problems else None
    if same_name is not None:
        problems["name"] = _("đã có mức xếp loại “%(name)s”.") % {"name": same_name.name}
    if "min_score" not in problems and others.filter(min_score=min_score).exists():
        problems["min_score"] = _("đã có mức xếp loại bắt đầu từ %(score)s điểm.") % {"score": points_text(min_score)}
    if problems:
        raise ValidationError(problems)
    before = model_snapshot(current) if current else {}
    saved = current or Band(framework=framework)
    saved.name = name
    saved.min_score = min_score
    saved.full_clean()
    saved.save()
    audit_record(
        actor=actor,
        action="band_update" if current else "band_create",
        instance=framework,
        changes=snapshot_diff(before, model_snapshot(saved)),
        note=name,
    )
    return saved


@transaction.atomic
def band_delete(*, actor: Any, band: Band) -> None:
    audit_record(
        actor=actor,
        action="band_delete",
        instance=band.framework,
        changes=snapshot_diff(model_snapshot(band), {}),
        note=band.name,
    )
    band.delete()


@dataclass
class TreeRow:
    """A criterion in tree order, with its depth and the sum of its children's maxima (None for a leaf)."""

    criterion: Criterion
    depth: int
    children_total: Decimal | None

    @property
    def is_leaf(self) -> bool:
        return self.children_total is None

    @property
    def children_differ(self) -> bool:
        return self.children_total is not None and self.children_total != self.criterion.max_points


def framework_tree(framework: Framework) -> list[TreeRow]:
    """Every criterion, parents before children, siblings by their order."""
    children: dict[int | None, list[Criterion]] = defaultdict(list)
    for criterion in framework.criteria.all():
        children[criterion.parent_id].append(criterion)
    rows: list[TreeRow] = []

    def visit(nodes: Iterable[Criterion], depth: int) -> None:
        for node in nodes:
            below = children.get(node.pk, [])
            total = sum((child.max_points for child in below), ZERO) if below else None
            rows.append(TreeRow(criterion=node, depth=depth, children_total=total))
            visit(below, depth + 1)

    visit(children.get(None, []), 0)
    return rows


@dataclass
class FrameworkTotals:
    """Maxima of the top-level nodes: appraised fields, survey, bonus and penalty."""

    appraised: Decimal
    survey: Decimal
    bonus: Decimal
    penalty: Decimal

    @property
    def total(self) -> Decimal:
        return self.appraised + self.survey


def framework_totals(rows: Sequence[TreeRow]) -> FrameworkTotals:
    roots = [row.criterion for row in rows if row.depth == 0]
    return FrameworkTotals(
        appraised=sum(
            (root.max_points for root in roots if not root.is_survey and root.method not in EXTRA_METHODS), ZERO
        ),
        survey=sum((root.max_points for root in roots if root.is_survey and root.method not in EXTRA_METHODS), ZERO),
        bonus=sum((root.max_points for root in roots if root.method == ScoringMethod.BONUS), ZERO),
        penalty=sum((root.max_points for root in roots if root.method == ScoringMethod.PENALTY), ZERO),
    )


def framework_warnings(rows: Sequence[TreeRow]) -> list[str]:
    """Nodes whose children's maxima do not add up to the node's maximum."""
    return [
        _("Các tiêu chí con của %(code)s cộng lại %(total)s điểm, khác điểm tối đa %(max)s.")
        % {
            "code": row.criterion.code,
            "total": points_text(row.children_total or ZERO),
            "max": points_text(row.criterion.max_points),
        }
        for row in rows
        if row.children_differ
    ]
