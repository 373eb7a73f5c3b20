"""Demo data modelled on the seed letters: a provincial Sở Y tế, its rooms and units, one person per role.

Everything is written through the services, so the demo has the same audit trail as real use.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cchc.org.choices import Role, UnitKind
from cchc.org.models import Unit
from cchc.org.services import person_create, unit_create
from cchc.workdays.services import calendar_seed_year

DEMO_PASSWORD = "cchc-demo-2026"  # noqa: S105  (printed by the run command; demo only)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    full_name: str
    role_label: str


UNITS: list[tuple[str, str, str, str | None]] = [
    ("SYT", "Sở Y tế tỉnh Quảng Ngãi", UnitKind.DEPARTMENT, None),
    ("BGD", "Ban Giám đốc Sở", UnitKind.LEADERSHIP, "SYT"),
    ("VP", "Văn phòng Sở", UnitKind.ROOM, "SYT"),
    ("TTRA", "Thanh tra Sở", UnitKind.ROOM, "SYT"),
    ("TCCB", "Phòng Tổ chức – Cán bộ", UnitKind.ROOM, "SYT"),
    ("NVY", "Phòng Nghiệp vụ Y", UnitKind.ROOM, "SYT"),
    ("NVD", "Phòng Nghiệp vụ Dược", UnitKind.ROOM, "SYT"),
    ("KHTC", "Phòng Kế hoạch – Tài chính", UnitKind.ROOM, "SYT"),
    ("MOTCUA", "Bộ phận Một cửa của Sở tại Trung tâm Phục vụ hành chính công", UnitKind.ONE_STOP, "VP"),
    ("BVDKT", "Bệnh viện Đa khoa tỉnh", UnitKind.SUBORDINATE, "SYT"),
    ("BVSN", "Bệnh viện Sản – Nhi tỉnh", UnitKind.SUBORDINATE, "SYT"),
    ("CDC", "Trung tâm Kiểm soát bệnh tật tỉnh", UnitKind.SUBORDINATE, "SYT"),
    ("TTGDYK", "Trung tâm Giám định y khoa", UnitKind.SUBORDINATE, "SYT"),
    ("CCATTP", "Chi cục An toàn vệ sinh thực phẩm", UnitKind.SUBORDINATE, "SYT"),
    ("TTYTBS", "Trung tâm Y tế huyện Bình Sơn", UnitKind.SUBORDINATE, "SYT"),
]

PEOPLE: list[tuple[str, str, str, str, list[str]]] = [
    ("giamdoc", "Nguyễn Văn An", "BGD", "Giám đốc", [Role.LEADERSHIP, Role.STEERING_MEMBER]),
    ("tccb", "Trần Thị Bình", "TCCB", "Trưởng phòng", [Role.PAR_FOCAL, Role.UNIT_HEAD, Role.STEERING_MEMBER]),
    ("vanphong", "Lê Văn Cường", "VP", "Chánh Văn phòng", [Role.OFFICE_FOCAL, Role.UNIT_HEAD, Role.STEERING_MEMBER]),
    ("truongphong", "Phạm Thị Dung", "NVY", "Trưởng phòng", [Role.UNIT_HEAD]),
    ("chuyenvien", "Hoàng Văn Em", "NVY", "Chuyên viên", [Role.SPECIALIST]),
    ("benhvien", "Võ Thị Giang", "BVDKT", "Giám đốc bệnh viện", [Role.UNIT_HEAD]),
    ("motcua", "Đặng Văn Hùng", "MOTCUA", "Cán bộ một cửa", [Role.ONE_STOP_OFFICER]),
    ("thanhtra", "Bùi Thị Lan", "TTRA", "Chánh Thanh tra", [Role.INSPECTOR, Role.UNIT_HEAD]),
    ("quantri", "Đỗ Minh Quân", "VP", "Chuyên viên CNTT", [Role.SYSTEM_ADMIN]),
    ("khach", "Tài khoản chưa phân quyền", "", "", []),
]


def demo_logins() -> list[DemoLogin]:
    labels = dict(Role.choices)
    return [
        DemoLogin(username, full_name, ", ".join(str(labels[role]) for role in roles) or "(chưa có vai trò)")
        for username, full_name, _unit, _position, roles in PEOPLE
    ]


@transaction.atomic
def demo_data_create() -> bool:
    """Create the demo organisation once; returns False when the database already has units."""
    if Unit.objects.exists():
        return False
    units: dict[str, Unit] = {}
    for code, name, kind, parent in UNITS:
        units[code] = unit_create(
            actor=None, name=name, code=code, kind=kind, parent=units[parent] if parent else None, sort_order=len(units)
        )
    kon_tum = unit_create(
        actor=None,
        name="Sở Y tế tỉnh Kon Tum",
        code="SYTKT",
        kind=UnitKind.DEPARTMENT,
        valid_to=datetime.date(2025, 6, 30),
        sort_order=99,
    )
    units["SYT"].predecessors.add(kon_tum)
    for username, full_name, unit_code, position, roles in PEOPLE:
        person_create(
            actor=None,
            username=username,
            full_name=full_name,
            email=f"{username}@syt.example.vn",
            unit=units.get(unit_code),
            position=position,
            roles=roles,
            password=DEMO_PASSWORD,
        )
    year = timezone.localdate().year
    for item in (year - 1, year, year + 1):
        calendar_seed_year(actor=None, year=item)
    return True
