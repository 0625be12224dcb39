"""The one settings module of the portal, read from the environment.

Every value that differs between a developer laptop and production comes from an
environment variable (or a `.env` file beside `manage.py`); `.env.example` lists them all.
There are no production-only branches: production simply sets DEBUG off, which switches on
the secure defaults below.
"""

import os
import secrets
from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

# var/ holds everything the running portal writes: the SQLite database, the generated secret
# key and (by default) uploaded media. It is git-ignored.
VAR_DIR = Path(env("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key_from_file(path: Path) -> str:
    """Return the key stored in `path`, creating it (mode 0600) on first use."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="") or _secret_key_from_file(VAR_DIR / "secret_key")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# The four apps carry the domain; a "room" is a subpackage of one of them (e.g.
# vereine/marktplatz/) with its own templates/, locale/ and static/ (docs/architektur.md).
PORTAL_APPS = ["netzwerk", "vereine", "arbeitsgruppen", "termine"]
ROOM_DIRS = {
    kind: sorted(
        path
        for app in PORTAL_APPS
        for path in (BASE_DIR / app).glob("*/**/" + kind)
        if path.is_dir() and "templates" not in path.relative_to(BASE_DIR / app).parts[:-1]
    )
    for kind in ("templates", "locale", "static")
}
# A room's template tag libraries (<room>/templatetags/<name>.py) load by their file name.
ROOM_TEMPLATETAGS = {
    path.stem: ".".join(path.relative_to(BASE_DIR).with_suffix("").parts)
    for app in PORTAL_APPS
    for path in sorted((BASE_DIR / app).glob("*/**/templatetags/*.py"))
    if path.stem != "__init__"
}

INSTALLED_APPS = [
    "netzwerk",
    "vereine",
    "arbeitsgruppen",
    "termine",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "netzwerk.middleware.SteuerzeichenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "netzwerk.middleware.KoordinationMfaMiddleware",
    # Last: anonymous GETs of the public pages from the cache (netzwerk/zwischenspeicher.py).
    "netzwerk.zwischenspeicher.SeitenCacheMiddleware",
]

ROOT_URLCONF = "netzwerk.urls"
# Routes the reference pages of benchmarks/seiten.py (a minimal template page, a bare response).
PORTAL_BENCHMARK = env.bool("PORTAL_BENCHMARK", default=False)
# Off: every page is rendered afresh (benchmarks/seiten.py --ohne-cache measures that).
SEITEN_CACHE = env.bool("SEITEN_CACHE", default=True)
WSGI_APPLICATION = "netzwerk.wsgi.application"
ASGI_APPLICATION = "netzwerk.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates", *ROOM_DIRS["templates"]],
        "APP_DIRS": True,
        "OPTIONS": {
            "libraries": ROOM_TEMPLATETAGS,
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "netzwerk.context_processors.netzwerk",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while one writer writes; IMMEDIATE takes the write lock at
    # the start of a transaction, so parallel writers queue (up to the timeout) instead of
    # failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache is what makes allauth's rate limits hold across gunicorn workers; the
# database cache needs no extra service.
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://django_cache")}

# --- Background work ------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# --- Accounts ------------------------------------------------------------------------------
AUTH_USER_MODEL = "netzwerk.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "mein_bereich"
ACCOUNT_ADAPTER = "netzwerk.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "netzwerk.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    # Failed logins (see netzwerk/adapters.py): per address loose (a school or Kita shares
    # one), per account *and* address strict (the sixth try within five minutes is refused),
    # per account from anywhere in between; on a device that logged in before only the
    # owner's own typos count, so nobody elsewhere can lock the owner out.
    "login_failed": "60/15m/ip,5/5m/key",
    "login_failed_konto": "20/1h/key",
    "login_failed_geraet": "10/15m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "change_email": "1/m/user",
}
# Behind a reverse proxy the client address is in X-Forwarded-For: allauth's (and our) rate
# limits must count the visitor, not the proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="Engagementportal")
# When on, staff must set up TOTP before they can use the admin.
KOORDINATION_MFA_PFLICHT = env.bool("KOORDINATION_MFA_PFLICHT", default=False)

# --- Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# netzwerk's catalogue comes first: `makemessages` at the root writes the strings of the root
# templates/ into the first entry (with a room first, they wiped that room's catalogue). The
# rooms' catalogues still win over their apps' (those are not in LOCALE_PATHS), and a test
# keeps one wording per string across all catalogues, so the order among these is moot.
LOCALE_PATHS = [BASE_DIR / "netzwerk" / "locale", *ROOM_DIRS["locale"]]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and media files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static", *ROOM_DIRS["static"]]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# The app serves the public uploads itself (development and `make run`); in production the
# reverse proxy does, and /media/ answers 404 from the app.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- Mail ----------------------------------------------------------------------------------
_MAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default=(
        "django.core.mail.backends.console.EmailBackend"
        if DEBUG
        else "django.core.mail.backends.smtp.EmailBackend"
    ),
)
MAILERS = {"default": {"BACKEND": _MAIL_BACKEND}}
if _MAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env("EMAIL_HOST", default="localhost"),
        "port": env.int("EMAIL_PORT", default=587),
        "username": env("EMAIL_HOST_USER", default=""),
        "password": env("EMAIL_HOST_PASSWORD", default=""),
        "use_tls": env.bool("EMAIL_USE_TLS", default=True),
        "timeout": 20,
    }
elif _MAIL_BACKEND.endswith("filebased.EmailBackend"):
    # Mails as files (a test installation, or the multi-server test counting deliveries).
    MAILERS["default"]["OPTIONS"] = {
        "file_path": env("EMAIL_FILE_PATH", default=str(VAR_DIR / "mails"))
    }
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Engagementportal <portal@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", a) for a in env.list("ADMINS", default=[])]

# --- Security ------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)

# --- Ferienkalender -----------------------------------------------------------------------
# Sites that may show the holiday widget in an iframe (e.g. the school's and the town's).
FERIEN_WIDGET_FRAME_ANCESTORS = env.list("FERIEN_WIDGET_FRAME_ANCESTORS", default=["*"])
# Version of the privacy text that guardians confirm; raise it when the text changes.
FERIEN_DATENSCHUTZ_VERSION = env("FERIEN_DATENSCHUTZ_VERSION", default="2026-1")

# --- Jugendbeteiligung ----------------------------------------------------------------------
# Supports after which an idea is owed an answer, and the days the answer may take.
JUGEND_SCHWELLE = env.int("JUGEND_SCHWELLE", default=25)
JUGEND_ANTWORTFRIST_TAGE = env.int("JUGEND_ANTWORTFRIST_TAGE", default=42)
# The word list against insults: "sperren" refuses the text, "markieren" flags it for review.
JUGEND_WORTLISTE_MODUS = env("JUGEND_WORTLISTE_MODUS", default="sperren")

# --- Forms and messages ---------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
from django.contrib.messages import constants as message_constants  # noqa: E402

MESSAGE_TAGS = {message_constants.ERROR: "danger"}

# --- Logging -------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
