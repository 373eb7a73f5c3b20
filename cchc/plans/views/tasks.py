"""Pages for tasks: the board, the timeline, a task's page with its occurrences, and the transitions."""

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cchc.core.forms import form_add_service_errors
from cchc.core.listing import paginate, sort_queryset, xlsx_download
from cchc.core.permissions import VIEW, get_visible_or_404
from cchc.evidence.models import EvidenceDocument
from cchc.evidence.services import evidence_upload

from ..choices import OPEN_STATUSES
from ..filters import OccurrenceFilter
from ..forms import AssignForm, OccurrenceActionForm, TaskForm
from ..models import Plan, Task, TaskOccurrence
from ..selectors import occurrence_list, quarter_of, task_detail_occurrences
from ..services import (
    occurrence_cancel,
    occurrence_confirm,
    occurrence_report_done,
    occurrence_report_progress,
    occurrence_return,
    task_assign,
    task_create,
    task_update,
)

BOARD_SORTS = {
    "due": "due_date",
    "status": "status",
    "task": "task__title",
    "unit": "task__lead_unit__name",
    "area": "task__area__sort_order",
}
BOARD_HEADERS = [
    gettext_lazy("Lĩnh vực"),
    gettext_lazy("Nhiệm vụ"),
    gettext_lazy("Sản phẩm"),
    gettext_lazy("Chủ trì"),
    gettext_lazy("Phối hợp"),
    gettext_lazy("Kỳ"),
    gettext_lazy("Hạn"),
    gettext_lazy("Trạng thái"),
    gettext_lazy("Tiến độ (%)"),
    gettext_lazy("Người thực hiện"),
]


def _board_rows(occurrences: Any) -> Any:
    for item in occurrences:
        task = item.task
        yield [
            str(task.area),
            task.title,
            task.product,
            task.lead_unit.name if task.lead_unit else task.lead_text,
            "; ".join(unit.name for unit in task.coordinating_units.all()) or task.coordinating_text,
            item.period_label,
            item.due_date,
            item.get_status_display(),
            item.percent,
            "; ".join(str(person) for person in task.assignees.all()),
        ]


@login_required
def task_board_view(request: HttpRequest) -> HttpResponse:
    """Every visible task occurrence with filters, sorting, search without diacritics and export."""
    filterset = OccurrenceFilter(request.GET, queryset=occurrence_list(user=request.user), request=request)
    occurrences, sort = sort_queryset(request, filterset.qs, BOARD_SORTS, "due")
    if request.GET.get("export") == "xlsx":
        return xlsx_download(
            request,
            filename="nhiem-vu",
            title=_("Nhiệm vụ"),
            headers=[str(header) for header in BOARD_HEADERS],
            rows=_board_rows(occurrences),
        )
    context = {
        "filter": filterset,
        "page": paginate(request, occurrences),
        "sort": sort,
        "today": timezone.localdate(),
        "open_statuses": OPEN_STATUSES,
    }
    return render(request, "plans/task_board.html", context)


@login_required
def task_timeline_view(request: HttpRequest) -> HttpResponse:
    """Tasks by quarter of a year (Gantt-like): each occurrence is a mark in the quarter it is due."""
    try:
        year = int(request.GET.get("year", timezone.localdate().year))
    except ValueError:
        year = timezone.localdate().year
    filterset = OccurrenceFilter(request.GET, queryset=occurrence_list(user=request.user), request=request)
    rows: dict[int, dict[str, Any]] = {}
    for occurrence in filterset.qs.filter(due_date__year=year).order_by("task__area__sort_order", "task__sort_order"):
        row = rows.setdefault(occurrence.task_id, {"task": occurrence.task, "quarters": defaultdict(list)})
        row["quarters"][quarter_of(occurrence.due_date)].append(occurrence)
    timeline = [
        {"task": row["task"], "cells": [row["quarters"].get(q, []) for q in range(1, 5)]} for row in rows.values()
    ]
    context = {"filter": filterset, "timeline": timeline, "year": year, "years": range(year - 2, year + 2)}
    return render(request, "plans/task_timeline.html", context)


@login_required
def task_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_visible_or_404(request, Task.objects.select_related("plan", "area", "lead_unit"), VIEW, pk=pk)
    user = request.user
    context = {
        "task": task,
        "occurrences": task_detail_occurrences(task),
        "assignees": task.assignees.all(),
        "coordinating": task.coordinating_units.all(),
        "can_edit": user.has_perm("plans.edit_task", task),
        "can_assign": user.has_perm("plans.assign_task", task),
        "can_report": user.has_perm("plans.report_progress", task),
        "can_confirm": user.has_perm("plans.confirm_occurrence", task),
        "can_return": user.has_perm("plans.return_occurrence", task),
        "can_cancel": user.has_perm("plans.cancel_occurrence", task),
        "open_statuses": OPEN_STATUSES,
        "form": OccurrenceActionForm(),
        "today": timezone.localdate(),
    }
    return render(request, "plans/task_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def task_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_visible_or_404(request, Plan.objects.all(), "change", pk=pk)
    form = TaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            task = task_create(actor=request.user, plan=plan, **data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm nhiệm vụ."))
            return redirect("plans:task_detail", pk=task.pk)
    return render(request, "plans/task_form.html", {"form": form, "plan": plan})


def _task_for(request: HttpRequest, pk: int, perm: str) -> Task:
    task = get_visible_or_404(request, Task.objects.select_related("plan", "lead_unit"), VIEW, pk=pk)
    if not request.user.has_perm(perm, task):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này với nhiệm vụ."))
    return task


@login_required
@require_http_methods(["GET", "POST"])
def task_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for(request, pk, "plans.edit_task")
    form = TaskForm(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        coordinating = data.pop("coordinating_units")
        try:
            task_update(actor=request.user, task=task, coordinating_units=coordinating, **data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect("plans:task_detail", pk=task.pk)
    return render(request, "plans/task_form.html", {"form": form, "plan": task.plan, "task": task})


@login_required
@require_http_methods(["GET", "POST"])
def task_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for(request, pk, "plans.assign_task")
    form = AssignForm(request.POST or None, lead_unit=task.lead_unit, initial={"assignees": task.assignees.all()})
    if request.method == "POST" and form.is_valid():
        try:
            task_assign(actor=request.user, task=task, assignees=form.cleaned_data["assignees"])
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã giao nhiệm vụ; người được giao đã nhận thông báo."))
            return redirect("plans:task_detail", pk=task.pk)
    return render(request, "plans/task_assign.html", {"form": form, "task": task})


ACTIONS = {
    "progress": "plans.report_progress",
    "done": "plans.report_progress",
    "confirm": "plans.confirm_occurrence",
    "return": "plans.return_occurrence",
    "cancel": "plans.cancel_occurrence",
}
ACTION_MESSAGES = {
    "progress": gettext_lazy("Đã cập nhật tiến độ."),
    "done": gettext_lazy("Đã báo cáo hoàn thành; chờ trưởng đơn vị xác nhận."),
    "confirm": gettext_lazy("Đã xác nhận hoàn thành."),
    "return": gettext_lazy("Đã trả lại nhiệm vụ kèm lý do."),
    "cancel": gettext_lazy("Đã hủy kỳ thực hiện này."),
}


def _uploaded_evidence(request: HttpRequest, occurrence: TaskOccurrence, files: list[Any]) -> list[EvidenceDocument]:
    unit = occurrence.task.lead_unit or getattr(request.user, "unit", None)
    if not files:
        return []
    if unit is None:
        raise ValidationError(_("Nhiệm vụ chưa có đơn vị chủ trì nên chưa lưu được tài liệu."))
    return [evidence_upload(actor=request.user, upload=upload, unit=unit).document for upload in files]


@login_required
@require_POST
def occurrence_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One endpoint for the transitions of an occurrence; each calls its own service."""
    if action not in ACTIONS:
        raise Http404
    occurrence = get_visible_or_404(request, TaskOccurrence.objects.select_related("task"), VIEW, pk=pk)
    if not request.user.has_perm(ACTIONS[action], occurrence.task):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này với nhiệm vụ."))
    form = OccurrenceActionForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect("plans:task_detail", pk=occurrence.task_id)
    data = form.cleaned_data
    narrative = data.get("narrative") or ""
    try:
        with transaction.atomic():
            evidence = _uploaded_evidence(request, occurrence, data.get("attachments") or [])
            if action == "progress":
                percent: int = data["percent"] if data.get("percent") is not None else occurrence.percent
                occurrence_report_progress(
                    actor=request.user, occurrence=occurrence, percent=percent, narrative=narrative, evidence=evidence
                )
            elif action == "done":
                occurrence_report_done(
                    actor=request.user, occurrence=occurrence, narrative=narrative, evidence=evidence
                )
            elif action == "confirm":
                occurrence_confirm(actor=request.user, occurrence=occurrence, narrative=narrative)
            elif action == "return":
                occurrence_return(actor=request.user, occurrence=occurrence, narrative=narrative)
            else:
                occurrence_cancel(actor=request.user, occurrence=occurrence, narrative=narrative)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, ACTION_MESSAGES[action])
    return redirect("plans:task_detail", pk=occurrence.task_id)
