"""PDF copies of generated DOCX documents, made by LibreOffice so that the layout has a single source."""

import shutil
import subprocess
import tempfile
from pathlib import Path

PDF_TIMEOUT_SECONDS = 60


def pdf_available() -> bool:
    """Whether LibreOffice (`soffice`) is installed, so that PDF copies can be offered."""
    return shutil.which("soffice") is not None


def docx_to_pdf(content: bytes) -> bytes | None:
    """Convert a DOCX to PDF with LibreOffice; None when it is missing, fails or takes too long.

    Each conversion gets its own LibreOffice profile: two conversions sharing one would wait on its lock.
    """
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.docx"
        source.write_bytes(content)
        profile = (Path(folder) / "profile").as_uri()
        try:
            subprocess.run(  # noqa: S603 - fixed program and arguments, no shell
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    folder,
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=PDF_TIMEOUT_SECONDS,
            )
        except (subprocess.SubprocessError, OSError):
            return None
        target = source.with_suffix(".pdf")
        return target.read_bytes() if target.exists() else None
