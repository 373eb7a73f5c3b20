"""Dossier data at scale: CSV import rate and the statistics page, each against a floor measured in the same run.

- Data: 60 units, 150 procedures, N dossiers (default 1,000,000) received over two years on working days (Tết,
  30/4–1/5, 2/9 and make-up Saturdays from the calendar), with online/direct/postal mixes, supplement pauses
  (due moments moved), late, refused and withdrawn dossiers, and recent ones still open; written as a CSV in the
  one-stop export layout.
- Import: the product's streamed import of that CSV (checks, due moments, idempotent upsert), as the background
  job runs it, vs the floor, a bare `executemany` INSERT of the same rows into the same table (only ids looked up
  and dates sliced), row by row into its indexes, in one process.
- Statistics page: p95 of the whole department's page for a year (grouped by handling unit) vs the floor, the raw
  SQL over the summary table for the same figures.

Run: `.venv/bin/python bench/dossiers_scale.py [--dossiers N] [--database sqlite|postgres]` (appends to RESULTS.md).
PostgreSQL: a database `cchc_bench_<pid>` is created on postgres://postgres@127.0.0.1:5432 and dropped afterwards.
"""

import argparse
import csv
import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
ARGS = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ARGS.add_argument("--dossiers", type=int, default=1_000_000)
ARGS.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
ARGS.add_argument("--requests", type=int, default=30)
ARGS.add_argument("--skip-import", action="store_true", help="measure only the statistics page (data still imported)")
ARGS.add_argument("--no-record", action="store_true", help="print the results without appending to RESULTS.md")
OPTIONS = ARGS.parse_args()
WORKDIR = Path(tempfile.mkdtemp(prefix="cchc-bench-"))
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_NAME = f"cchc_bench_{os.getpid()}"
if OPTIONS.database == "postgres":
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {PG_NAME}")
    os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_NAME}"
else:
    os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["CCHC_ALLOWED_HOSTS"] = "testserver,localhost"

import django  # noqa: E402

django.setup()

from decimal import Decimal  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from cchc.core.inserts import large_page_cache  # noqa: E402
from cchc.dossiers import import_services  # noqa: E402
from cchc.dossiers.import_services import _Inserter, dossier_rows_import  # noqa: E402
from cchc.dossiers.imports import ProblemLog, csv_rows  # noqa: E402
from cchc.dossiers.models import Dossier  # noqa: E402
from cchc.dossiers.models.statistics import DossierStat, ImportMode  # noqa: E402
from cchc.dossiers.statistics import dossier_stats_rebuild  # noqa: E402
from cchc.org.choices import Role, UnitKind  # noqa: E402
from cchc.org.models import RoleAssignment, Unit, User  # noqa: E402
from cchc.org.services import unit_create  # noqa: E402
from cchc.procedures.choices import OnlineService, ProcedureLevel, PublicationAction  # noqa: E402
from cchc.procedures.models import Procedure, ProcedureField, ProcedureVersion  # noqa: E402
from cchc.workdays.calendar import working_calendar  # noqa: E402
from cchc.workdays.services import calendar_seed_year  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_DAY, LAST_DAY = datetime.date(2025, 1, 2), datetime.date(2026, 11, 27)
FIELDS = ["Khám bệnh, chữa bệnh", "Dược", "Mỹ phẩm", "Trang thiết bị y tế", "An toàn thực phẩm", "Y tế dự phòng",
          "Giám định y khoa", "Dân số"]  # fmt: skip
HEADER = ["Mã hồ sơ", "Mã thủ tục", "Nơi tiếp nhận", "Đơn vị giải quyết", "Người nộp", "Điện thoại", "Hình thức nộp",
          "Ngày tiếp nhận", "Hạn giải quyết", "Ngày có kết quả", "Ngày trả", "Trạng thái", "Thanh toán trực tuyến",
          "Số hóa đầu vào", "Số hóa kết quả", "Kết quả điện tử", "Tái sử dụng dữ liệu"]  # fmt: skip
CHANNELS = [("Trực tuyến", 0.42), ("Trực tiếp", 0.53), ("Bưu chính", 0.05)]


def build_catalogue(rng: random.Random) -> tuple[list[Unit], list[tuple[str, int, int, bool]]]:
    """60 units (the department, its one-stop desk, rooms, hospitals, centres) and 150 procedures."""
    department = unit_create(actor=None, code="SYT", name="Sở Y tế", kind=UnitKind.DEPARTMENT)
    desk = unit_create(actor=None, code="MC", name="Bộ phận một cửa", kind=UnitKind.ONE_STOP, parent=department)
    units = [department, desk]
    for number in range(58):
        kind = UnitKind.ROOM if number < 10 else UnitKind.SUBORDINATE
        units.append(
            unit_create(actor=None, code=f"DV{number:02d}", name=f"Đơn vị {number}", kind=kind, parent=department)
        )
    fields = [ProcedureField.objects.create(code=f"F{index}", name=name) for index, name in enumerate(FIELDS)]
    procedures = []
    for number in range(150):
        limit = rng.choice([0, 1, 3, 5, 5, 7, 10, 10, 15, 20, 30])
        fee = Decimal(rng.choice([0, 0, 500_000, 1_000_000, 3_000_000, 6_000_000]))
        handler = rng.choice(units[2:22])
        procedure = Procedure.objects.create(
            code=f"1.{number:06d}.H38", name=f"Thủ tục số {number}", field=rng.choice(fields),
            level=ProcedureLevel.PROVINCE, resolving_unit=handler,
        )  # fmt: skip
        version = ProcedureVersion.objects.create(
            procedure=procedure, number=1, action=PublicationAction.PUBLISH, name=procedure.name,
            time_limit_days=limit, online_time_limit_days=max(0, limit - 2) if rng.random() < 0.3 else None,
            fee_amount=fee, online_service=rng.choice([OnlineService.FULL, OnlineService.FULL, OnlineService.PARTIAL,
                                                       OnlineService.NONE]),
            online_payment=fee > 0 and rng.random() < 0.6,
        )  # fmt: skip
        Procedure.objects.filter(pk=procedure.pk).update(current_version=version)
        procedures.append((procedure.code, limit, handler.pk, fee > 0))
    return units, procedures


def _stamp(day: datetime.date, minutes: int) -> str:
    return f"{day:%d/%m/%Y} {minutes // 60:02d}:{minutes % 60:02d}"


def dossier_rows(count: int, units: list[Unit], procedures: list[tuple[str, int, int, bool]]) -> Iterator[list[str]]:
    """Realistic export rows, generated lazily (the same seed gives the same file)."""
    rng = random.Random(766)
    calendar = working_calendar(range(2024, 2028))
    workdays = [FIRST_DAY + datetime.timedelta(days=offset) for offset in range((LAST_DAY - FIRST_DAY).days + 1)]
    workdays = [day for day in workdays if calendar.is_working_day(day)]
    tail = [workdays[-1] + datetime.timedelta(days=offset) for offset in range(1, 200)]
    days = workdays + [day for day in tail if calendar.is_working_day(day)]
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(procedures))]
    chosen = rng.choices(procedures, weights=weights, k=count)
    unit_codes = {unit.pk: unit.code for unit in units}
    recent = len(workdays) - 25
    for number in range(count):
        code, limit, handler, fee = chosen[number]
        index = rng.randrange(len(workdays))
        minutes = rng.randrange(7 * 60 + 30, 17 * 60)
        start = index if minutes < 15 * 60 else index + 1
        due_index = start + limit + (rng.randint(1, 5) if rng.random() < 0.1 else 0)  # a pause moves the due day
        channel = rng.choices([name for name, _w in CHANNELS], weights=[w for _n, w in CHANNELS])[0]
        online = channel == "Trực tuyến"
        desk = "MC" if rng.random() < 0.8 else unit_codes[handler]
        due_text = _stamp(days[due_index], 17 * 60) if rng.random() < 0.5 else ""
        finished = returned = ""
        roll = rng.random()
        if index >= recent and roll < 0.5:
            status = rng.choice(["Đang giải quyết", "Chờ bổ sung", "Đã tiếp nhận"])
        elif roll < 0.02:
            status, finished = "Từ chối", _stamp(days[min(index + 1, len(days) - 1)], 9 * 60)
        elif roll < 0.03:
            status, finished = "Công dân rút hồ sơ", _stamp(days[index + 1], 16 * 60)
        else:
            late = rng.random() < 0.07
            finish_index = due_index + rng.randint(1, 10) if late else rng.randint(index, max(index, due_index))
            earliest = minutes + 1 if finish_index == index else 8 * 60
            finished = _stamp(days[finish_index], rng.randrange(earliest, 17 * 60 + 1))
            status = "Đã trả kết quả" if rng.random() < 0.9 else "Có kết quả"
            if status == "Đã trả kết quả":
                returned = _stamp(days[finish_index + rng.randint(0, 3)], 17 * 60)
        done = bool(finished) and status not in ("Từ chối", "Công dân rút hồ sơ")
        yield [
            f"H38.{number:08d}", code, desk, "", f"Người nộp {number % 9973}", f"09{number % 100000000:08d}",
            channel, _stamp(workdays[index], minutes), due_text, finished, returned, status,
            "Có" if fee and online and rng.random() < 0.7 else "Không",
            "Có" if rng.random() < 0.6 else "Không",
            "Có" if done and rng.random() < 0.5 else "Không",
            "Có" if done and online and rng.random() < 0.6 else "Không",
            "Có" if rng.random() < 0.2 else "Không",
        ]  # fmt: skip


def write_csv(path: Path, rows: Iterator[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)


def _moment(text: str) -> datetime.datetime:
    return datetime.datetime(int(text[6:10]), int(text[3:5]), int(text[0:2]), int(text[11:13]), int(text[14:16]),
                             tzinfo=VN)  # fmt: skip


def floor_insert(path: Path) -> float:
    """Seconds for the bare INSERT of the same rows: ids looked up, dates sliced, one executemany per 5,000, in the
    same large page cache as the product's import."""
    inserter = _Inserter(source="import")
    procedures = {code: (pk, version, unit) for code, pk, version, unit in
                  Procedure.objects.values_list("code", "pk", "current_version_id", "resolving_unit_id")}  # fmt: skip
    units = dict(Unit.objects.values_list("code", "pk"))
    channels = {"Trực tuyến": "online", "Trực tiếp": "direct", "Bưu chính": "postal"}
    sqlite = connection.vendor == "sqlite"
    now = datetime.datetime.now(tz=datetime.UTC)
    base = {**inserter.defaults, "source": "import", "created_at": now, "updated_at": now, "finished_at": None,
            "returned_at": None, "timeliness": "", "paid_online": False, "digitized_input": False,
            "digitized_result": False, "electronic_result": False, "reused_data": False}  # fmt: skip
    names = inserter.names
    began = time.perf_counter()
    with (
        large_page_cache(),
        transaction.atomic(),
        path.open(newline="", encoding="utf-8") as handle,
        connection.cursor() as cursor,
    ):
        reader = csv.reader(handle)
        next(reader)
        batch = []
        for row in reader:
            procedure, version, handler = procedures[row[1]]
            received = _moment(row[7])
            values = dict(base)
            values.update(
                code=row[0], procedure_id=procedure, procedure_version_id=version, receiving_unit_id=units[row[2]],
                handling_unit_id=handler, applicant_name=row[4], applicant_phone=row[5], channel=channels[row[6]],
                status="received", received_at=received, time_limit_days=0, due_at=received, appointment_at=received,
                fee_amount=0, search_text=row[0],
            )  # fmt: skip
            if sqlite:
                for key in ("received_at", "due_at", "appointment_at", "created_at", "updated_at"):
                    values[key] = str(values[key].astimezone(datetime.UTC).replace(tzinfo=None))
            batch.append([values[name] for name in names])
            if len(batch) == 5000:
                cursor.executemany(inserter.sql, batch)
                batch = []
        if batch:
            cursor.executemany(inserter.sql, batch)
    return time.perf_counter() - began


def measured_import(path: Path) -> tuple[float, int]:
    """Seconds for the import as the background job runs it after the check (which counted the new rows): rows
    checked in a child process, and the indexes built after the rows as many more come than are stored."""
    import_services._stats_after_commit = lambda earliest: None  # the summary is rebuilt (and timed) separately
    log = ProblemLog()
    began = time.perf_counter()
    with path.open("rb") as stream:
        outcome = dossier_rows_import(
            actor=None,
            rows=csv_rows(stream, log),
            mode=ImportMode.ALL_OR_NOTHING,
            log=log,
            check_in_child=True,
            expected_new_rows=OPTIONS.dossiers,
        )
    elapsed = time.perf_counter() - began
    assert outcome.written, log.messages(5)
    return elapsed, outcome.created


def tables_settle() -> None:
    """PostgreSQL: VACUUM ANALYZE the freshly loaded tables, as autovacuum soon would after a bulk load, so that
    its work on two cores does not land in the page timings (and the planner has statistics)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Dossier, DossierStat):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 20 else max(samples)


def page_timings(year: int, requests: int) -> list[float]:
    focal = User.objects.create_user(username=f"focal{year}", password=None, full_name="Đầu mối")
    RoleAssignment.objects.create(user=focal, role=Role.OFFICE_FOCAL)
    client = Client()
    client.force_login(focal, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/dossiers/statistics/?kind=year&year={year}&group_by=handling_unit"
    assert client.get(url).status_code == 200
    timings = []
    for _request in range(requests):
        began = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - began)
        assert response.status_code == 200
    return timings


def floor_timings(year: int, requests: int) -> list[float]:
    names = ("received", "finished_early", "finished_on_time", "finished_late", "refused", "withdrawn",
             "paid_online", "digitized_input", "closed", "due", "settled_due")  # fmt: skip
    columns = ", ".join(f"SUM({name})" for name in names)
    table = DossierStat._meta.db_table
    where = "WHERE bucket >= %s AND bucket < %s GROUP BY handling_unit_id"
    sql = f"SELECT handling_unit_id, {columns} FROM {table} {where}"  # noqa: S608 - names from the model
    timings = []
    for _request in range(requests + 1):
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, [datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)])
            cursor.fetchall()
        timings.append(time.perf_counter() - began)
    return timings[1:]


def record(lines: list[str]) -> None:
    print("\n".join(lines))
    if OPTIONS.no_record:
        return
    results = Path(__file__).with_name("RESULTS.md")
    with results.open("a") as handle:
        handle.write("".join(line + "\n" for line in lines))


def main() -> None:
    call_command("migrate", verbosity=0)
    for year in (2025, 2026, 2027):
        calendar_seed_year(actor=None, year=year)
    rng = random.Random(2025)
    units, procedures = build_catalogue(rng)
    path = WORKDIR / "dossiers.csv"
    began = time.perf_counter()
    write_csv(path, dossier_rows(OPTIONS.dossiers, units, procedures))
    print(
        f"CSV of {OPTIONS.dossiers:,} rows ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - began:.0f} s"
    )
    floor_seconds = 0.0 if OPTIONS.skip_import else floor_insert(path)
    print(f"floor insert {floor_seconds:.1f} s")
    with connection.cursor() as cursor:  # nothing refers to the floor's rows yet: one plain DELETE
        cursor.execute(f"DELETE FROM {Dossier._meta.db_table}")  # noqa: S608 - the model's table
    import_seconds, created = measured_import(path)
    print(f"import {import_seconds:.1f} s ({created:,} dossiers)")
    began = time.perf_counter()
    summary_rows = dossier_stats_rebuild()
    rebuild_seconds = time.perf_counter() - began
    print(f"summary rebuild {rebuild_seconds:.1f} s, {summary_rows:,} rows")
    tables_settle()
    engine = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    size = f"{OPTIONS.dossiers:,} dossiers, {engine}"
    today = f"{datetime.date.today():%Y-%m-%d}"
    rate = created / import_seconds
    lines = (
        []
        if OPTIONS.skip_import
        else [
            f"| {today} | dossiers_scale import | {size} | floor INSERT {floor_seconds:.1f} s "
            f"({OPTIONS.dossiers / floor_seconds:,.0f} rows/s) | import {import_seconds:.1f} s | "
            f"ratio {import_seconds / floor_seconds:.2f} | {rate:,.0f} rows/s (target ≥ 20,000 on SQLite) |",
            f"| {today} | dossiers_scale summary rebuild | {size} | — | {rebuild_seconds:.1f} s, "
            f"{summary_rows:,} rows | — | {created / rebuild_seconds:,.0f} dossiers/s |",
        ]
    )
    for year in (2025, 2026):
        page = p95(page_timings(year, OPTIONS.requests))
        floor = p95(floor_timings(year, OPTIONS.requests))
        lines.append(
            f"| {today} | dossiers_scale statistics page p95, year {year} | {size} | raw SQL on summary "
            f"{floor * 1000:.1f} ms | page {page * 1000:.1f} ms | ratio {page / floor:.1f} | target ≤ 300 ms |"
        )
    record(lines)


if __name__ == "__main__":
    try:
        main()
    finally:
        connections.close_all()
        shutil.rmtree(WORKDIR, ignore_errors=True)
        if OPTIONS.database == "postgres":
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
