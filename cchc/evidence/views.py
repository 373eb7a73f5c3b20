"""Download of evidence files, for whoever may see the document (its unit, or what it is evidence for)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from cchc.core.permissions import VIEW, get_visible_or_404

from .models import EvidenceDocument


@login_required
def version_download_view(request: HttpRequest, pk: int, number: int | None = None) -> FileResponse:
    """The document's newest file, or the given version; old versions stay downloadable."""
    document = get_visible_or_404(request, EvidenceDocument.objects.all(), VIEW, pk=pk)
    versions = document.versions.all()
    version = get_object_or_404(versions, number=number) if number else versions.order_by("-number").first()
    if version is None:
        raise Http404
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=version.original_name)
