"""Upload of evidence: checked by content, hashed, stored under its checksum, never overwritten."""

import hashlib
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from cchc.core.services import audit_record
from cchc.core.uploads import FileKind, upload_check
from cchc.org.models import Unit

from .models import EvidenceDocument, EvidenceVersion

EVIDENCE_KINDS = {FileKind.PDF, FileKind.DOCX, FileKind.XLSX, FileKind.PNG, FileKind.JPEG}


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def evidence_upload(
    *, actor: Any, upload: UploadedFile, unit: Unit, title: str = "", document: EvidenceDocument | None = None
) -> EvidenceVersion:
    """Store a file as a new document, or as the next version of `document`."""
    kind = upload_check(upload, allowed=EVIDENCE_KINDS)
    if document is None:
        document = EvidenceDocument(title=(title or upload.name or "").strip()[:300], unit=unit, created_by=actor)
        document.full_clean()
        document.save()
        audit_record(actor=actor, action="evidence_create", instance=document)
    else:
        document = EvidenceDocument.objects.select_for_update().get(pk=document.pk)
    number = (document.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = EvidenceVersion(
        document=document,
        number=number,
        original_name=(upload.name or "tep")[:255],
        kind=str(kind),
        size=upload.size or 0,
        sha256=_sha256(upload),
        uploaded_by=actor,
    )
    version.file.save(version.original_name, upload, save=False)
    version.save()
    audit_record(
        actor=actor,
        action="evidence_version_add",
        instance=document,
        changes={"phiên bản": [number - 1 or None, number], "tệp": [None, version.original_name]},
    )
    return version
