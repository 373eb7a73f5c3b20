"""Pages to import a plan's appendix table (upload → review → confirm) and to export it as DOCX or XLSX."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from cchc.core.choices import SecurityEventKind
from cchc.core.permissions import CHANGE, VIEW, get_visible_or_404
from cchc.core.security import record_request_event
from cchc.core.spreadsheets import SpreadsheetInvalid
from cchc.core.uploads import FileKind, upload_check

from ..appendix import COLUMNS, AppendixCheck, appendix_check, appendix_import, appendix_read
from ..appendix_export import appendix_docx, appendix_filename, appendix_xlsx
from ..models import Plan
from ..selectors import task_list

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class AppendixUploadForm(forms.Form):
    kind: FileKind  # what the file's content is, once cleaned

    file = forms.FileField(
        label=gettext_lazy("Tệp phụ lục (Word .docx hoặc Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        self.kind = upload_check(upload, allowed={FileKind.DOCX, FileKind.XLSX})
        return upload


def _session_key(plan: Plan) -> str:
    return f"plans:appendix-import:{plan.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def appendix_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload the file; it is read and checked, and the result waits in the session for review."""
    plan = get_visible_or_404(request, Plan.objects.all(), CHANGE, pk=pk)
    form = AppendixUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            checked = appendix_check(plan=plan, table=appendix_read(upload, form.kind), file_name=upload.name or "")
        except SpreadsheetInvalid as invalid:
            problems = invalid.problems.messages()
            messages.error(request, _("Không nhập được tệp “%(name)s”.") % {"name": upload.name})
        else:
            request.session[_session_key(plan)] = checked.to_session()
            return redirect("plans:appendix_review", pk=plan.pk)
    context = {"plan": plan, "form": form, "problems": problems, "columns": COLUMNS}
    return render(request, "plans/appendix_import.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def appendix_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Every row as it will be imported; errors block the import, warnings are for the person to see."""
    plan = get_visible_or_404(request, Plan.objects.all(), CHANGE, pk=pk)
    stored = request.session.get(_session_key(plan))
    if stored is None:
        messages.info(request, _("Chưa có tệp phụ lục nào chờ xác nhận; hãy tải tệp lên."))
        return redirect("plans:appendix_import", pk=plan.pk)
    checked = AppendixCheck.from_session(stored)
    if request.method == "POST":
        try:
            tasks = appendix_import(actor=request.user, plan=plan, rows=checked.tasks, file_name=checked.file_name)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            del request.session[_session_key(plan)]
            messages.success(request, _("Đã nhập %(count)s nhiệm vụ.") % {"count": len(tasks)})
            return redirect("plans:plan_detail", pk=plan.pk)
    context = {
        "plan": plan,
        "checked": checked,
        "review_count": sum(1 for task in checked.tasks if task.needs_date_review),
    }
    return render(request, "plans/appendix_review.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_GET
def appendix_export_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The appendix of the tasks the person may see, as a Word or Excel attachment; the export is logged."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    plan = get_visible_or_404(request, Plan.objects.all(), VIEW, pk=pk)
    tasks = task_list(user=request.user).filter(plan=plan)
    content = appendix_docx(plan, tasks=tasks) if fmt == "docx" else appendix_xlsx(plan, tasks=tasks)
    filename = appendix_filename(plan, fmt)
    record_request_event(request, SecurityEventKind.EXPORT, detail=f"{filename} ({plan.number})")
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
