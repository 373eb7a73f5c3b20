"""Production: refuses to start with a development secret or DEBUG on; HTTPS and secure cookies."""

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import DEBUG, DEVELOPMENT_SECRET_KEY, SECRET_KEY, env_bool

if DEBUG:
    raise ImproperlyConfigured("CCHC_DEBUG must be off in production.")
if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set CCHC_SECRET_KEY to a random value of at least 50 characters in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("CCHC_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
