"""Settings shared by every environment. Everything that differs between machines comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    """Read a setting from the environment."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no setting from the environment ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated list from the environment."""
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEVELOPMENT_SECRET_KEY = "dev-only-secret-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env("CCHC_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("CCHC_DEBUG", False)
ALLOWED_HOSTS = env_list("CCHC_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CCHC_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django_htmx",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "template_partials",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "cchc.core",
    "cchc.org",
    "cchc.workdays",
    "cchc.evidence",
    "cchc.plans",
    "cchc.reports",
    "cchc.scorecard",
    "cchc.procedures",
    "cchc.dossiers",
    "cchc.surveys",
    "cchc.portal",
    "cchc.dashboard",
    "cchc.api",
    "cchc.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cchc.org.middleware.RequireMfaForPrivilegedRolesMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cchc" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cchc.core.context_processors.shell",
            ],
        },
    },
]

# Database: one URL. SQLite (the default) runs in WAL mode with a busy timeout and IMMEDIATE transactions,
# so that a worker and the web server can write at once without "database is locked".
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'cchc.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=int(env("CCHC_CONN_MAX_AGE", "600")), conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # A 32 MiB page cache per connection (the default is 2 MiB) keeps the indexes of a large dossier table in
        # memory during imports and statistics.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON; "
            "PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits, sign-in lock-outs and one-time codes are counted in the cache: per process unless a shared cache
# is named (e.g. redis://127.0.0.1:6379/1), which several web workers then count in together.
CCHC_CACHE_URL = env("CCHC_CACHE_URL")
if CCHC_CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CCHC_CACHE_URL}}

AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "account_login"

# Sessions end after an idle period (each request renews them) and when the browser closes.
SESSION_COOKIE_AGE = int(env("CCHC_SESSION_IDLE_SECONDS", "3600"))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-allauth: sign in by username or e-mail, no public sign-up, TOTP with recovery codes.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_ADAPTER = "cchc.org.adapters.StaffAccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {"login_failed": False}  # django-axes owns login throttling.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# One 30-second step either side, as RFC 6238 advises: a phone clock a little off, or a code typed as it turns.
MFA_TOTP_TOLERANCE = 1
MFA_TOTP_ISSUER = env("CCHC_MFA_ISSUER", "CCHC Sở Y tế")
# Roles that must use two-factor sign-in. The demo switches this off so that it can be tried without an app.
CCHC_REQUIRE_MFA = env_bool("CCHC_REQUIRE_MFA", True)

# django-axes: lock a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = int(env("CCHC_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("CCHC_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "cchc.core.security.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # retrying while locked does not lengthen the lock
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
TIME_ZONE = env("CCHC_TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("CCHC_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": env("CCHC_FILE_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
CCHC_MAX_UPLOAD_BYTES = int(env("CCHC_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))

EMAIL_BACKEND = env("CCHC_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("CCHC_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("CCHC_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("CCHC_EMAIL_USER")
EMAIL_HOST_PASSWORD = env("CCHC_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("CCHC_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("CCHC_EMAIL_FROM", "cchc@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": env("CCHC_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CCHC Sở Y tế API",
    "DESCRIPTION": "REST API of the CCHC system. Token authentication: header `Authorization: Token <key>`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
}

# Working days: a dossier or task received after this time counts from the next working day.
CCHC_WORKDAY_CUTOFF = env("CCHC_WORKDAY_CUTOFF", "15:00")
CCHC_ORGANISATION_NAME = env("CCHC_ORGANISATION_NAME", "Sở Y tế")
CCHC_GOVERNING_BODY = env("CCHC_GOVERNING_BODY", "UBND TỈNH")
# The place in "<Place>, ngày … tháng … năm …" of generated documents; read from the governing body when empty.
CCHC_PLACE_NAME = env("CCHC_PLACE_NAME")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("CCHC_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

FORMAT_MODULE_PATH = ["config.formats"]
USE_THOUSAND_SEPARATOR = True
CCHC_WORKDAY_END = env("CCHC_WORKDAY_END", "17:00")

# Periodic jobs the scheduler (manage.py run_scheduler) enqueues: name, task path, interval in seconds.
CCHC_PERIODIC_JOBS = [
    ("calendar_seed_coming_years", "cchc.workdays.tasks.calendar_seed_coming_years", 24 * 3600),
]

# Units submit their quarterly CCHC report by this day of the quarter's last month.
CCHC_REPORT_DAY = int(env("CCHC_REPORT_DAY", "20"))

# Plan task deadlines: remind N working days before the due date, escalate M working days after it.
CCHC_TASK_REMINDER_DAYS = [int(day) for day in env_list("CCHC_TASK_REMINDER_DAYS", "5,1")]
CCHC_TASK_ESCALATION_DAYS = int(env("CCHC_TASK_ESCALATION_DAYS", "3"))
# The address people open the site at, for links in e-mails.
CCHC_SITE_URL = env("CCHC_SITE_URL", "http://127.0.0.1:8000")
CCHC_PERIODIC_JOBS.append(("task_reminders_daily", "cchc.plans.tasks.task_reminders_daily", 3600))

# One-stop dossiers: the code given at reception ({agency} = the receiving unit's code), how many working days
# before the due moment a running dossier is flagged as predicted late, and failed public look-ups allowed per
# client in 15 minutes.
CCHC_DOSSIER_CODE_FORMAT = env("CCHC_DOSSIER_CODE_FORMAT", "{agency}-{day:%y%m%d}-{sequence:04d}")
CCHC_DOSSIER_LATE_WARNING_DAYS = int(env("CCHC_DOSSIER_LATE_WARNING_DAYS", "1"))
CCHC_DOSSIER_LOOKUP_FAILURE_LIMIT = int(env("CCHC_DOSSIER_LOOKUP_FAILURE_LIMIT", "10"))
# SQLite page cache (MiB) of the connection running a bulk import (cchc.core.inserts.large_page_cache).
CCHC_BULK_WRITE_CACHE_MB = int(env("CCHC_BULK_WRITE_CACHE_MB", "512"))
# A dossier file larger than this is checked and written by the background worker, its rows checked in a child
# process while the worker writes (cchc.dossiers.import_services).
CCHC_DOSSIER_IMPORT_INLINE_BYTES = int(env("CCHC_DOSSIER_IMPORT_INLINE_BYTES", str(1024 * 1024)))
CCHC_PERIODIC_JOBS.append(("dossiers_predict_late_daily", "cchc.dossiers.tasks.dossiers_predict_late_daily", 3600))
CCHC_PERIODIC_JOBS.append(("dossier_stats_refresh", "cchc.dossiers.stat_tasks.dossier_stats_refresh_task", 900))

# Modules that measure indicators (on-time dossiers, satisfaction, …) which PAR criteria and plan targets read.
CCHC_INDICATOR_PROVIDERS = [
    "cchc.dossiers.indicators.measured_indicators",
    "cchc.surveys.report_selectors.measured_indicators",
]
# Satisfaction surveys: the target rate (> 90 % in the seed letters), how old a response must be before the
# tallies fold it in, and the public form's limits per client and campaign (submissions, seconds).
CCHC_SURVEY_TARGET_RATE = float(env("CCHC_SURVEY_TARGET_RATE", "90"))
CCHC_SURVEY_TALLY_SETTLE_SECONDS = int(env("CCHC_SURVEY_TALLY_SETTLE_SECONDS", "5"))
CCHC_SURVEY_RATE_LIMIT = (int(env("CCHC_SURVEY_RATE_LIMIT", "10")), 600)
CCHC_SURVEY_KIOSK_RATE_LIMIT = (int(env("CCHC_SURVEY_KIOSK_RATE_LIMIT", "120")), 600)
CCHC_PERIODIC_JOBS.append(("survey_tallies_refresh", "cchc.surveys.tasks.survey_tallies_refresh", 300))
CCHC_PERIODIC_JOBS.append(("par_measurements_refresh", "cchc.scorecard.tasks.par_measurements_refresh", 6 * 3600))
CCHC_PERIODIC_JOBS.append(("target_measurements_refresh", "cchc.plans.tasks.target_measurements_refresh", 6 * 3600))
