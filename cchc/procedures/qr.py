"""QR codes that open a procedure's public page (PNG, SVG, or SVG inline in a poster)."""

import io

import segno


def _code(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)


def qr_png(url: str, *, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    _code(url).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg(url: str, *, scale: int = 10, title: str = "") -> bytes:
    """A standalone SVG; its description carries the address, so a reader of the file can see where it leads."""
    buffer = io.BytesIO()
    _code(url).save(buffer, kind="svg", scale=scale, border=4, title=title or url, desc=url, unit="px")
    return buffer.getvalue()


def qr_svg_inline(url: str, *, scale: int = 4) -> str:
    """An SVG element to put inside an HTML page (posters); no XML declaration."""
    return str(_code(url).svg_inline(scale=scale, border=2, title=url))
