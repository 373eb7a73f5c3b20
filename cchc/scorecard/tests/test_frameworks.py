"""Criteria frameworks as data: the default template, copying to a new year, XLSX export → import, and refusals."""

import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from cchc.core.models import AuditEvent
from cchc.core.spreadsheets import SpreadsheetInvalid
from cchc.scorecard.choices import FrameworkStatus, ScoringMethod
from cchc.scorecard.framework_tables import framework_export_xlsx, framework_import_xlsx, tiers_format, tiers_parse
from cchc.scorecard.frameworks import (
    band_save,
    criterion_delete,
    criterion_save,
    framework_copy,
    framework_create,
    framework_load_default,
    framework_totals,
    framework_tree,
    framework_update,
    framework_warnings,
)
from cchc.scorecard.models import Band, Criterion, Framework
from cchc.scorecard.scoring import assessment_scores
from cchc.scorecard.tests.builders import assessment_with
from conftest import Org

FIELD_MAXIMA = {
    "1": Decimal("10"),
    "2": Decimal("7"),
    "3": Decimal("16"),
    "4": Decimal("6"),
    "5": Decimal("8"),
    "6": Decimal("6"),
    "7": Decimal("12"),
    "8": Decimal("35"),
}


def content(framework: Framework) -> dict[str, Any]:
    """Everything a framework says, apart from its year, name and identity: caps, bands and the tree in order."""
    return {
        "unit_group": framework.unit_group,
        "legal_basis": framework.legal_basis,
        "caps": (framework.bonus_cap, framework.penalty_cap),
        "bands": [(band.name, band.min_score) for band in framework.bands.all()],
        "criteria": [
            (
                row.depth,
                row.criterion.code,
                row.criterion.parent.code if row.criterion.parent else None,
                row.criterion.title,
                row.criterion.max_points,
                row.criterion.method,
                row.criterion.rule,
                row.criterion.tiers,
                row.criterion.indicator,
                row.criterion.evidence_required,
                row.criterion.is_survey,
            )
            for row in framework_tree(framework)
        ],
    }


def leaf_sum(framework: Framework, code: str) -> Decimal:
    leaves = framework.criteria.filter(children__isnull=True).filter(code__startswith=f"{code}.")
    return sum((leaf.max_points for leaf in leaves), Decimal("0"))


def test_default_framework_has_65_appraised_and_35_survey_points(org: Org) -> None:
    framework = framework_load_default(actor=org.tccb_officer, year=2025)
    rows = framework_tree(framework)
    totals = framework_totals(rows)
    assert (totals.appraised, totals.survey, totals.total) == (Decimal("65"), Decimal("35"), Decimal("100"))
    assert (totals.bonus, totals.penalty) == (Decimal("2"), Decimal("3"))
    assert (framework.bonus_cap, framework.penalty_cap) == (Decimal("2"), Decimal("3"))
    roots = {row.criterion.code: row.criterion for row in rows if row.depth == 0}
    assert {code: roots[code].max_points for code in FIELD_MAXIMA} == FIELD_MAXIMA
    assert roots["8"].is_survey and not roots["7"].is_survey
    assert (roots["9"].title, roots["9"].method) == ("Điểm thưởng", ScoringMethod.BONUS)
    assert (roots["10"].title, roots["10"].method) == ("Điểm trừ", ScoringMethod.PENALTY)
    survey = framework.criteria.get(code="8")
    assert [(child.max_points, child.is_survey) for child in survey.children.all()] == [
        (Decimal("20"), True),
        (Decimal("15"), True),
    ]
    assert [(band.name, band.min_score) for band in framework.bands.all()] == [
        ("Xuất sắc", Decimal("90")),
        ("Tốt", Decimal("80")),
        ("Khá", Decimal("70")),
        ("Trung bình", Decimal("50")),
        ("Yếu", Decimal("0")),
    ]
    assert framework.status == FrameworkStatus.DRAFT
    assert AuditEvent.objects.filter(action="framework_load_default", object_id=str(framework.pk)).count() == 1


def test_default_framework_leaves_add_up_to_every_node(org: Org) -> None:
    framework = framework_load_default(actor=None, year=2025)
    rows = framework_tree(framework)
    assert framework_warnings(rows) == []
    parents = [row.criterion for row in rows if not row.is_leaf]
    assert len(parents) >= 8 + 8  # the eight fields and the criteria split into sub-criteria
    for parent in parents:
        assert leaf_sum(framework, parent.code) == parent.max_points, parent.code
    for code in "1234567":
        assert 2 <= framework.criteria.get(code=code).children.count() <= 6


def test_default_framework_names_the_criteria_of_the_letters(org: Org) -> None:
    framework = framework_load_default(actor=None, year=2025)
    on_time = framework.criteria.get(indicator="dossiers.on_time_rate")
    assert on_time.method == ScoringMethod.RATE_TIERS
    assert on_time.tiers == [[100, on_time.max_points], [98, on_time.max_points / 2], [0, 0]]
    assert framework.criteria.filter(indicator="dossiers.online_rate").exists()
    titles = " | ".join(framework.criteria.values_list("title", flat=True))
    for words in (
        "kế hoạch CCHC",
        "Báo cáo CCHC",
        "tuyên truyền",
        "công bố TTHC",
        "Xin lỗi",
        "phản ánh, kiến nghị",
        "vị trí việc làm",
        "Kỷ luật, kỷ cương",
        "tự chủ tài chính",
        "100% văn bản đi được ký số",
        "ISO 9001:2015",
    ):
        assert words in titles, words
    leaves = framework.criteria.filter(children__isnull=True)
    assert all(leaf.evidence_required and leaf.rule for leaf in leaves)


def test_default_framework_scores_out_of_100(org: Org) -> None:
    framework = framework_load_default(actor=None, year=2025)
    full = {leaf.code: (None, str(leaf.max_points)) for leaf in framework.criteria.filter(children__isnull=True)}
    full["10"] = (None, "0")
    report = assessment_scores(assessment_with(framework, org.department, full))
    assert report.max_total == Decimal("100")
    assert report.index["final"] == Decimal("102.00")  # 100 points plus the 2 bonus points
    assert report.band["final"] == "Xuất sắc"


def test_default_framework_is_not_loaded_twice_for_a_year(org: Org) -> None:
    framework_load_default(actor=None, year=2025)
    with pytest.raises(ValidationError, match="Đã có bộ tiêu chí năm 2025"):
        framework_load_default(actor=None, year=2025)
    assert Framework.objects.count() == 1


def _customised(org: Org) -> Framework:
    """The default with a few edits that a copy or a file must carry: decimals, tiers, a new node, a band."""
    framework = framework_load_default(actor=org.tccb_officer, year=2025)
    framework = framework_update(
        actor=org.tccb_officer,
        framework=framework,
        bonus_cap=Decimal("2.5"),
        legal_basis="Quyết định 123/QĐ-UBND",
    )
    criterion_save(
        actor=org.tccb_officer,
        framework=framework,
        code="3.6",
        title="Tiếp nhận hồ sơ qua bưu chính công ích\nvà trả kết quả tại nhà",
        max_points=Decimal("1.25"),
        method=ScoringMethod.RATE_TIERS,
        tiers=[[99.5, 1.25], [50, 0.5], [0, 0]],
        indicator="dossiers.postal_rate",
        rule="Theo tỉ lệ",
        evidence_required="Báo cáo BCCI",
        is_survey=False,
    )
    band = framework.bands.get(name="Yếu")
    band_save(actor=org.tccb_officer, framework=framework, band=band, name="Yếu kém", min_score=Decimal("0"))
    return framework


def test_copy_to_a_new_year_is_identical_in_content(org: Org) -> None:
    source = _customised(org)
    before = content(source)
    copy = framework_copy(actor=org.tccb_officer, source=source, year=2026)
    assert content(copy) == before
    assert content(source) == before
    assert copy.year == 2026 and copy.copied_from == source and copy.status == FrameworkStatus.DRAFT
    assert copy.name == source.name.replace("2025", "2026")
    assert copy.criteria.count() == source.criteria.count()
    assert not set(copy.criteria.values_list("pk", flat=True)) & set(source.criteria.values_list("pk", flat=True))


def test_copy_to_a_year_that_has_a_framework_is_refused(org: Org) -> None:
    source = framework_load_default(actor=None, year=2025)
    framework_create(actor=None, year=2026, name="Bộ tiêu chí 2026")
    with pytest.raises(ValidationError, match="Đã có bộ tiêu chí năm 2026"):
        framework_copy(actor=None, source=source, year=2026)
    assert Criterion.objects.filter(framework__year=2026).count() == 0


def test_export_then_import_gives_an_identical_framework(org: Org) -> None:
    source = _customised(org)
    data = framework_export_xlsx(source)
    imported = framework_import_xlsx(actor=org.tccb_officer, stream=io.BytesIO(data), year=2027)
    assert content(imported) == content(source)
    assert imported.year == 2027
    assert imported.name == source.name.replace("2025", "2027")
    assert framework_export_xlsx(imported) != b""
    assert AuditEvent.objects.filter(action="framework_import", object_id=str(imported.pk)).count() == 1


def test_import_takes_the_year_from_the_file_and_refuses_one_that_exists(org: Org) -> None:
    source = framework_load_default(actor=None, year=2025)
    data = framework_export_xlsx(source)
    with pytest.raises(SpreadsheetInvalid) as refused:
        framework_import_xlsx(actor=None, stream=io.BytesIO(data))
    assert any("Đã có bộ tiêu chí năm 2025" in message for message in refused.value.problems.messages())
    assert any("trang tính “Thông tin”" in message for message in refused.value.problems.messages())
    source.delete()
    imported = framework_import_xlsx(actor=None, stream=io.BytesIO(data))
    assert imported.year == 2025
    assert len(content(imported)["criteria"]) == 60


def test_tiers_are_written_and_read_with_a_decimal_comma() -> None:
    assert tiers_format([[100, 2], [98.5, 1.25], [0, 0]]) == "100:2; 98,5:1,25; 0:0"
    assert tiers_parse("0:0; 100%:2; 98,5:1,25") == [[100, 2], [98.5, 1.25], [0, 0]]
    assert tiers_parse("") == []
    with pytest.raises(ValueError, match="100-2"):
        tiers_parse("100-2")


def _workbook(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def _saved(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _edit_cell(row: int, column: str, value: Any) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        workbook = _workbook(data)
        workbook["Tiêu chí"][f"{column}{row}"] = value
        return _saved(workbook)

    return edit


def _drop_max_column(data: bytes) -> bytes:
    workbook = _workbook(data)
    workbook["Tiêu chí"].delete_cols(3)
    return _saved(workbook)


def _drop_bands_sheet(data: bytes) -> bytes:
    workbook = _workbook(data)
    del workbook["Xếp loại"]
    return _saved(workbook)


def _disguised(_data: bytes) -> bytes:
    return b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


# Row 2 is field 1, row 3 is 1.1, row 4 is 1.1.1, row 5 is 1.1.2 in the exported default.
BAD_FILES: list[tuple[str, Callable[[bytes], bytes], str]] = [
    ("missing column", _drop_max_column, "thiếu cột: “Điểm tối đa”"),
    ("missing sheet", _drop_bands_sheet, "thiếu trang tính “Xếp loại”"),
    ("missing code", _edit_cell(4, "A", None), "Dòng 4, cột A (Mã, trang tính “Tiêu chí”): mã không được để trống"),
    ("duplicate code", _edit_cell(5, "A", "1.1.1"), "Dòng 5, cột A (Mã, trang tính “Tiêu chí”): mã “1.1.1” bị trùng"),
    (
        "orphan code",
        _edit_cell(5, "A", "1.9.7"),
        "Dòng 5, cột A (Mã, trang tính “Tiêu chí”): không có tiêu chí cấp trên",
    ),
    ("bad max", _edit_cell(4, "C", "một điểm"), "Dòng 4, cột C (Điểm tối đa, trang tính “Tiêu chí”)"),
    (
        "negative max",
        _edit_cell(4, "C", -1),
        "Dòng 4, cột C (Điểm tối đa, trang tính “Tiêu chí”): điểm tối đa không được âm",
    ),
    ("unknown method", _edit_cell(4, "D", "Tùy hứng"), "Dòng 4, cột D (Cách chấm, trang tính “Tiêu chí”)"),
    ("bad tiers", _edit_cell(5, "E", "100-2; 0:0"), "Dòng 5, cột E (Bậc điểm, trang tính “Tiêu chí”): bậc “100-2”"),
    ("tier above max", _edit_cell(5, "E", "100:5; 0:0"), "Dòng 5, cột E (Bậc điểm, trang tính “Tiêu chí”)"),
    ("bad survey flag", _edit_cell(4, "I", "Có lẽ"), "Dòng 4, cột I (Điều tra XHH, trang tính “Tiêu chí”)"),
    ("disguised file", _disguised, "Không đọc được tệp Excel"),
]


@pytest.mark.parametrize("case", BAD_FILES, ids=lambda case: case[0])
def test_bad_framework_file_is_refused_with_the_place_named_and_nothing_written(
    org: Org, case: tuple[str, Callable[[bytes], bytes], str]
) -> None:
    _name, spoil, expected = case
    source = framework_load_default(actor=None, year=2025)
    data = spoil(framework_export_xlsx(source))
    counts = (Framework.objects.count(), Criterion.objects.count(), Band.objects.count(), AuditEvent.objects.count())
    with pytest.raises(SpreadsheetInvalid) as refused:
        framework_import_xlsx(actor=org.tccb_officer, stream=io.BytesIO(data), year=2030)
    messages = refused.value.problems.messages()
    assert any(expected in message for message in messages), messages
    after = (Framework.objects.count(), Criterion.objects.count(), Band.objects.count(), AuditEvent.objects.count())
    assert after == counts


def test_every_wrong_row_is_named_at_once(org: Org) -> None:
    data = framework_export_xlsx(framework_load_default(actor=None, year=2025))
    data = _edit_cell(4, "C", "x")(_edit_cell(9, "D", "?")(data))
    with pytest.raises(SpreadsheetInvalid) as refused:
        framework_import_xlsx(actor=None, stream=io.BytesIO(data), year=2030)
    messages = refused.value.problems.messages()
    assert any(message.startswith("Dòng 4, cột C") for message in messages)
    assert any(message.startswith("Dòng 9, cột D") for message in messages)


def _framework(org: Org) -> Framework:
    framework = framework_create(actor=org.tccb_officer, year=2025, name="Bộ tiêu chí thử")
    for code, points in (("1", "10"), ("1.1", "4"), ("1.2", "6"), ("1.2.1", "6")):
        criterion_save(
            actor=org.tccb_officer, framework=framework, code=code, title=f"Tiêu chí {code}", max_points=Decimal(points)
        )
    return framework


def _save(framework: Framework, **fields: Any) -> Criterion:
    values: dict[str, Any] = {"code": "1.3", "title": "Tiêu chí mới", "max_points": Decimal("1")} | fields
    return criterion_save(actor=None, framework=framework, **values)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"code": "1.1"}, "code", "đã có"),
        ({"code": "1.3.1"}, "code", "chưa có tiêu chí cấp trên mã “1.3”"),
        ({"code": "1,3"}, "code", "không đúng dạng"),
        ({"max_points": Decimal("-1")}, "max_points", "không được âm"),
        ({"tiers": [[100]]}, "tiers", "không phải một cặp"),
        ({"tiers": [["100", 1]]}, "tiers", "phải gồm hai số"),
        ({"tiers": [[True, 1]]}, "tiers", "phải gồm hai số"),
        ({"tiers": "100:1"}, "tiers", "danh sách"),
        ({"tiers": [[100, 2]]}, "tiers", "vượt điểm tối đa"),
        ({"method": ScoringMethod.RATE_TIERS}, "tiers", "ít nhất một bậc"),
        ({"method": ScoringMethod.BONUS}, "method", "chỉ đặt ở cấp cao nhất"),
        ({"title": "  "}, "title", "không được để trống"),
    ],
)
def test_a_wrong_criterion_is_refused_on_its_field(org: Org, fields: dict[str, Any], field: str, message: str) -> None:
    framework = _framework(org)
    count = framework.criteria.count()
    with pytest.raises(ValidationError) as refused:
        _save(framework, **fields)
    assert message in " ".join(refused.value.message_dict[field])
    assert framework.criteria.count() == count


def test_a_criterion_cannot_be_moved_under_its_own_descendant(org: Org) -> None:
    framework = _framework(org)
    criterion = framework.criteria.get(code="1.2")
    with pytest.raises(ValidationError, match="dưới chính nó"):
        _save(framework, criterion=criterion, code="1.2.1.1", max_points=Decimal("6"))
    criterion.refresh_from_db()
    assert criterion.code == "1.2"


def test_renaming_a_criterion_moves_its_children_with_it(org: Org) -> None:
    framework = _framework(org)
    criterion_save(actor=None, framework=framework, code="2", title="Lĩnh vực 2", max_points=Decimal("6"))
    moved = _save(framework, criterion=framework.criteria.get(code="1.2"), code="2.1", max_points=Decimal("6"))
    assert moved.parent == framework.criteria.get(code="2")
    assert list(moved.children.values_list("code", flat=True)) == ["2.1.1"]
    assert framework_warnings(framework_tree(framework)) == [
        "Các tiêu chí con của 1 cộng lại 4 điểm, khác điểm tối đa 10."
    ]


def test_children_that_do_not_add_up_are_a_warning_not_a_refusal(org: Org) -> None:
    framework = _framework(org)
    _save(framework, code="1.3", max_points=Decimal("1.5"))
    rows = framework_tree(framework)
    assert framework_warnings(rows) == ["Các tiêu chí con của 1 cộng lại 11,5 điểm, khác điểm tối đa 10."]
    assert [row.criterion.code for row in rows if row.children_differ] == ["1"]


def test_a_criterion_scored_in_an_assessment_cannot_be_deleted_or_given_children(org: Org) -> None:
    framework = _framework(org)
    assessment_with(framework, org.department, {"1.1": (None, "4")})
    with pytest.raises(ValidationError, match="đang được chấm"):
        criterion_delete(actor=None, criterion=framework.criteria.get(code="1.2"))
    with pytest.raises(ValidationError, match="đang được chấm"):
        criterion_delete(actor=None, criterion=framework.criteria.get(code="1"))
    with pytest.raises(ValidationError, match="không thể thêm tiêu chí con"):
        _save(framework, code="1.1.1")
    assert framework.criteria.count() == 4


def test_deleting_a_criterion_deletes_its_children(org: Org) -> None:
    framework = _framework(org)
    assert criterion_delete(actor=org.tccb_officer, criterion=framework.criteria.get(code="1.2")) == 2
    assert list(framework.criteria.values_list("code", flat=True)) == ["1", "1.1"]
    assert AuditEvent.objects.filter(action="criterion_delete", object_id=str(framework.pk)).count() == 1


def test_bands_and_caps_are_checked(org: Org) -> None:
    framework = framework_load_default(actor=None, year=2025)
    with pytest.raises(ValidationError, match="đã có mức xếp loại bắt đầu từ 90"):
        band_save(actor=None, framework=framework, name="Rất tốt", min_score=Decimal("90"))
    with pytest.raises(ValidationError, match="từ 0 đến 100"):
        band_save(actor=None, framework=framework, name="Siêu", min_score=Decimal("120"))
    with pytest.raises(ValidationError, match="đã có mức xếp loại “Tốt”"):
        band_save(actor=None, framework=framework, name="tốt", min_score=Decimal("85"))
    with pytest.raises(ValidationError, match="không được âm"):
        framework_update(actor=None, framework=framework, penalty_cap=Decimal("-1"))
    framework.refresh_from_db()
    assert framework.penalty_cap == Decimal("3") and framework.bands.count() == 5


def test_bonus_node_children_share_its_method(org: Org) -> None:
    framework = framework_load_default(actor=None, year=2025)
    with pytest.raises(ValidationError, match="phải có cùng cách chấm"):
        _save(framework, code="9.1", method=ScoringMethod.MANUAL)
    child = _save(framework, code="9.1", method=ScoringMethod.BONUS, max_points=Decimal("2"))
    assert child.parent == framework.criteria.get(code="9")
    with pytest.raises(ValidationError, match="cách chấm không hợp"):
        _save(framework, criterion=framework.criteria.get(code="9"), code="9", max_points=Decimal("2"))
