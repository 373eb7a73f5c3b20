"""Form helpers shared by every app."""

from typing import Any

from django.core.exceptions import ValidationError


def form_add_service_errors(form: Any, error: ValidationError) -> None:
    """Show a service's validation error on the form: on its field where it names one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
