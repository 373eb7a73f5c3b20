"""Reads of the core records."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from cchc.org.roles import SECURITY_AUDITORS

from .models import AuditEvent, Notification, SecurityEvent


def audit_events_for(instance: models.Model) -> QuerySet[AuditEvent]:
    """The history of one object, newest first. The caller has already checked the user may see it."""
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    return AuditEvent.objects.filter(content_type=content_type, object_id=str(instance.pk)).select_related("actor")


def security_events_for(user: Any) -> QuerySet[SecurityEvent]:
    """The security log, for those who audit security only."""
    if not user.is_authenticated or not user.has_any_role(SECURITY_AUDITORS):
        return SecurityEvent.objects.none()
    return SecurityEvent.objects.select_related("user")


def notifications_for(user: Any) -> QuerySet[Notification]:
    """A person's own notifications."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)
