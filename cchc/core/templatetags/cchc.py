"""Presentation helpers for templates: sortable column headers and links to an object's history."""

from typing import Any

from django import template
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_header(context: dict[str, Any], key: str, label: str) -> str:
    """A column header that sorts by `key`, toggling direction, keeping the other query parameters."""
    request: HttpRequest = context["request"]
    current = context.get("sort", "")
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("export", None)
    descending_now = current == f"-{key}"
    params["sort"] = key if descending_now or current != key else f"-{key}"
    arrow = ""
    aria = "none"
    if current == key:
        arrow, aria = " ▲", "ascending"
    elif descending_now:
        arrow, aria = " ▼", "descending"
    return format_html(
        '<a href="?{}" class="link-dark text-decoration-none" aria-sort="{}">{}{}</a>',
        params.urlencode(),
        aria,
        label,
        arrow,
    )


@register.simple_tag(takes_context=True)
def export_url(context: dict[str, Any]) -> str:
    """The current list's address with export=xlsx: the same filters and sort, all pages."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    params["export"] = "xlsx"
    return f"?{params.urlencode()}"


@register.simple_tag
def history_url(instance: models.Model) -> str:
    """The address of an object's history tab."""
    meta = instance._meta
    return reverse("core:object_history", args=[meta.app_label, meta.model_name, instance.pk])


@register.filter
def bs_widget(field: Any) -> str:
    """Render a form field's widget with Bootstrap's classes (and aria-invalid when it has errors)."""
    widget = field.field.widget
    input_type = getattr(widget, "input_type", "")
    if input_type in {"checkbox", "radio"}:
        css = "form-check-input"
    elif widget.__class__.__name__ in {"Select", "SelectMultiple", "NullBooleanSelect"}:
        css = "form-select"
    else:
        css = "form-control"
    attrs: dict[str, str] = {"class": f"{widget.attrs.get('class', '')} {css}".strip()}
    if field.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{field.auto_id}-errors"
    elif field.help_text:
        attrs["aria-describedby"] = f"{field.auto_id}-help"
    return str(field.as_widget(attrs=attrs))
