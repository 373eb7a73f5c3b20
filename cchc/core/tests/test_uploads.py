"""Uploaded files are checked by content: a disguised, empty or oversized file is refused with its name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from cchc.core.uploads import FileKind, upload_check


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def docx_like_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_real_workbook_is_accepted() -> None:
    upload = SimpleUploadedFile("don-vi.xlsx", xlsx_bytes())
    assert upload_check(upload, allowed={FileKind.XLSX}) == FileKind.XLSX


def test_pdf_renamed_to_xlsx_is_refused() -> None:
    upload = SimpleUploadedFile("don-vi.xlsx", b"%PDF-1.7 fake")
    with pytest.raises(ValidationError) as error:
        upload_check(upload, allowed={FileKind.XLSX})
    assert "don-vi.xlsx" in str(error.value)
    assert "PDF" in str(error.value)


def test_word_file_renamed_to_xlsx_is_refused() -> None:
    upload = SimpleUploadedFile("bang.xlsx", docx_like_bytes())
    with pytest.raises(ValidationError) as error:
        upload_check(upload, allowed={FileKind.XLSX})
    assert "Word" in str(error.value)


def test_workbook_with_wrong_extension_is_refused() -> None:
    upload = SimpleUploadedFile("bang.pdf", xlsx_bytes())
    with pytest.raises(ValidationError) as error:
        upload_check(upload, allowed={FileKind.XLSX})
    assert "đổi tên" in str(error.value)


def test_executable_is_refused() -> None:
    upload = SimpleUploadedFile("virus.xlsx", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100)
    with pytest.raises(ValidationError):
        upload_check(upload, allowed={FileKind.XLSX, FileKind.PDF})


def test_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        upload_check(SimpleUploadedFile("rong.xlsx", b""), allowed={FileKind.XLSX})
    assert "rỗng" in str(error.value)


def test_oversized_file_is_refused_before_reading() -> None:
    upload = SimpleUploadedFile("lon.xlsx", xlsx_bytes())
    with pytest.raises(ValidationError) as error:
        upload_check(upload, allowed={FileKind.XLSX}, max_bytes=100)
    assert "vượt giới hạn" in str(error.value)
