"""Staff pages of the catalogue: list (with XLSX export), detail with version history, create, edit, abolish,
and the QR / poster / embed pages. Thin: they read through selectors and write through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.core.forms import form_add_service_errors
from cchc.core.listing import paginate, sort_queryset, xlsx_download
from cchc.core.permissions import CHANGE, VIEW, get_visible_or_404
from cchc.org.models import Unit

from ..choices import ProcedureStatus
from ..filters import ProcedureFilter
from ..forms import AbolishForm, ProcedureForm, RequiredDocumentFormSet, documents_of
from ..models import Procedure
from ..qr import qr_svg_inline
from ..selectors import procedure_list
from ..services import procedure_abolish, procedure_publish, procedure_revise
from ..tables import CATALOGUE_COLUMNS, catalogue_rows
from ..versions import version_history

PROCEDURE_SORTS = {
    "code": "code",
    "name": "name",
    "field": "field__name",
    "unit": "resolving_unit__name",
    "time_limit": "current_version__time_limit_days",
    "status": "status",
}


def public_url(request: HttpRequest, procedure: Procedure) -> str:
    """The absolute address of a procedure's public page (what its QR code encodes)."""
    return request.build_absolute_uri(reverse("procedures_public:procedure_detail", args=[procedure.code]))


@login_required
@require_GET
def procedure_list_view(request: HttpRequest) -> HttpResponse:
    filterset = ProcedureFilter(request.GET, queryset=procedure_list(user=request.user))
    procedures, sort = sort_queryset(request, filterset.qs, PROCEDURE_SORTS, "code")
    if request.GET.get("export") == "xlsx":
        return xlsx_download(
            request,
            filename="danh-muc-thu-tuc",
            title=_("Danh mục thủ tục"),
            headers=[str(column.header) for column in CATALOGUE_COLUMNS],
            rows=catalogue_rows(
                procedures.select_related("current_version__decision__ministry_decision").prefetch_related(
                    "current_version__documents"
                )
            ),
        )
    context = {
        "filter": filterset,
        "page": paginate(request, procedures),
        "sort": sort,
        "can_manage": request.user.has_perm("procedures.manage_catalogue"),
    }
    template = "procedures/partials/procedure_table.html" if request.htmx else "procedures/procedure_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
@require_GET
def procedure_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    procedure = get_visible_or_404(
        request,
        Procedure.objects.select_related("field", "resolving_unit", "current_version__decision__ministry_decision"),
        VIEW,
        pk=pk,
    )
    context = {
        "procedure": procedure,
        "version": procedure.current_version,
        "documents": procedure.current_version.documents.all() if procedure.current_version else [],
        "history": version_history(procedure),
        "public_url": public_url(request, procedure),
        "can_manage": request.user.has_perm("procedures.manage_catalogue"),
    }
    return render(request, "procedures/procedure_detail.html", context)


@login_required
@permission_required("procedures.manage_catalogue", raise_exception=True)
@require_http_methods(["GET", "POST"])
def procedure_create_view(request: HttpRequest) -> HttpResponse:
    form = ProcedureForm(request.POST or None)
    formset = RequiredDocumentFormSet(request.POST or None, prefix="documents")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        try:
            procedure = procedure_publish(
                actor=request.user,
                code=data["code"],
                field=data["field"],
                level=data["level"],
                resolving_unit=data["resolving_unit"],
                decision=data["decision"],
                effective_from=data["effective_from"],
                documents=documents_of(formset),
                **form.version_fields(),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm thủ tục “%(procedure)s”.") % {"procedure": procedure})
            return redirect("procedures:procedure_detail", pk=procedure.pk)
    return render(request, "procedures/procedure_form.html", {"form": form, "formset": formset})


@login_required
@require_http_methods(["GET", "POST"])
def procedure_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    procedure = get_visible_or_404(request, Procedure.objects.select_related("current_version"), CHANGE, pk=pk)
    current = procedure.current_version
    initial_documents = (
        [{"name": item.name, "form": item.form, "count": item.count} for item in current.documents.all()]
        if current
        else []
    )
    form = ProcedureForm(request.POST or None, procedure=procedure)
    formset = RequiredDocumentFormSet(request.POST or None, prefix="documents", initial=initial_documents)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        try:
            version = procedure_revise(
                actor=request.user,
                procedure=procedure,
                field=data["field"],
                level=data["level"],
                resolving_unit=data["resolving_unit"],
                action=data["action"],
                decision=data["decision"],
                effective_from=data["effective_from"],
                documents=documents_of(formset),
                **form.version_fields(),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            if version is None:
                messages.info(request, _("Nội dung thủ tục không thay đổi; không tạo phiên bản mới."))
            else:
                messages.success(request, _("Đã lưu phiên bản %(number)s.") % {"number": version.number})
            return redirect("procedures:procedure_detail", pk=procedure.pk)
    context = {"form": form, "formset": formset, "procedure": procedure}
    return render(request, "procedures/procedure_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def procedure_abolish_view(request: HttpRequest, pk: int) -> HttpResponse:
    procedure = get_visible_or_404(request, Procedure.objects.all(), CHANGE, pk=pk)
    form = AbolishForm(request.POST or None)
    if procedure.status == ProcedureStatus.ABOLISHED:
        messages.info(request, _("Thủ tục này đã bị bãi bỏ."))
        return redirect("procedures:procedure_detail", pk=procedure.pk)
    if request.method == "POST" and form.is_valid():
        try:
            procedure_abolish(
                actor=request.user,
                procedure=procedure,
                decision=form.cleaned_data["decision"],
                effective_from=form.cleaned_data["effective_from"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã bãi bỏ thủ tục “%(procedure)s”.") % {"procedure": procedure})
            return redirect("procedures:procedure_detail", pk=procedure.pk)
    return render(request, "procedures/procedure_abolish.html", {"form": form, "procedure": procedure})


@login_required
@require_GET
def procedure_qr_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The QR code of one procedure, its files and poster, and the embed snippet of its unit."""
    procedure = get_visible_or_404(request, Procedure.objects.select_related("resolving_unit"), VIEW, pk=pk)
    url = public_url(request, procedure)
    context = {
        "procedure": procedure,
        "public_url": url,
        "qr": qr_svg_inline(url, scale=6),
        "embed_snippet": embed_snippet(request, procedure.resolving_unit),
    }
    return render(request, "procedures/procedure_qr.html", context)


def embed_snippet(request: HttpRequest, unit: Unit) -> str:
    """The HTML a unit pastes into a section of its website to list its procedures."""
    src = request.build_absolute_uri(reverse("procedures_public:embed")) + f"?unit={unit.code}"
    title = _("Thủ tục hành chính do %(unit)s giải quyết") % {"unit": unit.name}
    return (
        f'<iframe src="{src}" title="{title}" width="100%" height="600" '
        'style="border:1px solid #dee2e6;border-radius:4px" loading="lazy"></iframe>'
    )


@login_required
@require_GET
def unit_posters_view(request: HttpRequest) -> HttpResponse:
    """Units that resolve procedures: their A4 poster (per desk) and the block for their website."""
    visible = procedure_list(user=request.user).filter(status=ProcedureStatus.ACTIVE)
    units = (
        Unit.objects.filter(pk__in=visible.values("resolving_unit"))
        .annotate(
            procedure_count=Count("resolved_procedures", filter=Q(resolved_procedures__status=ProcedureStatus.ACTIVE))
        )
        .order_by("sort_order", "name")
    )
    rows = [{"unit": unit, "snippet": embed_snippet(request, unit)} for unit in units]
    return render(request, "procedures/unit_posters.html", {"rows": rows})
