"""`pip install .` (the README's first command) ships every data file the code reads.

CI installs the project editable, which reads files from the tree and so cannot see a file
type missing from pyproject's package-data (the search index's .sql queries once were).
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_data_file_of_a_package_is_in_its_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns: dict[str, list[str]] = config["tool"]["setuptools"]["package-data"]
    missing = []
    for package in ("graph", "loaders", "queries"):
        for path in (ROOT / package).rglob("*"):
            if not path.is_file() or path.suffix in {".py", ".pyc"}:
                continue
            relative = path.relative_to(ROOT / package).as_posix()
            if not any(_matches(relative, p) for p in patterns.get(package, [])):
                missing.append(f"{package}/{relative}")
    assert missing == []


def _matches(relative: str, pattern: str) -> bool:
    """As setuptools globs package data: ``*`` stays within one directory."""
    return relative.count("/") == pattern.count("/") and fnmatch.fnmatch(relative, pattern)
