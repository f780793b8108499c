"""briefsite: source briefs in, a searchable site with cross-linked actor pages out.

The core returns problems as data and never raises for bad content: `check_site` and
`build_site` are the whole public API.
"""

from __future__ import annotations

from briefsite.build import BuildResult, CheckResult, build_site, check_site
from briefsite.errors import Problem, Severity

__all__ = ["BuildResult", "CheckResult", "Problem", "Severity", "build_site", "check_site"]
