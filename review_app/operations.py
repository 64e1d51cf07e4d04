"""What every named operation shares: its error type and the stale-version check.

Operations validate, change rows, write the audit trail and flush; the view commits once.
"""
from flask_babel import gettext as _


class OperationError(Exception):
    """A refused change, with a message for the user in their language and the HTTP status to answer."""
    status = 400

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class StaleVersion(OperationError):
    status = 409


def check_version(row, submitted) -> None:
    """Optimistic locking: the form carries the version it was drawn from."""
    try:
        submitted = int(submitted)
    except (TypeError, ValueError):
        raise OperationError(_("缺少版本号，请刷新页面后重试")) from None
    if submitted != row.version:
        raise StaleVersion(_("数据已被他人修改（当前版本 %(cur)d，您的版本 %(old)d），请刷新后重试",
                             cur=row.version, old=submitted))
