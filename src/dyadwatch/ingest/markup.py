"""Strip HTML from feed entries with the standard library, keeping paragraph breaks."""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
        "main", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "head"})


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment, a line break at each block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Return the text of an HTML fragment: one line per paragraph, spaces collapsed.

    Example:
        >>> html_to_text("<p>Russia &amp; <b>Cuba</b></p><p>Second.</p>")
        'Russia & Cuba\\nSecond.'
    """
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)


# Elements that never hold others, or whose end tag may be left out: they open no level.
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
     "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head",
     "body"}
)  # fmt: skip


class _DepthGauge(HTMLParser):
    """Measures how deep elements nest (void and optionally-closed ones open no level)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = self.deepest = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID_TAGS:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID_TAGS:
            self.depth = max(0, self.depth - 1)


def nesting_depth(markup: str) -> int:
    """Return how many levels deep the elements of ``markup`` nest.

    Example:
        >>> nesting_depth("<div><section><p>a<br></p><p>b</section></div>")
        2
    """
    gauge = _DepthGauge()
    gauge.feed(markup)
    gauge.close()
    return gauge.deepest
