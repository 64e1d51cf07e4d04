"""The audit trail's MAC key, kept outside the database (NIST SP 800-53 AU-9: protection of audit information).

The hash chain shows that rows were changed only to someone who cannot rewrite them all: a person with write
access to the database can alter a row and recompute every later hash and the head. A keyed MAC on each event
and on the head stops that, as long as the key is not in the database: it comes from `AUDIT_KEY` (the
environment) or from the key file `AUDIT_KEY_FILE` (default instance/audit.key), which outside production is
created on first use, readable by its owner only. Every web and worker machine needs the same key.
"""
import hashlib
import hmac
import os
import secrets

from flask import current_app


class AuditKeyMissing(RuntimeError):
    pass


def _read(path: str) -> bytes:
    with open(path, encoding="ascii") as f:
        text = f.read().strip()
    if not text:
        raise AuditKeyMissing(f"操作日志密钥文件为空：{path}")
    return text.encode()


def _create(path: str) -> bytes:
    """A new random key, written to a private temporary file and linked into place: a concurrent creator
    either wins the link or reads the winner's whole file, never a half-written one."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    temporary = f"{path}.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, (secrets.token_hex(32) + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)
    return _read(path)


def audit_key(create: bool = False) -> bytes:
    """The key; `create` makes the key file when there is none (writers do, outside production; `verify` never
    does, since a fresh key would only make every MAC look forged)."""
    config = current_app.config
    if config.get("AUDIT_KEY"):
        return config["AUDIT_KEY"].encode()
    path = config["AUDIT_KEY_FILE"]
    try:
        return _read(path)
    except FileNotFoundError:
        if create and not config["PRODUCTION"]:
            return _create(path)
    raise AuditKeyMissing(f"找不到操作日志密钥：请设置 AUDIT_KEY 环境变量或提供密钥文件 {path}")


def mac(key: bytes, *parts) -> str:
    """HMAC-SHA256 over the parts, each tagged by position (unit separator between them)."""
    return hmac.new(key, "\x1f".join(map(str, parts)).encode(), hashlib.sha256).hexdigest()


def same(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected, given)
