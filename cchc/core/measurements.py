"""Indicators the system measures from its own records (dossiers on time, satisfaction, …).

PAR criteria and plan targets name an indicator by code; the module that owns the data provides a function
`(year: int) -> Decimal | None` for it (None: nothing to measure yet). The list is the setting `CCHC_INDICATORS`,
so that readers never import the modules that measure.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.utils.functional import Promise
from django.utils.module_loading import import_string


class YearMeasure(Protocol):
    def __call__(self, year: int) -> Decimal | None: ...


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise
    path: str

    def measure(self, year: int) -> Decimal | None:
        """The indicator's value for the year, rounded to two decimals as criteria and targets store it."""
        function: YearMeasure = import_string(self.path)
        value = function(year)
        return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def indicators() -> dict[str, Indicator]:
    """The indicators this installation measures, by code."""
    return {code: Indicator(code, label, path) for code, label, path in settings.CCHC_INDICATORS}


def indicator_measure(code: str, year: int) -> Decimal | None:
    """The measured value of an indicator, or None when the code is unknown or nothing was measured."""
    indicator = indicators().get(code.strip())
    return None if indicator is None else indicator.measure(year)
