"""Party names as conflict checks compare them (回避时的名称比对).

The rule itself (`normalise_name`: NFKC, case-fold, no whitespace or common punctuation, one legal-form suffix
such as 有限公司/有限责任公司 dropped when at least two characters remain) lives in experts.verify_draw, because the
standalone verifier must apply exactly the same rule; read its docstring there. The app imports it from here,
e.g. to store a normalised key beside each related party and matter party for indexed lookups.
"""
from experts.verify_draw import LEGAL_FORM_SUFFIXES, MIN_CORE_LENGTH, normalise_name

__all__ = ["LEGAL_FORM_SUFFIXES", "MIN_CORE_LENGTH", "normalise_name", "same_party"]


def same_party(a: str, b: str) -> bool:
    """Whether two written names count as one party, e.g. "ＡＢＣ科技有限公司" and "ABC科技 有限责任公司"."""
    return normalise_name(a) == normalise_name(b)
