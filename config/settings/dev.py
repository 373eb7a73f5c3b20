"""Development and demo: DEBUG on, console e-mail, files on disk, SQLite unless DATABASE_URL says otherwise."""

from .base import *
from .base import env_bool

DEBUG = env_bool("CCHC_DEBUG", True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
