"""pydantic's validation errors in the reader's language: where, and what is wrong."""
from flask_babel import gettext as _

# pydantic error type -> message template; the error's context fills the placeholders.
_MESSAGES = {
    "missing": lambda c: _("缺少必填字段"),
    "extra_forbidden": lambda c: _("不允许的字段"),
    "string_type": lambda c: _("应为字符串"),
    "string_too_short": lambda c: _("不能为空") if c.get("min_length") == 1 else _("至少 %(n)s 个字", n=c.get("min_length")),
    "string_too_long": lambda c: _("不能超过 %(n)s 个字", n=c.get("max_length")),
    "int_type": lambda c: _("应为整数"),
    "int_parsing": lambda c: _("应为整数"),
    "int_from_float": lambda c: _("应为整数"),
    "bool_type": lambda c: _("应为 true 或 false"),
    "bool_parsing": lambda c: _("应为 true 或 false"),
    "greater_than_equal": lambda c: _("不能小于 %(n)s", n=c.get("ge")),
    "less_than_equal": lambda c: _("不能大于 %(n)s", n=c.get("le")),
    "greater_than": lambda c: _("应大于 %(n)s", n=c.get("gt")),
    "less_than": lambda c: _("应小于 %(n)s", n=c.get("lt")),
    "literal_error": lambda c: _("取值应为：%(v)s", v=c.get("expected", "")),
    "enum": lambda c: _("取值应为：%(v)s", v=c.get("expected", "")),
    "date_parsing": lambda c: _("格式不正确，应如 2026-11-25"),
    "date_from_datetime_parsing": lambda c: _("格式不正确，应如 2026-11-25"),
    "date_type": lambda c: _("格式不正确，应如 2026-11-25"),
    "model_type": lambda c: _("应为对象"),
    "model_attributes_type": lambda c: _("应为对象"),
    "dict_type": lambda c: _("应为对象"),
    "list_type": lambda c: _("应为数组"),
    "too_long": lambda c: _("最多 %(n)s 项", n=c.get("max_length")),
    "too_short": lambda c: _("至少 %(n)s 项", n=c.get("min_length")),
}


def describe(error: dict, model=None) -> str:
    """"会议日期格式不正确，应如 2026-11-25" for a field the model titles in Chinese, else "points/0/text：不能为空"."""
    loc = [str(p) for p in error.get("loc", ()) if not str(p).startswith(("function-", "literal["))]
    message = _MESSAGES.get(error["type"])
    text = message(error.get("ctx") or {}) if message else _("取值不符合要求")
    field = model.model_fields.get(loc[0]) if model is not None and len(loc) == 1 else None
    if field is not None and field.title:
        return f"{_(field.title)}{text}"
    return _("%(where)s：%(text)s", where="/".join(loc) or _("（根）"), text=text.strip())
