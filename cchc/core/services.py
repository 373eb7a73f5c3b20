"""Writes of the core records: audit rows, security events and notifications."""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .choices import SecurityEventKind
from .models import AuditEvent, Notification, SecurityEvent

Actor = AbstractBaseUser | AnonymousUser | None


def _actor_or_none(actor: Actor) -> Any:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return actor


def audit_record(
    *,
    actor: Actor,
    action: str,
    instance: models.Model,
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """Record one change; call it inside the service's transaction so that both land or neither does."""
    return AuditEvent.objects.create(
        actor=_actor_or_none(actor),
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        changes=changes or {},
        note=note,
    )


def security_event_record(
    *,
    kind: SecurityEventKind,
    user: Actor = None,
    username: str = "",
    ip_address: str | None = None,
    path: str = "",
    detail: str = "",
) -> SecurityEvent:
    """Record a sign-in, a failure, a lock-out, a denial or an export."""
    known_user = _actor_or_none(user)
    return SecurityEvent.objects.create(
        kind=kind,
        user=known_user,
        username=(username or (known_user.get_username() if known_user else ""))[:255],
        ip_address=ip_address or None,
        path=path[:500],
        detail=detail[:500],
    )


def notification_send(*, recipient: Any, message: str, url: str = "", dedup_key: str = "") -> Notification | None:
    """Tell one person something in the app. With a dedup key, a second call for the same person sends nothing."""
    if dedup_key and Notification.objects.filter(recipient=recipient, dedup_key=dedup_key).exists():
        return None
    try:
        with transaction.atomic():
            return Notification.objects.create(
                recipient=recipient, message=message[:500], url=url[:500], dedup_key=dedup_key[:200]
            )
    except IntegrityError:
        return None


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification as read (idempotent)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, recipient: Any) -> int:
    """Mark every unread notification of a person as read; returns how many changed."""
    return Notification.objects.filter(recipient=recipient, read_at__isnull=True).update(read_at=timezone.now())
