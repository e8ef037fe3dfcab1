"""Seuraamo settings: everything comes from environment variables (see docs/configuration.md)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from seuraamo.config.env import database_from_url, env_bool, env_int, env_list, env_str
from seuraamo.config.secret_key import unset_secret_key

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent

DEBUG = env_bool("DEBUG", False)
# The local checkout (`make run`): the embedded SQLite database in the project's var/ folder.
LOCAL_CHECKOUT = not env_str("DATA_DIR") and not env_str("DATABASE_URL")
DATA_DIR = Path(env_str("DATA_DIR") or str(PROJECT_DIR / "var"))
SECRET_KEY = env_str("SECRET_KEY") or unset_secret_key(
    debug=DEBUG, local_checkout=LOCAL_CHECKOUT, data_dir=DATA_DIR
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "seuraamo.accounts.admin_app.SeuraamoAdminConfig",  # Django's admin, open to programme admins
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "seuraamo.core",
    "seuraamo.areas",
    "seuraamo.organisations",
    "seuraamo.accounts",
    "seuraamo.programmes",
    "seuraamo.catalogue",
    "seuraamo.official_stats",
    "seuraamo.situation",
    "seuraamo.publications",
    "seuraamo.api",
    "seuraamo.follow_up",
    "seuraamo.installation",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

#: Background jobs (statistics syncs and reverts): stored in the database and run by
#: `seuraamo db_worker`, which `make run` starts beside the web server (docs/operations.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MIDDLEWARE = [
    "seuraamo.core.security_headers.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages and API answers for anonymous visitors from the cache, keyed on the data
    # version; a hit skips everything below (config/page_cache.py).
    "seuraamo.config.page_cache.PublicPageCacheMiddleware",
    # Pages and API answers compressed; static files come precompressed from WhiteNoise above.
    # Django's gzip pads its output by a random length against BREACH, and CSRF tokens are
    # masked anew on every response.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Writes a known-good browser's cookie after a sign-in (accounts/throttling.py).
    "seuraamo.accounts.throttling.DeviceCookieMiddleware",
    # Last, as django-axes requires: answers a locked-out sign-in with HTTP 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "seuraamo.config.urls"
WSGI_APPLICATION = "seuraamo.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "seuraamo.core.context_processors.site",
            ],
        },
    },
]
# {{ field.as_field_group }} renders the one field component, core/partials/field.html.
FORM_RENDERER = "seuraamo.core.form_renderer.FormRenderer"

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'seuraamo.sqlite3'}"), str(PROJECT_DIR)
    )
}
# Each app-server worker keeps its database connection between requests (checked before reuse):
# opening one per request costs far more than a cached page (on SQLite in WAL mode, the last
# connection's close checkpoints and removes the write-ahead log, and the next open recreates it).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while a statistics sync writes.
    # A writer waits up to 20 s for the write lock (SQLite's busy timeout). No transaction holds
    # it for long: a statistics sync writes in transactions of at most 20 000 rows (a fraction of
    # a second each), so 20 s covers a queue of many writers (docs/architecture.md).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# One cache for all app servers (Redis or Valkey) when REDIS_URL is set; else one for every process
# on this machine, in files under DATA_DIR/cache (a hit reads one file; unlike a database cache, a
# store never waits for SQLite's write lock while a sync holds it; docs/benchmarks.md).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES: dict[str, dict[str, object]] = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "seuraamo",
        }
    }
elif DEBUG:
    # `make dev`: each restart of the development server starts empty, so edited templates show.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
            # Pages of every data version, date and encoding; past this, a third is dropped.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
#: Called (each a dotted path to a function of no arguments) after the commit of every transaction
#: that moved the data version on (`core.data_version`): renders the public pages again in the
#: background. Wired here so that `core` imports no other app.
AFTER_DATA_VERSION_CHANGE = ["seuraamo.installation.tasks.warm_public_pages_soon"]
# `seuraamo backup` on PostgreSQL: JSON lines that keep times to the microsecond.
SERIALIZATION_MODULES = {"backupjsonl": "seuraamo.core.backup_format"}
AUTH_USER_MODEL = "accounts.User"

# Sign-in throttling (django-axes, accounts/throttling.py): after SIGN_IN_FAILURE_LIMIT failed
# attempts at one account from one address, that account is locked from that address (not from
# others), and after four times as many from one address at any accounts, the address; for
# SIGN_IN_LOCKOUT_MINUTES. An account is counted as the backends match it (e-mail in any case).
# A successful sign-in clears its own account-and-address count only.
# `seuraamo axes_reset_username USERNAME` / `axes_reset_ip ADDRESS` release a lock-out at once.
# Every sign-in form that calls authenticate(request, ...) is covered.
AUTHENTICATION_BACKENDS = [
    # First: refuses sign-in attempts that are locked out before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "seuraamo.accounts.backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGN_IN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]  # each counted on its own
AXES_USERNAME_CALLABLE = "seuraamo.accounts.throttling.sign_in_identity"
AXES_HANDLER = "seuraamo.accounts.throttling.SignInAttempts"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "seuraamo.core.client_ip.client_ip"
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER")
AXES_LOCKOUT_CALLABLE = "seuraamo.accounts.views.locked_out"

# Argon2 for new and changed passwords; the others only verify older hashes (then upgraded).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "follow_up:tasks"
#: The links "My tasks" shows to other pages the user may open: each a function of the request that
#: returns (label, URL) or None. Wired here, the top of the one direction, so that the follow-up
#: imports neither the catalogue nor the statistics pages.
MY_TASKS_LINKS = [
    "seuraamo.catalogue.views.my_tasks_link",
    "seuraamo.official_stats.views.my_tasks_link",
    "seuraamo.publications.views.my_tasks_link",
]
#: The catalogue's published services (key → name) a follow-up project may offer: wired here for
#: the same reason, so that the follow-up does not import the catalogue.
PROJECT_SERVICE_NAMES = "seuraamo.catalogue.project_links.service_names"
LOGOUT_REDIRECT_URL = "programmes:home"
# A session ends after this many seconds without a request (each request renews it).
SESSION_COOKIE_AGE = env_int("SESSION_AGE_SECONDS", 8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60

# E-mail: reminders and password resets. The console backend prints messages to the log.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "seuraamo@localhost")
#: The site's address in e-mails (reminder links), e.g. https://seuraamo.example.fi
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
CONTENT_LANGUAGES = [code for code, _name in LANGUAGES]
#: The translation sources (.po, in git) and the compiled catalogues Django reads (.mo, built by
#: `seuraamo compile_catalogues` into the data folder, never into the source tree).
CATALOGUE_SOURCE_DIR = PACKAGE_DIR / "locale"
LOCALE_PATHS = [DATA_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Helsinki")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Without DEBUG, WhiteNoise serves the collected files: gzip-compressed copies, names with a
    # content hash and a cache lifetime of ten years for them (`seuraamo collectstatic`).
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

PXWEB_BASE_URL = env_str("PXWEB_BASE_URL", "https://pxdata.stat.fi/PxWeb/api/v1/{lang}/StatFin/")
# PxWebApi 2.0 base for tracked tables read through version 2 (StatFin serves only v1 in 2026).
PXWEB_V2_BASE_URL = env_str("PXWEB_V2_BASE_URL", "")
PXWEB_TIMEOUT_SECONDS = env_int("PXWEB_TIMEOUT_SECONDS", 30)
# The statistics API's read bounds (docs/api.md, "Read bounds"): a query that matches more stored
# cells is refused (400 naming the parameters to add); on PostgreSQL every statement of an API
# read is cancelled after API_STATEMENT_TIMEOUT_MS (503).
API_MAX_CELLS = 200_000
API_STATEMENT_TIMEOUT_MS = 10_000
# Työvoimabarometri's web interface (undocumented; see docs/data-sources.md).
TYOVOIMABAROMETRI_BASE_URL = env_str("TYOVOIMABAROMETRI_BASE_URL", "https://tyovoimabarometri.fi/")

# HTTPS: the site is reached over https:// (directly or behind a TLS-terminating proxy). On by
# default outside DEBUG and the local checkout; it turns on the redirect, HSTS and secure cookies.
HTTPS = env_bool("HTTPS", not DEBUG and not LOCAL_CHECKOUT)
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Behind a proxy that terminates TLS: the header it sets to "https" (e.g. X-Forwarded-Proto).
_proxy_ssl_header = env_str("PROXY_SSL_HEADER")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https") if _proxy_ssl_header else None
)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"jsonlines": {"()": "seuraamo.core.events.JsonLinesFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "events": {"class": "logging.StreamHandler", "formatter": "jsonlines"},
    },
    "loggers": {
        # Syncs, reminders and report builds: JSON lines on standard error (seuraamo/core/events.py).
        "seuraamo.events": {"handlers": ["events"], "level": "INFO", "propagate": False},
        # WeasyPrint and fontTools log every layout step at INFO while a PDF report is built.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
