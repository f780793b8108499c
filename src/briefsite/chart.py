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
MAX_BAR = 24
MIN_WIDTH = 64
"""Room for a year label however few the months."""
GAP = 1


def month_span(counts: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Every month from the first to the last of `counts` (`YYYY-MM`, in order), with its
    count: months without a mention are there with 0, so the chart shows the gaps."""
    if not counts:
        return []
    known = dict(counts)
    year, month = (int(part) for part in counts[0][0].split("-"))
    span: list[tuple[str, int]] = []
    while not span or span[-1][0] != counts[-1][0]:
        key = f"{year:04d}-{month:02d}"
        span.append((key, known.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return span


def timeline_svg(name: str, counts: Sequence[tuple[str, int]]) -> Markup:
    """The chart of `counts` (months with briefs, `YYYY-MM` in order), one line of markup:
    a blank line would end the raw HTML block Markdown keeps it in."""
    span = month_span(counts)
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
    # A label at the first month and at each January, unless too close to the previous one.
    last = -1_000
    for position, (month, _) in enumerate(span):
        x = position * bar
        fits = x - last >= 36 and x + 28 <= width
        if (position == 0 or month.endswith("-01")) and fits:
            last = x
            yield f'<text x="{x}" y="{HEIGHT + LABEL_SPACE - 3}">{month[:4]}</text>'
