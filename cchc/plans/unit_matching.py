"""Free text naming units, as plan appendices write it, matched to the unit tree.

"Phòng TCCB, Thanh tra Sở", "Các phòng, ban cơ quan Sở; các đơn vị trực thuộc", "Văn phòng Sở phối hợp bộ phận tiếp
nhận Sở Y tế tại TTPVHCC; bộ phận một cửa tại đơn vị": matching ignores case and diacritics, knows the usual
abbreviations and the noise words ("Phòng", "Sở"), tolerates small spelling differences, and reads the group phrases
("các phòng, ban", "các đơn vị trực thuộc", "bộ phận một cửa") as every valid unit of that kind. Whole texts are tried
before their parts, so a name with a comma in it is not cut in two. What matches nothing is handed back as written.
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils import timezone

from cchc.core.text import fold
from cchc.org.choices import UnitKind
from cchc.org.models import Unit
from cchc.org.selectors import units_valid_on

# Below this similarity (difflib ratio of the normalised names) a piece of text is not taken for a unit.
FUZZY_THRESHOLD = 0.85

# Abbreviations the letters use, folded, with what they stand for.
ABBREVIATIONS: dict[str, str] = {
    "tccb": "to chuc can bo",
    "khtc": "ke hoach tai chinh",
    "nvy": "nghiep vu y",
    "nvd": "nghiep vu duoc",
    "vp": "van phong",
    "ttra": "thanh tra",
    "ttr": "thanh tra",
    "ttpvhcc": "trung tam phuc vu hanh chinh cong",
    "tthcc": "trung tam phuc vu hanh chinh cong",
    "attp": "an toan thuc pham",
    "atvstp": "an toan ve sinh thuc pham",
    "cdc": "trung tam kiem soat benh tat",
    "bv": "benh vien",
    "bvdk": "benh vien da khoa",
    "ttyt": "trung tam y te",
    "syt": "so y te",
}
# Older and shorter names of the same thing, folded, rewritten to one form.
SYNONYMS: tuple[tuple[str, str], ...] = (
    ("trung tam hanh chinh cong", "trung tam phuc vu hanh chinh cong"),
    ("bo phan tiep nhan va tra ket qua", "bo phan tiep nhan"),
)
LEADING_NOISE = re.compile(r"^(?:cac |phong )+")
TRAILING_NOISE = re.compile(r"(?:\s+(?:cua|thuoc|tai|co quan))?\s+so(?:\s+y\s+te)?$")
# Pieces that name no unit by themselves ("được giao", "liên quan", "tại đơn vị").
NOISE_PIECES = frozenset(
    {"", "va", "voi", "phoi hop", "phoi hop voi", "duoc giao", "lien quan", "co lien quan", "tai don vi", "cac"}
)
QUALIFIERS = r"(?:\s+(?:duoc giao|co lien quan|lien quan|tai (?:cac )?don vi))*"
GROUPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        UnitKind.ROOM,
        re.compile(
            r"\b(?:tat ca )?cac phong(?:\s*,?\s*ban)?(?: chuyen mon)?(?: (?:co quan|thuoc|cua) so(?: y te)?)?"
            + QUALIFIERS
        ),
    ),
    (UnitKind.SUBORDINATE, re.compile(r"\b(?:tat ca )?(?:cac )?don vi truc thuoc(?: so(?: y te)?)?" + QUALIFIERS)),
    (UnitKind.ONE_STOP, re.compile(r"\b(?:cac )?bo phan mot cua" + QUALIFIERS)),
)
PART_SEPARATOR = re.compile(r"[;\n]")
PIECE_SEPARATOR = re.compile(r",|\+|&|\bva\b|\bphoi hop(?: voi)?\b|\bcung\b")


def _aligned_fold(text: str) -> str:
    """`fold` character by character, keeping every position, so spans found in it cut the original text."""
    return "".join((fold(char) or " ")[:1] for char in text)


def _clean_fragment(text: str) -> str:
    return " ".join(text.split()).strip(" .,;:-–—+&()")


def unit_key(text: str) -> str:
    """A name reduced to what tells units apart: folded, abbreviations expanded, "Phòng"/"Sở" noise dropped."""
    words = re.sub(r"[^\w]+", " ", fold(text)).split()
    expanded = " ".join(ABBREVIATIONS.get(word, word) for word in words)
    for old, new in SYNONYMS:
        expanded = expanded.replace(old, new)
    key = TRAILING_NOISE.sub("", LEADING_NOISE.sub("", expanded)).strip()
    return key or expanded


@dataclass
class UnitMatch:
    """Units found in a text, in the order written; `individual` are those named one by one (not by a group)."""

    units: list[Unit] = field(default_factory=list)
    individual: list[Unit] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    def add(self, units: Iterable[Unit], *, individual: bool) -> None:
        for unit in units:
            if unit not in self.units:
                self.units.append(unit)
            if individual and unit not in self.individual:
                self.individual.append(unit)


@dataclass
class TaskUnits:
    """The lead and coordinating units of a task, read from its two free-text cells."""

    lead: Unit | None
    coordinating: list[Unit]
    lead_match: UnitMatch
    coordinating_match: UnitMatch

    @property
    def lead_is_group_only(self) -> bool:
        return self.lead is None and bool(self.lead_match.units)


class UnitMatcher:
    """Matches text against a fixed list of units (by default those valid today)."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units = list(units)
        self._by_code = {fold(unit.code): unit for unit in reversed(self.units)}
        self._by_name = {fold(unit.name): unit for unit in reversed(self.units)}
        self._by_key = {unit_key(unit.name): unit for unit in reversed(self.units)}

    @classmethod
    def valid_on(cls, day: datetime.date | None = None) -> "UnitMatcher":
        day = day or timezone.localdate()
        return cls(list(Unit.objects.filter(units_valid_on(day)).order_by("sort_order", "name", "pk")))

    def of_kind(self, kind: str) -> list[Unit]:
        return [unit for unit in self.units if unit.kind == kind]

    def exact(self, text: str) -> Unit | None:
        """The unit with this name, code, or name once abbreviations and noise words are set aside."""
        folded = _clean_fragment(fold(text))
        if not folded:
            return None
        key = unit_key(folded)
        return (
            self._by_name.get(folded)
            or self._by_code.get(folded)
            or self._by_code.get(LEADING_NOISE.sub("", folded))
            or self._by_key.get(key)
        )

    def fuzzy(self, text: str) -> Unit | None:
        """The unit whose normalised name is most like the text, if alike enough."""
        key = unit_key(text)
        if not key:
            return None
        best, best_ratio = None, FUZZY_THRESHOLD
        for candidate_key, unit in self._by_key.items():
            ratio = SequenceMatcher(None, key, candidate_key).ratio()
            if ratio >= best_ratio and (best is None or ratio > best_ratio):
                best, best_ratio = unit, ratio
        return best

    def match(self, text: str) -> UnitMatch:
        """Every unit a cell names; the fragments that name none are returned as written."""
        result = UnitMatch()
        if not _clean_fragment(text):
            return result
        whole = self.exact(text)
        if whole is not None:
            result.add([whole], individual=True)
            return result
        for part in _split(text, PART_SEPARATOR):
            self._match_part(part, result)
        return result

    def _match_part(self, part: str, result: UnitMatch) -> None:
        whole = self.exact(part)
        if whole is not None:
            result.add([whole], individual=True)
            return
        folded = _aligned_fold(part)
        remainder = list(part)
        for kind, pattern in GROUPS:
            for found in pattern.finditer(folded):
                result.add(self.of_kind(kind), individual=False)
                remainder[found.start() : found.end()] = [","] * (found.end() - found.start())
        for piece in _split("".join(remainder), PIECE_SEPARATOR):
            if _clean_fragment(fold(piece)) in NOISE_PIECES:
                continue
            unit = self.exact(piece) or self.fuzzy(piece)
            if unit is None:
                result.unmatched.append(_clean_fragment(piece))
            else:
                result.add([unit], individual=True)

    def task_units(self, lead_text: str, coordinating_text: str) -> TaskUnits:
        """The lead (the first unit the lead cell names one by one) and the coordinating units.

        Other units in the lead cell ("Phòng TCCB, Thanh tra Sở", "Văn phòng Sở phối hợp bộ phận một cửa") take part
        in the task, so they are coordinating units too. A lead cell that only names groups gives no lead unit.
        """
        lead_match = self.match(lead_text)
        coordinating_match = self.match(coordinating_text)
        lead = lead_match.individual[0] if lead_match.individual else None
        coordinating: list[Unit] = []
        for unit in [*lead_match.units, *coordinating_match.units]:
            if unit != lead and unit not in coordinating:
                coordinating.append(unit)
        return TaskUnits(lead, coordinating, lead_match, coordinating_match)


def _split(text: str, separator: re.Pattern[str]) -> list[str]:
    """Cut `text` where the folded text has a separator; pieces keep their diacritics."""
    pieces, start = [], 0
    for found in separator.finditer(_aligned_fold(text)):
        pieces.append(text[start : found.start()])
        start = found.end()
    pieces.append(text[start:])
    return [piece for piece in pieces if _clean_fragment(piece)]
