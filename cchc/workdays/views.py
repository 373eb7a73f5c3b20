"""The calendar page, its day editor and a due-date calculator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cchc.core.forms import form_add_service_errors
from cchc.core.permissions import CHANGE, get_visible_or_404

from .calendar import working_calendar
from .forms import CalendarDayForm, WorkingDayCalculatorForm
from .models import CalendarDay
from .selectors import calendar_days_of_year
from .services import calendar_day_delete, calendar_day_save, calendar_seed_year


def _year_from(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def calendar_view(request: HttpRequest) -> HttpResponse:
    """A year's holidays and make-up days, plus the due-date calculator."""
    year = _year_from(request)
    days, seeded = calendar_days_of_year(user=request.user, year=year)
    calculator = WorkingDayCalculatorForm(request.GET if "received_at" in request.GET else None)
    due = None
    if calculator.is_bound and calculator.is_valid():
        received_at = calculator.cleaned_data["received_at"]
        due = working_calendar(range(received_at.year, received_at.year + 3)).due_moment(
            received_at, calculator.cleaned_data["working_days"]
        )
    context = {
        "year": year,
        "years": range(year - 2, year + 3),
        "days": days,
        "seeded": seeded,
        "calculator": calculator,
        "due": due,
        "can_manage": request.user.has_perm("workdays.manage_calendar"),
    }
    return render(request, "workdays/calendar.html", context)


@login_required
@permission_required("workdays.manage_calendar", raise_exception=True)
@require_POST
def calendar_seed_view(request: HttpRequest) -> HttpResponse:
    year = _year_from(request)
    calendar_seed_year(actor=request.user, year=year)
    messages.success(request, _("Đã nạp lịch nghỉ lễ năm %(year)s vào bảng để chỉnh sửa.") % {"year": year})
    return redirect(f"{reverse('workdays:calendar')}?year={year}")


@login_required
@permission_required("workdays.manage_calendar", raise_exception=True)
@require_http_methods(["GET", "POST"])
def day_form_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    day = get_visible_or_404(request, CalendarDay.objects.all(), CHANGE, pk=pk) if pk else None
    form = CalendarDayForm(request.POST or None, instance=day)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = calendar_day_save(
                actor=request.user,
                day=day,
                date=data["date"],
                kind=data["kind"],
                name=data["name"],
                reference=data["reference"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu ngày %(day)s.") % {"day": saved})
            return redirect(f"{reverse('workdays:calendar')}?year={saved.date.year}")
    return render(request, "workdays/day_form.html", {"form": form, "day": day})


@login_required
@permission_required("workdays.manage_calendar", raise_exception=True)
@require_http_methods(["GET", "POST"])
def day_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    day = get_visible_or_404(request, CalendarDay.objects.all(), CHANGE, pk=pk)
    back = f"{reverse('workdays:calendar')}?year={day.date.year}"
    if request.method == "POST":
        calendar_day_delete(actor=request.user, day=day)
        messages.success(
            request, _("Đã xóa ngày %(day)s; ngày này trở lại như tuần làm việc bình thường.") % {"day": day}
        )
        return redirect(back)
    return render(request, "core/confirm_delete.html", {"object": day, "cancel_url": back})
