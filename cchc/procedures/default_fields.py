"""The fields (lĩnh vực) a Department of Health's procedures are usually grouped by, as data.

Administrators can add, rename and reorder fields; these are only the starting set (domain.md, [M]).
"""

DEFAULT_FIELDS: tuple[tuple[str, str], ...] = (
    ("KCB", "Khám bệnh, chữa bệnh"),
    ("DUOC", "Dược"),
    ("MYPHAM", "Mỹ phẩm"),
    ("TTBYT", "Trang thiết bị y tế"),
    ("ATTP", "An toàn thực phẩm"),
    ("YTDP", "Y tế dự phòng"),
    ("GDYK", "Giám định y khoa"),
    ("DANSO", "Dân số"),
    ("BTXH", "Bảo trợ xã hội"),
    ("TREEM", "Trẻ em"),
)
