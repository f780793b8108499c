"""The generated tree on disk (`briefsite render --out`): every page and file of a build, as
plain files, so that an engine can build the site without the plugin.

The bytes are those the plugin hands the engine. The folder is replaced whole, and only when
it is empty or was written here before (it holds `MARKER`): a render never mixes old and new
files, never half-writes a folder, and never deletes a folder it did not make.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path, PurePosixPath

from briefsite.build import BuildResult

MARKER = ".briefsite-tree"
"""Marks a folder this module wrote; engines skip dot files, so it is never published."""
_MARKER_TEXT = "Written by `briefsite render`: the next render replaces this whole folder.\n"


class TreeError(Exception):
    """The folder cannot be written; the message says why, for a person."""


def tree_files(result: BuildResult) -> dict[str, bytes]:
    """Every page (Markdown, UTF-8) and file of a build, by path relative to the tree."""
    files = {page.path: page.content.encode("utf-8") for page in result.pages}
    files.update((file.path, file.content) for file in result.files)
    return files


def write_tree(files: dict[str, bytes], out: Path) -> None:
    """Replace `out` with exactly `files`; refuses a folder that holds anything else."""
    if out.exists() and not _replaceable(out):
        raise TreeError(
            f"{out} is not empty and was not written by `briefsite render`; "
            "choose an empty or new folder"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for path, content in files.items():
            target = staging.joinpath(*PurePosixPath(path).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        (staging / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def _replaceable(out: Path) -> bool:
    return out.is_dir() and (not any(out.iterdir()) or (out / MARKER).is_file())
