"""Protection of the public form without a CAPTCHA: a client fingerprint, and the limits it is held to.

The counts come from the responses table itself (`selectors.client_history`), so that every web worker applies
the same limit without a shared cache.

Settings (with defaults): `CCHC_SURVEY_RATE_LIMIT` = (submissions, seconds) per client and campaign for the web
form, `CCHC_SURVEY_KIOSK_RATE_LIMIT` for a kiosk (many people share one tablet), and
`CCHC_SURVEY_DUPLICATE_WINDOW` (seconds) in which the same answers from the same client count as a duplicate.
"""

import hashlib

from django.conf import settings
from django.http import HttpRequest

from cchc.core.security import client_address

from .choices import ResponseChannel

DEFAULT_RATE_LIMIT = (10, 600)
DEFAULT_KIOSK_RATE_LIMIT = (120, 600)
DEFAULT_DUPLICATE_WINDOW = 600
HONEYPOT_FIELD = "website"


def client_hash(request: HttpRequest) -> str:
    """A keyed hash of the client's address and browser, so that the raw IP address is never stored."""
    address = client_address(request) or ""
    agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    return hashlib.sha256(f"{settings.SECRET_KEY}|{address}|{agent}".encode()).hexdigest()


def rate_limit(channel: str) -> tuple[int, int]:
    if channel == ResponseChannel.KIOSK:
        return tuple(getattr(settings, "CCHC_SURVEY_KIOSK_RATE_LIMIT", DEFAULT_KIOSK_RATE_LIMIT))
    return tuple(getattr(settings, "CCHC_SURVEY_RATE_LIMIT", DEFAULT_RATE_LIMIT))


def duplicate_window() -> int:
    return int(getattr(settings, "CCHC_SURVEY_DUPLICATE_WINDOW", DEFAULT_DUPLICATE_WINDOW))
