from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cchc.plans.choices import OPEN_STATUSES

from .selectors import home_summary


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    """Each role's home page: what this person needs to know first."""
    context = {
        "summary": home_summary(user=request.user),
        "today": timezone.localdate(),
        "open_statuses": OPEN_STATUSES,
    }
    return render(request, "dashboard/home.html", context)
