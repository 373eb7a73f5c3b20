"""Text folding for searches that ignore Vietnamese diacritics ("ho so" finds "hồ sơ")."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case text without diacritics, with đ as d and runs of spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return " ".join(stripped.lower().split())
