"""The public portal's home page: find a procedure, follow a dossier, answer a survey, see the results."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .selectors import open_campaigns, published_results


@require_GET
def home_view(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    context = {"campaigns": open_campaigns(), "results": published_results(year), "year": year}
    return render(request, "portal/home.html", context)
