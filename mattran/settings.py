"""Settings from environment variables (see docs/operations.md for the full list)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MATTRAN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def env_mb(name: str, default: int) -> int:
    """A size given in megabytes in the environment, in bytes."""
    return int(float(os.environ.get(name) or default) * 1024 * 1024)


DEBUG = env_bool("DEBUG", False)
DEFAULT_SECRET_KEY = "mattran-development-key-change-me"
# The signing key: SECRET_KEY, else the file SECRET_KEY_FILE (var/secret_key, which `make run` writes once
# with a random key and keeps: sessions and reset links survive a restart), else the development key.
SECRET_KEY_FILE = Path(os.environ.get("SECRET_KEY_FILE") or VAR_DIR / "secret_key")
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    SECRET_KEY_FILE.read_text().strip() if SECRET_KEY_FILE.is_file() else DEFAULT_SECRET_KEY
)
if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is the default development key while DEBUG is off. "
        "Set SECRET_KEY to a long random value (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
        f"or keep one in {SECRET_KEY_FILE} (make run writes it)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "csp",
    # Swagger UI from the package's static files (ninja renders its CDN page when it is not installed).
    "ninja",
    "mattran.core",
    "mattran.org",
    "mattran.accounts",
    "mattran.people",
    "mattran.meetings",
    "mattran.programs",
    "mattran.petitions",
    "mattran.funds",
    "mattran.oversight",
    "mattran.reports",
    "mattran.home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mattran.core.middleware.VietnameseFirstLocaleMiddleware",
    "mattran.core.middleware.RequestSizeLimitMiddleware",
    "mattran.core.replica.ReplicaRoutingMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "mattran.core.middleware.OutOfRangeInputMiddleware",
    "mattran.core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "mattran.urls"
WSGI_APPLICATION = "mattran.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "mattran" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "mattran.accounts.context_processors.membership",
                "mattran.core.context_processors.notifications",
            ],
        },
    }
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'mattran.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the public pages read while an import writes; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Connections persist here too (DATABASE_CONN_MAX_AGE): opening one (Django's SQL functions, the
    # PRAGMAs, reading the schema) costs more than a whole public statement search (docs/benchmarks.md).

# A streaming replica (PostgreSQL hot standby) for the public side: the public portal's and anonymous API
# reads go there (mattran.core.replica), everything else to the primary; when the replica is down or lags
# more than DATABASE_REPLICA_MAX_LAG seconds, those reads go to the primary too (docs/operations.md).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = 2
    # Tests write on the primary and read the same rows through the standby: never a test database of its own.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["mattran.core.replica.ReplicaRouter"]
DATABASE_REPLICA_MAX_LAG = float(os.environ.get("DATABASE_REPLICA_MAX_LAG", "30"))
DATABASE_REPLICA_CHECK_SECONDS = float(os.environ.get("DATABASE_REPLICA_CHECK_SECONDS", "5"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "mattran"}
    ),
    # Progress of background work (statement imports), written by the task worker and read by the web
    # processes: Redis when there is one, else files under var/ that every process on the machine shares.
    "progress": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "progress"),
        }
    ),
}

# Background work (statement imports) goes through django-tasks: queued in the database and run by
# `mattran db_worker` (`make run` starts one beside the web server). MATTRAN_TASKS=immediate runs tasks inside
# the request instead, for the tests and for a one-process demo.
TASKS = {
    "default": (
        {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "imports"]}
        if os.environ.get("MATTRAN_TASKS", "database") == "immediate"
        else {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "imports"]}
    )
}

# A statement file at least this large is parsed in a child process (funds.reading), on a core of its
# own while the importer writes; a smaller one is read in the importing process, which starts faster.
FUNDS_IMPORT_CHILD_MIN_BYTES = int(os.environ.get("MATTRAN_IMPORT_CHILD_MIN_BYTES", 1_000_000))

# The worker (`mattran worker`, started and restarted by scripts/run.sh): how many processes take tasks,
# so one long import never holds up another; a task running longer than its limit is stopped (the
# import fails with the reason, nothing of it kept), and a task left "running" by a process that died is
# marked failed when the worker starts or notices it (mattran.core.tasks).
TASK_WORKERS = int(os.environ.get("MATTRAN_WORKERS", "2"))
TASK_TIME_LIMIT = int(os.environ.get("MATTRAN_TASK_TIME_LIMIT", "1800"))  # seconds per task (one file)

# Uploads, per kind (bytes; the variables take megabytes). A larger request is refused before it is read
# (RequestSizeLimitMiddleware), each kind again by its own limit with a message that names it.
UPLOAD_LIMITS = {
    "attachment": env_mb("MATTRAN_MAX_ATTACHMENT_MB", 20),  # meeting files
    "evidence": env_mb("MATTRAN_MAX_EVIDENCE_MB", 10),  # programs: progress and self-score evidence
    "excel": env_mb(
        "MATTRAN_MAX_EXCEL_MB", 5
    ),  # imports: residential areas, committees, reports, beneficiaries
    "statement": env_mb("MATTRAN_MAX_STATEMENT_MB", 300),  # bank statements (PDF, CSV, XLSX)
    "image": env_mb("MATTRAN_MAX_IMAGE_MB", 5),  # photos
}
MAX_REQUEST_BYTES = env_mb("MATTRAN_MAX_REQUEST_MB", max(UPLOAD_LIMITS.values()) // (1024 * 1024) + 1)
# Excel files are read in streaming read-only mode within these bounds; a workbook that unpacks to much
# more than it weighs (a "zip bomb") is refused before it is opened.
EXCEL_MAX_ROWS = int(os.environ.get("MATTRAN_EXCEL_MAX_ROWS", "20000"))
EXCEL_MAX_COLUMNS = int(os.environ.get("MATTRAN_EXCEL_MAX_COLUMNS", "100"))
EXCEL_MAX_UNPACKED_BYTES = env_mb("MATTRAN_EXCEL_MAX_UNPACKED_MB", 100)
ZIP_MAX_RATIO = int(os.environ.get("MATTRAN_ZIP_MAX_RATIO", "100"))
PDF_MAX_PAGES = int(os.environ.get("MATTRAN_PDF_MAX_PAGES", "20000"))  # a statement PDF (the largest: 12,028)
STATEMENT_MAX_UNPACKED_BYTES = env_mb("MATTRAN_STATEMENT_MAX_UNPACKED_MB", 2000)  # an XLSX statement

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # "mattran2025", "Mặt trận Tổ quốc 2024", "mttq@123": the product's and the Front's words with a year.
    {"NAME": "mattran.accounts.passwords.FrontWordsValidator"},
]
# Password reset links (by e-mail, when mail is configured) stay valid this long.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", str(60 * 60 * 24)))
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling: 5 failures for one username lock it for 15 minutes, from whatever addresses they
# came; an address that fails AXES_ADDRESS_FAILURE_LIMIT times across usernames (one guess on each of many
# accounts) is locked as well (mattran.accounts.views.LoginView).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
# Behind a proxy, the client's address is the one the proxy adds (AXES_IPWARE_PROXY_COUNT proxies).
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS: on by default when DEBUG is off — redirect to https, HSTS, Secure cookies. Behind a proxy that
# terminates TLS, the proxy sets X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER); MATTRAN_HTTPS=off serves
# plain HTTP (make run on 127.0.0.1, a LAN test), each part can also be set alone.
HTTPS = env_bool("MATTRAN_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365) if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if os.environ.get("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto").lower() not in {"", "off", "none"}:
    _header = os.environ.get("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto")
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _header.upper().replace("-", "_"), "https")
# The health check a load balancer calls over plain HTTP is not redirected.
SECURE_REDIRECT_EXEMPT = [r"^suc-khoe/$"]

# Content Security Policy (django-csp): scripts and styles from this site only (no inline script; inline
# style attributes carry the bars' widths), no frames, forms post here. MATTRAN_CSP: on (default when
# DEBUG is off), report-only, off.
_CSP = os.environ.get("MATTRAN_CSP", "off" if DEBUG else "on").strip().lower()
_CSP_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if _CSP == "on":
    CONTENT_SECURITY_POLICY = _CSP_POLICY
elif _CSP == "report-only":
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP_POLICY

# E-mail (password reset links; notifications): configured when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "mattran <no-reply@localhost>")
MAIL_CONFIGURED = bool(EMAIL_HOST)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "mattran" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "mattran" / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded files are never served at a URL of their own: each goes through a view that checks the
# reader's permission (mattran.core.media). In production that view can hand the sending to the web
# server: MATTRAN_MEDIA_ACCEL=nginx:/protected-media/ (X-Accel-Redirect to an internal location) or
# apache (X-Sendfile); see docs/operations.md.
MEDIA_URL = "/tep-khong-cong-khai/"
MEDIA_ACCEL = os.environ.get("MATTRAN_MEDIA_ACCEL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
