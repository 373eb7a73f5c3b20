"""Units of the department (a tree that changes over time) and the people who work in them."""

from functools import cached_property
from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from cchc.core.permissions import CHANGE, MANAGE, VIEW, RestrictPolicy

from .choices import Role, UnitKind
from .roles import ALL_ROLES, DEPARTMENT_VIEWERS, PEOPLE_MANAGERS, UNIT_MANAGERS


class Unit(models.Model):
    """A unit of the department: leadership, a room, a subordinate unit or a one-stop desk.

    Units are never deleted once used: a merger ends a unit's validity and links it to its successor, so that
    earlier years still report under the names they had.
    """

    name = models.CharField(_("tên đơn vị"), max_length=255)
    code = models.CharField(
        _("mã đơn vị"),
        max_length=32,
        unique=True,
        help_text=_("Ký hiệu viết tắt dùng trong số văn bản, ví dụ VP, TCCB, BVDK."),
    )
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("đơn vị tiền thân"),
        symmetrical=False,
        blank=True,
        related_name="successors",
    )
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    search_text = models.CharField(max_length=600, blank=True, editable=False, db_index=True)

    restrict_policy: ClassVar[RestrictPolicy] = RestrictPolicy(
        unit_lookups=("pk",),
        department_roles={VIEW: ALL_ROLES, CHANGE: UNIT_MANAGERS, MANAGE: UNIT_MANAGERS},
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in: one unit, a position, and any number of roles."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    position = models.CharField(_("chức vụ"), max_length=100, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    search_text = models.CharField(max_length=600, blank=True, editable=False, db_index=True)

    restrict_policy: ClassVar[RestrictPolicy] = RestrictPolicy(
        unit_lookups=("unit",),
        department_roles={VIEW: DEPARTMENT_VIEWERS, CHANGE: PEOPLE_MANAGERS, MANAGE: PEOPLE_MANAGERS},
        unit_roles={VIEW: None},
        extra_condition=lambda user, action: Q(pk=user.pk) if action == VIEW else Q(pk__in=[]),
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["full_name", "username"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="user_email_unique_ci",
                violation_error_message=_("Email này đã được dùng cho một tài khoản khác."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @cached_property
    def role_codes(self) -> frozenset[str]:
        """The person's roles; read once per request."""
        if not self.pk:
            return frozenset()
        return frozenset(self.role_assignments.values_list("role", flat=True))

    def has_role(self, role: str) -> bool:
        return self.is_active and role in self.role_codes

    def has_any_role(self, roles: frozenset[str]) -> bool:
        return self.is_active and not self.role_codes.isdisjoint(roles)

    def scope_unit_ids(self) -> frozenset[int]:
        """The person's unit and every unit below it."""
        return self._scope_unit_ids

    @cached_property
    def _scope_unit_ids(self) -> frozenset[int]:
        from .selectors import unit_subtree_ids

        return unit_subtree_ids(self.unit_id) if self.unit_id else frozenset()


class RoleAssignment(models.Model):
    """One role held by one person."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    assigned_at = models.DateTimeField(_("ngày giao"), auto_now_add=True)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_once_per_user")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"
