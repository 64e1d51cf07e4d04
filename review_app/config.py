"""Settings from environment variables, each with an embedded default so `make run` needs nothing."""
import os
from datetime import timedelta
from pathlib import Path

DEFAULT_SECRET = "dev-only-secret-change-me"
ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    pass


def database_url(url: str) -> str:
    """postgres:// and postgresql:// mean the installed psycopg 3 driver (SQLAlchemy would look for psycopg2)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def from_environment(instance_path: str) -> dict:
    env = os.environ.get
    production = env("REVIEW_ENV", "development") == "production"
    return {
        "PRODUCTION": production,
        "SECRET_KEY": env("SECRET_KEY", DEFAULT_SECRET),
        "SQLALCHEMY_DATABASE_URI": database_url(env("DATABASE_URL", f"sqlite:///{instance_path}/review.sqlite3")),
        "REDIS_URL": env("REDIS_URL") or None,
        "RQ_PREFIX": env("RQ_PREFIX", ""),
        "UPLOAD_DIR": env("UPLOAD_DIR", os.path.join(instance_path, "files")),
        "MAX_CONTENT_LENGTH": int(env("UPLOAD_MAX_MB", "20")) * 1024 * 1024,
        "TIME_ZONE": env("TIME_ZONE", "Asia/Shanghai"),
        "BABEL_DEFAULT_LOCALE": "zh_CN",
        "BABEL_DEFAULT_TIMEZONE": env("TIME_ZONE", "Asia/Shanghai"),
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
        # Sessions: idle timeout and absolute lifetime are enforced server-side (auth.sessions).
        "SESSION_IDLE_MINUTES": int(env("SESSION_IDLE_MINUTES", "30")),
        "SESSION_MAX_HOURS": int(env("SESSION_MAX_HOURS", "12")),
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=int(env("SESSION_MAX_HOURS", "12"))),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_NAME": "review_session",
        # A second factor is required for bureau and admin roles in production, optional in the demo.
        "REQUIRE_TOTP": production or env("REQUIRE_TOTP") == "1",
        "LOGIN_MAX_FAILURES": int(env("LOGIN_MAX_FAILURES", "5")),
        "LOGIN_LOCK_MINUTES": int(env("LOGIN_LOCK_MINUTES", "15")),
        "WTF_CSRF_TIME_LIMIT": None,
        "ARGON2_MEMORY_KIB": 65536,
        "ARGON2_TIME_COST": 3,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "MAIL_SERVER": env("MAIL_SERVER") or None,
        "MAIL_PORT": int(env("MAIL_PORT", "25")),
        "MAIL_FROM": env("MAIL_FROM", "review@localhost"),
        "MAIL_DOMAIN": env("MAIL_DOMAIN", "localhost"),
        "MAIL_DIR": env("MAIL_DIR", os.path.join(instance_path, "mail")),
        # The SMS gateway: a class with send(phone, text, client_ref); the default writes files to SMS_DIR.
        "SMS_BACKEND": env("SMS_BACKEND", "review_app.notifications.channels:FileSms"),
        "SMS_DIR": env("SMS_DIR", os.path.join(instance_path, "sms")),
        # The outbox (review_app/notifications/jobs.py): a pending delivery this old is swept up again (its
        # enqueue was lost: Redis was down); a backlog older than the alert age is reported to administrators.
        "OUTBOX_SWEEP_AGE_SECONDS": int(env("OUTBOX_SWEEP_AGE_SECONDS", "60")),
        "OUTBOX_ALERT_MINUTES": int(env("OUTBOX_ALERT_MINUTES", "30")),
        "OUTBOX_BATCH": int(env("OUTBOX_BATCH", "25")),  # deliveries one job claims and sends
        "DIGEST_HOUR": int(env("DIGEST_HOUR", "8")),  # the daily digest goes out from this local hour
        # The address people open the service at, for links in e-mail and SMS.
        "PUBLIC_URL": env("PUBLIC_URL", "http://127.0.0.1:5000"),
        # The first district, created by `flask demo load` (others: `flask districts create`).
        "DISTRICT_CODE": env("DISTRICT_CODE", "000001"),
        "DISTRICT_NAME": env("DISTRICT_NAME", "示范区"),
        "OPINION_PREFIX": env("OPINION_PREFIX", "示司审"),
        "SUPERVISION_PREFIX": env("SUPERVISION_PREFIX", "示司督"),
        # Audit trail (security-audit): the MAC key lives outside the database, and checkpoints of the
        # chain's head go where the database cannot reach them (review_app/audit/keys.py, checkpoints.py).
        "AUDIT_KEY": env("AUDIT_KEY") or None,
        "AUDIT_KEY_FILE": env("AUDIT_KEY_FILE", os.path.join(instance_path, "audit.key")),
        "AUDIT_CHECKPOINT_DIR": env("AUDIT_CHECKPOINT_DIR", os.path.join(instance_path, "audit-checkpoints")),
    }


def check_production(config) -> None:
    """Refuse to start a production process with the embedded development secret."""
    if config["PRODUCTION"] and config["SECRET_KEY"] in (DEFAULT_SECRET, "", None):
        raise ConfigError("生产模式必须设置 SECRET_KEY 环境变量（不能使用内置默认值）")
    if config["PRODUCTION"] and len(config["SECRET_KEY"]) < 32:
        raise ConfigError("生产模式的 SECRET_KEY 至少需要 32 个字符")
    # Audit trail (security-audit): production never makes up a key of its own (each machine would sign with
    # a different one); AUDIT_KEY or a key file shared by every machine must be given.
    if config["PRODUCTION"] and not config.get("AUDIT_KEY") and not os.path.isfile(config["AUDIT_KEY_FILE"]):
        raise ConfigError("生产模式必须设置 AUDIT_KEY 环境变量或提供操作日志密钥文件（AUDIT_KEY_FILE）")
    if config["PRODUCTION"] and config.get("AUDIT_KEY") and len(config["AUDIT_KEY"]) < 32:
        raise ConfigError("生产模式的 AUDIT_KEY 至少需要 32 个字符")
