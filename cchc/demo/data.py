"""Demo data modelled on the seed letters: a provincial Sở Y tế, its rooms and units, one person per role.

Everything is written through the services, so the demo has the same audit trail as real use.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cchc.dossiers.demo_dossiers import dossiers_seed_demo
from cchc.org.choices import Role, UnitKind
from cchc.org.models import Unit, User
from cchc.org.services import person_create, unit_create
from cchc.procedures.demo_catalogue import procedures_seed_demo
from cchc.surveys.demo_surveys import surveys_seed_demo
from cchc.surveys.tally_services import tallies_refresh
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
    demo_plan_create(units, year)
    demo_par_round_create(units, year)
    demo_one_stop_create(units)
    surveys_seed_demo(
        focal=User.objects.get(username="vanphong"),
        hospital=units["BVDKT"],
        one_stop=units["MOTCUA"],
        collector=User.objects.get(username="benhvien"),
    )
    tallies_refresh()
    return True


def demo_one_stop_create(units: dict[str, Unit]) -> None:
    """A dozen published procedures resolved by the medical room, and dossiers at the desk in every state."""
    office = User.objects.get(username="vanphong")
    procedures = procedures_seed_demo(resolving_unit=units["NVY"], actor=office)
    dossiers_seed_demo(
        receiving_unit=units["MOTCUA"],
        procedures=procedures[:10],
        officer=User.objects.get(username="motcua"),
        handler=User.objects.get(username="chuyenvien"),
        leader=User.objects.get(username="giamdoc"),
    )


PAR_FIELD_ROOMS = {"1": "VP", "2": "VP", "3": "VP", "4": "TCCB", "5": "TCCB", "6": "KHTC", "7": "VP", "8": "TCCB"}


def demo_par_round_create(units: dict[str, Unit], year: int) -> None:
    """The default PAR framework of the year and an open self-assessment round with a few scores entered."""
    from decimal import Decimal

    from cchc.scorecard.frameworks import framework_load_default
    from cchc.scorecard.round import assessment_create, assessment_open, item_self_score, items_assign_by_field

    tccb = User.objects.get(username="tccb")
    framework = framework_load_default(actor=tccb, year=year)
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    assessment = assessment_create(actor=tccb, framework=framework, unit=units["SYT"], deadline=deadline)
    for field in framework.criteria.filter(parent__isnull=True):
        room = PAR_FIELD_ROOMS.get(field.code, "TCCB")
        items_assign_by_field(actor=tccb, assessment=assessment, field=field, lead_unit=units[room])
    assessment_open(actor=tccb, assessment=assessment)
    office = User.objects.get(username="vanphong")
    for item in assessment.items.filter(lead_unit=units["VP"]).select_related("criterion")[:6]:
        item_self_score(
            actor=office,
            item=item,
            self_score=item.criterion.max_points - (Decimal("0.5") if item.pk % 2 else Decimal("0")),
            self_note="Đã thực hiện đầy đủ theo kế hoạch.",
        )


DEMO_TASKS: list[tuple[str, str, str, str, str, list[str]]] = [
    (
        "I",
        "Rà soát văn bản quy phạm pháp luật về y tế theo kế hoạch của UBND tỉnh",
        "Báo cáo kết quả rà soát",
        "VP",
        "Trong năm",
        ["NVY", "NVD"],
    ),
    (
        "II",
        "Công bố, công khai kịp thời thủ tục hành chính ngay sau khi Bộ Y tế công bố",
        "Quyết định công bố của UBND tỉnh",
        "VP",
        "Thường xuyên",
        ["NVY", "NVD"],
    ),
    (
        "II",
        "Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực khám bệnh, chữa bệnh",
        "Báo cáo rà soát, phương án đơn giản hóa",
        "NVY",
        "Quý I/{year}",
        ["VP"],
    ),
    (
        "II",
        "Công khai xin lỗi tổ chức, cá nhân khi giải quyết hồ sơ trễ hạn",
        "Văn bản xin lỗi",
        "MOTCUA",
        "Thường xuyên",
        ["VP"],
    ),
    (
        "III",
        "Kiểm tra, đánh giá tình hình tổ chức bộ máy của các đơn vị trực thuộc",
        "Kế hoạch kiểm tra; báo cáo kết quả",
        "TCCB",
        "Quý III/ Quý IV",
        ["TTRA"],
    ),
    (
        "IV",
        "Xây dựng kế hoạch đào tạo, bồi dưỡng công chức, viên chức năm {year}",
        "Quyết định phê duyệt của Giám đốc Sở",
        "TCCB",
        "Tháng 01/{year}",
        ["BVDKT", "CDC"],
    ),
    (
        "V",
        "Kiện toàn quy chế chi tiêu nội bộ, quản lý tài sản công",
        "Quyết định Giám đốc Sở phê duyệt",
        "KHTC",
        "Quý II/{year}",
        [],
    ),
    (
        "VI",
        "100% văn bản đi được ký số, xử lý trên phần mềm quản lý văn bản",
        "Báo cáo kết quả thực hiện",
        "VP",
        "Thường xuyên",
        ["NVY", "NVD", "KHTC"],
    ),
    (
        "VII",
        "Tuyên truyền cải cách hành chính trên trang thông tin điện tử của Sở",
        "Tin, bài đăng trên chuyên mục CCHC",
        "VP",
        "Thường xuyên",
        ["BVDKT", "CDC"],
    ),
    (
        "II",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "Báo cáo tỉ lệ số hóa",
        "NVY",
        "trước ngày 30/11/{year}",
        ["MOTCUA"],
    ),
]


def demo_plan_create(units: dict[str, Unit], year: int) -> None:
    """A plan of the current year with targets and tasks in every state, so each role's pages have content."""
    from cchc.plans.models import ReformArea
    from cchc.plans.services import occurrence_report_progress, plan_create, target_save, task_assign, task_create

    office = User.objects.get(username="vanphong")
    plan = plan_create(
        actor=office,
        kind="plan",
        number="120/KH-SYT",
        issued_on=datetime.date(year, 1, 10),
        issuer="Sở Y tế tỉnh Quảng Ngãi",
        title=f"Kế hoạch cải cách hành chính năm {year} của Sở Y tế",
        year=year,
        legal_basis=f"Kế hoạch CCHC năm {year} của UBND tỉnh\nChỉ thị số 08/CT-BYT ngày 26/8/2014 của Bộ Y tế",
        purpose=(
            "100% hồ sơ TTHC được giải quyết đúng hạn; sự hài lòng của người dân đối với dịch vụ y tế công trên 90%."
        ),
    )
    for order, (text, value) in enumerate(
        [
            ("Hồ sơ TTHC giải quyết đúng hạn", 100),
            ("Người dân hài lòng với dịch vụ y tế công", 90),
            ("Văn bản đi được ký số", 100),
        ]
    ):
        target_save(
            actor=office, plan=plan, text=text, direction="gte", value=value, unit_of_measure="%", sort_order=order
        )
    areas = {area.code: area for area in ReformArea.objects.all()}
    for order, (area, title, product, lead, timeframe, coordinating) in enumerate(DEMO_TASKS):
        task = task_create(
            actor=office,
            plan=plan,
            area=areas[area],
            title=title.format(year=year),
            product=product,
            lead_unit=units[lead],
            coordinating_units=[units[code] for code in coordinating],
            timeframe_text=timeframe.format(year=year),
            sort_order=order,
        )
        if lead == "NVY":
            head = User.objects.get(username="truongphong")
            specialist = User.objects.get(username="chuyenvien")
            task_assign(actor=head, task=task, assignees=[specialist])
            first = task.occurrences.order_by("due_date").first()
            if first is not None:
                occurrence_report_progress(
                    actor=specialist, occurrence=first, percent=60, narrative="Đã rà soát 12/20 thủ tục."
                )
