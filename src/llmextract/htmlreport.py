"""A self-contained HTML review page for one result (no network, no CDN).

Left: the original text, every extracted value highlighted where it was read and linked to
its table cell. Right: the tables as tables, the narrative facts, and the failed checks —
clicking a check highlights the cells it involves in the text and in the tables and scrolls
to the first. Document inconsistencies (red) and extraction doubts (orange) look different.
"""

from __future__ import annotations

import html
from collections import defaultdict

from .normalize import Source
from .result import Result

CSS = """
*{box-sizing:border-box}
body{margin:0;font:13px/1.45 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#222}
header{padding:8px 14px;background:#223;color:#fff} header h1{font-size:15px;margin:0} header p{margin:2px 0 0;opacity:.85}
main{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);height:calc(100vh - 52px)}
#src,#side{overflow:auto;padding:8px 12px} #src{border-right:1px solid #ccc;background:#fcfcfc}
.ln{white-space:pre-wrap;tab-size:12;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;min-height:1.2em}
.ln b{display:inline-block;width:4.2em;color:#999;font-weight:normal;user-select:none}
mark{background:#dfeaff;border-radius:2px;cursor:pointer} mark.hl,td.hl{background:#ffe14d!important;outline:2px solid #d4a300}
mark.suspect,td.suspect{outline:2px dashed #c0392b!important} mark.culprit,td.culprit{outline:3px solid #c0392b!important}
table{border-collapse:collapse;margin:4px 0 14px;font-size:12px} td,th{border:1px solid #ccd;padding:2px 6px;text-align:right}
th{background:#eef} td.k,td.l{text-align:left} td a{color:inherit;text-decoration:none}
h2{font-size:14px;margin:14px 0 4px} h3{font-size:13px;margin:10px 0 2px}
.checks li{margin:3px 0;padding:3px 6px;cursor:pointer;border-left:4px solid} .checks li:hover{background:#f4f4f4}
.checks li.document{border-color:#c0392b} .checks li.extraction{border-color:#e67e22;border-left-style:dashed}
.checks li.active{background:#fff6cc} .tag{font-size:11px;padding:0 4px;border-radius:3px;color:#fff}
.tag.document{background:#c0392b} .tag.extraction{background:#e67e22} .muted{color:#777} tr.unit td{font-style:italic;color:#555}
"""

JS = """
function cellsOf(el){return (el.dataset.cells||el.dataset.cell||'').split(' ').filter(Boolean)}
function mark(keys,cls){keys.forEach(k=>document.querySelectorAll('[data-cell~="'+CSS.escape(k)+'"]')
  .forEach(e=>e.classList.add(cls)));}
function highlight(keys){
  document.querySelectorAll('.hl,.culprit,.suspect').forEach(e=>e.classList.remove('hl','culprit','suspect'));
  let first=null;
  keys.forEach(k=>{document.querySelectorAll('[data-cell~="'+CSS.escape(k)+'"]').forEach(e=>{
    e.classList.add('hl'); if(!first&&e.tagName==='MARK') first=e;});});
  if(first) first.scrollIntoView({block:'center'});
  return first;
}
document.addEventListener('click',ev=>{
  const li=ev.target.closest('.checks li');
  if(li){document.querySelectorAll('.checks li.active').forEach(e=>e.classList.remove('active'));
         li.classList.add('active'); highlight(cellsOf(li));
         mark((li.dataset.suspects||'').split(' ').filter(Boolean),'suspect');
         mark([li.dataset.culprit],'culprit'); return;}
  const m=ev.target.closest('mark'); if(m){
    const k=cellsOf(m)[0]; const td=document.querySelector('td[data-cell~="'+CSS.escape(k)+'"]');
    highlight(cellsOf(m)); if(td) td.scrollIntoView({block:'center'});}
  const a=ev.target.closest('td a'); if(a){ev.preventDefault(); highlight(cellsOf(a.parentElement));}
});
"""


def _key(table: str, row: str, col: str) -> str:
    return f"{table}|{row}|{col}".replace(" ", "_")


def render(result: Result, src: Source) -> str:
    esc = html.escape
    spans: dict[tuple[int, int], list[str]] = defaultdict(list)
    for t in result.tables:
        for key, r in t.checked_rows():
            for col, c in r.values.items():
                spans[(c.provenance.start, c.provenance.end)].append(_key(t.id, key, col))
    for f in result.narrative:
        spans[(f.provenance.start, f.provenance.end)].append(_key("narrative", f.id, "value"))
    # the source text with marks (spans do not overlap: each printed number is one span)
    raw = src.raw
    out: list[str] = []
    pos = 0
    for (a, b), keys in sorted(spans.items()):
        if a < pos:
            continue
        out.append(esc(raw[pos:a]))
        out.append(
            f'<mark data-cell="{" ".join(keys)}" title="{esc(", ".join(keys))}">{esc(raw[a:b])}</mark>'
        )
        pos = b
    out.append(esc(raw[pos:]))
    lines = "".join(out).split("\n")
    src_html = "".join(f'<div class="ln" id="L{i}"><b>{i}</b>{ln}</div>' for i, ln in enumerate(lines, 1))

    side: list[str] = []
    doc_n = sum(1 for c in result.checks if c.source == "document")
    ext_n = len(result.checks) - doc_n
    side.append(
        f"<h2>Failed checks ({len(result.checks)}: {doc_n} in the document, {ext_n} extraction doubts)</h2>"
    )
    if result.checks:
        side.append('<ul class="checks">')
        for c in result.checks:
            keys = " ".join(_key(x.table, x.row, x.col) for x in c.cells)
            suspects = " ".join(_key(x.table, x.row, x.col) for x in c.suspects)
            side.append(
                f'<li class="{c.source}" data-cells="{keys}" data-culprit="{_key(c.table, c.row, c.col)}" '
                f'data-suspects="{suspects}" title="outlined red: the named culprit; dashed: other suspects">'
                f'<span class="tag {c.source}">{c.source}</span> '
                f"{esc(c.message)}</li>"
            )
        side.append("</ul>")
    else:
        side.append('<p class="muted">Every printed number is consistent.</p>')
    for t in result.tables:
        cols = t.columns or sorted({k for r in t.rows for k in r.values})
        side.append(
            f'<h3 id="t-{t.id}">{esc(t.id)} — {esc(t.title)} <span class="muted">(line {t.line}, '
            f"{esc(t.extracted_by)})</span></h3>"
        )
        for d in t.doubts:
            side.append(f'<p class="muted">doubt: {esc(d)}</p>')
        side.append(
            "<table><tr><th>row</th><th>label</th>" + "".join(f"<th>{esc(c)}</th>" for c in cols) + "</tr>"
        )
        for key, r in t.checked_rows():
            cells = []
            for col in cols:
                v = r.values.get(col)
                if v is None:
                    cells.append("<td></td>")
                else:
                    k = _key(t.id, key, col)
                    cells.append(
                        f'<td data-cell="{k}"><a href="#L{v.provenance.line}">{esc(v.value)}</a></td>'
                    )
            unit = (
                ' class="unit" title="a unit of the department: checked, not a cell"' if key != r.key else ""
            )
            side.append(
                f'<tr{unit}><td class="k">{esc(key)}</td><td class="l">{esc(r.label)}</td>{"".join(cells)}</tr>'
            )
        side.append("</table>")
    if result.narrative:
        side.append("<h3>narrative</h3><table><tr><th>fact</th><th>value</th><th>line</th></tr>")
        for f in result.narrative:
            k = _key("narrative", f.id, "value")
            side.append(
                f'<tr><td class="k">{esc(f.id)}</td><td data-cell="{k}"><a href="#L{f.provenance.line}">'
                f"{esc(f.value)}</a></td><td>{f.provenance.line}</td></tr>"
            )
        side.append("</table>")
    title = esc(src.path.rsplit("/", 1)[-1])
    summary = (
        f"{len(result.tables)} tables · {len(result.narrative)} narrative facts · {result.value_count} values · "
        f"{len(result.checks)} failed checks · decoded as {esc(result.source.encoding)}"
    )
    return (
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{title} — llmextract</title><style>{CSS}</style></head><body>"
        f"<header><h1>{title}</h1><p>{summary}</p></header>"
        f"<main><section id='src'>{src_html}</section><section id='side'>{''.join(side)}</section></main>"
        f"<script>{JS}</script></body></html>"
    )
