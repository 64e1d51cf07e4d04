"""Content-addressed file store: every uploaded or issued file lives under the SHA-256 of its bytes.

The hash is the only thing that builds a path, and it is checked to be 64 lowercase hex digits first, so no
user input reaches the file system. Several web and worker machines share the directory: a file appears under
its final name only complete (temp file + rename in the same directory), and two processes storing the same
content both write identical bytes, so whichever rename lands last changes nothing.
"""
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

_SHA = re.compile(r"[0-9a-f]{64}")
_TEMP_PREFIX = ".tmp-"

# Web and worker processes may run as different users in one group; the content is confidential.
_FILE_MODE = 0o640


@dataclass(frozen=True)
class Problem:
    # 'corrupt': content differs from its name; 'missing': a known hash has no file; 'stray': not a stored file
    kind: str
    sha: str  # the hash, or for a stray file its name
    path: Path


class BlobStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, sha: str) -> Path:
        if not isinstance(sha, str) or not _SHA.fullmatch(sha):
            raise ValueError("not a sha256 hex digest")
        return self.root / sha[:2] / sha[2:4] / sha

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha)
        if target.exists():
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=_TEMP_PREFIX)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, _FILE_MODE)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
        return sha

    def open(self, sha: str) -> BinaryIO:
        return self.path(sha).open("rb")

    def read(self, sha: str) -> bytes:
        return self.path(sha).read_bytes()

    def verify(self) -> list[Problem]:
        """Re-hash every stored file; report those whose content no longer matches their name."""
        problems = []
        for path in sorted(self.root.glob("*/*/*")):
            # Temp files are other processes' writes in progress, not stored content.
            if not path.is_file() or path.name.startswith(_TEMP_PREFIX):
                continue
            name = path.name
            if not _SHA.fullmatch(name) or path != self.path(name):
                problems.append(Problem("stray", name, path))
                continue
            with path.open("rb") as f:
                if hashlib.file_digest(f, "sha256").hexdigest() != name:
                    problems.append(Problem("corrupt", name, path))
        return problems

    def verify_known(self, shas: Iterable[str]) -> list[Problem]:
        """Report the hashes the database records but the store does not hold."""
        return [Problem("missing", sha, self.path(sha)) for sha in shas if not self.path(sha).is_file()]
