"""Pages of the assessment round: the rounds, creating one, TCCB's round page, a criterion's page and the transitions.

Thin: reads go through round_selectors (restricted), writes through the services in round.py, who-may through rules.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cchc.core.permissions import VIEW, get_visible_or_404, restrict
from cchc.evidence.models import EvidenceDocument
from cchc.org.choices import UnitKind
from cchc.org.models import Unit

from .. import round as services
from ..models import Assessment, AssessmentItem, Framework
from ..round_forms import (
    AppraisalForm,
    AssessmentCreateForm,
    AssignForm,
    DeadlineForm,
    EvidenceChoiceForm,
    EvidenceUploadForm,
    ExplanationForm,
    FieldAssignForm,
    FinalScoreForm,
    ReviewForm,
    SelfScoreForm,
    plain_number,
)
from ..round_selectors import (
    assessment_list,
    assignable_units,
    deadline_of,
    framework_fields,
    item_actions,
    item_evidence,
    items_by_field,
    linkable_documents,
    room_progress,
    round_actions,
    self_scoring_open,
)
from ..scoring import tier_points

MANAGE = "scorecard.manage_round"
EDIT = "scorecard.edit_item"
EXPLAIN = "scorecard.explain_item"
REVIEW = "scorecard.review_item"


def _show_errors(request: HttpRequest, form: forms.Form, error: ValidationError) -> None:
    """A service's field errors go on the form; anything else (the round is locked, the deadline passed …) on top."""
    if not hasattr(error, "error_dict"):
        messages.error(request, " ".join(error.messages))
        return
    for name, errors in error.error_dict.items():
        if name in form.fields:
            form.add_error(name, errors)
        else:
            messages.error(request, " ".join(message for item in errors for message in item.messages))


def _form_messages(request: HttpRequest, form: forms.Form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


# ---- The rounds ----


@login_required
def assessment_list_view(request: HttpRequest) -> HttpResponse:
    """The assessments the user may see, newest year first."""
    assessments = assessment_list(user=request.user).order_by("-framework__year", "unit__name")
    context = {"assessments": assessments, "can_manage": request.user.has_perm(MANAGE)}
    return render(request, "scorecard/round_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_create_view(request: HttpRequest) -> HttpResponse:
    """TCCB starts a year's self-assessment: framework and deadline; the unit is the department by default."""
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied(_("Chỉ Phòng Tổ chức – Cán bộ được tạo kỳ tự đánh giá."))
    department = Unit.objects.filter(kind=UnitKind.DEPARTMENT, parent=None).order_by("sort_order", "pk").first()
    framework = Framework.objects.order_by("-year").first()
    form = AssessmentCreateForm(request.POST or None, initial={"unit": department, "framework": framework})
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _show_errors(request, form, error)
        else:
            messages.success(request, _("Đã tạo kỳ tự đánh giá; hãy giao các tiêu chí cho phòng chủ trì."))
            return redirect("scorecard:assessment_detail", pk=assessment.pk)
    return render(request, "scorecard/round_create.html", {"form": form})


@login_required
def assessment_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """TCCB's round page: progress by room, the criteria by field, and the round's transitions."""
    assessment = get_visible_or_404(request, Assessment.objects.select_related("framework", "unit"), VIEW, pk=pk)
    actions = round_actions(user=request.user, assessment=assessment)
    units = assignable_units(assessment)
    context: dict[str, Any] = {
        "assessment": assessment,
        "actions": actions,
        "groups": items_by_field(user=request.user, assessment=assessment),
        "rooms": room_progress(user=request.user, assessment=assessment),
        "deadline": deadline_of(assessment),
        "units": list(units),
    }
    if "assign" in actions:
        context["field_form"] = FieldAssignForm(units=units, fields=framework_fields(assessment), prefix="field")
    return render(request, "scorecard/round_detail.html", context)


ROUND_MESSAGES: dict[str, Promise] = {
    "open": gettext_lazy("Đã mở đợt tự chấm; trưởng các phòng chủ trì đã nhận thông báo."),
    "lock": gettext_lazy("Đã khóa đợt tự chấm: các phòng không sửa được nữa."),
    "reopen": gettext_lazy("Đã mở lại đợt tự chấm với hạn mới; trưởng các phòng chủ trì đã nhận thông báo."),
    "finalise": gettext_lazy("Đã hoàn tất đợt đánh giá."),
    "assign_field": gettext_lazy("Đã giao các tiêu chí của lĩnh vực cho phòng chủ trì."),
}


@login_required
@require_POST
def assessment_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One endpoint for the round's transitions (PAR managers only); each calls its own service."""
    if action not in ROUND_MESSAGES:
        raise Http404
    assessment = get_visible_or_404(request, Assessment.objects.select_related("framework", "unit"), VIEW, pk=pk)
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied(_("Chỉ Phòng Tổ chức – Cán bộ được mở, khóa, mở lại hoặc hoàn tất đợt đánh giá."))
    form: forms.Form
    if action in {"open", "reopen"}:
        form = DeadlineForm(request.POST)
    elif action == "assign_field":
        units = assignable_units(assessment)
        form = FieldAssignForm(request.POST, units=units, fields=framework_fields(assessment), prefix="field")
    else:
        form = forms.Form(request.POST)
    if not form.is_valid():
        _form_messages(request, form)
        return redirect("scorecard:assessment_detail", pk=assessment.pk)
    data = form.cleaned_data
    try:
        if action == "open":
            services.assessment_open(actor=request.user, assessment=assessment, deadline=data["deadline"])
        elif action == "reopen":
            services.assessment_reopen(actor=request.user, assessment=assessment, deadline=data["deadline"])
        elif action == "lock":
            services.assessment_lock(actor=request.user, assessment=assessment)
        elif action == "finalise":
            services.assessment_finalise(actor=request.user, assessment=assessment)
        else:
            services.items_assign_by_field(actor=request.user, assessment=assessment, **data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(ROUND_MESSAGES[action]))
    return redirect("scorecard:assessment_detail", pk=assessment.pk)


# ---- One criterion ----


def _item_queryset() -> QuerySet[AssessmentItem]:
    return AssessmentItem.objects.select_related(
        "criterion", "criterion__parent", "lead_unit", "assessment", "assessment__framework", "assessment__unit"
    )


def _item_context(request: HttpRequest, item: AssessmentItem, **bound: forms.Form) -> dict[str, Any]:
    user = request.user
    assessment = item.assessment
    actions = item_actions(user=user, item=item)
    query = request.GET.get("doc_q", "").strip()
    final_initial = item.final_score if item.final_score is not None else item.appraisal_score
    context: dict[str, Any] = {
        "item": item,
        "criterion": item.criterion,
        "assessment": assessment,
        "actions": actions,
        "coordinating": list(item.coordinating_units.all()),
        "evidence": item_evidence(user=user, item=item),
        "documents": linkable_documents(user=user, item=item, query=query) if "link" in actions else [],
        "doc_q": query,
        "tier_points": tier_points(item.criterion, item.measured_value),
        "deadline": deadline_of(assessment),
        "self_scoring_open": self_scoring_open(assessment),
        "can_edit": user.has_perm(EDIT, item),
        "score_form": SelfScoreForm(
            initial={
                "self_score": plain_number(item.self_score),
                "self_note": item.self_note,
                "measured_value": plain_number(item.measured_value),
            }
        ),
        "upload_form": EvidenceUploadForm(),
        "review_form": ReviewForm(),
        "appraisal_form": AppraisalForm(initial={"appraisal_score": plain_number(item.appraisal_score)}),
        "final_form": FinalScoreForm(initial={"final_score": plain_number(final_initial)}),
        "explanation_form": ExplanationForm(initial={"explanation": item.explanation}),
    }
    if "assign" in actions:
        context["assign_form"] = AssignForm(
            units=assignable_units(assessment),
            initial={"lead_unit": item.lead_unit, "coordinating_units": context["coordinating"]},
        )
    context.update(bound)
    return context


@login_required
def item_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One criterion: its rule and tiers, the room's self-score and evidence, TCCB's review, appraisal and final."""
    item = get_visible_or_404(request, _item_queryset(), VIEW, pk=pk)
    context = _item_context(request, item)
    if request.htmx and "doc_q" in request.GET:  # type: ignore[attr-defined]
        return render(request, "scorecard/item_document_options.html", context)
    return render(request, "scorecard/item_detail.html", context)


@dataclass(frozen=True)
class ItemAction:
    """A transition of an item: who may start it, the form it reads, the service it calls, what it says after."""

    perm: str
    form_name: str
    build: Callable[[HttpRequest, AssessmentItem], forms.Form]
    run: Callable[[HttpRequest, AssessmentItem, dict[str, Any]], object]
    success: Promise
    # False when the item page shows no field of the form (a button only): its errors then go on top of the page.
    inline: bool = True


def _plain_form(request: HttpRequest, item: AssessmentItem) -> forms.Form:
    return forms.Form(request.POST)


ITEM_ACTIONS: dict[str, ItemAction] = {
    "assign": ItemAction(
        MANAGE,
        "assign_form",
        lambda request, item: AssignForm(request.POST, units=assignable_units(item.assessment)),
        lambda request, item, data: services.item_assign(actor=request.user, item=item, **data),
        gettext_lazy("Đã giao tiêu chí cho phòng chủ trì."),
    ),
    "self_score": ItemAction(
        EDIT,
        "score_form",
        lambda request, item: SelfScoreForm(request.POST),
        lambda request, item, data: services.item_self_score(actor=request.user, item=item, **data),
        gettext_lazy("Đã lưu điểm tự chấm."),
    ),
    "upload": ItemAction(
        EDIT,
        "upload_form",
        lambda request, item: EvidenceUploadForm(request.POST, request.FILES),
        lambda request, item, data: services.item_attach_evidence(
            actor=request.user, item=item, upload=data["file"], title=data["title"]
        ),
        gettext_lazy("Đã tải lên tài liệu kiểm chứng."),
    ),
    "link": ItemAction(
        EDIT,
        "link_form",
        lambda request, item: EvidenceChoiceForm(
            request.POST, documents=restrict(EvidenceDocument.objects.all(), request.user, VIEW)
        ),
        lambda request, item, data: services.item_attach_evidence(
            actor=request.user, item=item, document=data["document"]
        ),
        gettext_lazy("Đã liên kết tài liệu có sẵn, không cần tải lên lại."),
    ),
    "detach": ItemAction(
        EDIT,
        "detach_form",
        lambda request, item: EvidenceChoiceForm(request.POST, documents=item.evidence.all()),
        lambda request, item, data: services.item_detach_evidence(
            actor=request.user, item=item, document=data["document"]
        ),
        gettext_lazy("Đã bỏ tài liệu khỏi tiêu chí (tài liệu vẫn được lưu trong hệ thống)."),
        inline=False,
    ),
    "submit": ItemAction(
        EDIT,
        "submit_form",
        _plain_form,
        lambda request, item, data: services.item_submit(actor=request.user, item=item),
        gettext_lazy("Đã gửi Phòng Tổ chức – Cán bộ."),
        inline=False,
    ),
    "accept": ItemAction(
        REVIEW,
        "review_form",
        lambda request, item: ReviewForm(request.POST),
        lambda request, item, data: services.item_accept(actor=request.user, item=item, **data),
        gettext_lazy("Đã duyệt tự chấm của phòng."),
    ),
    "return": ItemAction(
        REVIEW,
        "review_form",
        lambda request, item: ReviewForm(request.POST),
        lambda request, item, data: services.item_return(actor=request.user, item=item, **data),
        gettext_lazy("Đã trả lại cho phòng kèm ý kiến."),
    ),
    "appraise": ItemAction(
        REVIEW,
        "appraisal_form",
        lambda request, item: AppraisalForm(request.POST),
        lambda request, item, data: services.item_appraise(actor=request.user, item=item, **data),
        gettext_lazy("Đã lưu điểm thẩm định."),
    ),
    "explain": ItemAction(
        EXPLAIN,
        "explanation_form",
        lambda request, item: ExplanationForm(request.POST, request.FILES),
        lambda request, item, data: services.item_explain(
            actor=request.user, item=item, explanation=data["explanation"], upload=data.get("file") or None
        ),
        gettext_lazy("Đã gửi giải trình."),
    ),
    "finalise": ItemAction(
        REVIEW,
        "final_form",
        lambda request, item: FinalScoreForm(request.POST),
        lambda request, item, data: services.item_finalise(actor=request.user, item=item, **data),
        gettext_lazy("Đã chốt điểm cuối cùng."),
    ),
}


@login_required
@require_POST
def item_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One endpoint for an item's transitions; a refused one shows the page again with the input kept."""
    spec = ITEM_ACTIONS.get(action)
    if spec is None:
        raise Http404
    item = get_visible_or_404(request, _item_queryset(), VIEW, pk=pk)
    if not request.user.has_perm(spec.perm, item):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này với tiêu chí."))
    back = reverse("scorecard:item_detail", args=[item.pk])
    if request.POST.get("return_to") == "round":
        back = f"{reverse('scorecard:assessment_detail', args=[item.assessment_id])}#item-{item.pk}"
    form = spec.build(request, item)
    error: ValidationError | None = None
    if form.is_valid():
        try:
            spec.run(request, item, form.cleaned_data)
        except ValidationError as refused:
            error = refused
        else:
            messages.success(request, str(spec.success))
            return redirect(back)
    if not spec.inline or request.POST.get("return_to") == "round":
        _form_messages(request, form)
        if error is not None:
            messages.error(request, " ".join(error.messages))
        return redirect(back)
    if error is not None:
        _show_errors(request, form, error)
    item = get_visible_or_404(request, _item_queryset(), VIEW, pk=pk)
    return render(request, "scorecard/item_detail.html", _item_context(request, item, **{spec.form_name: form}))
