"""Where a login may send the user afterwards: a path on this site, never another host.

Browsers are lenient in ways a plain `startswith("/")` check is not: they drop tabs and newlines anywhere in a
URL (so `/\t/evil.example` becomes `//evil.example`, a host), read a backslash as a slash (`/\\evil.example`),
and strip leading spaces and control characters. So the target is refused when it holds any of those, and its
path must still be a plain path after one more round of percent-decoding (`/%2F%2Fevil.example`, should a
proxy or framework on the way decode it again): no scheme, no host, no `//`.
"""
from urllib.parse import unquote, urlsplit

# C0 controls, space and DEL: browsers strip or ignore them, so what the check sees is not what they follow.
_INVISIBLE = frozenset(map(chr, range(0x21))) | {"\x7f"}


def _clean(text: str) -> bool:
    return "\\" not in text and not any(ch in _INVISIBLE for ch in text)


def _plain_path(path: str) -> bool:
    return path.startswith("/") and "//" not in path and _clean(path)


def local_path(target: str | None) -> str | None:
    """`target` when it is a path on this site (a query string allowed), else None."""
    if not target or not target.startswith("/") or not _clean(target):
        return None
    path = target.partition("?")[0].partition("#")[0]  # urlsplit would read "///x" as an empty host
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not _plain_path(path) or not _plain_path(unquote(path)):
        return None
    return target
