"""Checks on uploaded files: size, and type by content (not by the name), so a disguised file is refused."""

import enum
import zipfile
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


class FileKind(enum.StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    PNG = "png"
    JPEG = "jpeg"
    CSV = "csv"


KIND_LABELS = {
    FileKind.PDF: "PDF",
    FileKind.DOCX: "Word (.docx)",
    FileKind.XLSX: "Excel (.xlsx)",
    FileKind.PNG: "PNG",
    FileKind.JPEG: "JPEG",
    FileKind.CSV: "CSV",
}
EXTENSIONS = {
    FileKind.PDF: {"pdf"},
    FileKind.DOCX: {"docx"},
    FileKind.XLSX: {"xlsx"},
    FileKind.PNG: {"png"},
    FileKind.JPEG: {"jpg", "jpeg"},
    FileKind.CSV: {"csv", "txt"},
}


def _sniff(stream: IO[bytes]) -> FileKind | None:
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            stream.seek(0)
        if "word/document.xml" in names:
            return FileKind.DOCX
        if "xl/workbook.xml" in names:
            return FileKind.XLSX
        return None
    sample = stream.read(64 * 1024)
    stream.seek(0)
    if b"\x00" in sample:
        return None
    try:
        sample.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the sample's end is still text.
        if error.start < len(sample) - 4:
            return None
    return FileKind.CSV


def upload_check(upload: UploadedFile, *, allowed: set[FileKind], max_bytes: int | None = None) -> FileKind:
    """The file's kind, or a Vietnamese ValidationError naming the file and what is wrong with it."""
    limit = max_bytes or settings.CCHC_MAX_UPLOAD_BYTES
    name = upload.name or "?"
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” nặng %(size)s, vượt giới hạn %(limit)s.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    if not upload.size:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name})
    kind = _sniff(upload.file) if upload.file is not None else None
    expected = ", ".join(KIND_LABELS[item] for item in sorted(allowed))
    if kind is None or kind not in allowed:
        found = KIND_LABELS[kind] if kind else _("không nhận ra")
        raise ValidationError(
            _("Tệp “%(name)s” không đúng loại: cần %(expected)s, nội dung tệp là %(found)s.")
            % {"name": name, "expected": expected, "found": found}
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS[kind]:
        raise ValidationError(
            _("Tệp “%(name)s” có phần mở rộng không khớp với nội dung (%(found)s); tệp có thể đã bị đổi tên.")
            % {"name": name, "found": KIND_LABELS[kind]}
        )
    return kind
