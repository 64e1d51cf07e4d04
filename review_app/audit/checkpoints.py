"""Checkpoints of the audit chain's head, kept where the database cannot reach them (Crosby and Wallach,
"Efficient Data Structures for Tamper-Evident Logging", 2009: a log is only as trustworthy as the commitments
to it held by others).

A checkpoint says: at this time the chain had `count` events, the last one `last_id` with hash `last_hash`,
and its first `legacy` events carried no MAC. It is one line of ASCII text, MAC'd with the audit key, appended
to a file in AUDIT_CHECKPOINT_DIR (a directory on another machine or volume than the database, ideally one
the database's administrators cannot write) and printed by `flask audit checkpoint`, so a person can copy it
into the day's digest or the annual report. `flask audit verify` reads the file, and any text with such lines
given to it, and checks that every checkpointed head is still in the chain.
"""
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone

from flask import current_app

from .keys import mac, same

FILE_NAME = "checkpoints.txt"
MARK = "AUDIT-CHECKPOINT v1"
_LINE = re.compile(MARK + r" (?P<at>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) id=(?P<last_id>\d+) count=(?P<count>\d+) "
                   r"legacy=(?P<legacy>\d+) hash=(?P<last_hash>[0-9a-f]{64}) mac=(?P<mac>[0-9a-f]{64})")


@dataclass(frozen=True)
class Checkpoint:
    at: str          # UTC, to the second: 2026-11-25T08:00:00Z
    last_id: int
    count: int
    legacy: int
    last_hash: str
    mac: str

    @staticmethod
    def signed(key: bytes, last_id: int, count: int, legacy: int, last_hash: str,
               at: datetime | None = None) -> "Checkpoint":
        at_text = (at or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return Checkpoint(at_text, last_id, count, legacy, last_hash,
                          _mac(key, at_text, last_id, count, legacy, last_hash))

    def authentic(self, key: bytes) -> bool:
        return same(_mac(key, self.at, self.last_id, self.count, self.legacy, self.last_hash), self.mac)

    def line(self) -> str:
        return (f"{MARK} {self.at} id={self.last_id} count={self.count} legacy={self.legacy} "
                f"hash={self.last_hash} mac={self.mac}")


def _mac(key: bytes, at: str, last_id: int, count: int, legacy: int, last_hash: str) -> str:
    return mac(key, "checkpoint", at, last_id, count, legacy, last_hash)


@dataclass(frozen=True)
class Unreadable:
    """A line that names a checkpoint but does not parse: a damaged copy, reported rather than skipped."""
    source: str
    number: int
    text: str


def parse(text: str, source: str) -> tuple[list[Checkpoint], list[Unreadable]]:
    """Every checkpoint line in a text (the file, or a digest or report a person pasted them into)."""
    found, unreadable = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if MARK not in line:
            continue
        m = _LINE.search(line)
        if m is None:
            unreadable.append(Unreadable(source, number, line.strip()[:200]))
            continue
        g = m.groupdict()
        found.append(Checkpoint(g["at"], int(g["last_id"]), int(g["count"]), int(g["legacy"]), g["last_hash"],
                                g["mac"]))
    return found, unreadable


def path() -> str:
    return os.path.join(current_app.config["AUDIT_CHECKPOINT_DIR"], FILE_NAME)


def read(extra: tuple[str, ...] = ()) -> tuple[list[Checkpoint], list[Unreadable]]:
    """The checkpoint file's lines (none yet: no file) and those of any other files named."""
    found, unreadable = [], []
    for name in (path(), *extra):
        try:
            with open(name, encoding="utf-8", errors="replace") as f:
                text = f.read()
        except FileNotFoundError:
            if name != path():
                raise
            continue
        more, bad = parse(text, name)
        found += more
        unreadable += bad
    return found, unreadable


def last() -> Checkpoint | None:
    found, _unreadable = read()
    return found[-1] if found else None


def append(checkpoint: Checkpoint) -> str:
    """Add one line to the file, created private (0600, in a 0700 directory); O_APPEND makes each line one
    write that concurrent writers cannot interleave. Returns the file's path."""
    name = path()
    os.makedirs(os.path.dirname(name), mode=0o700, exist_ok=True)
    fd = os.open(name, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (checkpoint.line() + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return name
