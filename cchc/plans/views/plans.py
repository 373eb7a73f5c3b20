"""Pages for plans and their targets (thin: services write, selectors read)."""

from typing import Any

import django_filters
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cchc.core.forms import form_add_service_errors
from cchc.core.listing import paginate, sort_queryset, xlsx_download
from cchc.core.permissions import CHANGE, VIEW, get_visible_or_404
from cchc.core.text import fold
from cchc.evidence.services import evidence_upload
from cchc.org.models import Unit

from ..choices import PlanKind, PlanStatus
from ..forms import PlanForm, TargetForm
from ..models import Plan, Target
from ..selectors import plan_list, plan_progress, task_list
from ..services import plan_create, plan_update, target_delete, target_save

PLAN_SORTS = {"year": "year", "number": "number", "issued_on": "issued_on", "title": "title"}


class PlanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("Tìm kiếm"), method="filter_search")
    year = django_filters.NumberFilter(label=gettext_lazy("Năm"))
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Loại"), choices=PlanKind.choices, empty_label=gettext_lazy("Tất cả")
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Trạng thái"), choices=PlanStatus.choices, empty_label=gettext_lazy("Tất cả")
    )

    class Meta:
        model = Plan
        fields = ["q", "year", "kind", "status"]

    def filter_search(self, queryset: Any, name: str, value: str) -> Any:
        for word in fold(value).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset


def _original_unit(user: Any) -> Unit:
    """Where a plan's original file is filed: the uploader's unit, else the department (the root unit)."""
    unit = user.unit or Unit.objects.filter(parent__isnull=True).order_by("sort_order", "pk").first()
    if unit is None:
        raise ValidationError(_("Chưa có đơn vị nào trong hệ thống để lưu văn bản gốc."))
    return unit


@login_required
def plan_list_view(request: HttpRequest) -> HttpResponse:
    filterset = PlanFilter(request.GET, queryset=plan_list(user=request.user))
    plans, sort = sort_queryset(request, filterset.qs, PLAN_SORTS, "-year")
    if request.GET.get("export") == "xlsx":
        return xlsx_download(
            request,
            filename="ke-hoach",
            title=_("Kế hoạch"),
            headers=[_("Số, ký hiệu"), _("Ngày ban hành"), _("Loại"), _("Trích yếu"), _("Năm"), _("Trạng thái")],
            rows=(
                [p.number, p.issued_on, p.get_kind_display(), p.title, p.year, p.get_status_display()] for p in plans
            ),
        )
    context = {"filter": filterset, "page": paginate(request, plans), "sort": sort}
    return render(request, "plans/plan_list.html", context)


@login_required
def plan_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_visible_or_404(request, Plan.objects.select_related("original"), VIEW, pk=pk)
    tasks = task_list(user=request.user).filter(plan=plan).prefetch_related("coordinating_units", "occurrences")
    context = {
        "plan": plan,
        "targets": plan.targets.all(),
        "tasks": tasks,
        "progress": plan_progress(plan, user=request.user),
        "can_manage": request.user.has_perm("plans.manage_plans"),
        "legal_basis": [line for line in plan.legal_basis.splitlines() if line.strip()],
    }
    return render(request, "plans/plan_detail.html", context)


def _save_plan(request: HttpRequest, form: PlanForm, plan: Plan | None) -> Plan | None:
    data = dict(form.cleaned_data)
    upload = data.pop("original_file", None)
    try:
        original = (
            evidence_upload(actor=request.user, upload=upload, unit=_original_unit(request.user)).document
            if upload
            else None
        )
        if plan is None:
            return plan_create(actor=request.user, original=original, **data)
        return plan_update(actor=request.user, plan=plan, original=original, **data)
    except ValidationError as error:
        form_add_service_errors(form, error)
        return None


@login_required
@permission_required("plans.manage_plans", raise_exception=True)
@require_http_methods(["GET", "POST"])
def plan_create_view(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        plan = _save_plan(request, form, None)
        if plan is not None:
            messages.success(
                request,
                _("Đã tạo kế hoạch “%(plan)s”. Hãy nhập phụ lục nhiệm vụ hoặc thêm từng nhiệm vụ.") % {"plan": plan},
            )
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def plan_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_visible_or_404(request, Plan.objects.all(), CHANGE, pk=pk)
    form = PlanForm(request.POST or None, request.FILES or None, instance=plan)
    if request.method == "POST" and form.is_valid() and _save_plan(request, form, plan) is not None:
        messages.success(request, _("Đã lưu kế hoạch."))
        return redirect("plans:plan_detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan})


@login_required
@require_http_methods(["GET", "POST"])
def target_form_view(request: HttpRequest, pk: int | None = None, target_pk: int | None = None) -> HttpResponse:
    target = get_object_or_404(Target, pk=target_pk) if target_pk else None
    plan = get_visible_or_404(request, Plan.objects.all(), CHANGE, pk=target.plan_id if target else pk)
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            target_save(actor=request.user, plan=plan, target=target, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu chỉ tiêu."))
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(request, "plans/target_form.html", {"form": form, "plan": plan, "target": target})


@login_required
@require_http_methods(["GET", "POST"])
def target_delete_view(request: HttpRequest, target_pk: int) -> HttpResponse:
    target = get_object_or_404(Target, pk=target_pk)
    plan = get_visible_or_404(request, Plan.objects.all(), CHANGE, pk=target.plan_id)
    if request.method == "POST":
        target_delete(actor=request.user, target=target)
        messages.success(request, _("Đã xóa chỉ tiêu."))
        return redirect("plans:plan_detail", pk=plan.pk)
    return render(
        request,
        "core/confirm_delete.html",
        {"object": target, "cancel_url": reverse("plans:plan_detail", args=[plan.pk])},
    )
