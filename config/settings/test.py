"""Tests: the same code paths as production, with fast password hashing and tasks run in-process."""

from .base import *

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
AXES_FAILURE_LIMIT = 5
# The live test server serves static files itself; whitenoise would only warn about the missing STATIC_ROOT.
MIDDLEWARE = [item for item in MIDDLEWARE if "whitenoise" not in item]
