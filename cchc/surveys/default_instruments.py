"""The three instruments the product ships: the Ministry of Health's Mẫu 1 and Mẫu 2 (QĐ 3869/QĐ-BYT) and a
SIPAS-style form for the department's administrative services (five factors of QĐ 1001/QĐ-BNV).

The specification is plain data so that the data migration (with the historical models) and the demo seed (with
the current ones) build exactly the same rows through `defaults_create`.
"""

from typing import Any

LIKERT = "likert"
YES_NO = "yes_no"
SINGLE = "single_choice"
MULTIPLE = "multiple_choice"
NUMBER = "number"
TEXT = "text"


def _options(*labels: str) -> list[dict[str, str]]:
    return [{"value": str(index), "label": label} for index, label in enumerate(labels, start=1)]


GENDER = _options("Nam", "Nữ", "Khác")
AGE_GROUP = _options(
    "Dưới 18 tuổi", "Từ 18 đến 29 tuổi", "Từ 30 đến 44 tuổi", "Từ 45 đến 59 tuổi", "Từ 60 tuổi trở lên"
)
WOULD_RETURN = _options(
    "Chắc chắn không bao giờ quay lại",
    "Không muốn quay lại nhưng có ít lựa chọn khác",
    "Muốn chuyển sang bệnh viện khác",
    "Có thể sẽ quay lại",
    "Chắc chắn sẽ quay lại hoặc giới thiệu cho người khác",
    "Khác",
)
RESPONDENT = _options("Người bệnh", "Người nhà người bệnh")


def _likert_section(code: str, title: str, texts: list[str]) -> dict[str, Any]:
    return {
        "code": code,
        "title": title,
        "factor": True,
        "items": [
            {"code": f"{code}{index}", "text": text, "kind": LIKERT, "required": False, "counts_for_index": True}
            for index, text in enumerate(texts, start=1)
        ],
    }


def _hospital_info(extra: list[dict[str, Any]]) -> dict[str, Any]:
    """The respondent information common to both hospital forms (gender, age group, health insurance)."""
    return {
        "code": "INFO",
        "title": "Thông tin người trả lời",
        "factor": False,
        "description": "Phiếu khảo sát không ghi tên; thông tin dưới đây chỉ dùng để thống kê.",
        "items": [
            {"code": "I1", "text": "Người trả lời phiếu", "kind": SINGLE, "options": RESPONDENT},
            {"code": "I2", "text": "Giới tính", "kind": SINGLE, "options": GENDER, "purpose": "respondent_group"},
            {"code": "I3", "text": "Nhóm tuổi", "kind": SINGLE, "options": AGE_GROUP, "purpose": "respondent_group"},
            {"code": "I4", "text": "Ông/Bà có thẻ bảo hiểm y tế không?", "kind": YES_NO, "purpose": "respondent_group"},
            {
                "code": "I5",
                "text": "Ông/Bà có sử dụng thẻ bảo hiểm y tế cho lần khám, điều trị này không?",
                "kind": YES_NO,
                "condition": {"item": "I4", "in": ["1"]},
            },
            *extra,
        ],
    }


def _closing(expectation_text: str, return_text: str, liked_text: str, suggestion_text: str) -> dict[str, Any]:
    return {
        "code": "G",
        "title": "Đánh giá chung",
        "factor": False,
        "items": [
            {
                "code": "G1",
                "text": expectation_text,
                "kind": NUMBER,
                "purpose": "expectation",
                "min_value": 0,
                "max_value": 100,
            },
            {"code": "G2", "text": return_text, "kind": SINGLE, "options": WOULD_RETURN, "purpose": "would_return"},
            {"code": "G3", "text": liked_text, "kind": TEXT},
            {"code": "G4", "text": suggestion_text, "kind": TEXT},
        ],
    }


INPATIENT: dict[str, Any] = {
    "code": "BYT-M1",
    "name": "Phiếu khảo sát ý kiến người bệnh nội trú (Mẫu 1, QĐ 3869/QĐ-BYT)",
    "kind": "inpatient",
    "description": (
        "Khảo sát sự hài lòng của người bệnh điều trị nội trú theo Mẫu số 1 ban hành kèm theo "
        "Quyết định số 3869/QĐ-BYT ngày 28/8/2019 của Bộ Y tế. Thang điểm: 1 = Rất không hài lòng, "
        "2 = Không hài lòng, 3 = Bình thường, 4 = Hài lòng, 5 = Rất hài lòng; 0 = Không sử dụng dịch vụ này."
    ),
    "sections": [
        _hospital_info([{"code": "I6", "text": "Số ngày nằm viện", "kind": NUMBER, "min_value": 0, "max_value": 365}]),
        _likert_section(
            "A",
            "Khả năng tiếp cận",
            [
                "Các sơ đồ, biển báo chỉ dẫn đường đến các khoa, phòng trong bệnh viện rõ ràng, dễ hiểu, dễ tìm.",
                "Thời gian vào thăm người bệnh được thông báo rõ ràng.",
                "Các khối nhà, cầu thang, buồng bệnh được đánh số rõ ràng, dễ tìm.",
                "Các lối đi trong bệnh viện, hành lang bằng phẳng, dễ đi.",
                "Người bệnh hỏi và gọi được nhân viên y tế khi cần thiết.",
            ],
        ),
        _likert_section(
            "B",
            "Sự minh bạch thông tin và thủ tục khám bệnh, điều trị",
            [
                "Quy trình, thủ tục nhập viện rõ ràng, công khai, thuận tiện.",
                "Được phổ biến về nội quy và những thông tin cần thiết khi nằm viện rõ ràng, đầy đủ.",
                "Được giải thích về tình trạng bệnh, phương pháp và thời gian dự kiến điều trị rõ ràng, đầy đủ.",
                "Được giải thích, tư vấn trước khi yêu cầu làm các xét nghiệm, thăm dò, kỹ thuật cao rõ ràng, đầy đủ.",
                "Được công khai và cập nhật thông tin về dùng thuốc và chi phí điều trị.",
                "Được hướng dẫn, giải thích đầy đủ về quyền lợi bảo hiểm y tế và các khoản người bệnh phải chi trả.",
                "Thủ tục ra viện, thanh toán viện phí nhanh chóng, thuận tiện.",
            ],
        ),
        _likert_section(
            "C",
            "Cơ sở vật chất và phương tiện phục vụ người bệnh",
            [
                "Buồng bệnh nằm điều trị khang trang, sạch sẽ, có đầy đủ các thiết bị điều chỉnh nhiệt độ phù hợp "
                "như quạt, máy sưởi, hoặc điều hòa.",
                "Giường bệnh đầy đủ, mỗi người một giường, an toàn, chắc chắn, sử dụng tốt.",
                "Nhà vệ sinh, nhà tắm thuận tiện, sạch sẽ, sử dụng tốt.",
                "Được bảo đảm an toàn, an ninh, trật tự, phòng ngừa trộm cắp, yên tâm khi nằm viện.",
                "Được cung cấp quần áo đầy đủ, sạch sẽ.",
                "Được cung cấp đầy đủ nước uống nóng, lạnh.",
                "Được bảo đảm sự riêng tư khi nằm viện như thay quần áo, khám bệnh, đi vệ sinh tại giường… có rèm "
                "che, vách ngăn hoặc nằm riêng.",
                "Căng-tin bệnh viện phục vụ ăn uống và nhu cầu sinh hoạt thiết yếu đầy đủ và chất lượng.",
                "Môi trường trong khuôn viên bệnh viện xanh, sạch, đẹp.",
                "Có chỗ cho người nhà nghỉ ngơi, chờ đợi thuận tiện.",
                "Suất ăn bệnh lý do bệnh viện cung cấp bảo đảm chất lượng, vệ sinh.",
            ],
        ),
        _likert_section(
            "D",
            "Thái độ ứng xử, năng lực chuyên môn của nhân viên y tế",
            [
                "Bác sỹ, điều dưỡng có lời nói, thái độ, giao tiếp đúng mực.",
                "Nhân viên phục vụ (hộ lý, bảo vệ, kế toán…) có lời nói, thái độ, giao tiếp đúng mực.",
                "Được nhân viên y tế tôn trọng, đối xử công bằng, quan tâm, giúp đỡ.",
                "Bác sỹ, điều dưỡng hợp tác tốt và xử lý công việc thành thạo, kịp thời.",
                "Được bác sỹ thăm khám, động viên tại phòng điều trị.",
                "Được tư vấn chế độ ăn, vận động, theo dõi và phòng ngừa biến chứng.",
                "Nhân viên y tế không có biểu hiện gợi ý bồi dưỡng.",
            ],
        ),
        _likert_section(
            "E",
            "Kết quả cung cấp dịch vụ",
            [
                "Cấp phát thuốc và hướng dẫn sử dụng thuốc đầy đủ, chất lượng.",
                "Trang thiết bị, vật tư y tế đầy đủ, hiện đại, đáp ứng nguyện vọng.",
                "Kết quả điều trị đáp ứng được nguyện vọng.",
                "Ông/Bà đánh giá mức độ tin tưởng về chất lượng dịch vụ y tế.",
                "Ông/Bà đánh giá mức độ hài lòng về giá cả dịch vụ y tế.",
                "Được hướng dẫn đầy đủ về chế độ điều trị, tái khám và theo dõi sức khỏe sau khi ra viện.",
            ],
        ),
        _closing(
            "Đánh giá chung, bệnh viện đã đáp ứng được bao nhiêu % so với mong đợi của Ông/Bà trước khi nằm viện? "
            "(điền số từ 0 đến 100)",
            "Nếu có nhu cầu khám, chữa những bệnh tương tự, Ông/Bà có quay trở lại hoặc giới thiệu cho người khác "
            "đến không?",
            "Điều Ông/Bà hài lòng nhất trong thời gian nằm viện là gì?",
            "Ông/Bà có ý kiến hoặc nhận xét gì khác giúp bệnh viện phục vụ người bệnh tốt hơn?",
        ),
    ],
}

OUTPATIENT: dict[str, Any] = {
    "code": "BYT-M2",
    "name": "Phiếu khảo sát ý kiến người bệnh ngoại trú (Mẫu 2, QĐ 3869/QĐ-BYT)",
    "kind": "outpatient",
    "description": (
        "Khảo sát sự hài lòng của người bệnh khám, chữa bệnh ngoại trú theo Mẫu số 2 ban hành kèm theo "
        "Quyết định số 3869/QĐ-BYT ngày 28/8/2019 của Bộ Y tế. Thang điểm: 1 = Rất không hài lòng, "
        "2 = Không hài lòng, 3 = Bình thường, 4 = Hài lòng, 5 = Rất hài lòng; 0 = Không sử dụng dịch vụ này."
    ),
    "sections": [
        _hospital_info(
            [
                {
                    "code": "I6",
                    "text": "Khoảng cách từ nơi ở đến bệnh viện (km)",
                    "kind": NUMBER,
                    "min_value": 0,
                    "max_value": 1000,
                }
            ]
        ),
        _likert_section(
            "A",
            "Khả năng tiếp cận",
            [
                "Các biển báo, chỉ dẫn đường đến bệnh viện rõ ràng, dễ nhìn, dễ tìm.",
                "Các sơ đồ, biển báo chỉ dẫn đường đến các khoa, phòng trong bệnh viện rõ ràng, dễ hiểu, dễ tìm.",
                "Các khối nhà, cầu thang được đánh số rõ ràng, dễ tìm.",
                "Các lối đi trong bệnh viện, hành lang bằng phẳng, dễ đi.",
                "Có thể tìm hiểu các thông tin và đăng ký khám qua điện thoại, trang tin điện tử của bệnh viện "
                "thuận tiện.",
            ],
        ),
        _likert_section(
            "B",
            "Sự minh bạch thông tin và thủ tục khám bệnh, điều trị",
            [
                "Quy trình khám bệnh được niêm yết rõ ràng, công khai, dễ hiểu.",
                "Các quy trình, thủ tục khám bệnh được cải cách đơn giản, thuận tiện.",
                "Giá dịch vụ y tế niêm yết rõ ràng, công khai.",
                "Nhân viên y tế tiếp đón, hướng dẫn người bệnh làm các thủ tục niềm nở, tận tình.",
                "Được xếp hàng theo thứ tự trước sau khi làm các thủ tục đăng ký, nộp tiền, khám bệnh, xét "
                "nghiệm, chiếu chụp.",
                "Đánh giá thời gian chờ đợi làm thủ tục đăng ký khám.",
                "Đánh giá thời gian chờ tới lượt bác sỹ khám.",
                "Đánh giá thời gian được bác sỹ khám và tư vấn.",
                "Đánh giá thời gian chờ làm xét nghiệm, chiếu chụp.",
                "Đánh giá thời gian chờ nhận kết quả xét nghiệm, chiếu chụp.",
            ],
        ),
        _likert_section(
            "C",
            "Cơ sở vật chất và phương tiện phục vụ người bệnh",
            [
                "Có phòng, sảnh chờ khám sạch sẽ, thoáng mát vào mùa hè; kín gió và ấm áp vào mùa đông.",
                "Phòng chờ có đủ ghế ngồi cho người bệnh và sử dụng tốt.",
                "Phòng chờ có quạt, điều hòa đầy đủ, hoạt động thường xuyên.",
                "Phòng chờ có các phương tiện giúp người bệnh có tâm lý thoải mái như ti-vi, tranh ảnh, tờ thông "
                "tin tuyên truyền, nước uống…",
                "Được bảo đảm sự riêng tư khi khám bệnh, chiếu chụp, làm thủ thuật.",
                "Nhà vệ sinh thuận tiện, sử dụng tốt, sạch sẽ.",
                "Môi trường trong khuôn viên bệnh viện xanh, sạch, đẹp.",
                "Khu khám bệnh bảo đảm an ninh, trật tự, phòng ngừa trộm cắp cho người dân.",
            ],
        ),
        _likert_section(
            "D",
            "Thái độ ứng xử, năng lực chuyên môn của nhân viên y tế",
            [
                "Nhân viên y tế (bác sỹ, điều dưỡng) có lời nói, thái độ, giao tiếp đúng mực.",
                "Nhân viên phục vụ (hộ lý, bảo vệ, kế toán…) có lời nói, thái độ, giao tiếp đúng mực.",
                "Được nhân viên y tế tôn trọng, đối xử công bằng, quan tâm, giúp đỡ.",
                "Năng lực chuyên môn của bác sỹ, điều dưỡng đáp ứng mong đợi.",
            ],
        ),
        _likert_section(
            "E",
            "Kết quả cung cấp dịch vụ",
            [
                "Kết quả khám bệnh đã đáp ứng được nguyện vọng của Ông/Bà.",
                "Các hóa đơn, phiếu thu, đơn thuốc và kết quả khám bệnh được cung cấp và giải thích đầy đủ, rõ ràng.",
                "Đánh giá mức độ tin tưởng về chất lượng dịch vụ y tế.",
                "Đánh giá mức độ hài lòng về giá cả dịch vụ y tế.",
            ],
        ),
        _closing(
            "Đánh giá chung, bệnh viện đã đáp ứng được bao nhiêu % so với mong đợi của Ông/Bà trước khi tới khám "
            "bệnh? (điền số từ 0 đến 100)",
            "Nếu có nhu cầu khám bệnh, Ông/Bà có quay trở lại hoặc giới thiệu cho người khác đến không?",
            "Điều Ông/Bà hài lòng nhất khi đến khám bệnh là gì?",
            "Ông/Bà có ý kiến hoặc nhận xét gì khác giúp bệnh viện phục vụ người bệnh tốt hơn?",
        ),
    ],
}

ADMINISTRATIVE: dict[str, Any] = {
    "code": "SIPAS",
    "name": "Phiếu khảo sát sự hài lòng về dịch vụ hành chính công của Sở Y tế",
    "kind": "administrative",
    "description": (
        "Đo lường sự hài lòng của người dân, tổ chức đối với việc giải quyết thủ tục hành chính tại Bộ phận "
        "một cửa của Sở Y tế, theo năm yếu tố của Phương pháp đo lường (Quyết định số 1001/QĐ-BNV của Bộ Nội "
        "vụ). Thang điểm: 1 = Rất không hài lòng, 2 = Không hài lòng, 3 = Bình thường, 4 = Hài lòng, "
        "5 = Rất hài lòng; 0 = Không có ý kiến."
    ),
    "sections": [
        {
            "code": "INFO",
            "title": "Thông tin người trả lời",
            "factor": False,
            "description": "Phiếu khảo sát không ghi tên; thông tin dưới đây chỉ dùng để thống kê.",
            "items": [
                {
                    "code": "I1",
                    "text": "Ông/Bà giải quyết thủ tục với tư cách",
                    "kind": SINGLE,
                    "options": _options("Cá nhân", "Đại diện tổ chức, doanh nghiệp"),
                    "purpose": "respondent_group",
                },
                {"code": "I2", "text": "Giới tính", "kind": SINGLE, "options": GENDER, "purpose": "respondent_group"},
                {
                    "code": "I3",
                    "text": "Nhóm tuổi",
                    "kind": SINGLE,
                    "options": AGE_GROUP,
                    "purpose": "respondent_group",
                },
                {
                    "code": "I4",
                    "text": "Ông/Bà nộp hồ sơ bằng hình thức nào?",
                    "kind": SINGLE,
                    "options": _options("Trực tiếp tại Bộ phận một cửa", "Trực tuyến", "Qua dịch vụ bưu chính"),
                    "purpose": "respondent_group",
                },
            ],
        },
        _likert_section(
            "TC",
            "Tiếp cận dịch vụ",
            [
                "Nơi ngồi chờ tại Bộ phận một cửa có đủ chỗ ngồi.",
                "Trang thiết bị phục vụ người dân, tổ chức đầy đủ.",
                "Trang thiết bị phục vụ người dân, tổ chức hiện đại.",
                "Trang thiết bị phục vụ người dân, tổ chức dễ sử dụng.",
            ],
        ),
        _likert_section(
            "TT",
            "Thủ tục hành chính",
            [
                "Thủ tục hành chính được niêm yết công khai đầy đủ.",
                "Thủ tục hành chính được niêm yết công khai chính xác.",
                "Thành phần hồ sơ mà Ông/Bà phải nộp là đúng quy định.",
                "Phí, lệ phí mà Ông/Bà phải nộp là đúng quy định.",
                "Thời hạn giải quyết (tính từ ngày hồ sơ được tiếp nhận đến ngày nhận kết quả) là đúng quy định.",
            ],
        ),
        _likert_section(
            "CC",
            "Công chức trực tiếp giải quyết công việc",
            [
                "Công chức có thái độ giao tiếp lịch sự.",
                "Công chức chú ý lắng nghe ý kiến của Ông/Bà.",
                "Công chức trả lời, giải thích đầy đủ các ý kiến của Ông/Bà.",
                "Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo.",
                "Công chức hướng dẫn kê khai hồ sơ dễ hiểu.",
                "Công chức tuân thủ đúng quy định trong giải quyết công việc.",
            ],
        ),
        _likert_section(
            "KQ",
            "Kết quả giải quyết thủ tục hành chính",
            [
                "Kết quả Ông/Bà nhận được đúng quy định.",
                "Kết quả Ông/Bà nhận được có thông tin đầy đủ.",
                "Kết quả Ông/Bà nhận được có thông tin chính xác.",
            ],
        ),
        {
            "code": "PA",
            "title": "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
            "factor": True,
            "items": [
                {
                    "code": "PA0",
                    "text": "Ông/Bà có góp ý, phản ánh, kiến nghị trong quá trình giải quyết thủ tục không?",
                    "kind": YES_NO,
                    "required": True,
                },
                *[
                    {
                        "code": f"PA{index}",
                        "text": text,
                        "kind": LIKERT,
                        "counts_for_index": True,
                        "condition": {"item": "PA0", "in": ["1"]},
                    }
                    for index, text in enumerate(
                        [
                            "Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị phù hợp.",
                            "Ông/Bà dễ dàng thực hiện góp ý, phản ánh, kiến nghị.",
                            "Cơ quan tiếp nhận và xử lý tích cực các góp ý, phản ánh, kiến nghị của Ông/Bà.",
                            "Cơ quan thông báo kết quả xử lý góp ý, phản ánh, kiến nghị kịp thời.",
                        ],
                        start=1,
                    )
                ],
            ],
        },
        {
            "code": "G",
            "title": "Góp ý",
            "factor": False,
            "items": [
                {
                    "code": "G1",
                    "text": "Nhìn chung, việc giải quyết thủ tục đã đáp ứng bao nhiêu % mong đợi của Ông/Bà? "
                    "(điền số từ 0 đến 100)",
                    "kind": NUMBER,
                    "purpose": "expectation",
                    "min_value": 0,
                    "max_value": 100,
                },
                {
                    "code": "G3",
                    "text": "Ông/Bà có góp ý gì để Sở Y tế phục vụ người dân, tổ chức tốt hơn?",
                    "kind": TEXT,
                },
            ],
        },
    ],
}

DEFAULT_INSTRUMENTS: tuple[dict[str, Any], ...] = (INPATIENT, OUTPATIENT, ADMINISTRATIVE)


def version_rows_create(
    registry: Any, *, instrument: Any, number: int, sections: list[dict[str, Any]], note: str = ""
) -> Any:
    """Write one version with its sections and items from a specification (the defaults' or an import's).

    `registry` is an app registry: the data migration passes its historical one, services pass `django.apps.apps`.
    The caller holds the transaction.
    """
    version_model = registry.get_model("surveys", "InstrumentVersion")
    section_model = registry.get_model("surveys", "Section")
    item_model = registry.get_model("surveys", "Item")
    version = version_model(instrument=instrument, number=number, is_published=True, note=note)
    version.full_clean()
    version.save()
    order = 0
    for section_order, spec in enumerate(sections, start=1):
        section = section_model(
            version=version,
            code=spec["code"],
            title=spec["title"],
            order=section_order,
            factor=bool(spec.get("factor", False)),
            description=spec.get("description", ""),
        )
        section.full_clean()
        section.save()
        for item_spec in spec["items"]:
            order += 1
            item = item_model(
                version=version,
                section=section,
                code=item_spec["code"],
                text=item_spec["text"],
                kind=item_spec["kind"],
                required=bool(item_spec.get("required", False)),
                order=order,
                counts_for_index=bool(item_spec.get("counts_for_index", False)),
                options=list(item_spec.get("options", [])),
                condition=dict(item_spec.get("condition", {})),
                purpose=item_spec.get("purpose", "none"),
                min_value=item_spec.get("min_value"),
                max_value=item_spec.get("max_value"),
            )
            item.full_clean(exclude=["version", "section"])
            item.save()
    return version


def defaults_create(registry: Any) -> list[Any]:
    """Create the default instruments that do not exist yet (by code); returns the instruments created."""
    instrument_model = registry.get_model("surveys", "Instrument")
    created = []
    for spec in DEFAULT_INSTRUMENTS:
        if instrument_model.objects.filter(code=spec["code"]).exists():
            continue
        instrument = instrument_model(
            code=spec["code"], name=spec["name"], kind=spec["kind"], description=spec["description"]
        )
        instrument.full_clean()
        instrument.save()
        version_rows_create(registry, instrument=instrument, number=1, sections=spec["sections"])
        created.append(instrument)
    return created


def defaults_delete(registry: Any) -> None:
    """Undo `defaults_create` for instruments no campaign uses (the data migration's reverse)."""
    instrument_model = registry.get_model("surveys", "Instrument")
    codes = [spec["code"] for spec in DEFAULT_INSTRUMENTS]
    instrument_model.objects.filter(code__in=codes).exclude(versions__campaigns__isnull=False).delete()
