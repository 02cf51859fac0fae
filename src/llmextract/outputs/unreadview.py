"""The amounts a result did not read, for the review page: grouped by page and by the title
or header above them (one region each), drawn on the PDF pages in a colour of their own and
listed beside the findings; clicking a region outlines its amounts on the page (or, for a
text, in the text)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from ..core.coverage import Unread
from ..core.result import Result

CSS = """
.box.unread{outline:2px solid #8e44ad;background:rgba(142,68,173,.16)} mark.unread{background:#ead7f3}
.checks li.unread{border-color:#8e44ad} .tag.unread{background:#8e44ad}
.legend{font-size:11px;color:#555;margin:2px 0 8px}
.legend i{display:inline-block;width:14px;height:10px;margin:0 3px 0 10px;vertical-align:middle}
.legend i.read{outline:1px solid rgba(52,120,246,.8)} .legend i.doubt{outline:2px dashed #e67e22}
.legend i.unread{outline:2px solid #8e44ad;background:rgba(142,68,173,.16)}
"""

LEGEND = (
    '<p class="legend"><i class="read"></i>已读取的数值<i class="doubt"></i>存疑的读数'
    '<i class="unread"></i>未读取的金额（表格页上印出、结果中没有）</p>'
)


@dataclass
class Region:
    """Unread amounts on one page under one title or header."""

    key: str  # the data-cell key its amounts carry
    page: int
    near: str
    items: list[Unread] = field(default_factory=list)


def regions(result: Result) -> list[Region]:
    cov = result.coverage
    out: dict[tuple[int, str], Region] = {}
    for u in cov.unread if cov else []:
        r = out.setdefault((u.page, u.near), Region(f"unread-{len(out)}", u.page, u.near))
        r.items.append(u)
    return list(out.values())


def key_of(regs: list[Region]) -> dict[tuple[int, int], str]:
    """(start, end) of each unread amount → its region's key."""
    return {(u.start, u.end): r.key for r in regs for u in r.items}


def side(result: Result, regs: list[Region], paged: bool) -> list[str]:
    """The list of unread regions, for the side beside the findings."""
    cov = result.coverage
    if cov is None or not cov.printed:
        return []
    esc = html.escape
    head = (
        f"<h2>读取情况：表格页印出 {cov.printed} 个金额，已读取 {cov.read} 个"
        f"（{cov.read / cov.printed:.0%}，{result.status.words}）</h2>"
    )
    if not regs:
        return [head, '<p class="muted">表格页上印出的金额全部读取。</p>']
    out = [head, '<ul class="checks">']
    for r in regs:
        where = f"第 {r.page} 页 · " if paged else ""
        first = r.items[0]
        sample = "、".join(u.text for u in r.items[:4]) + ("…" if len(r.items) > 4 else "")
        out.append(
            f'<li class="unread" data-cells="{r.key}" data-line="{first.line}">'
            f'<span class="tag unread">未读</span> <b>{esc(where + (r.near or "（无标题）"))}</b>'
            f'<br><span class="muted msg">{len(r.items)} 个金额未读取'
            f"（第 {first.line} 行起：{esc(sample)}）</span></li>"
        )
    out.append("</ul>")
    if cov.printed - cov.read > len(cov.unread):
        out.append(
            f'<p class="muted">另有 {cov.printed - cov.read - len(cov.unread)} 个未读取的金额未列出。</p>'
        )
    return out
