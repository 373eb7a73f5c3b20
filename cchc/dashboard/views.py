from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import home_summary


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    """Each role's home page: what this person needs to know first."""
    return render(request, "dashboard/home.html", {"summary": home_summary(user=request.user)})
