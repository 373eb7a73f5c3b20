"""The staff menu, as data: each entry names the roles that see it (None: every staff member)."""

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cchc.org.roles import CALENDAR_MANAGERS, PEOPLE_MANAGERS, SECURITY_AUDITORS, UNIT_MANAGERS


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    icon: str
    roles: frozenset[str] | None = None


@dataclass(frozen=True)
class MenuGroup:
    label: str | Promise
    icon: str
    items: tuple[MenuItem, ...] = field(default_factory=tuple)


MENU: tuple[MenuItem | MenuGroup, ...] = (
    MenuItem(_("Tổng quan"), "dashboard:home", "speedometer2"),
    MenuGroup(
        _("Danh mục & cấu hình"),
        "gear",
        (
            MenuItem(_("Đơn vị"), "org:unit_list", "diagram-3"),
            MenuItem(_("Người dùng"), "org:person_list", "people"),
            MenuItem(_("Lịch làm việc"), "workdays:calendar", "calendar3"),
            MenuItem(_("Nhập đơn vị từ Excel"), "org:unit_import", "upload", UNIT_MANAGERS),
            MenuItem(_("Nhập người dùng từ Excel"), "org:person_import", "upload", PEOPLE_MANAGERS),
            MenuItem(_("Ngày nghỉ, ngày làm bù"), "workdays:day_create", "calendar-plus", CALENDAR_MANAGERS),
            MenuItem(_("Nhật ký bảo mật"), "core:security_log", "shield-lock", SECURITY_AUDITORS),
        ),
    ),
)


def _visible(item: MenuItem, user: Any) -> bool:
    if not user.role_codes and user.unit_id is None:
        return item.url_name == "dashboard:home"
    return item.roles is None or user.has_any_role(item.roles)


def menu_for(user: Any, current_path: str) -> list[dict[str, Any]]:
    """The menu entries this user sees, with their addresses and which one is current."""
    entries: list[dict[str, Any]] = []
    for entry in MENU:
        if isinstance(entry, MenuItem):
            if _visible(entry, user):
                url = reverse(entry.url_name)
                entries.append({"label": entry.label, "url": url, "icon": entry.icon, "active": current_path == url})
            continue
        children = []
        for item in entry.items:
            if _visible(item, user):
                url = reverse(item.url_name)
                children.append(
                    {"label": item.label, "url": url, "icon": item.icon, "active": current_path.startswith(url)}
                )
        if children:
            entries.append(
                {
                    "label": entry.label,
                    "icon": entry.icon,
                    "children": children,
                    "active": any(c["active"] for c in children),
                }
            )
    return entries
