"""The staff menu, as data: each entry names the roles that see it (None: every staff member)."""

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cchc.org.choices import Role
from cchc.org.roles import CALENDAR_MANAGERS, DEPARTMENT_VIEWERS, PEOPLE_MANAGERS, SECURITY_AUDITORS, UNIT_MANAGERS
from cchc.procedures.models import CATALOGUE_MANAGERS

SCORECARD_VIEWERS: frozenset[str] = DEPARTMENT_VIEWERS | {Role.STEERING_MEMBER}
DESK_OFFICERS: frozenset[str] = frozenset({Role.ONE_STOP_OFFICER, Role.OFFICE_FOCAL, Role.SYSTEM_ADMIN})
APOLOGY_APPROVERS: frozenset[str] = frozenset({Role.LEADERSHIP, Role.UNIT_HEAD})
SURVEY_OVERVIEW_ROLES: frozenset[str] = DEPARTMENT_VIEWERS | {Role.UNIT_HEAD}
SERVICE_INDEX_VIEWERS: frozenset[str] = DEPARTMENT_VIEWERS | {Role.INSPECTOR}
DOSSIER_IMPORTERS: frozenset[str] = frozenset({Role.OFFICE_FOCAL, Role.SYSTEM_ADMIN})


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
        _("Kế hoạch & nhiệm vụ"),
        "list-check",
        (
            MenuItem(_("Kế hoạch, chỉ đạo"), "plans:plan_list", "journal-text"),
            MenuItem(_("Bảng nhiệm vụ"), "plans:task_board", "kanban"),
            MenuItem(_("Tiến độ theo quý"), "plans:task_timeline", "bar-chart-steps"),
            MenuItem(_("Báo cáo định kỳ"), "plans:cycle_list", "file-earmark-text"),
        ),
    ),
    MenuGroup(
        _("Chỉ số CCHC"),
        "award",
        (
            MenuItem(_("Bảng điểm"), "scorecard:scorecard", "clipboard-data"),
            MenuItem(_("Điểm có nguy cơ bị trừ"), "scorecard:points_at_risk", "exclamation-triangle"),
            MenuItem(_("Đợt tự chấm điểm"), "scorecard:assessment_list", "ui-checks"),
            MenuItem(_("Kết quả các năm"), "scorecard:year_over_year", "graph-up", SCORECARD_VIEWERS),
            MenuItem(_("Bộ tiêu chí"), "scorecard:framework_list", "list-ol"),
        ),
    ),
    MenuGroup(
        _("Thủ tục hành chính"),
        "file-earmark-ruled",
        (
            MenuItem(_("Danh mục thủ tục"), "procedures:procedure_list", "card-list"),
            MenuItem(_("Quyết định công bố"), "procedures:publication_decision_list", "file-earmark-check"),
            MenuItem(_("Quyết định của Bộ"), "procedures:ministry_decision_list", "file-earmark-arrow-down"),
            MenuItem(_("Thời gian công bố lại"), "procedures:delays", "hourglass-split"),
            MenuItem(_("Mã QR, niêm yết"), "procedures:unit_posters", "qr-code"),
            MenuItem(_("Nhập danh mục từ Excel"), "procedures:catalogue_import", "upload", CATALOGUE_MANAGERS),
        ),
    ),
    MenuGroup(
        _("Hồ sơ một cửa"),
        "inboxes",
        (
            MenuItem(_("Việc hôm nay"), "dossiers:today", "calendar-day", DESK_OFFICERS),
            MenuItem(_("Tiếp nhận hồ sơ"), "dossiers:receive_pick", "box-arrow-in-down", DESK_OFFICERS),
            MenuItem(_("Danh sách hồ sơ"), "dossiers:list", "folder2-open"),
            MenuItem(_("Duyệt văn bản xin lỗi"), "dossiers:apology_queue", "envelope-exclamation", APOLOGY_APPROVERS),
            MenuItem(_("Thống kê hồ sơ"), "dossiers:statistics", "bar-chart-line"),
            MenuItem(_("Chỉ số phục vụ (QĐ 766)"), "dossiers:indicators", "speedometer", SERVICE_INDEX_VIEWERS),
            MenuItem(_("Nhập hồ sơ từ hệ thống một cửa"), "dossiers:import_list", "cloud-upload", DOSSIER_IMPORTERS),
        ),
    ),
    MenuGroup(
        _("Khảo sát hài lòng"),
        "emoji-smile",
        (
            MenuItem(_("Đợt khảo sát"), "surveys:campaign_list", "clipboard-check"),
            MenuItem(_("Chỉ số hài lòng"), "surveys:report_index", "graph-up-arrow"),
            MenuItem(_("So sánh các cơ sở"), "surveys:report_facilities", "bar-chart", SURVEY_OVERVIEW_ROLES),
            MenuItem(_("Nội dung cần cải thiện"), "surveys:report_improvement", "tools", SURVEY_OVERVIEW_ROLES),
            MenuItem(_("Ý kiến người trả lời"), "surveys:report_text_answers", "chat-left-text"),
            MenuItem(_("Bộ câu hỏi"), "surveys:instrument_list", "ui-radios"),
        ),
    ),
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
    """The menu entries this user sees, with their addresses; the entry whose address best matches is current."""
    entries: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for entry in MENU:
        items = (entry,) if isinstance(entry, MenuItem) else entry.items
        children = [
            {"label": item.label, "url": reverse(item.url_name), "icon": item.icon, "active": False}
            for item in items
            if _visible(item, user)
        ]
        links.extend(children)
        if isinstance(entry, MenuItem):
            entries.extend(children)
        elif children:
            entries.append({"label": entry.label, "icon": entry.icon, "children": children})
    matching = [
        link
        for link in links
        if current_path == link["url"] or (link["url"] != "/" and current_path.startswith(link["url"]))
    ]
    if matching:
        max(matching, key=lambda link: len(link["url"]))["active"] = True
    return entries
