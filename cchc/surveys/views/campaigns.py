"""Staff pages for campaigns: list, detail, create, edit, open and close, collection points, QR codes, posters."""

import io
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cchc.core.forms import form_add_service_errors
from cchc.core.listing import paginate, sort_queryset, xlsx_download
from cchc.core.permissions import CHANGE, MANAGE, VIEW, get_visible_or_404, restrict

from ..choices import CampaignStatus
from ..filters import CampaignFilter
from ..forms import CampaignForm, PointForm
from ..models.collection import Campaign, CollectionPoint
from ..selectors import campaign_list, campaign_points, campaign_refusals
from ..services import (
    campaign_close,
    campaign_create,
    campaign_open,
    campaign_update,
    point_create,
    point_delete,
)

CAMPAIGN_SORTS = {
    "name": "name",
    "starts_on": "starts_on",
    "ends_on": "ends_on",
    "facility": "facility__name",
    "status": "status",
    "responses": "response_count",
}


def short_link(campaign: Campaign, point: CollectionPoint | None = None, *, kiosk: bool = False) -> str:
    """The public address printed on the poster (the site's public address, not the address staff use)."""
    if point is None:
        path = reverse("surveys_public:kiosk" if kiosk else "surveys_public:form", args=[campaign.code])
    else:
        name = "surveys_public:point_kiosk" if kiosk else "surveys_public:point_form"
        path = reverse(name, args=[campaign.code, point.code])
    return f"{settings.CCHC_SITE_URL.rstrip('/')}{path}"


@login_required
def campaign_list_view(request: HttpRequest) -> HttpResponse:
    filterset = CampaignFilter(request.GET, queryset=campaign_list(user=request.user))
    campaigns, sort = sort_queryset(request, filterset.qs, CAMPAIGN_SORTS, "-starts_on")
    if request.GET.get("export") == "xlsx":
        return xlsx_download(
            request,
            filename="dot-khao-sat",
            title=_("Đợt khảo sát"),
            headers=[
                _("Mã"),
                _("Tên đợt"),
                _("Cơ sở"),
                _("Khoa, bộ phận"),
                _("Bộ câu hỏi"),
                _("Từ ngày"),
                _("Đến ngày"),
                _("Cỡ mẫu mục tiêu"),
                _("Số phiếu"),
                _("Trạng thái"),
            ],
            rows=(
                [
                    c.code,
                    c.name,
                    str(c.facility),
                    c.service_name,
                    c.instrument_version.instrument.code,
                    c.starts_on,
                    c.ends_on,
                    c.target_sample,
                    c.response_count,
                    c.get_status_display(),
                ]
                for c in campaigns
            ),
        )
    context = {
        "filter": filterset,
        "page": paginate(request, campaigns),
        "sort": sort,
        "can_manage": request.user.has_perm("surveys.manage_campaigns"),
    }
    return render(request, "surveys/campaign_list.html", context)


def _campaign(request: HttpRequest, pk: int, action: str = VIEW) -> Campaign:
    queryset = Campaign.objects.select_related("facility", "instrument_version__instrument", "procedure", "created_by")
    return get_visible_or_404(request, queryset, action, pk=pk)


@login_required
def campaign_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    points = [
        {"point": point, "link": short_link(campaign, point), "kiosk": short_link(campaign, point, kiosk=True)}
        for point in campaign_points(campaign)
    ]
    response_count = campaign.responses.count()
    context = {
        "campaign": campaign,
        "link": short_link(campaign),
        "kiosk_link": short_link(campaign, kiosk=True),
        "points": points,
        "response_count": response_count,
        "progress": min(100, round(response_count * 100 / campaign.target_sample)) if campaign.target_sample else 0,
        "refusals": campaign_refusals(campaign),
        "collectors": campaign.collectors.order_by("last_name", "first_name"),
        "can_manage": restrict(Campaign.objects.filter(pk=pk), request.user, MANAGE).exists(),
        "can_enter": restrict(Campaign.objects.filter(pk=pk), request.user, CHANGE).exists(),
        "point_form": PointForm(),
    }
    return render(request, "surveys/campaign_detail.html", context)


def _save(request: HttpRequest, form: CampaignForm, campaign: Campaign | None) -> Campaign | None:
    data: dict[str, Any] = dict(form.cleaned_data)
    collectors = data.pop("collectors", [])
    try:
        if campaign is None:
            return campaign_create(actor=request.user, collectors=collectors, **data)
        return campaign_update(actor=request.user, campaign=campaign, collectors=collectors, **data)
    except ValidationError as error:
        form_add_service_errors(form, error)
        return None


@login_required
@permission_required("surveys.manage_campaigns", raise_exception=True)
@require_http_methods(["GET", "POST"])
def campaign_create_view(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = _save(request, form, None)
        if campaign is not None:
            messages.success(
                request,
                _("Đã tạo đợt khảo sát “%(name)s” (dự thảo). Thêm điểm thu thập, in áp phích mã QR rồi bấm “Mở đợt”.")
                % {"name": campaign.name},
            )
            return redirect("surveys:campaign_detail", pk=campaign.pk)
    return render(request, "surveys/campaign_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk, MANAGE)
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid() and _save(request, form, campaign) is not None:
        messages.success(request, _("Đã lưu đợt khảo sát."))
        return redirect("surveys:campaign_detail", pk=campaign.pk)
    return render(request, "surveys/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
@require_POST
def campaign_transition_view(request: HttpRequest, pk: int, transition: str) -> HttpResponse:
    campaign = _campaign(request, pk, MANAGE)
    service = {"open": campaign_open, "close": campaign_close}[transition]
    try:
        campaign = service(actor=request.user, campaign=campaign)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if campaign.status == CampaignStatus.OPEN:
            messages.success(request, _("Đợt khảo sát đã mở: người dân có thể quét mã QR để trả lời."))
        else:
            messages.success(request, _("Đã kết thúc đợt khảo sát: biểu mẫu công khai không nhận ý kiến nữa."))
    return redirect("surveys:campaign_detail", pk=campaign.pk)


@login_required
@require_POST
def point_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk, MANAGE)
    form = PointForm(request.POST)
    if form.is_valid():
        try:
            point = point_create(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã thêm điểm thu thập “%(name)s”.") % {"name": point.name})
    else:
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return redirect("surveys:campaign_detail", pk=campaign.pk)


@login_required
@require_POST
def point_delete_view(request: HttpRequest, pk: int, point_pk: int) -> HttpResponse:
    campaign = _campaign(request, pk, MANAGE)
    point = get_visible_or_404(request, CollectionPoint.objects.filter(campaign=campaign), MANAGE, pk=point_pk)
    try:
        point_delete(actor=request.user, point=point)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã xóa điểm thu thập."))
    return redirect("surveys:campaign_detail", pk=campaign.pk)


def _point_of(request: HttpRequest, campaign: Campaign, point_pk: int | None) -> CollectionPoint | None:
    if point_pk is None:
        return None
    return get_visible_or_404(request, CollectionPoint.objects.filter(campaign=campaign), VIEW, pk=point_pk)


@login_required
def campaign_qr_view(request: HttpRequest, pk: int, image: str, point_pk: int | None = None) -> HttpResponse:
    """The QR code of the short link (of the campaign or of one collection point), as PNG or SVG."""
    campaign = _campaign(request, pk)
    point = _point_of(request, campaign, point_pk)
    code = segno.make(short_link(campaign, point, kiosk=request.GET.get("kiosk") == "1"), error="m")
    buffer = io.BytesIO()
    if image == "svg":
        code.save(buffer, kind="svg", scale=10, border=2, xmldecl=True, svgns=True)
        content_type = "image/svg+xml"
    else:
        code.save(buffer, kind="png", scale=12, border=2)
        content_type = "image/png"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    name = f"qr-{campaign.code}{'-' + point.code if point else ''}.{image}"
    if request.GET.get("download") == "1":
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def campaign_poster_view(request: HttpRequest, pk: int, point_pk: int | None = None) -> HttpResponse:
    """A printable A4 poster: the QR code, the campaign's name, where, and how to answer."""
    campaign = _campaign(request, pk)
    point = _point_of(request, campaign, point_pk)
    link = short_link(campaign, point)
    svg = io.BytesIO()
    segno.make(link, error="m").save(
        svg, kind="svg", border=2, xmldecl=False, svgns=True, svgclass="poster-qr", omitsize=True
    )
    context = {"campaign": campaign, "point": point, "link": link, "qr_svg": svg.getvalue().decode()}
    return render(request, "surveys/poster.html", context)
