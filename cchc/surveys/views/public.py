"""The public survey form (no login): short links per campaign and collection point, kiosk mode, dossier link."""

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cchc.core.permissions import VIEW, restrict
from cchc.dossiers.models import Dossier
from cchc.dossiers.receipts import code_from_token

from ..abuse import HONEYPOT_FIELD, client_hash
from ..answers import ItemSpec, VersionSchema, version_schema
from ..choices import ItemKind, RefusalReason, ResponseChannel
from ..forms import ContactForm
from ..models.collection import Campaign, CollectionPoint, Response
from ..selectors import one_stop_campaign_for, public_target
from ..services import (
    CONSENT_TEXT,
    Contact,
    SubmissionInvalid,
    SubmissionRefused,
    campaign_accepting,
    response_submit,
)

LIKERT_CHOICES = (
    ("1", gettext_lazy("Rất không hài lòng")),
    ("2", gettext_lazy("Không hài lòng")),
    ("3", gettext_lazy("Bình thường")),
    ("4", gettext_lazy("Hài lòng")),
    ("5", gettext_lazy("Rất hài lòng")),
)
DEFAULT_KIOSK_RESET_SECONDS = 6


@dataclass(frozen=True)
class FormItem:
    """One question as the template draws it: its choices, what was answered and its error."""

    spec: ItemSpec
    choices: tuple[tuple[str, Any], ...]
    values: tuple[str, ...]
    error: str
    condition_note: str = ""

    @property
    def value(self) -> str:
        return self.values[0] if self.values else ""


def _choices(item: ItemSpec) -> tuple[tuple[str, Any], ...]:
    if item.kind == ItemKind.LIKERT:
        return LIKERT_CHOICES
    if item.kind == ItemKind.YES_NO:
        return (("1", _("Có")), ("0", _("Không")))
    return item.options


def _condition_note(schema: VersionSchema, item: ItemSpec) -> str:
    """“Trả lời nếu ở câu I4 chọn “Có”” for a conditional item (shown when the browser runs no script)."""
    if not item.condition_item:
        return ""
    source = schema.item(item.condition_item)
    labels = dict(_choices(source)) if source is not None else {}
    chosen = ", ".join(f"“{labels.get(value, value)}”" for value in sorted(item.condition_values))
    return _("Chỉ trả lời câu này nếu ở câu %(code)s Ông/Bà chọn %(values)s.") % {
        "code": item.condition_item,
        "values": chosen,
    }


def form_sections(
    schema: VersionSchema, raw: Mapping[str, Sequence[str]], errors: Mapping[str, str]
) -> list[dict[str, Any]]:
    """The sections with their items ready to draw, keeping what was typed when the form comes back with errors."""
    return [
        {
            "section": section,
            "items": [
                FormItem(
                    spec=item,
                    choices=_choices(item),
                    values=tuple(raw.get(item.code, ())),
                    error=errors.get(item.code, ""),
                    condition_note=_condition_note(schema, item),
                )
                for item in section.items
            ],
        }
        for section in schema.sections
    ]


def raw_answers(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """{item code: [values]} from the posted q-<code> fields."""
    getlist = getattr(data, "getlist", None)
    return {
        key[2:]: (getlist(key) if getlist else [data[key]]) for key in data if key.startswith("q-") and len(key) > 2
    }


def _kiosk_seconds() -> int:
    return int(getattr(settings, "CCHC_SURVEY_KIOSK_RESET_SECONDS", DEFAULT_KIOSK_RESET_SECONDS))


def _form_url(campaign: Campaign, point: CollectionPoint | None, kiosk: bool) -> str:
    args = [campaign.code, point.code] if point else [campaign.code]
    url = reverse("surveys_public:point_form" if point else "surveys_public:form", args=args)
    return f"{url}?kiosk=1" if kiosk else url


@require_http_methods(["GET", "POST"])
def survey_form_view(
    request: HttpRequest, code: str, point_code: str | None = None, kiosk: bool = False
) -> HttpResponse:
    target = public_target(code)
    if target is None or (point_code and point_code not in target.points):
        raise Http404
    campaign = target.campaign
    point = target.points[point_code] if point_code else None
    kiosk = kiosk or request.GET.get("kiosk") == "1"
    channel = ResponseChannel.KIOSK if kiosk else ResponseChannel.WEB
    preview = False
    if request.method == "GET" and not campaign_accepting(campaign):
        preview = restrict(Campaign.objects.filter(pk=campaign.pk), request.user, VIEW).exists()
        if not preview:
            return _message(request, campaign, _("Đợt khảo sát này hiện không nhận ý kiến. Xin cảm ơn Ông/Bà."))
    return _form_or_submit(
        request,
        campaign=campaign,
        point=point,
        channel=channel,
        kiosk=kiosk,
        dossier=None,
        thanks=_thanks_url(campaign, point, kiosk),
        preview=preview,
    )


def _thanks_url(campaign: Campaign, point: CollectionPoint | None, kiosk: bool) -> str:
    return _thanks_address(campaign.code, point.code if point else "", kiosk)


@functools.lru_cache(maxsize=1024)
def _thanks_address(campaign_code: str, point_code: str, kiosk: bool) -> str:
    """Reversing a URL is a visible share of a public submission's cost, and the address never changes."""
    query = {key: value for key, value in (("kiosk", "1" if kiosk else ""), ("p", point_code)) if value}
    url = reverse("surveys_public:thanks", args=[campaign_code])
    return f"{url}?{urlencode(query)}" if query else url


def _posted_contact(request: HttpRequest, kiosk: bool) -> tuple[ContactForm | None, Contact | None]:
    """The contact details posted with the answers: (form, contact), or (form with errors, None) when wrong.

    Most people tick no consent; their answers go in without building a form for the fields they left empty, and
    whatever those fields hold is not kept. A kiosk never keeps contact details (the next person would see them).
    """
    if kiosk or not request.POST.get("consent"):
        return None, Contact()
    form = ContactForm(request.POST)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, Contact(
        consent=True, name=data["contact_name"], phone=data["contact_phone"], email=data["contact_email"]
    )


def _form_or_submit(
    request: HttpRequest,
    *,
    campaign: Campaign,
    point: CollectionPoint | None,
    channel: str,
    kiosk: bool,
    dossier: Dossier | None,
    thanks: str,
    preview: bool = False,
) -> HttpResponse:
    schema = version_schema(campaign.instrument_version)
    raw: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    contact_form: ContactForm | None = None
    if request.method == "POST":
        raw = raw_answers(request.POST)
        contact_form, contact = _posted_contact(request, kiosk)
        try:
            if contact is not None:
                response_submit(
                    campaign=campaign,
                    raw_answers=raw,
                    channel=channel,
                    point=point,
                    client=client_hash(request),
                    honeypot=request.POST.get(HONEYPOT_FIELD, ""),
                    contact=contact,
                    dossier=dossier,
                )
                return HttpResponseRedirect(thanks)
        except SubmissionRefused as refusal:
            status = 429 if refusal.reason == RefusalReason.RATE_LIMITED else 200
            return _message(request, campaign, refusal.message, status=status, kiosk=kiosk, point=point)
        except SubmissionInvalid as invalid:
            errors = invalid.errors
    context = {
        "campaign": campaign,
        "point": point,
        "kiosk": kiosk,
        "dossier": dossier,
        "sections": form_sections(schema, raw, errors),
        "errors": errors,
        "contact_form": contact_form or ContactForm(request.POST or None),
        "consent_text": CONSENT_TEXT,
        "honeypot_field": HONEYPOT_FIELD,
        "one_question": campaign.layout == "one_question",
        "item_count": len(schema.items),
        "preview": preview,
    }
    return render(request, "surveys/public/form.html", context, status=400 if errors else 200)


def _message(
    request: HttpRequest,
    campaign: Campaign,
    message: str,
    *,
    status: int = 200,
    kiosk: bool = False,
    point: CollectionPoint | None = None,
) -> HttpResponse:
    context = {
        "campaign": campaign,
        "message": message,
        "kiosk": kiosk,
        "reset_url": _form_url(campaign, point, kiosk) if kiosk else "",
        "reset_seconds": _kiosk_seconds(),
    }
    return render(request, "surveys/public/message.html", context, status=status)


def survey_thanks_view(request: HttpRequest, code: str) -> HttpResponse:
    target = public_target(code)
    if target is None:
        raise Http404
    campaign = target.campaign
    kiosk = request.GET.get("kiosk") == "1"
    point = target.points.get(request.GET.get("p", ""))
    context = {
        "campaign": campaign,
        "kiosk": kiosk,
        "reset_url": _form_url(campaign, point, kiosk),
        "reset_seconds": _kiosk_seconds(),
    }
    return render(request, "surveys/public/thanks.html", context)


@require_http_methods(["GET", "POST"])
def dossier_survey_view(request: HttpRequest, token: str) -> HttpResponse:
    """The survey of the one-stop desk for the applicant of one dossier (one response per dossier).

    The address carries the same signed token as the dossier's public status page, not the bare code: a code is
    printed on paper and guessable, and must not let anybody answer in the applicant's name.
    """
    code = code_from_token(token)
    dossier = Dossier.objects.filter(code=code).only("pk", "code", "receiving_unit_id").first() if code else None
    if dossier is None:
        raise Http404
    campaign = one_stop_campaign_for(dossier)
    if campaign is None:
        return render(
            request,
            "surveys/public/message.html",
            {"message": _("Hiện chưa có đợt khảo sát nào cho hồ sơ này. Xin cảm ơn Ông/Bà."), "dossier": dossier},
        )
    if Response.objects.filter(dossier=dossier).exists():
        return _message(
            request, campaign, _("Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần, xin cảm ơn Ông/Bà.")
        )
    return _form_or_submit(
        request,
        campaign=campaign,
        point=None,
        channel=ResponseChannel.DOSSIER,
        kiosk=False,
        dossier=dossier,
        thanks=_thanks_url(campaign, None, False),
    )
