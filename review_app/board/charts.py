"""Bar charts drawn on the server as SVG (matplotlib's SVG backend, no pyplot and no display): grey fills
with a different hatch per series and the value written on every bar, so a chart printed in black and white
reads as well as on screen. The text stays text (svg.fonttype none): the browser sets it in the page's own
fonts, and nothing is fetched from anywhere."""
import io
import logging
import re
import textwrap
from collections.abc import Sequence
from functools import lru_cache

from matplotlib import rc_context
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

# Fills and hatches per series, in order; each tells the series apart without colour.
# (Dotted hatches are left out: matplotlib draws each dot as a path, a hundred kilobytes a chart.)
STYLES = (("#ffffff", "///"), ("#bbbbbb", ""), ("#ffffff", "xx"), ("#777777", ""), ("#ffffff", "--"),
          ("#dddddd", "||"))
RC = {"svg.fonttype": "none", "svg.hashsalt": "board", "font.size": 11,
      "font.family": ["Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"],
      "hatch.linewidth": 0.6, "axes.spines.top": False, "axes.spines.right": False}
# matplotlib warns for each CJK glyph its measuring font lacks; the browser sets the text, not matplotlib.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


def _wrapped(label) -> str:
    """A label over several short lines: English names of stages and categories are long, and side by side
    under the bars they would run into each other (Chinese ones are short and stay on one line)."""
    return textwrap.fill(str(label), 16)


def bars(title: str, groups: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
         horizontal: bool = False) -> str:
    """One bar per group and series (grouped side by side), as an inline <svg> element."""
    return _drawn(str(title), tuple(str(g) for g in groups),
                  tuple((str(label), tuple(values)) for label, values in series), horizontal)


@lru_cache(maxsize=128)
def _drawn(title: str, groups: tuple, series: tuple, horizontal: bool) -> str:
    """`bars`, remembered: drawing a chart costs about 0.1 s, the board shows several, and the same figures
    (a board opened again, by another person of the district, in the same language) give the same SVG."""
    import warnings
    groups = [_wrapped(g) for g in groups]
    n = max(len(series), 1)
    width = 0.8 / n
    with rc_context(RC), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # missing glyphs, see above
        height = max(2.6, 0.34 * len(groups) * n + 1.4) if horizontal else 3.2
        fig = Figure(figsize=(5.6, height + _legend_height(series)))
        FigureCanvasSVG(fig)
        ax = fig.add_subplot()
        positions = range(len(groups))
        for i, (label, values) in enumerate(series):
            fill, hatch = STYLES[i % len(STYLES)]
            offsets = [p - 0.4 + width * (i + 0.5) for p in positions]
            draw = ax.barh if horizontal else ax.bar
            bars_ = draw(offsets, values, width, label=_wrapped(label), color=fill, edgecolor="#000000", hatch=hatch,
                         linewidth=0.8)
            ax.bar_label(bars_, labels=[_number(v) for v in values], padding=2, fontsize=10)
        counts = all(float(v).is_integer() for _label, values in series for v in values)
        if horizontal:
            ax.set_yticks(list(positions), groups)
            ax.invert_yaxis()
            ax.margins(x=0.12)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=counts))
        else:
            ax.set_xticks(list(positions), groups)
            ax.margins(y=0.15)
            ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=counts))
        ax.set_title(title, fontsize=12)
        if len(series) > 1:  # below the axes, where it never covers a bar
            ax.legend(frameon=False, fontsize=10, loc="upper center", bbox_to_anchor=(0.5, -0.12),
                      ncol=min(len(series), 2))
        fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return _inline(out.getvalue(), title)


def _legend_height(series) -> float:
    """Inches the legend below the axes takes (two entries a row, each as tall as its wrapped label), added to
    the figure so that long English labels do not squeeze the bars into a sliver."""
    if len(series) < 2:
        return 0.0
    lines = [_wrapped(label).count("\n") + 1 for label, _values in series]
    rows = [max(lines[i:i + 2]) for i in range(0, len(lines), 2)]
    return 0.19 * sum(rows)


def _number(v) -> str:
    return "" if not v else (str(int(v)) if float(v).is_integer() else f"{v:.1f}")


def _attributes(match: re.Match) -> str:
    pairs = (part.split(":", 1) for part in match.group(1).split(";") if ":" in part)
    return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in pairs)


def _inline(svg: str, title: str) -> str:
    """Drop the XML prolog, the metadata and the fixed size (the chart scales with its column and keeps its
    proportions); styles become presentation attributes, which the page's Content-Security-Policy (no inline
    styles) lets through, where it would drop style="…" and <style>."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)
    svg = re.sub(r"\s*<style[^>]*>.*?</style>", "", svg, flags=re.S)
    svg = re.sub(r'style="([^"]*)"', _attributes, svg)
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1', svg, count=1)
    from markupsafe import escape
    return svg.replace("<svg", f'<svg role="img" aria-label="{escape(title)}" class="board-chart"', 1)
