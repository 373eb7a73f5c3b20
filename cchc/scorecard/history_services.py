"""Writes of the results that the year-over-year comparison and the rank read: earlier years' official results per
field (and overall) and other departments' results. Each save adds the row or, when the row of that year (and
field, or department) exists, corrects it."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.core.services import audit_record

from .models import HistoricalResult, PeerResult

FIRST_YEAR = 2000
LAST_YEAR = 2100


def _check_year(year: int, errors: dict[str, str]) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = _("Năm phải từ %(first)s đến %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {key: [before.get(key), value] for key, value in after.items() if before.get(key) != value}


@transaction.atomic
def historical_result_save(
    *,
    actor: Any,
    year: int,
    field_code: str,
    field_title: str,
    score: Decimal,
    max_points: Decimal | None,
) -> HistoricalResult:
    """Record an earlier year's official score of a field (field code empty: the overall index)."""
    code = field_code.strip()
    errors: dict[str, str] = {}
    _check_year(year, errors)
    if score < 0:
        errors["score"] = _("Điểm không được âm.")
    elif max_points is not None and score > max_points:
        errors["score"] = _("Điểm không được lớn hơn điểm tối đa (%(max)s).") % {"max": max_points}
    if max_points is not None and max_points <= 0:
        errors["max_points"] = _("Điểm tối đa phải lớn hơn 0.")
    if errors:
        raise ValidationError(errors)
    result = HistoricalResult.objects.select_for_update().filter(year=year, field_code=code).first()
    before: dict[str, Any] = {}
    if result is None:
        result = HistoricalResult(year=year, field_code=code)
    else:
        before = {"lĩnh vực": result.field_title, "điểm": str(result.score), "điểm tối đa": _text(result.max_points)}
    result.field_title = field_title.strip()
    result.score = score
    result.max_points = max_points
    result.full_clean()
    result.save()
    after = {"lĩnh vực": result.field_title, "điểm": str(score), "điểm tối đa": _text(max_points)}
    audit_record(
        actor=actor,
        action="historical_result_update" if before else "historical_result_create",
        instance=result,
        changes=_changes(before, after),
    )
    return result


@transaction.atomic
def peer_result_save(*, actor: Any, year: int, unit_group: str, name: str, total: Decimal) -> PeerResult:
    """Record another department's index of a year, so that the rank among peers can be computed."""
    clean_name = " ".join(name.split())
    errors: dict[str, str] = {}
    _check_year(year, errors)
    if not clean_name:
        errors["name"] = _("Nhập tên cơ quan.")
    if total < 0:
        errors["total"] = _("Chỉ số không được âm.")
    if errors:
        raise ValidationError(errors)
    peer = PeerResult.objects.select_for_update().filter(year=year, unit_group=unit_group, name=clean_name).first()
    before: dict[str, Any] = {}
    if peer is None:
        peer = PeerResult(year=year, unit_group=unit_group, name=clean_name)
    else:
        before = {"chỉ số": str(peer.total)}
    peer.total = total
    peer.full_clean()
    peer.save()
    audit_record(
        actor=actor,
        action="peer_result_update" if before else "peer_result_create",
        instance=peer,
        changes=_changes(before, {"chỉ số": str(total)}),
    )
    return peer


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
