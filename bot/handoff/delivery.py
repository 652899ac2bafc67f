"""Deliver one e-mail: over SMTP when a server is configured, else as an .eml file in var/."""

from __future__ import annotations

import smtplib
import ssl
import time
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from bot.private_files import private_dir, write_private
from bot.settings import SmtpSettings

SMTP_TIMEOUT_SECONDS = 20


def build_message(sender: str, recipient: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="kotobot.local")
    message.set_content(body, charset="utf-8")
    return message


def send(message: EmailMessage, smtp: SmtpSettings, outbox_dir: Path) -> str:
    """Deliver `message`; returns where it went. Raises OSError/SMTPException on failure."""
    if not smtp.host:
        private_dir(outbox_dir)
        path = outbox_dir / f"{int(time.time() * 1000)}-{abs(hash(message['Message-ID']))}.eml"
        write_private(path, bytes(message))
        return str(path)
    with smtplib.SMTP(smtp.host, smtp.port, timeout=SMTP_TIMEOUT_SECONDS) as server:
        if smtp.starttls:
            server.starttls(context=ssl.create_default_context())
        if smtp.user:
            server.login(smtp.user, smtp.password)
        server.send_message(message)
    return f"smtp://{smtp.host}:{smtp.port}"
