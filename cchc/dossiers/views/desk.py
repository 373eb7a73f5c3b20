"""Staff pages of the one-stop desk: the list (with its XLSX export and the logbook, mẫu 07), the officer's day,
reception, a dossier's page with its actions, the forms of the one-stop rules (01–06) and the leadership's apology
queue."""

from collections.abc import Callable, Iterator, Sequence
from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cchc.core.forms import form_add_service_errors
from cchc.core.listing import paginate, sort_queryset, xlsx_download
from cchc.core.permissions import VIEW, get_visible_or_404
from cchc.procedures.choices import ProcedureStatus
from cchc.procedures.models import Procedure
from cchc.reports.pdf import docx_to_pdf, pdf_available

from .. import desk_forms, receipts, services
from ..choices import OPEN_STATUSES, ApologyStatus
from ..filters import DossierFilter
from ..forms import (
    ApologyForm,
    ApologyIssueForm,
    FlagsForm,
    NoteForm,
    ReceptionForm,
    ResumeForm,
    ReturnForm,
    StepForm,
)
from ..models import Apology, Dossier
from ..selectors import apology_queue, desk_today, dossier_list, dossier_timeline, search_condition

LIST_SORTS = {
    "received": "received_at",
    "due": "due_at",
    "code": "code",
    "status": "status",
    "applicant": "applicant_name",
}
PROCEDURE_PICK_LIMIT = 30
DOCUMENT_KINDS = frozenset({"docx", "pdf"})


def _local(moment: Any) -> Any:
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _logbook_note(dossier: Dossier) -> str:
    """The reason a dossier was closed, that it waits for a supplement, or its new appointment after an apology."""
    if dossier.closed_reason:
        return dossier.closed_reason
    if dossier.paused_since:
        return _("Chờ bổ sung từ %(date)s") % {"date": timezone.localtime(dossier.paused_since).strftime("%d/%m/%Y")}
    if dossier.appointment_at != dossier.due_at:
        return _("Hẹn lại ngày %(date)s") % {"date": timezone.localtime(dossier.appointment_at).strftime("%d/%m/%Y")}
    return ""


# The columns of the list's export and of the logbook (mẫu 07): a header and how a dossier fills it.
Column = tuple[Promise, Callable[[Dossier], Any]]
CODE: Column = (gettext_lazy("Mã hồ sơ"), attrgetter("code"))
PROCEDURE: Column = (gettext_lazy("Thủ tục"), lambda dossier: f"{dossier.procedure.code} — {dossier.procedure.name}")
APPLICANT: Column = (gettext_lazy("Người nộp"), attrgetter("applicant_name"))
RECEIVED: Column = (gettext_lazy("Tiếp nhận"), lambda dossier: _local(dossier.received_at))
DUE: Column = (gettext_lazy("Hạn giải quyết"), lambda dossier: _local(dossier.due_at))
STATUS: Column = (gettext_lazy("Trạng thái"), lambda dossier: dossier.get_status_display())
LIST_COLUMNS: list[Column] = [
    CODE,
    PROCEDURE,
    APPLICANT,
    (gettext_lazy("Hình thức nộp"), lambda dossier: dossier.get_channel_display()),
    (gettext_lazy("Nơi tiếp nhận"), lambda dossier: dossier.receiving_unit.name),
    (gettext_lazy("Đơn vị giải quyết"), lambda dossier: dossier.handling_unit.name),
    RECEIVED,
    DUE,
    (gettext_lazy("Ngày hẹn trả"), lambda dossier: _local(dossier.appointment_at)),
    STATUS,
    (gettext_lazy("Tiến độ"), lambda dossier: dossier.get_timeliness_display()),
    (gettext_lazy("Dự báo trễ hạn"), lambda dossier: _("Có") if dossier.late_predicted else ""),
]
LOGBOOK_COLUMNS: list[Column] = [
    CODE,
    PROCEDURE,
    APPLICANT,
    RECEIVED,
    DUE,
    (gettext_lazy("Có kết quả"), lambda dossier: _local(dossier.finished_at)),
    (gettext_lazy("Trả kết quả"), lambda dossier: _local(dossier.returned_at)),
    STATUS,
    (gettext_lazy("Ghi chú"), _logbook_note),
]


def _headers(columns: Sequence[Column]) -> list[str]:
    return [str(header) for header, _value in columns]


def _list_rows(dossiers: Any, columns: Sequence[Column]) -> Iterator[list[Any]]:
    for dossier in dossiers.iterator(chunk_size=1000):
        yield [value(dossier) for _header, value in columns]


def _logbook_download(request: HttpRequest, filterset: DossierFilter) -> HttpResponse:
    """Mẫu 07: the dossiers of the list's filters (usually a reception period), oldest first, under the form's
    heading. A wrong filter gives the list page back with the problem, and no file."""
    form = filterset.form
    if not filterset.is_valid():
        problems = [
            f"{form.fields[name].label if name in form.fields else ''}: {' '.join(map(str, errors))}"
            for name, errors in form.errors.items()
        ]
        messages.error(request, _("Chưa xuất được sổ theo dõi hồ sơ. %(problems)s") % {"problems": " ".join(problems)})
        params = request.GET.copy()
        params.pop("export", None)
        return redirect(f"{reverse('dossiers:list')}?{params.urlencode()}")
    data = form.cleaned_data
    unit = data.get("unit") or getattr(request.user, "unit", None)
    headers = [_("STT"), *_headers(LOGBOOK_COLUMNS)]
    rows = _list_rows(filterset.qs.order_by("received_at", "pk"), LOGBOOK_COLUMNS)
    return xlsx_download(
        request,
        filename="so-theo-doi-ho-so",
        title=_("Sổ theo dõi hồ sơ"),
        headers=headers,
        rows=([number, *row] for number, row in enumerate(rows, start=1)),
        preamble=desk_forms.logbook_heading(
            issuer=unit.name if unit else "",
            since=data.get("received_since"),
            until=data.get("received_until"),
            width=len(headers),
        ),
    )


def _logbook_url(request: HttpRequest) -> str:
    """The list's address with its filters and export=logbook."""
    params = request.GET.copy()
    for name in ("page", "sort"):
        params.pop(name, None)
    params["export"] = "logbook"
    return f"?{params.urlencode()}"


@login_required
def dossier_list_view(request: HttpRequest) -> HttpResponse:
    """Every dossier the user may see, with search without diacritics, filters, sorting and export."""
    filterset = DossierFilter(request.GET, queryset=dossier_list(user=request.user), request=request)
    dossiers, sort = sort_queryset(request, filterset.qs, LIST_SORTS, "-received")
    if request.GET.get("export") == "xlsx":
        return xlsx_download(
            request,
            filename="ho-so-mot-cua",
            title=_("Hồ sơ một cửa"),
            headers=_headers(LIST_COLUMNS),
            rows=_list_rows(dossiers, LIST_COLUMNS),
        )
    if request.GET.get("export") == "logbook":
        return _logbook_download(request, filterset)
    context = {
        "filter": filterset,
        "logbook_url": _logbook_url(request),
        "page": paginate(request, dossiers),
        "sort": sort,
        "now": timezone.now(),
        "open_statuses": OPEN_STATUSES,
        "can_receive": request.user.has_perm("dossiers.receive_dossier"),
    }
    return render(request, "dossiers/dossier_list.html", context)


@login_required
def desk_today_view(request: HttpRequest) -> HttpResponse:
    """The one-stop officer's day."""
    context = {
        **desk_today(user=request.user),
        "now": timezone.now(),
        "open_statuses": OPEN_STATUSES,
        "can_receive": request.user.has_perm("dossiers.receive_dossier"),
    }
    return render(request, "dossiers/today.html", context)


def _require_receiver(request: HttpRequest) -> None:
    if not request.user.has_perm("dossiers.receive_dossier"):
        raise PermissionDenied(_("Chỉ cán bộ một cửa (có đơn vị công tác) được tiếp nhận hồ sơ."))


@login_required
def receive_pick_view(request: HttpRequest) -> HttpResponse:
    """Step 1 of reception: find the procedure (by code or name, without diacritics)."""
    _require_receiver(request)
    query = request.GET.get("q", "").strip()
    procedures = Procedure.objects.filter(status=ProcedureStatus.ACTIVE, current_version__isnull=False)
    procedures = procedures.select_related("current_version", "resolving_unit").order_by("code")
    if query:
        procedures = procedures.filter(search_condition(query) | Q(code__icontains=query) | Q(name__icontains=query))
    return render(
        request,
        "dossiers/receive_pick.html",
        {"procedures": procedures[:PROCEDURE_PICK_LIMIT], "query": query, "limit": PROCEDURE_PICK_LIMIT},
    )


@login_required
@require_http_methods(["GET", "POST"])
def receive_view(request: HttpRequest, procedure_pk: int) -> HttpResponse:
    """Step 2 of reception: the applicant, the documents received, the channel and the moment."""
    _require_receiver(request)
    procedure = Procedure.objects.select_related("current_version", "resolving_unit").filter(pk=procedure_pk).first()
    if procedure is None or procedure.current_version is None:
        raise Http404
    form = ReceptionForm(request.POST or None, version=procedure.current_version)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            dossier = services.dossier_receive(
                actor=request.user,
                procedure=procedure,
                receiving_unit=request.user.unit,  # type: ignore[union-attr,arg-type]
                documents=list(data.pop("documents")),
                **data,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, _("Đã tiếp nhận hồ sơ %(code)s. Hãy in giấy tiếp nhận cho công dân.") % {"code": dossier.code}
            )
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "dossiers/receive_form.html", {"form": form, "procedure": procedure})


def _visible(request: HttpRequest, pk: int) -> Dossier:
    queryset = Dossier.objects.select_related(
        "procedure", "procedure_version", "receiving_unit", "handling_unit", "received_by"
    )
    return get_visible_or_404(request, queryset, VIEW, pk=pk)


@login_required
def dossier_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _visible(request, pk)
    user = request.user
    can_act = user.has_perm("dossiers.act_on_dossier", dossier)
    open_step = dossier.steps.filter(finished_at__isnull=True).first()
    context = {
        "dossier": dossier,
        "timeline": dossier_timeline(dossier),
        "steps": dossier.steps.select_related("handler", "handling_unit"),
        "pauses": dossier.pauses.all(),
        "apologies": dossier.apologies.select_related("drafted_by", "decided_by"),
        "open_step": open_step,
        "can_act": can_act,
        "can_approve": user.has_perm("dossiers.approve_apology", dossier),
        "step_form": StepForm(unit=dossier.handling_unit),
        "flags_form": FlagsForm(initial={name: getattr(dossier, name) for name in services.FLAG_FIELDS}),
        "return_form": ReturnForm(),
        "resume_form": ResumeForm(),
        "issue_form": ApologyIssueForm(initial={"issued_on": timezone.localdate()}),
        "pdf_available": pdf_available(),
        "now": timezone.now(),
        "open_statuses": OPEN_STATUSES,
        "apology_open": dossier.apologies.filter(status__in=[ApologyStatus.DRAFT, ApologyStatus.APPROVED]).exists(),
        "public_url": receipts.public_status_url(dossier),
        "desk_forms": [
            (form, item, label) for form in desk_forms.DESK_FORMS.values() for item, label in form.choices(dossier)
        ],
    }
    return render(request, "dossiers/dossier_detail.html", context)


def _acting(request: HttpRequest, pk: int) -> Dossier:
    dossier = _visible(request, pk)
    if not request.user.has_perm("dossiers.act_on_dossier", dossier):
        raise PermissionDenied(_("Bạn chỉ được xem hồ sơ này, không được xử lý."))
    return dossier


def _step_start(request: HttpRequest, dossier: Dossier) -> str:
    form = StepForm(request.POST, unit=dossier.handling_unit)
    if not form.is_valid():
        raise ValidationError(
            [f"{form.fields[name].label}: {' '.join(map(str, errors))}" for name, errors in form.errors.items()]
        )
    services.dossier_start_step(actor=request.user, dossier=dossier, **form.cleaned_data)
    return _("Đã chuyển hồ sơ sang bước xử lý mới.")


def _step_finish(request: HttpRequest, dossier: Dossier) -> str:
    services.dossier_finish_step(actor=request.user, dossier=dossier, note=request.POST.get("note", ""))
    return _("Đã kết thúc bước xử lý.")


def _supplement(request: HttpRequest, dossier: Dossier) -> str:
    services.dossier_request_supplement(actor=request.user, dossier=dossier, reason=request.POST.get("reason", ""))
    return _("Đã yêu cầu bổ sung; thời hạn giải quyết tạm dừng.")


def _resume(request: HttpRequest, dossier: Dossier) -> str:
    form = ResumeForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Thời điểm nhận bổ sung không đúng định dạng."))
    services.dossier_resume(actor=request.user, dossier=dossier, received_at=form.cleaned_data["received_at"])
    return _("Đã nhận hồ sơ bổ sung; hạn giải quyết được lùi tương ứng.")


def _result_ready(request: HttpRequest, dossier: Dossier) -> str:
    services.dossier_mark_result_ready(actor=request.user, dossier=dossier, note=request.POST.get("note", ""))
    return _("Đã ghi nhận có kết quả, chờ trả cho công dân.")


def _return(request: HttpRequest, dossier: Dossier) -> str:
    form = ReturnForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Chọn hình thức trả kết quả."))
    services.dossier_return(actor=request.user, dossier=dossier, method=form.cleaned_data["method"])
    return _("Đã trả kết quả.")


def _closing(service: Callable[..., Dossier], done: Any) -> Callable[[HttpRequest, Dossier], str]:
    def act(request: HttpRequest, dossier: Dossier) -> str:
        service(actor=request.user, dossier=dossier, reason=request.POST.get("reason", ""))
        return done

    return act


def _flags(request: HttpRequest, dossier: Dossier) -> str:
    form = FlagsForm(request.POST)
    form.is_valid()
    services.dossier_flags_update(actor=request.user, dossier=dossier, **form.cleaned_data)
    return _("Đã cập nhật thông tin số hóa, thanh toán.")


DOSSIER_ACTIONS: dict[str, Callable[[HttpRequest, Dossier], str]] = {
    "start-step": _step_start,
    "finish-step": _step_finish,
    "supplement": _supplement,
    "resume": _resume,
    "result-ready": _result_ready,
    "return": _return,
    "refuse": _closing(services.dossier_refuse, gettext_lazy("Đã từ chối giải quyết hồ sơ.")),
    "withdraw": _closing(services.dossier_withdraw, gettext_lazy("Đã ghi nhận công dân rút hồ sơ.")),
    "stop": _closing(services.dossier_stop, gettext_lazy("Đã dừng giải quyết hồ sơ.")),
    "flags": _flags,
}


@login_required
@require_POST
def dossier_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One endpoint for the transitions of a dossier; each calls its own service."""
    if action not in DOSSIER_ACTIONS:
        raise Http404
    dossier = _acting(request, pk)
    try:
        done = DOSSIER_ACTIONS[action](request, dossier)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(done))
    return redirect("dossiers:detail", pk=dossier.pk)


def _attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _pdf_or_404(content: bytes, filename: str) -> HttpResponse:
    pdf = docx_to_pdf(content)
    if pdf is None:
        raise Http404(_("Máy chủ chưa có LibreOffice nên chưa tạo được bản PDF."))
    return _attachment(pdf, filename, "application/pdf")


def _document(content: bytes, name: str, kind: str) -> HttpResponse:
    """A generated DOCX as an attachment, or its PDF copy when `kind` is "pdf"."""
    if kind == "pdf":
        return _pdf_or_404(content, f"{name}.pdf")
    return _attachment(content, f"{name}.docx", receipts.DOCX_TYPE)


@login_required
def desk_form_view(request: HttpRequest, pk: int, form: str, kind: str) -> HttpResponse:
    """A form of the one-stop rules (01, 02, 03, 05, 06) for the dossier as DOCX, or PDF where LibreOffice is
    installed. Not found where the form does not apply (02 without a supplement request, 03 unless refused, 05
    unless stopped); `?item=` picks which supplement request form 02 is for (the latest by default)."""
    return _desk_form_response(request, pk, form, kind)


@login_required
def receipt_view(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Mẫu 01 of the dossier at the receipt's own address, kept so that links to it keep working."""
    return _desk_form_response(request, pk, "01", kind)


def _desk_form_response(request: HttpRequest, pk: int, form: str, kind: str) -> HttpResponse:
    desk_form = desk_forms.DESK_FORMS.get(form)
    if desk_form is None or kind not in DOCUMENT_KINDS:
        raise Http404
    dossier = _visible(request, pk)
    items = [item for item, _label in desk_form.choices(dossier)]
    item = request.GET.get("item") or (items[0] if items else "")
    if item not in items:
        raise Http404
    return _document(desk_form.build(dossier, item), f"{desk_form.filename}-{dossier.code}", kind)


@login_required
@require_http_methods(["GET", "POST"])
def apology_draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _acting(request, pk)
    form = ApologyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.apology_draft(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã dự thảo văn bản xin lỗi; chờ lãnh đạo duyệt."))
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "dossiers/apology_form.html", {"form": form, "dossier": dossier})


def _visible_apology(request: HttpRequest, pk: int) -> Apology:
    apology = Apology.objects.select_related("dossier").filter(pk=pk).first()
    if apology is None:
        raise Http404
    _visible(request, apology.dossier_id)
    return apology


@login_required
def apology_document_view(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Mẫu 04 of an apology as DOCX (or PDF where LibreOffice is installed)."""
    if kind not in DOCUMENT_KINDS:
        raise Http404
    apology = _visible_apology(request, pk)
    apology = Apology.objects.select_related(
        "dossier__procedure",
        "dossier__procedure_version",
        "dossier__receiving_unit",
        "dossier__handling_unit",
        "decided_by",
    ).get(pk=apology.pk)
    return _document(receipts.apology_docx(apology), f"van-ban-xin-loi-{apology.dossier.code}", kind)


@login_required
@require_POST
def apology_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Approve or reject (leadership, the handling unit's head), or issue (the desk) an apology."""
    apology = _visible_apology(request, pk)
    perm = "dossiers.act_on_dossier" if action == "issue" else "dossiers.approve_apology"
    if action not in {"approve", "reject", "issue"}:
        raise Http404
    if not request.user.has_perm(perm, apology.dossier):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này với văn bản xin lỗi."))
    try:
        if action == "approve":
            services.apology_approve(actor=request.user, apology=apology, note=request.POST.get("note", ""))
            done = _("Đã duyệt văn bản xin lỗi.")
        elif action == "reject":
            services.apology_reject(actor=request.user, apology=apology, note=request.POST.get("note", ""))
            done = _("Đã trả lại dự thảo kèm ý kiến.")
        else:
            form = ApologyIssueForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Cần ghi số văn bản và ngày phát hành hợp lệ."))
            services.apology_issue(actor=request.user, apology=apology, **form.cleaned_data)
            done = _("Đã phát hành văn bản xin lỗi; ngày hẹn trả mới hiển thị trên trang tra cứu.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    if action != "issue" and request.POST.get("next") == "queue":
        return redirect("dossiers:apology_queue")
    return redirect("dossiers:detail", pk=apology.dossier_id)


@login_required
def apology_queue_view(request: HttpRequest) -> HttpResponse:
    """Draft apologies waiting for the user's approval."""
    if not request.user.has_perm("dossiers.view_apology_queue"):
        raise PermissionDenied(_("Chỉ lãnh đạo Sở và trưởng đơn vị giải quyết duyệt văn bản xin lỗi."))
    queue = apology_queue(user=request.user)
    return render(request, "dossiers/apology_queue.html", {"page": paginate(request, queue), "form": NoteForm()})
