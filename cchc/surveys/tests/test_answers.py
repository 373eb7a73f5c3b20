"""The figures a response carries for the indices, on answer sets computed by hand, and answer validation."""

import pytest

from cchc.surveys.answers import answers_clean, answers_derive, version_schema
from cchc.surveys.tests.factories import raw, small_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema():  # type: ignore[no-untyped-def]
    return version_schema(small_version())


def derive(schema, **answers):  # type: ignore[no-untyped-def]
    cleaned, errors = answers_clean(schema, raw(**answers))
    assert errors == {}
    return cleaned, answers_derive(schema, cleaned)


def test_zero_means_not_used_and_is_not_an_answer(schema) -> None:  # type: ignore[no-untyped-def]
    # A1=5, A2=0 (not used), A3=4, B1=0, B2=3 → answered 1–5: A1, A3, B2 = 3; satisfied (4–5): A1, A3 = 2.
    _answers, derived = derive(schema, A1=5, A2=0, A3=4, B1=0, B2=3)
    assert (derived.likert_answered, derived.likert_satisfied) == (3, 2)
    assert derived.all_satisfied is False


def test_skipped_items_are_absent_and_not_counted(schema) -> None:  # type: ignore[no-untyped-def]
    answers, derived = derive(schema, A1=4, B2=5)
    assert answers == {"A1": 4, "B2": 5}
    assert (derived.likert_answered, derived.likert_satisfied) == (2, 2)
    assert derived.all_satisfied is True


def test_comprehensive_satisfaction_needs_every_answered_item_at_4_or_5(schema) -> None:  # type: ignore[no-untyped-def]
    _answers, all_good = derive(schema, A1=4, A2=5, A3=0, B1=4, B2=5)
    _answers, one_three = derive(schema, A1=4, A2=5, A3=3, B1=4, B2=5)
    assert all_good.all_satisfied is True and all_good.likert_answered == 4
    assert one_three.all_satisfied is False and (one_three.likert_answered, one_three.likert_satisfied) == (5, 4)


def test_all_not_used_is_not_comprehensive_satisfaction(schema) -> None:  # type: ignore[no-untyped-def]
    _answers, derived = derive(schema, A1=0, A2=0, A3=0, B1=0, B2=0)
    assert (derived.likert_answered, derived.likert_satisfied, derived.all_satisfied) == (0, 0, False)


def test_expectation_would_return_and_respondent_group(schema) -> None:  # type: ignore[no-untyped-def]
    _answers, derived = derive(schema, I1="2", I2=1, I3=0, B2=4, G1=85, G2="5", G3="Nhà vệ sinh cần sạch hơn")
    assert derived.expectation_pct == 85
    assert derived.would_return == "5"
    assert derived.respondent_group == {"I1": "2", "I2": 1}
    assert derived.text_search == "nha ve sinh can sach hon"  # the free text, folded for the comments search


def test_required_item_missing_is_an_error_in_vietnamese(schema) -> None:  # type: ignore[no-untyped-def]
    _answers, errors = answers_clean(schema, raw(A1=5))
    assert errors == {"B2": "Câu B2 là câu bắt buộc, xin Ông/Bà vui lòng trả lời."}


def test_conditional_item_applies_only_when_its_condition_holds(schema) -> None:  # type: ignore[no-untyped-def]
    _answers, errors = answers_clean(schema, raw(I2=1, B2=4))
    assert "I3" in errors  # shown (I2 = có) and required
    answers, errors = answers_clean(schema, raw(I2=0, I3=1, B2=4))
    assert errors == {} and "I3" not in answers  # hidden (I2 = không): dropped even if sent


@pytest.mark.parametrize(
    ("code", "value", "fragment"),
    [
        ("A1", "7", "từ 1 đến 5"),
        ("A1", "abc", "từ 1 đến 5"),
        ("I2", "2", "Có (1) hoặc Không (0)"),
        ("G1", "120", "từ 0 đến 100"),
        ("I1", "9", "không có trong danh sách"),
    ],
)
def test_wrong_values_are_refused_with_the_item_code(schema, code: str, value: str, fragment: str) -> None:  # type: ignore[no-untyped-def]
    _answers, errors = answers_clean(schema, {code: [value], "B2": ["4"]})
    assert fragment in errors[code] and code in errors[code]
