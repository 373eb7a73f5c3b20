"""The default criteria template for a department (sở): a starting point that each province edits, not an official text.

65 appraised points in seven fields plus 35 survey points, a bonus node and a penalty node, and the usual bands.
The rows are listed parent first (each code's parent is the code without its last part) and are loaded in this
order. They are records for the administrator to change after loading (titles, maxima, tiers, evidence), so they
are plain data here, not interface text.
"""

from typing import Any

from .choices import ScoringMethod

DEFAULT_NAME = "Bộ tiêu chí Chỉ số CCHC của sở, ban, ngành năm {year} (mẫu mặc định)"
DEFAULT_LEGAL_BASIS = (
    "Tham khảo Quyết định số 892/QĐ-BNV ngày 05/12/2024 của Bộ Nội vụ; điều chỉnh theo quyết định phê duyệt "
    "Bộ chỉ số CCHC của UBND tỉnh"
)
DEFAULT_BONUS_CAP = "2"
DEFAULT_PENALTY_CAP = "3"
DEFAULT_BANDS: tuple[tuple[str, str], ...] = (
    ("Xuất sắc", "90"),
    ("Tốt", "80"),
    ("Khá", "70"),
    ("Trung bình", "50"),
    ("Yếu", "0"),
)

MANUAL = ScoringMethod.MANUAL
RATE_TIERS = ScoringMethod.RATE_TIERS
YES_NO = ScoringMethod.YES_NO
COUNT = ScoringMethod.COUNT
BONUS = ScoringMethod.BONUS
PENALTY = ScoringMethod.PENALTY


def _node(code: str, title: str, max_points: str, method: str = MANUAL, **extra: Any) -> dict[str, Any]:
    return {"code": code, "title": title, "max_points": max_points, "method": method, **extra}


DEFAULT_CRITERIA: tuple[dict[str, Any], ...] = (
    # 1. Chỉ đạo, điều hành — 10
    _node("1", "Công tác chỉ đạo, điều hành cải cách hành chính", "10"),
    _node("1.1", "Kế hoạch cải cách hành chính năm", "3"),
    _node(
        "1.1.1",
        "Ban hành kế hoạch CCHC năm của Sở kịp thời, đầy đủ nội dung, có nhiệm vụ, sản phẩm, thời hạn cụ thể",
        "1",
        YES_NO,
        rule="Ban hành trước ngày 31/12 năm trước, đủ các lĩnh vực CCHC: 1 điểm; chậm hoặc thiếu nội dung: 0 điểm.",
        evidence_required="Kế hoạch CCHC năm của Sở (bản có chữ ký, đóng dấu).",
    ),
    _node(
        "1.1.2",
        "Mức độ hoàn thành các nhiệm vụ của kế hoạch CCHC năm",
        "2",
        RATE_TIERS,
        tiers=[[100, 2], [80, 1], [0, 0]],
        rule="Tỉ lệ nhiệm vụ hoàn thành đúng hạn: 100 %: 2 điểm; từ 80 % đến dưới 100 %: 1 điểm; dưới 80 %: 0 điểm.",
        evidence_required="Báo cáo kết quả thực hiện kế hoạch CCHC năm; phụ lục nhiệm vụ và sản phẩm.",
    ),
    _node(
        "1.2",
        "Báo cáo CCHC định kỳ (quý, 6 tháng, năm) gửi đúng hạn, đủ nội dung",
        "2",
        COUNT,
        rule="Đủ và đúng hạn tất cả báo cáo: 2 điểm; mỗi báo cáo chậm hoặc thiếu nội dung trừ 0,5 điểm.",
        evidence_required="Các báo cáo CCHC quý I, 6 tháng, quý III, năm và văn bản gửi (có ngày gửi).",
    ),
    _node("1.3", "Công tác tuyên truyền cải cách hành chính", "2"),
    _node(
        "1.3.1",
        "Ban hành kế hoạch tuyên truyền CCHC năm",
        "0.5",
        YES_NO,
        rule="Có kế hoạch tuyên truyền CCHC năm: 0,5 điểm; không có: 0 điểm.",
        evidence_required="Kế hoạch tuyên truyền CCHC năm.",
    ),
    _node(
        "1.3.2",
        "Thực hiện tuyên truyền: mỗi quý ít nhất 01 bài viết, mô hình, sản phẩm; chuyên mục CCHC trên Trang thông tin "
        "điện tử của Sở",
        "1.5",
        COUNT,
        rule="Đủ sản phẩm tuyên truyền cả 4 quý và có chuyên mục CCHC: 1,5 điểm; mỗi quý thiếu sản phẩm trừ 0,25 "
        "điểm; không có chuyên mục CCHC trừ 0,5 điểm.",
        evidence_required="Danh sách bài viết, mô hình, sản phẩm theo quý (đường dẫn, ảnh chụp); ảnh chụp chuyên mục "
        "CCHC trên Trang thông tin điện tử.",
    ),
    _node(
        "1.4",
        "Kiểm tra công tác CCHC tại các phòng, đơn vị trực thuộc và xử lý sau kiểm tra",
        "1.5",
        rule="Có kế hoạch kiểm tra, kiểm tra đủ số đơn vị theo kế hoạch và xử lý 100 % tồn tại phát hiện: 1,5 điểm; "
        "có kiểm tra nhưng chưa xử lý hết tồn tại: 0,75 điểm; không kiểm tra: 0 điểm.",
        evidence_required="Kế hoạch kiểm tra; biên bản, thông báo kết luận kiểm tra; văn bản xử lý, khắc phục.",
    ),
    _node(
        "1.5",
        "Thực hiện các nhiệm vụ về CCHC được UBND tỉnh giao",
        "1.5",
        RATE_TIERS,
        tiers=[[100, 1.5], [90, 0.75], [0, 0]],
        rule="Tỉ lệ nhiệm vụ hoàn thành đúng hạn: 100 %: 1,5 điểm; từ 90 % đến dưới 100 %: 0,75 điểm; dưới 90 %: 0 "
        "điểm.",
        evidence_required="Danh mục nhiệm vụ được giao và văn bản, sản phẩm hoàn thành từng nhiệm vụ.",
    ),
    # 2. Thể chế — 7
    _node("2", "Cải cách thể chế", "7"),
    _node(
        "2.1",
        "Tham mưu xây dựng, ban hành văn bản quy phạm pháp luật thuộc lĩnh vực y tế theo kế hoạch của tỉnh",
        "3",
        RATE_TIERS,
        tiers=[[100, 3], [80, 1.5], [0, 0]],
        rule="Tỉ lệ văn bản được giao tham mưu đã trình đúng hạn: 100 %: 3 điểm; từ 80 % đến dưới 100 %: 1,5 điểm; "
        "dưới 80 %: 0 điểm.",
        evidence_required="Danh mục văn bản được giao; tờ trình, dự thảo, văn bản đã ban hành.",
    ),
    _node("2.2", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật", "2"),
    _node(
        "2.2.1",
        "Ban hành kế hoạch rà soát, hệ thống hóa văn bản quy phạm pháp luật",
        "0.5",
        YES_NO,
        rule="Có kế hoạch: 0,5 điểm; không có: 0 điểm.",
        evidence_required="Kế hoạch rà soát, hệ thống hóa văn bản quy phạm pháp luật.",
    ),
    _node(
        "2.2.2",
        "Xử lý kết quả rà soát: tham mưu sửa đổi, bổ sung, thay thế, bãi bỏ văn bản đúng thời hạn",
        "1.5",
        rule="Xử lý hoặc kiến nghị xử lý 100 % văn bản cần sửa đổi, bãi bỏ: 1,5 điểm; chưa xử lý hết: 0,75 điểm; "
        "không xử lý: 0 điểm.",
        evidence_required="Báo cáo kết quả rà soát; tờ trình, văn bản kiến nghị xử lý.",
    ),
    _node(
        "2.3",
        "Theo dõi thi hành pháp luật thuộc lĩnh vực y tế",
        "2",
        rule="Có kế hoạch và báo cáo theo dõi thi hành pháp luật đúng hạn: 2 điểm; có kế hoạch nhưng báo cáo chậm: "
        "1 điểm; không thực hiện: 0 điểm.",
        evidence_required="Kế hoạch và báo cáo theo dõi thi hành pháp luật.",
    ),
    # 3. TTHC — 16
    _node("3", "Cải cách thủ tục hành chính", "16"),
    _node("3.1", "Công bố, công khai thủ tục hành chính", "4"),
    _node(
        "3.1.1",
        "Tham mưu công bố TTHC đúng hạn sau khi Bộ Y tế công bố",
        "2",
        COUNT,
        rule="Tất cả quyết định công bố TTHC được trình đúng hạn: 2 điểm; mỗi quyết định công bố chậm trừ 0,5 điểm.",
        evidence_required="Quyết định công bố của Bộ Y tế; tờ trình và quyết định công bố của Chủ tịch UBND tỉnh "
        "(có ngày).",
    ),
    _node(
        "3.1.2",
        "Niêm yết, công khai TTHC tại Bộ phận một cửa và trên chuyên mục TTHC của Trang thông tin điện tử (có mã QR)",
        "1",
        YES_NO,
        rule="Công khai đầy đủ, đúng quy định ở cả hai nơi: 1 điểm; thiếu một nơi hoặc dẫn chiếu sang Cổng dịch vụ "
        "công: 0 điểm.",
        evidence_required="Ảnh chụp nơi niêm yết; đường dẫn chuyên mục TTHC trên Trang thông tin điện tử.",
    ),
    _node(
        "3.1.3",
        "Xây dựng, trình phê duyệt quy trình điện tử giải quyết TTHC kịp thời",
        "1",
        YES_NO,
        rule="100 % TTHC đã công bố có quy trình điện tử được phê duyệt: 1 điểm; chưa đủ: 0 điểm.",
        evidence_required="Quyết định phê duyệt quy trình nội bộ, quy trình điện tử giải quyết TTHC.",
    ),
    _node(
        "3.2",
        "Rà soát, đơn giản hóa TTHC (kể cả TTHC nội bộ) theo kế hoạch",
        "2",
        rule="Hoàn thành kế hoạch rà soát và có phương án đơn giản hóa được phê duyệt: 2 điểm; hoàn thành một phần: "
        "1 điểm; không thực hiện: 0 điểm.",
        evidence_required="Kế hoạch rà soát; báo cáo, phương án đơn giản hóa TTHC đã trình.",
    ),
    _node("3.3", "Kết quả giải quyết thủ tục hành chính", "6"),
    _node(
        "3.3.1",
        "Tỉ lệ hồ sơ TTHC giải quyết đúng hạn",
        "3",
        RATE_TIERS,
        tiers=[[100, 3], [98, 1.5], [0, 0]],
        indicator="dossiers.on_time_rate",
        rule="100 % hồ sơ giải quyết đúng hạn: 3 điểm; từ 98 % đến dưới 100 %: 1,5 điểm; dưới 98 %: 0 điểm.",
        evidence_required="Báo cáo thống kê kết quả giải quyết hồ sơ TTHC trên Hệ thống thông tin giải quyết TTHC "
        "của tỉnh.",
    ),
    _node(
        "3.3.2",
        "Xin lỗi người dân, tổ chức đối với 100 % hồ sơ trễ hạn",
        "1",
        YES_NO,
        rule="Không có hồ sơ trễ hạn hoặc có văn bản xin lỗi cho tất cả hồ sơ trễ hạn: 1 điểm; còn hồ sơ trễ hạn "
        "không xin lỗi: 0 điểm.",
        evidence_required="Danh sách hồ sơ trễ hạn và văn bản xin lỗi, hẹn lại ngày trả kết quả.",
    ),
    _node(
        "3.3.3",
        "Tiếp nhận, trả kết quả hồ sơ TTHC qua Bộ phận một cửa (không tiếp nhận trực tiếp tại phòng chuyên môn)",
        "1",
        YES_NO,
        rule="Không có hồ sơ tiếp nhận hoặc trả kết quả ngoài Bộ phận một cửa: 1 điểm; có: 0 điểm.",
        evidence_required="Báo cáo của Bộ phận một cửa; kết quả kiểm tra công vụ liên quan.",
    ),
    _node(
        "3.3.4",
        "Số hóa hồ sơ, kết quả giải quyết TTHC",
        "1",
        RATE_TIERS,
        tiers=[[100, 1], [80, 0.5], [0, 0]],
        rule="Tỉ lệ hồ sơ được số hóa: 100 %: 1 điểm; từ 80 % đến dưới 100 %: 0,5 điểm; dưới 80 %: 0 điểm.",
        evidence_required="Báo cáo số hóa hồ sơ, kết quả giải quyết TTHC trích xuất từ hệ thống.",
    ),
    _node("3.4", "Dịch vụ công trực tuyến và thanh toán trực tuyến", "2.5"),
    _node(
        "3.4.1",
        "Tỉ lệ hồ sơ TTHC được tiếp nhận, giải quyết qua dịch vụ công trực tuyến",
        "1.5",
        RATE_TIERS,
        tiers=[[80, 1.5], [50, 0.75], [0, 0]],
        indicator="dossiers.online_rate",
        rule="Từ 80 % hồ sơ trở lên nộp trực tuyến: 1,5 điểm; từ 50 % đến dưới 80 %: 0,75 điểm; dưới 50 %: 0 điểm.",
        evidence_required="Báo cáo thống kê hồ sơ trực tuyến trên Cổng dịch vụ công.",
    ),
    _node(
        "3.4.2",
        "Thanh toán trực tuyến phí, lệ phí giải quyết TTHC",
        "1",
        rule="Có phát sinh thanh toán trực tuyến ở tất cả TTHC có phí, lệ phí: 1 điểm; một phần: 0,5 điểm; không có: "
        "0 điểm.",
        evidence_required="Báo cáo thanh toán trực tuyến trích xuất từ Cổng dịch vụ công.",
    ),
    _node(
        "3.5",
        "Tiếp nhận, xử lý phản ánh, kiến nghị (PAKN) về quy định hành chính",
        "1.5",
        rule="Công khai địa chỉ tiếp nhận và xử lý 100 % PAKN đúng hạn: 1,5 điểm; còn PAKN xử lý chậm: 0,5 điểm; "
        "không công khai hoặc không xử lý: 0 điểm.",
        evidence_required="Ảnh chụp bảng hướng dẫn tiếp nhận PAKN; sổ theo dõi và văn bản trả lời PAKN.",
    ),
    # 4. Tổ chức bộ máy — 6
    _node("4", "Cải cách tổ chức bộ máy hành chính", "6"),
    _node(
        "4.1",
        "Thực hiện quy định về chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở và các đơn vị trực thuộc",
        "2",
        rule="Có quy định chức năng, nhiệm vụ được cập nhật theo văn bản mới và thực hiện đúng: 2 điểm; chưa cập "
        "nhật: 1 điểm; không đúng quy định: 0 điểm.",
        evidence_required="Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức.",
    ),
    _node(
        "4.2",
        "Sắp xếp, kiện toàn tổ chức bộ máy và tinh giản biên chế theo kế hoạch",
        "2",
        rule="Hoàn thành đúng lộ trình được giao: 2 điểm; chậm lộ trình: 1 điểm; không thực hiện: 0 điểm.",
        evidence_required="Đề án, quyết định sắp xếp; báo cáo tinh giản biên chế.",
    ),
    _node(
        "4.3",
        "Thực hiện phân cấp quản lý nhà nước và kiểm tra việc thực hiện nhiệm vụ được phân cấp",
        "2",
        rule="Thực hiện đầy đủ và có kiểm tra, đánh giá: 2 điểm; thực hiện nhưng không kiểm tra: 1 điểm; không thực "
        "hiện: 0 điểm.",
        evidence_required="Văn bản phân cấp; kế hoạch và báo cáo kiểm tra thực hiện nhiệm vụ được phân cấp.",
    ),
    # 5. Công vụ — 8
    _node("5", "Cải cách chế độ công vụ", "8"),
    _node(
        "5.1",
        "Bố trí công chức, viên chức theo vị trí việc làm được phê duyệt",
        "2",
        RATE_TIERS,
        tiers=[[100, 2], [90, 1], [0, 0]],
        rule="Tỉ lệ cơ quan, đơn vị bố trí đúng vị trí việc làm: 100 %: 2 điểm; từ 90 % đến dưới 100 %: 1 điểm; "
        "dưới 90 %: 0 điểm.",
        evidence_required="Quyết định phê duyệt vị trí việc làm; danh sách bố trí công chức, viên chức.",
    ),
    _node(
        "5.2",
        "Tuyển dụng, sử dụng, quản lý công chức, viên chức đúng quy định",
        "2",
        rule="Không có sai phạm được cơ quan có thẩm quyền kết luận: 2 điểm; có sai phạm: 0 điểm.",
        evidence_required="Kế hoạch, kết quả tuyển dụng; quyết định bổ nhiệm, điều động.",
    ),
    _node(
        "5.3",
        "Đào tạo, bồi dưỡng công chức, viên chức theo kế hoạch",
        "1.5",
        RATE_TIERS,
        tiers=[[100, 1.5], [80, 0.75], [0, 0]],
        rule="Tỉ lệ hoàn thành kế hoạch đào tạo, bồi dưỡng: 100 %: 1,5 điểm; từ 80 % đến dưới 100 %: 0,75 điểm; "
        "dưới 80 %: 0 điểm.",
        evidence_required="Kế hoạch và báo cáo kết quả đào tạo, bồi dưỡng.",
    ),
    _node("5.4", "Kỷ luật, kỷ cương hành chính", "2.5"),
    _node(
        "5.4.1",
        "Kiểm tra trách nhiệm thực thi công vụ của công chức, viên chức",
        "1.5",
        rule="Có kế hoạch và thực hiện kiểm tra công vụ, xử lý sau kiểm tra: 1,5 điểm; có kiểm tra nhưng chưa xử lý: "
        "0,75 điểm; không kiểm tra: 0 điểm.",
        evidence_required="Kế hoạch kiểm tra công vụ; biên bản, kết luận kiểm tra và văn bản xử lý.",
    ),
    _node(
        "5.4.2",
        "Không có công chức, viên chức bị kỷ luật do vi phạm trong thực thi công vụ, giải quyết TTHC",
        "1",
        YES_NO,
        rule="Không có trường hợp bị kỷ luật: 1 điểm; có: 0 điểm.",
        evidence_required="Báo cáo công tác thi đua, kỷ luật của Sở.",
    ),
    # 6. Tài chính công — 6
    _node("6", "Cải cách tài chính công", "6"),
    _node(
        "6.1",
        "Giải ngân vốn đầu tư công được giao",
        "2",
        RATE_TIERS,
        tiers=[[95, 2], [80, 1], [0, 0]],
        rule="Tỉ lệ giải ngân đến 31/01 năm sau: từ 95 %: 2 điểm; từ 80 % đến dưới 95 %: 1 điểm; dưới 80 %: 0 điểm.",
        evidence_required="Báo cáo tình hình giải ngân vốn đầu tư công (có xác nhận của Kho bạc).",
    ),
    _node(
        "6.2",
        "Thực hiện cơ chế tự chủ tài chính của các đơn vị sự nghiệp công lập trực thuộc",
        "2",
        RATE_TIERS,
        tiers=[[100, 2], [80, 1], [0, 0]],
        rule="Tỉ lệ đơn vị có phương án tự chủ tài chính được phê duyệt: 100 %: 2 điểm; từ 80 % đến dưới 100 %: 1 "
        "điểm; dưới 80 %: 0 điểm.",
        evidence_required="Quyết định giao quyền tự chủ tài chính cho các đơn vị sự nghiệp công lập.",
    ),
    _node(
        "6.3",
        "Thực hiện quy chế chi tiêu nội bộ, quản lý, sử dụng tài sản công; công khai tài chính, ngân sách",
        "2",
        rule="Có quy chế được cập nhật và công khai đúng quy định: 2 điểm; thiếu một nội dung: 1 điểm; không thực "
        "hiện: 0 điểm.",
        evidence_required="Quy chế chi tiêu nội bộ; quy chế quản lý tài sản công; văn bản công khai ngân sách.",
    ),
    # 7. Chính quyền số — 12
    _node("7", "Xây dựng và phát triển chính quyền điện tử, chính quyền số", "12"),
    _node(
        "7.1",
        "Ban hành kế hoạch ứng dụng công nghệ thông tin, chuyển đổi số năm",
        "1",
        YES_NO,
        rule="Có kế hoạch ban hành kịp thời: 1 điểm; không có: 0 điểm.",
        evidence_required="Kế hoạch ứng dụng công nghệ thông tin, chuyển đổi số năm.",
    ),
    _node("7.2", "Xử lý văn bản điện tử và ký số", "4"),
    _node(
        "7.2.1",
        "100% văn bản đi được ký số",
        "2",
        RATE_TIERS,
        tiers=[[100, 2], [90, 1], [0, 0]],
        rule="Tỉ lệ văn bản đi được ký số: 100 %: 2 điểm; từ 90 % đến dưới 100 %: 1 điểm; dưới 90 %: 0 điểm.",
        evidence_required="Thống kê văn bản đi có chữ ký số trích xuất từ hệ thống quản lý văn bản và điều hành.",
    ),
    _node(
        "7.2.2",
        "Văn bản được gửi, nhận, xử lý trên hệ thống quản lý văn bản và điều hành",
        "2",
        RATE_TIERS,
        tiers=[[100, 2], [90, 1], [0, 0]],
        rule="Tỉ lệ văn bản xử lý trên môi trường mạng: 100 %: 2 điểm; từ 90 % đến dưới 100 %: 1 điểm; dưới 90 %: "
        "0 điểm.",
        evidence_required="Thống kê văn bản đến, đi trên hệ thống quản lý văn bản và điều hành.",
    ),
    _node(
        "7.3",
        "100 % cán bộ, công chức, viên chức sử dụng hộp thư điện tử công vụ",
        "1",
        YES_NO,
        rule="Đạt 100 %: 1 điểm; chưa đạt: 0 điểm.",
        evidence_required="Danh sách tài khoản thư điện tử công vụ được cấp và sử dụng.",
    ),
    _node(
        "7.4",
        "Trang thông tin điện tử của Sở: cập nhật thông tin, chuyên mục CCHC và TTHC",
        "2",
        rule="Cập nhật thường xuyên, đủ các chuyên mục theo quy định: 2 điểm; thiếu chuyên mục hoặc không cập nhật: "
        "1 điểm; không đáp ứng: 0 điểm.",
        evidence_required="Đường dẫn, ảnh chụp các chuyên mục; báo cáo cập nhật thông tin.",
    ),
    _node(
        "7.5",
        "Áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015",
        "2",
        rule="Áp dụng cho 100 % TTHC, có đánh giá nội bộ và xem xét của lãnh đạo trong năm: 2 điểm; áp dụng chưa đầy "
        "đủ: 1 điểm; không áp dụng: 0 điểm.",
        evidence_required="Quyết định công bố Hệ thống quản lý chất lượng; báo cáo đánh giá nội bộ.",
    ),
    _node(
        "7.6",
        "Kết nối, chia sẻ dữ liệu; tái sử dụng dữ liệu số hóa (người dân chỉ cung cấp thông tin một lần)",
        "2",
        rule="Có kết nối, khai thác dữ liệu dùng chung trong giải quyết TTHC: 2 điểm; một phần: 1 điểm; không có: "
        "0 điểm.",
        evidence_required="Báo cáo kết nối, chia sẻ, tái sử dụng dữ liệu.",
    ),
    # 8. Điều tra xã hội học — 35
    _node("8", "Điều tra xã hội học", "35", is_survey=True),
    _node(
        "8.1",
        "Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của Sở",
        "20",
        is_survey=True,
        indicator="surveys.sipas_index",
        rule="Điểm do cơ quan tổ chức điều tra xã hội học của tỉnh công bố.",
        evidence_required="Kết quả điều tra xã hội học do Sở Nội vụ công bố.",
    ),
    _node(
        "8.2",
        "Đánh giá của lãnh đạo, quản lý về công tác CCHC của Sở",
        "15",
        is_survey=True,
        rule="Điểm do cơ quan tổ chức điều tra xã hội học của tỉnh công bố.",
        evidence_required="Kết quả điều tra xã hội học do Sở Nội vụ công bố.",
    ),
    # Điểm thưởng, điểm trừ
    _node(
        "9",
        "Điểm thưởng",
        "2",
        BONUS,
        rule="Sáng kiến, mô hình, giải pháp mới về CCHC được cấp có thẩm quyền công nhận: 1 điểm mỗi sáng kiến, tối đa "
        "2 điểm.",
        evidence_required="Quyết định công nhận sáng kiến, mô hình; văn bản khen thưởng.",
    ),
    _node(
        "10",
        "Điểm trừ",
        "3",
        PENALTY,
        rule="Bị UBND tỉnh phê bình bằng văn bản về CCHC: trừ 1 điểm mỗi lần; để xảy ra sai phạm trong giải quyết TTHC "
        "bị xử lý: trừ 1 điểm mỗi vụ; tối đa 3 điểm.",
        evidence_required="Văn bản phê bình, kết luận xử lý (nếu có).",
    ),
)
