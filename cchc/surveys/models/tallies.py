"""Summary tables that keep the indices fast at hundreds of thousands of responses.

Filled only by `cchc.surveys.tally_services.tallies_refresh`, which folds the responses after the cursor into
them (per campaign × month); the index pages add the few responses after the cursor on the fly, so figures are
always exact.
"""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.core.permissions import VIEW, RestrictPolicy
from cchc.org.roles import DEPARTMENT_VIEWERS

from .collection import Campaign

TALLY_POLICY = RestrictPolicy(
    unit_lookups=("campaign__facility",),
    department_roles={VIEW: DEPARTMENT_VIEWERS},
    unit_roles={VIEW: None},
)


class ItemTally(models.Model):
    """How many answers each value 0–5 got, for one item of one campaign in one month (yes/no: 0 and 1)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="item_tallies")
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng."))
    item_code = models.CharField(_("mã câu hỏi"), max_length=20)
    count_0 = models.PositiveIntegerField(default=0)
    count_1 = models.PositiveIntegerField(default=0)
    count_2 = models.PositiveIntegerField(default=0)
    count_3 = models.PositiveIntegerField(default=0)
    count_4 = models.PositiveIntegerField(default=0)
    count_5 = models.PositiveIntegerField(default=0)

    restrict_policy: ClassVar[RestrictPolicy] = TALLY_POLICY

    class Meta:
        verbose_name = _("tổng hợp theo câu hỏi")
        verbose_name_plural = _("tổng hợp theo câu hỏi")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "month", "item_code"], name="survey_item_tally_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.month:%m/%Y} {self.item_code}"

    def histogram(self) -> list[int]:
        return [self.count_0, self.count_1, self.count_2, self.count_3, self.count_4, self.count_5]


class ResponseTally(models.Model):
    """Per campaign and month: respondents, comprehensive satisfaction, expectation (G1), would return (G2)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="response_tallies")
    month = models.DateField(_("tháng"))
    responses = models.PositiveIntegerField(default=0)
    likert_respondents = models.PositiveIntegerField(default=0)
    all_satisfied = models.PositiveIntegerField(default=0)
    expectation_sum = models.PositiveBigIntegerField(default=0)
    expectation_count = models.PositiveIntegerField(default=0)
    would_return = models.JSONField(default=dict, blank=True)

    restrict_policy: ClassVar[RestrictPolicy] = TALLY_POLICY

    class Meta:
        verbose_name = _("tổng hợp theo phiếu")
        verbose_name_plural = _("tổng hợp theo phiếu")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "month"], name="survey_response_tally_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.month:%m/%Y}"


class TallyCursor(models.Model):
    """The id of the last response folded into the tallies (one row)."""

    name = models.CharField(max_length=30, unique=True)
    last_response_id = models.PositiveBigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mốc tổng hợp")
        verbose_name_plural = _("mốc tổng hợp")

    def __str__(self) -> str:
        return f"{self.name}: {self.last_response_id}"
