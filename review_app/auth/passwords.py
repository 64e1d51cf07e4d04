"""Password hashing (Argon2id, memory-hard) and the password policy."""
from functools import lru_cache
from importlib.resources import files

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _

MIN_LENGTH = 12


class WeakPassword(ValueError):
    pass


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    text = files(__package__).joinpath("common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def check_policy(password: str, username: str = "") -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(_("密码至少需要 %(n)d 个字符", n=MIN_LENGTH))
    lowered = password.lower()
    if lowered in _common() or (username and username.lower() in lowered) or len(set(password)) < 5:
        raise WeakPassword(_("密码过于常见或容易猜测，请换一个"))


@lru_cache(maxsize=4)
def _hasher_for(memory_kib: int, time_cost: int) -> PasswordHasher:
    return PasswordHasher(memory_cost=memory_kib, time_cost=time_cost)  # argon2id


def _hasher() -> PasswordHasher:
    # Production uses argon2's defaults (64 MiB); the test suite lowers the cost to stay fast.
    cfg = current_app.config
    return _hasher_for(cfg["ARGON2_MEMORY_KIB"], cfg["ARGON2_TIME_COST"])


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Without a stored hash (no such user) a dummy hash is checked, so timing does not tell."""
    hasher = _hasher()
    try:
        return hasher.verify(stored or _dummy_hash(hasher), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


@lru_cache(maxsize=4)
def _dummy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash("not-a-real-password-for-timing")
