"""Staff pages for instruments: list, detail of a version, XLSX export and import (a new version)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cchc.core.forms import form_add_service_errors
from cchc.core.permissions import MANAGE, VIEW, get_visible_or_404
from cchc.core.spreadsheets import SpreadsheetInvalid

from ..forms import InstrumentForm, InstrumentImportForm
from ..instrument_tables import condition_text, options_text, sections_from_xlsx, version_xlsx
from ..models.instruments import Instrument
from ..selectors import instrument_list
from ..services import ItemChange, instrument_update, instrument_version_import, instrument_version_revise


@login_required
def instrument_list_view(request: HttpRequest) -> HttpResponse:
    context = {
        "instruments": instrument_list(user=request.user),
        "can_manage": request.user.has_perm("surveys.manage_instruments"),
    }
    return render(request, "surveys/instrument_list.html", context)


@login_required
def instrument_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_visible_or_404(request, Instrument.objects.all(), VIEW, pk=pk)
    versions = list(instrument.versions.order_by("-number"))
    if not versions:
        raise Http404
    wanted = request.GET.get("version")
    version = next((row for row in versions if str(row.number) == wanted), versions[0])
    sections = [
        {
            "section": section,
            "items": [
                {"item": item, "options": options_text(item.options), "condition": condition_text(item.condition)}
                for item in section.items.order_by("order", "pk")
            ],
        }
        for section in version.sections.order_by("order", "pk")
    ]
    context = {
        "instrument": instrument,
        "versions": versions,
        "version": version,
        "sections": sections,
        "can_manage": request.user.has_perm("surveys.manage_instruments"),
    }
    return render(request, "surveys/instrument_detail.html", context)


@login_required
def instrument_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_visible_or_404(request, Instrument.objects.all(), VIEW, pk=pk)
    version = instrument.versions.filter(number=request.GET.get("version") or 0).first() or (
        instrument.versions.order_by("-number").first()
    )
    if version is None:
        raise Http404
    response = HttpResponse(
        version_xlsx(version), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"{slugify(instrument.code)}-v{version.number}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@permission_required("surveys.manage_instruments", raise_exception=True)
@require_http_methods(["GET", "POST"])
def instrument_import_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Import a workbook: a new version of instrument `pk`, or a new instrument when no `pk` is given."""
    instrument = get_visible_or_404(request, Instrument.objects.all(), MANAGE, pk=pk) if pk else None
    form = InstrumentImportForm(request.POST or None, request.FILES or None, instrument=instrument)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            sections = sections_from_xlsx(form.cleaned_data["file"])
            version = instrument_version_import(
                actor=request.user,
                sections=sections,
                instrument=instrument,
                code=form.cleaned_data.get("code", ""),
                name=form.cleaned_data.get("name", ""),
                kind=form.cleaned_data.get("kind", ""),
                note=form.cleaned_data.get("note", ""),
            )
        except SpreadsheetInvalid as invalid:
            problems = invalid.problems.messages()
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã tạo phiên bản %(number)s của bộ câu hỏi “%(name)s”.")
                % {"number": version.number, "name": version.instrument.name},
            )
            return redirect("surveys:instrument_detail", pk=version.instrument_id)
    context = {"form": form, "instrument": instrument, "problems": problems}
    return render(request, "surveys/instrument_import.html", context, status=400 if problems else 200)


@login_required
@require_http_methods(["GET", "POST"])
def instrument_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_visible_or_404(request, Instrument.objects.all(), MANAGE, pk=pk)
    form = InstrumentForm(request.POST or None, instance=instrument)
    if request.method == "POST" and form.is_valid():
        try:
            instrument_update(actor=request.user, instrument=instrument, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu bộ câu hỏi."))
            return redirect("surveys:instrument_detail", pk=instrument.pk)
    return render(request, "surveys/instrument_form.html", {"form": form, "instrument": instrument})


@login_required
@require_http_methods(["GET", "POST"])
def instrument_revise_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the latest version's question texts and flags on screen; saving makes a new version."""
    instrument = get_visible_or_404(request, Instrument.objects.all(), MANAGE, pk=pk)
    version = instrument.versions.order_by("-number").first()
    if version is None:
        raise Http404
    items = list(version.items.select_related("section").order_by("section__order", "order", "pk"))
    errors: list[str] = []
    if request.method == "POST":
        changes = {
            item.code: ItemChange(
                text=request.POST.get(f"text-{item.code}", item.text),
                required=request.POST.get(f"required-{item.code}") == "on",
                counts_for_index=request.POST.get(f"counts-{item.code}") == "on",
            )
            for item in items
        }
        try:
            revised = instrument_version_revise(
                actor=request.user, version=version, changes=changes, note=request.POST.get("note", "")[:300]
            )
        except ValidationError as error:
            errors = error.messages
        else:
            if revised is None:
                messages.info(request, _("Không có thay đổi nào, không tạo phiên bản mới."))
            else:
                messages.success(request, _("Đã tạo phiên bản %(number)s.") % {"number": revised.number})
            return redirect("surveys:instrument_detail", pk=instrument.pk)
    context = {"instrument": instrument, "version": version, "items": items, "errors": errors}
    return render(request, "surveys/instrument_revise.html", context, status=400 if errors else 200)
