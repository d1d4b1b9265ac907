"""Settings for the site, one file for every machine.

Whatever differs between a laptop, CI and production comes from environment
variables with safe defaults for local development: DJANGO_DEBUG is off
unless set, and the secret key has no default outside DEBUG.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

# A fixed key is only acceptable for local development; production must set one.
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="dev-only-insecure-key-do-not-use-in-production"
    if DEBUG
    else environ.Env.NOTSET,
)

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core",
    "accounts",
    "forum",
    "resources",
    "notifications",
    "sitepages",
    "privacy",
    "safety",
    "demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "taggit",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "bootstrap",
    "django_tasks_db",
]
# The benchmark's app (bench/README.md): its seed_bench command replaces the
# forum's data, so it and the floor views exist only while benchmarking.
if env.bool("DJANGO_BENCH", default=False):
    INSTALLED_APPS.append("bench")

# The header middleware comes before anything that can refuse a request, so
# that error pages (a bad Host, bad bytes, a lost session) carry the headers
# too; the guard then refuses bad requests before sessions or views read them.
MIDDLEWARE = [
    "core.middleware.RequestLogMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.RejectBadRequestsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages leave compressed (static files are compressed ahead by WhiteNoise).
    # Safe against BREACH: the CSRF token is masked afresh in every response
    # and Django pads each compressed body with random bytes. A proxy that
    # compresses instead may set DJANGO_GZIP=0.
    *(
        ["django.middleware.gzip.GZipMiddleware"]
        if env.bool("DJANGO_GZIP", True)
        else []
    ),
    "core.outage.DatabaseCircuitMiddleware",
    "core.middleware.ReadYourWritesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.FriendlyMethodNotAllowedMiddleware",
    "core.pagecache.AdminChangesExpirePagesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.pagecache.csrf_placeholder",
                "accounts.context_processors.reading_preferences",
                "notifications.context_processors.bell",
            ],
        },
    },
]

# Databases: SQLite by default so a fresh clone runs with nothing to set up;
# PostgreSQL (psycopg 3 with its connection pool) wherever DATABASE_URL says.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The planner's price of a random read. PostgreSQL's default of 4 is for
    # spinning disks; on SSDs it makes the planner scan a whole table rather
    # than use the search index (bench/README.md). Set 4 again on such disks.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={env.float('DATABASE_RANDOM_PAGE_COST', default=1.1)}"
    )
    # Give up on a server that does not answer after this many seconds (libpq's
    # minimum is 2), so that an outage costs a request seconds, not minutes.
    DATABASES["default"]["OPTIONS"]["connect_timeout"] = env.int(
        "DATABASE_CONNECT_TIMEOUT", default=2
    )
    if env.bool("DATABASE_POOL", default=True):
        # Pooling and persistent connections exclude each other.
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        from psycopg_pool import ConnectionPool

        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN", default=1),
            "max_size": env.int("DATABASE_POOL_MAX", default=8),
            # How long a request waits for a connection. While the database
            # is away the first request waits this long and opens a circuit
            # that fails the next ones at once (core/outage.py): keep it short.
            "timeout": env.float("DATABASE_POOL_TIMEOUT", default=1.5),
            # Test each connection before handing it out, so that after a
            # database restart the site recovers by itself.
            "check": ConnectionPool.check_connection,
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int(
            "DATABASE_CONN_MAX_AGE", default=60
        )
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Read replicas (docs/deploy.md, core/db.py): streaming replicas of the
# primary, comma-separated URLs. Web requests read from one that is within
# DATABASE_REPLICA_MAX_LAG seconds of the primary; writes, transactions and a
# member's reads for a while after their own writes go to the primary. Each
# replica keeps persistent connections rather than a pool: one that is away
# then refuses at once, instead of after the pool's timeout, and its reads
# go to the primary.
DATABASE_REPLICAS = []
for _number, _url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), 1):
    _replica = env.db_url_config(_url)
    _options = {
        **DATABASES["default"].get("OPTIONS", {}),
        **_replica.get("OPTIONS", {}),
    }
    _options.pop("pool", None)
    _replica |= {"OPTIONS": _options, "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica{_number}"] = _replica
    DATABASE_REPLICAS.append(f"replica{_number}")
DATABASE_ROUTERS = ["core.db.ReplicaRouter"]
DATABASE_REPLICA_MAX_LAG = env.float("DATABASE_REPLICA_MAX_LAG", default=5.0)
DATABASE_REPLICA_CHECK_EVERY = env.float("DATABASE_REPLICA_CHECK_EVERY", default=2.0)
DATABASE_REPLICA_RETRY_AFTER = env.float("DATABASE_REPLICA_RETRY_AFTER", default=10.0)
# Long enough that any replica the router still uses has replayed the write.
DATABASE_READ_YOUR_WRITES_SECONDS = env.float(
    "DATABASE_READ_YOUR_WRITES_SECONDS",
    default=DATABASE_REPLICA_MAX_LAG + DATABASE_REPLICA_CHECK_EVERY + 1,
)
# PgBouncer in transaction mode in front of every database above: each
# transaction may run on another server connection, so nothing may outlive
# one. No server-side cursors (.iterator() would DECLARE one), and no
# "options" startup parameter, which PgBouncer refuses: set random_page_cost
# on the role instead (docs/deploy.md). psycopg's prepared statements are
# already off, as Django leaves them.
DATABASE_POOLER = env.str("DATABASE_POOLER", default="")
if DATABASE_POOLER not in ("", "pgbouncer"):
    raise ImproperlyConfigured("DATABASE_POOLER is either unset or pgbouncer.")
if DATABASE_POOLER == "pgbouncer":
    for _database in DATABASES.values():
        _database["DISABLE_SERVER_SIDE_CURSORS"] = True
        _database.get("OPTIONS", {}).pop("options", None)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches with two jobs (core/cache.py, docs/deploy.md). "default" is a
# table in the database that core's migrations create: allauth keeps its
# log-in lockouts and rate limits there and the forum its posting limits, so
# neither Redis eviction nor a Redis restart forgets them. Rows expire; only
# past MAX_ENTRIES live ones is a tenth of them culled. "pages" holds only
# what the database can rebuild (pages, fragments, sidebars, the session
# cache): Redis when REDIS_URL is set, whose failures read as misses.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "core_cache",
        "OPTIONS": {
            "MAX_ENTRIES": env.int("DJANGO_CACHE_MAX_ENTRIES", default=100_000),
            "CULL_FREQUENCY": 10,
        },
    },
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
if env.str("REDIS_URL", default=""):
    CACHES["pages"] = {
        "BACKEND": "core.cache.FailSoftRedisCache",
        "LOCATION": env.str("REDIS_URL"),
        "KEY_PREFIX": "healthforum",
        "OPTIONS": {
            # Seconds a request waits for Redis before building without it,
            # and seconds to skip Redis after it failed.
            "socket_connect_timeout": env.float("REDIS_TIMEOUT", default=0.25),
            "socket_timeout": env.float("REDIS_TIMEOUT", default=0.25),
            "retry_after": env.float("REDIS_RETRY_AFTER", default=5.0),
        },
    }
    # Sessions read from Redis, written through to the database: a signed-in
    # page costs one query less, and with Redis away they are read from the
    # database. Only with a shared cache, so that signing out in one process
    # ends the session in every other.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "pages"

# Whole pages for anonymous readers and each reply's HTML (core/pagecache.py).
# On by default only with a cache that every process shares: with each
# process's own memory, a change made in one would not expire the pages that
# another has stored.
PAGE_CACHE_ENABLED = env.bool(
    "DJANGO_PAGE_CACHE", default=bool(env.str("REDIS_URL", default=""))
)
# Stored HTML is keyed by release; unset, a digest of the templates names it.
PAGE_CACHE_RELEASE = env.str("DJANGO_RELEASE", default="")
# The reader's choices that change a stored page (its text size and contrast).
PAGE_CACHE_VARY = "accounts.preferences.reading_preferences"
# What a member has posted, shown to staff deciding on their credential.
MEMBER_ACTIVITY_COUNTS = "forum.models.member_activity_counts"
# What apps above the forum add to its pages, by page (core.hooks): each
# function adds nothing for anonymous readers, whose pages are stored.
PAGE_CONTEXT_HOOKS = {
    "thread_detail": [
        "notifications.context_processors.thread_detail_context",
        # The same for every reader; its changes expire the page (safety).
        "safety.hooks.thread_detail_context",
    ],
    # A question or reply about to be posted (or its form shown again): what
    # it shows its author first, and whether it waits for them to confirm.
    "post_review": ["safety.hooks.post_review"],
    "forum_detail": ["notifications.context_processors.forum_detail_context"],
    "tag_detail": ["notifications.context_processors.tag_detail_context"],
    "member_detail": ["notifications.context_processors.member_detail_context"],
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
_validators = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_validators}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_validators}.MinimumLengthValidator"},
    {"NAME": f"{_validators}.CommonPasswordValidator"},
    {"NAME": f"{_validators}.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "forum:index"

# django-allauth: members sign in with their e-mail or their public username,
# and must confirm the address before their first log-in.
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming the address in the browser that signed up signs the member in
# and takes them back to the page they signed up from (allauth keeps the
# pending log-in, with its "next", in that browser's session).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USERNAME_MIN_LENGTH = 3
# Reserved names, styled letters and mixed alphabets are refused; a name that
# looks like a member's is refused by the sign-up form and the User model.
ACCOUNT_USERNAME_VALIDATORS = "accounts.validators.username_validators"
# One address per member: changing it adds the new one, unconfirmed, beside
# the old, which goes once the new one is confirmed (allauth requires 2 here).
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_MAX_EMAIL_ADDRESSES = 2
ACCOUNT_LOGOUT_REDIRECT_URL = "forum:index"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Health Forum] "
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "add_email": "accounts.forms.AddEmailForm",
}
# Log-in limits by account and by client address, which a known device
# passes (accounts/adapter.py). The per-post "login" limit would refuse the
# right password too, so only failed log-ins count.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {"login": None}
# Sign-ups per client address: (attempts, window in seconds). Generous for
# a family or a care home sharing one connection, too few for a script.
SIGNUP_RATE_LIMIT = (10, 60 * 60)
# The client's address for those limits: X-Forwarded-For is believed only
# when it says how many proxies of ours set it (docs/deploy.md).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = (
    env.str("DJANGO_TRUSTED_CLIENT_IP_HEADER", default="") or None
)

# Outgoing mail: printed to the console unless EMAIL_URL names a server,
# e.g. smtp+tls://user:password@smtp.example.com:587
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Health Forum <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_email = env.email_url("EMAIL_URL", default="consolemail://")
_mail_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS"),
    "use_ssl": _email.get("EMAIL_USE_SSL"),
    # Seconds a worker waits on a silent mail server before the send fails
    # and is retried later.
    "timeout": env.float("EMAIL_TIMEOUT", default=10),
}
if _email["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend":
    # Printed as people read it: UTF-8 bodies, links unbroken (core/mail.py).
    _email["EMAIL_BACKEND"] = "core.mail.ConsoleEmailBackend"
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": (
            {key: value for key, value in _mail_options.items() if value}
            if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
            else {}
        ),
    }
}

# The site's address, for the links in e-mails (which have no request).
SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Background work (e-mail, digests) is queued in the database and run by
# `manage.py db_worker` (docs/deploy.md); tests run each task at once.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
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

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
TAGGIT_CASE_INSENSITIVE = True
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# A strict policy: no inline script or style anywhere, and every script a file
# the site serves itself (so no nonce, which stored pages could not carry
# per request). Bootstrap draws some controls with data: SVGs.
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
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Behind TLS in production: set DJANGO_SECURE=1 (and the proxy header).
if env.bool("DJANGO_SECURE", default=False):
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# The admin lives at a path that need not be guessable.
ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/")

# Posting and voting limits per member: (number of actions, window in seconds).
# DJANGO_VOTE_RATE_LIMIT ("actions/seconds") lets the benchmark vote faster.
_vote_limit = env.str("DJANGO_VOTE_RATE_LIMIT", default="60/60").split("/")
FORUM_RATE_LIMITS = {
    "thread": (5, 60 * 60),
    "reply": (20, 10 * 60),
    "vote": (int(_vote_limit[0]), int(_vote_limit[1])),
    # A professional endorsing replies, at the pace of votes.
    "endorse": (int(_vote_limit[0]), int(_vote_limit[1])),
    # Edits and reports: generous for a member fixing typos or flagging a
    # bad thread, too few to flood the revision table or the queue.
    "edit": (20, 10 * 60),
    "report": (10, 60 * 60),
}
# Open reports from this many members hide a post until staff review it.
FORUM_REPORT_HOLD_THRESHOLD = 3
# For their first day, a member's posts with links wait for staff's review.
FORUM_NEW_MEMBER_SECONDS = 24 * 60 * 60
# How long after posting an author may edit a question or a reply, in
# seconds. Staff who may change posts edit them at any time.
FORUM_EDIT_WINDOWS = {"thread": 24 * 60 * 60, "reply": 24 * 60 * 60}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {
            "handlers": ["console"],
            "level": env.str("DJANGO_LOG_LEVEL", default="INFO"),
            "propagate": False,
        },
        # One line per request; runserver prints its own under DEBUG.
        "healthforum.requests": {
            "handlers": ["console"],
            "level": env.str(
                "DJANGO_REQUEST_LOG_LEVEL", default="WARNING" if DEBUG else "INFO"
            ),
            "propagate": False,
        },
    },
}

# A member's own data (privacy/). A download with more questions and replies
# than PRIVACY_EXPORT_INLINE_LIMIT is prepared by a task, kept privately for
# PRIVACY_EXPORT_DAYS, and e-mailed as a link; smaller ones download at once.
PRIVACY_EXPORT_INLINE_LIMIT = env.int("DJANGO_PRIVACY_EXPORT_INLINE_LIMIT", default=500)
PRIVACY_EXPORT_DAYS = 7
# How often a member may download their data, and try to confirm deleting
# their account: (number of attempts, window in seconds).
PRIVACY_RATE_LIMITS = {"export": (5, 60 * 60), "delete": (5, 60 * 60)}
# The service staff erase a member with, for the accounts admin's action
# (accounts sits below privacy and does not import it).
PRIVACY_ERASE_MEMBER = "privacy.services.erase_member"
