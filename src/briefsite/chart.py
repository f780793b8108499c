"""An actor's mentions per month as an inline SVG bar chart, drawn at build time.

No script and nothing fetched: the page carries the chart as markup. The only text in it
from a contributor is the actor's name, escaped; the rest is numbers and `YYYY-MM` months.
Each bar carries its figures (`data-month`, `data-briefs` and a `<title>` a pointer shows),
and the page gives the same figures as a table for readers who do not see the chart.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from markupsafe import Markup, escape

HEIGHT = 100
"""Height of the tallest bar, in SVG units."""
LABEL_SPACE = 16
"""Room under the bars for the year labels."""
WIDTH = 640
"""Width the bars share when there are enough months to fill it."""
MAX_BAR = 40
MIN_WIDTH = 64
"""Room for a year label however few the months."""
GAP = 1
MAX_BARS = 240
"""More months than this (twenty years) are drawn several to a bar: the chart's size stays
bounded whatever dates a brief carries."""


def month_span(counts: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Every month from the first to the last of `counts` (`YYYY-MM`, in order), with its
    count: months without a mention are there with 0, so the chart shows the gaps."""
    if not counts:
        return []
    known = dict(counts)
    year, month = _year_month(counts[0][0])
    last = _year_month(counts[-1][0])
    span: list[tuple[str, int]] = []
    while (year, month) <= last:
        key = f"{year:04d}-{month:02d}"
        span.append((key, known.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return span


def _year_month(month: str) -> tuple[int, int]:
    year, number = month.split("-")
    return int(year), int(number)


def timeline_svg(name: str, counts: Sequence[tuple[str, int]]) -> Markup:
    """The chart of `counts` (months with briefs, `YYYY-MM` in order), one line of markup:
    a blank line would end the raw HTML block Markdown keeps it in."""
    span = _bucketed(month_span(counts))
    bar = max(2, min(MAX_BAR, WIDTH // max(1, len(span))))
    width = max(MIN_WIDTH, bar * len(span))
    peak = max((count for _, count in span), default=0) or 1
    total = sum(count for _, count in span)
    title = escape(
        f"Briefs mentioning {name} per month, {span[0][0]} to {span[-1][0]}: {total} in all"
        if span
        else f"No brief mentions {name}"
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="timeline-title" '
        f'viewBox="0 0 {width} {HEIGHT + LABEL_SPACE}" width="{width}" '
        f'height="{HEIGHT + LABEL_SPACE}" class="briefsite-chart">',
        f'<title id="timeline-title">{title}</title>',
        *_bars(span, bar, peak),
        *_year_labels(span, bar, width),
        "</svg>",
    ]
    return Markup("".join(parts))


def _bucketed(span: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """At most `MAX_BARS` bars, each named by its first month, the counts summed."""
    size = -(-len(span) // MAX_BARS)
    if size <= 1:
        return span
    return [
        (span[start][0], sum(count for _, count in span[start : start + size]))
        for start in range(0, len(span), size)
    ]


def _bars(span: list[tuple[str, int]], bar: int, peak: int) -> Iterator[str]:
    for position, (month, count) in enumerate(span):
        if not count:
            continue
        height = max(1, round(HEIGHT * count / peak))
        plural = "brief" if count == 1 else "briefs"
        yield (
            f'<rect x="{position * bar}" y="{HEIGHT - height}" width="{max(1, bar - GAP)}" '
            f'height="{height}" data-month="{month}" data-briefs="{count}">'
            f"<title>{month}: {count} {plural}</title></rect>"
        )


def _year_labels(span: list[tuple[str, int]], bar: int, width: int) -> Iterator[str]:
    # A label at the first bar and at each new year, unless too close to the previous one:
    # at most about 20 labels, however many years the chart spans.
    last, spacing, year = -width, max(36, width // 20), ""
    for position, (month, _) in enumerate(span):
        x = position * bar
        fits = x - last >= spacing and x + 28 <= width
        new_year, year = month[:4] != year, month[:4]
        if new_year and fits:
            last = x
            yield f'<text x="{x}" y="{HEIGHT + LABEL_SPACE - 3}">{month[:4]}</text>'
