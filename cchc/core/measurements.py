"""Indicators the system measures from its own records (dossiers on time, satisfaction, …).

PAR criteria and plan targets name an indicator by code; the module that owns the data declares its indicators
(code, label, a function `(year) -> Decimal | None`, None when there is nothing to measure) in a provider
function listed in the setting `CCHC_INDICATOR_PROVIDERS`, so that readers never import the modules that measure.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.functional import Promise
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise
    function: Callable[[int], Decimal | None]

    def measure(self, year: int) -> Decimal | None:
        """The indicator's value for the year, rounded to two decimals as criteria and targets store it."""
        value = self.function(year)
        return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def indicators() -> dict[str, Indicator]:
    """The indicators this installation measures, by code, in the order the providers declare them."""
    found: dict[str, Indicator] = {}
    for path in settings.CCHC_INDICATOR_PROVIDERS:
        provider: Callable[[], list[Indicator]] = import_string(path)
        found.update((indicator.code, indicator) for indicator in provider())
    return found


def indicator_measure(code: str, year: int) -> Decimal | None:
    """The measured value of an indicator, or None when the code is unknown or nothing was measured."""
    indicator = indicators().get(code.strip())
    return None if indicator is None else indicator.measure(year)
