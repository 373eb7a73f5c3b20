"""Pages for units and people. Thin: they read through selectors and write through services."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cchc.core.forms import form_add_service_errors
from cchc.core.listing import paginate, sort_queryset, xlsx_download
from cchc.core.permissions import CHANGE, VIEW, get_visible_or_404
from cchc.core.spreadsheets import SpreadsheetInvalid

from .filters import PersonFilter, UnitFilter
from .forms import PersonForm, SpreadsheetUploadForm, UnitForm
from .imports import people_import_xlsx, units_import_xlsx
from .models import Unit, User
from .selectors import person_list, unit_list
from .services import person_create, person_mfa_reset, person_update, unit_create, unit_delete, unit_update
from .tables import PERSON_COLUMNS, UNIT_COLUMNS, person_rows, unit_rows

UNIT_SORTS = {"name": "name", "code": "code", "kind": "kind", "parent": "parent__name", "valid_from": "valid_from"}
PERSON_SORTS = {"name": "full_name", "username": "username", "unit": "unit__name", "position": "position"}
POSITION_SUGGESTIONS = [
    "Giám đốc",
    "Phó Giám đốc",
    "Chánh Văn phòng",
    "Phó Chánh Văn phòng",
    "Chánh Thanh tra",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Giám đốc bệnh viện",
    "Chuyên viên",
    "Thanh tra viên",
    "Cán bộ một cửa",
]


@login_required
def unit_list_view(request: HttpRequest) -> HttpResponse:
    filterset = UnitFilter(request.GET, queryset=unit_list(user=request.user))
    units, sort = sort_queryset(request, filterset.qs, UNIT_SORTS, "name")
    if request.GET.get("export") == "xlsx":
        return xlsx_download(
            request,
            filename="don-vi",
            title=_("Đơn vị"),
            headers=[str(column.header) for column in UNIT_COLUMNS],
            rows=unit_rows(units.prefetch_related("predecessors")),
        )
    context = {"filter": filterset, "page": paginate(request, units), "sort": sort}
    template = "org/partials/unit_table.html" if request.htmx else "org/unit_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def unit_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_visible_or_404(request, Unit.objects.select_related("parent"), pk=pk)
    members = person_list(user=request.user).filter(unit=unit)
    context = {
        "unit": unit,
        "members": members,
        "children": unit.children.all(),
        "predecessors": unit.predecessors.all(),
        "successors": unit.successors.all(),
        "can_manage": request.user.has_perm("org.manage_units"),
    }
    return render(request, "org/unit_detail.html", context)


@login_required
@permission_required("org.manage_units", raise_exception=True)
@require_http_methods(["GET", "POST"])
def unit_create_view(request: HttpRequest) -> HttpResponse:
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            unit = unit_create(actor=request.user, **data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm đơn vị “%(unit)s”.") % {"unit": unit})
            return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def unit_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_visible_or_404(request, Unit.objects.all(), CHANGE, pk=pk)
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        predecessors = data.pop("predecessors")
        try:
            unit_update(actor=request.user, unit=unit, predecessors=predecessors, **data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu đơn vị “%(unit)s”.") % {"unit": unit})
            return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "unit": unit})


@login_required
@require_http_methods(["GET", "POST"])
def unit_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_visible_or_404(request, Unit.objects.all(), CHANGE, pk=pk)
    if request.method == "POST":
        try:
            unit_delete(actor=request.user, unit=unit)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("org:unit_detail", pk=unit.pk)
        messages.success(request, _("Đã xóa đơn vị “%(unit)s”.") % {"unit": unit})
        return redirect("org:unit_list")
    return render(
        request, "core/confirm_delete.html", {"object": unit, "cancel_url": reverse("org:unit_detail", args=[unit.pk])}
    )


def _import_view(request: HttpRequest, *, importer: Any, columns: Any, title: str, back: str) -> HttpResponse:
    form = SpreadsheetUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            summary = importer(actor=request.user, stream=form.cleaned_data["file"])
        except SpreadsheetInvalid as invalid:
            problems = invalid.problems.messages()
            messages.error(request, _("Tệp có %(count)s lỗi; chưa có dữ liệu nào được ghi.") % {"count": len(problems)})
        else:
            messages.success(
                request,
                _("Đã nhập xong: %(created)s dòng mới, %(updated)s dòng cập nhật.")
                % {"created": summary.created, "updated": summary.updated},
            )
            return redirect(back)
    context = {"form": form, "problems": problems, "columns": columns, "title": title, "back": back}
    return render(request, "org/import.html", context)


@login_required
@permission_required("org.manage_units", raise_exception=True)
@require_http_methods(["GET", "POST"])
def unit_import_view(request: HttpRequest) -> HttpResponse:
    return _import_view(
        request, importer=units_import_xlsx, columns=UNIT_COLUMNS, title=_("Nhập đơn vị từ Excel"), back="org:unit_list"
    )


@login_required
def person_list_view(request: HttpRequest) -> HttpResponse:
    filterset = PersonFilter(request.GET, queryset=person_list(user=request.user))
    people, sort = sort_queryset(request, filterset.qs, PERSON_SORTS, "name")
    if request.GET.get("export") == "xlsx":
        return xlsx_download(
            request,
            filename="nguoi-dung",
            title=_("Người dùng"),
            headers=[str(column.header) for column in PERSON_COLUMNS],
            rows=person_rows(people),
        )
    context = {
        "filter": filterset,
        "page": paginate(request, people),
        "sort": sort,
        "can_manage": request.user.has_perm("org.manage_people"),
    }
    template = "org/partials/person_table.html" if request.htmx else "org/person_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def person_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_visible_or_404(request, User.objects.select_related("unit"), VIEW, pk=pk)
    can_manage = person_list(user=request.user, action=CHANGE).filter(pk=person.pk).exists()
    return render(request, "org/person_detail.html", {"person": person, "can_manage": can_manage})


@login_required
@permission_required("org.manage_people", raise_exception=True)
@require_http_methods(["GET", "POST"])
def person_create_view(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("is_active", None)
        try:
            person = person_create(actor=request.user, **data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã tạo tài khoản “%(name)s”. Người dùng đặt mật khẩu bằng chức năng “Quên mật khẩu”.")
                % {"name": person},
            )
            return redirect("org:person_detail", pk=person.pk)
    return render(request, "org/person_form.html", {"form": form, "positions": POSITION_SUGGESTIONS})


@login_required
@require_http_methods(["GET", "POST"])
def person_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_visible_or_404(request, User.objects.all(), CHANGE, pk=pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        roles = data.pop("roles")
        try:
            person_update(actor=request.user, person=person, roles=roles, **data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thông tin “%(name)s”.") % {"name": person})
            return redirect("org:person_detail", pk=person.pk)
    return render(request, "org/person_form.html", {"form": form, "person": person, "positions": POSITION_SUGGESTIONS})


@login_required
@require_http_methods(["GET", "POST"])
def person_mfa_reset_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_visible_or_404(request, User.objects.all(), CHANGE, pk=pk)
    if request.method == "POST":
        person_mfa_reset(actor=request.user, person=person)
        messages.success(request, _("Đã xóa xác thực hai lớp của “%(name)s”.") % {"name": person})
        return redirect("org:person_detail", pk=person.pk)
    return render(
        request,
        "core/confirm.html",
        {
            "title": _("Xóa xác thực hai lớp"),
            "question": _(
                "Xóa ứng dụng xác thực và mã khôi phục của “%(name)s”? Người này sẽ phải cài lại khi đăng nhập."
            )
            % {"name": person},
            "confirm_label": _("Xóa xác thực hai lớp"),
            "cancel_url": reverse("org:person_detail", args=[person.pk]),
        },
    )


@login_required
@permission_required("org.manage_people", raise_exception=True)
@require_http_methods(["GET", "POST"])
def person_import_view(request: HttpRequest) -> HttpResponse:
    return _import_view(
        request,
        importer=people_import_xlsx,
        columns=PERSON_COLUMNS,
        title=_("Nhập người dùng từ Excel"),
        back="org:person_list",
    )
