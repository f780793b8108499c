"""briefsite: source briefs in, a searchable site with cross-linked actor pages out."""

from __future__ import annotations

from briefsite.build import BuildResult, build_site
from briefsite.errors import BriefsiteError, Problem, Severity

__all__ = ["BriefsiteError", "BuildResult", "Problem", "Severity", "build_site"]
