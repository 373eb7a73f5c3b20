"""Evidence files (tài liệu kiểm chứng): stored once with a checksum, never overwritten, only versioned.

A document can be linked from several places (a task's deliverable, a PAR criterion) without a second upload.
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.core.permissions import CHANGE, VIEW, RestrictPolicy
from cchc.org.models import Unit
from cchc.org.roles import DEPARTMENT_VIEWERS


def _linked_visible(user: Any) -> Q:
    """Evidence is also visible to whoever may see what it is evidence for (a task, a plan)."""
    units = user.scope_unit_ids()
    return (
        Q(task_occurrences__task__lead_unit__in=units)
        | Q(task_occurrences__task__coordinating_units__in=units)
        | Q(task_occurrences__task__assignees=user)
        | Q(plans_as_original__isnull=False)
        | Q(unit_reports__unit__in=units)
        | Q(par_items__lead_unit__in=units)
        | Q(par_items__coordinating_units__in=units)
    )


class EvidenceDocument(models.Model):
    """A piece of evidence with a title; its file lives in versions."""

    title = models.CharField(_("tên tài liệu"), max_length=300)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="evidence")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    restrict_policy: ClassVar[RestrictPolicy] = RestrictPolicy(
        unit_lookups=("unit",),
        department_roles={VIEW: DEPARTMENT_VIEWERS, CHANGE: frozenset()},
        unit_roles={VIEW: None, CHANGE: None},
        extra_condition=lambda user, action: _linked_visible(user) if action == VIEW else Q(pk__in=[]),
        needs_distinct=True,
    )

    class Meta:
        verbose_name = _("tài liệu kiểm chứng")
        verbose_name_plural = _("tài liệu kiểm chứng")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def current(self) -> "EvidenceVersion | None":
        return self.versions.order_by("-number").first()


def evidence_path(instance: "EvidenceVersion", filename: str) -> str:
    return f"evidence/{instance.sha256[:2]}/{instance.sha256}/{instance.number}-{filename}"


class EvidenceVersion(models.Model):
    """One uploaded file of a document; a new upload adds a version, the old ones stay."""

    document = models.ForeignKey(EvidenceDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("phiên bản"))
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=400)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    kind = models.CharField(_("loại tệp"), max_length=10)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("phiên bản tài liệu")
        verbose_name_plural = _("phiên bản tài liệu")
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="evidence_version_once")]

    def __str__(self) -> str:
        return f"{self.original_name} (v{self.number})"
