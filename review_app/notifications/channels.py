"""The channels a notification leaves by: e-mail (SMTP, or .eml files in MAIL_DIR without a server) and SMS
through a small backend interface whose default writes one JSON file per message to SMS_DIR.

Every channel carries the notification's id as its idempotency key (the e-mail's Message-ID, the SMS
backend's client reference), so a receiver can recognise the duplicate a crashed worker may send again.
A real SMS gateway plugs in by naming its class in SMS_BACKEND (module:Class with a `send` like FileSms's).
"""
import importlib
import json
import smtplib
from email.message import EmailMessage
from pathlib import Path

from flask import current_app

from ..models import Channel, Notification


def idempotency_key(n: Notification) -> str:
    return f"notification-{n.id}"


def _public_link(n: Notification) -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/") + n.link if n.link else ""


def _email(n: Notification) -> None:
    cfg = current_app.config
    msg = EmailMessage()
    msg["Subject"] = n.title
    msg["From"] = cfg["MAIL_FROM"]
    msg["To"] = f"{n.user.username}@{cfg['MAIL_DOMAIN']}"
    msg["Message-ID"] = f"<{idempotency_key(n)}@{cfg['MAIL_DOMAIN']}>"
    link = _public_link(n)
    msg.set_content(f"{n.user.display_name}：\n\n{n.body}\n\n" + (f"办理地址：{link}\n\n" if link else "")
                    + f"{n.user.district.name}合法性审核系统")
    if cfg.get("MAIL_SERVER"):
        with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=10) as smtp:
            smtp.send_message(msg)
        return
    folder = Path(cfg["MAIL_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{idempotency_key(n)}.eml").write_bytes(bytes(msg))


class FileSms:
    """The default SMS backend: one JSON file per message, named by its client reference (a repeat overwrites
    itself, as a gateway that deduplicates by reference would ignore it)."""

    def __init__(self, config):
        self.folder = Path(config["SMS_DIR"])

    def send(self, phone: str, text: str, client_ref: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / f"{client_ref}.json").write_text(
            json.dumps({"phone": phone, "text": text, "client_ref": client_ref}, ensure_ascii=False),
            encoding="utf-8")


def sms_backend():
    module, _, name = current_app.config["SMS_BACKEND"].partition(":")
    return getattr(importlib.import_module(module), name)(current_app.config)


def _sms(n: Notification) -> None:
    link = _public_link(n)
    sms_backend().send(n.user.phone, f"【{n.user.district.name}司法局】{n.title}" + (f" {link}" if link else ""),
                       idempotency_key(n))


SEND = {Channel.email: _email, Channel.sms: _sms}
