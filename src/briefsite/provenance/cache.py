"""The local evidence cache: raw responses and extracted texts, named by their SHA-256.

It lives outside git (`.briefsite-cache/` by default): sources are other people's
copyrighted pages, and large. The committed manifest names each text by its hash, so
`verify --offline` finds it here, and a changed or damaged file is never mistaken for it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

CACHE_DIR = ".briefsite-cache"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Cache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put_text(self, text: str) -> str:
        """Store `text` (UTF-8) and return its SHA-256."""
        return self._put("text", text.encode("utf-8"))

    def get_text(self, digest: str) -> str | None:
        data = self._get("text", digest)
        return None if data is None else data.decode("utf-8", errors="replace")

    def put_raw(self, body: bytes) -> str:
        """Store a response body as received and return its SHA-256."""
        return self._put("raw", body)

    def get_raw(self, digest: str) -> bytes | None:
        return self._get("raw", digest)

    def _path(self, kind: str, digest: str) -> Path:
        return self.folder / kind / digest[:2] / digest

    def _put(self, kind: str, data: bytes) -> str:
        digest = sha256(data)
        path = self._path(kind, digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written aside and renamed: an interrupted run leaves no half file under the name.
            handle, temporary = tempfile.mkstemp(dir=path.parent)
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            Path(temporary).replace(path)
        return digest

    def _get(self, kind: str, digest: str) -> bytes | None:
        if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
            return None
        try:
            data = self._path(kind, digest).read_bytes()
        except OSError:
            return None
        return data if sha256(data) == digest else None
