"""Interviewer entry: staff type paper forms quickly with the keyboard only, one form after another."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cchc.core.permissions import CHANGE, get_visible_or_404

from ..answers import version_schema
from ..choices import ItemKind, ResponseChannel
from ..forms import PaperEntryForm
from ..models.collection import Campaign
from ..services import PossibleDuplicate, SubmissionInvalid, SubmissionRefused, response_submit
from .public import form_sections, raw_answers


def _split_multiple(raw: dict[str, list[str]], codes: set[str]) -> dict[str, list[str]]:
    """A multiple-choice answer is typed as “1,3” or “1 3” in one box."""
    return {
        code: ([part for value in values for part in value.replace(",", " ").split()] if code in codes else values)
        for code, values in raw.items()
    }


def _moment(day: datetime.date | None) -> datetime.datetime | None:
    """The paper form's survey date at noon (local time), so that it falls in the right day and month."""
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


@login_required
@require_http_methods(["GET", "POST"])
def paper_entry_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_visible_or_404(
        request, Campaign.objects.select_related("instrument_version", "facility"), CHANGE, pk=pk
    )
    schema = version_schema(campaign.instrument_version)
    # The point and the survey date stay from one paper form to the next (they come back in the query string).
    initial = {"point": request.GET.get("point") or None, "surveyed_on": request.GET.get("surveyed_on") or None}
    form = PaperEntryForm(request.POST or None, campaign=campaign, initial=initial)
    raw: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    duplicate_warning = ""
    if request.method == "POST":
        multiple = {item.code for item in schema.items if item.kind == ItemKind.MULTIPLE_CHOICE}
        raw = _split_multiple(raw_answers(request.POST), multiple)
        if form.is_valid():
            data = form.cleaned_data
            try:
                response = response_submit(
                    campaign=campaign,
                    raw_answers=raw,
                    channel=ResponseChannel.INTERVIEWER,
                    point=data["point"],
                    entered_by=request.user,
                    paper_form_number=data["paper_form_number"],
                    allow_same_answers=data["allow_same_answers"],
                    submitted_at=_moment(data["surveyed_on"]),
                )
            except SubmissionRefused as refusal:
                form.add_error("paper_form_number", refusal.message)
            except PossibleDuplicate as duplicate:
                duplicate_warning = str(duplicate)
            except SubmissionInvalid as invalid:
                errors = invalid.errors
            else:
                messages.success(
                    request,
                    _("Đã lưu phiếu số %(number)s. Nhập phiếu tiếp theo.") % {"number": response.paper_form_number},
                )
                sticky = {"point": data["point"].pk if data["point"] else "", "surveyed_on": data["surveyed_on"] or ""}
                query = urlencode({key: value for key, value in sticky.items() if value})
                target = reverse("surveys:paper_entry", args=[campaign.pk])
                return redirect(f"{target}?{query}" if query else target)
    context = {
        "campaign": campaign,
        "form": form,
        "sections": form_sections(schema, raw, errors),
        "errors": errors,
        "first_error": next(iter(errors), ""),
        "duplicate_warning": duplicate_warning,
        "entered_count": campaign.responses.filter(channel=ResponseChannel.INTERVIEWER).count(),
    }
    status = 400 if (errors or form.errors or duplicate_warning) else 200
    return render(request, "surveys/paper_entry.html", context, status=status)
