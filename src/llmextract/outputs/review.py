"""A self-contained HTML review page for one result (no network, no CDN).

Left: the original text, every extracted value highlighted where it was read and linked to
its table cell. Right: the tables as tables, the narrative facts, and the failed checks —
clicking a check highlights the cells it involves in the text and in the tables and scrolls
to the first. Document inconsistencies (red) and extraction doubts (orange) look different.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterator

from ..core.result import Cell, Check, Result, Row, Table, UnitRow
from ..core.source import Source
from . import labels, pageview, unreadview
from .factunit import fact_unit

SOURCE_TAG = {"document": "文件", "extraction": "提取"}
SOURCE_TITLE = {
    "document": "文件自身的不一致：印出的数字彼此不符",
    "extraction": "提取存疑：llmextract 对自己的读数没有把握，请先核对",
}

CSS = """
*{box-sizing:border-box}
body{margin:0;font:13px/1.45 system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Droid Sans Fallback",SimSun,sans-serif;color:#222}
header{padding:8px 14px;background:#223;color:#fff} header h1{font-size:15px;margin:0} header p{margin:2px 0 0;opacity:.85}
main{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);height:calc(100vh - 52px)}
#src,#side{overflow:auto;padding:8px 12px} #src{border-right:1px solid #ccc;background:#fcfcfc}
.ln{white-space:pre-wrap;tab-size:12;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;min-height:1.2em}
.ln b{display:inline-block;width:4.2em;color:#999;font-weight:normal;user-select:none} .ln.hl{background:#ffe14d}
mark{background:#dfeaff;border-radius:2px;cursor:pointer} mark.hl,td.hl{background:#ffe14d!important;outline:2px solid #d4a300}
mark.suspect,td.suspect{outline:2px dashed #c0392b!important} mark.culprit,td.culprit{outline:3px solid #c0392b!important}
table{border-collapse:collapse;margin:4px 0 14px;font-size:12px} td,th{border:1px solid #ccd;padding:2px 6px;text-align:right}
th{background:#eef} td.k,td.l,th.l{text-align:left} td a{color:inherit;text-decoration:none}
h2{font-size:14px;margin:14px 0 4px} h3{font-size:13px;margin:10px 0 2px}
.checks{list-style:none;padding-left:0} .checks li{margin:3px 0;padding:3px 6px;cursor:pointer;border-left:4px solid} .checks li:hover{background:#f4f4f4}
.checks li.document{border-color:#c0392b} .checks li.extraction{border-color:#e67e22;border-left-style:dashed}
.checks li.active{background:#fff6cc} .tag{font-size:11px;padding:0 4px;border-radius:3px;color:#fff}
.tag.document{background:#c0392b} .tag.extraction{background:#e67e22} .muted{color:#777} tr.unit td{font-style:italic;color:#555}
.msg{font-size:11px} td.s{font-size:11px;color:#555;max-width:26em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
td.doubt,mark.doubt{outline:2px dashed #e67e22;background:#fff1e0} th.gap,td.gap{border:none;width:10px;background:none}
#src{--zoom:1} .page{position:relative;margin:0 0 12px;border:1px solid #ccd;width:calc(var(--zoom) * 100%)}
.page img{display:block;width:100%;height:auto} .pno{position:absolute;right:6px;top:4px;font-size:11px;color:#777}
.zoombar{position:sticky;top:-8px;z-index:2;background:#fcfcfc;padding:4px 0;font-size:12px}
.zoombar button{font:inherit;margin:0 2px;padding:0 6px;cursor:pointer} #zoomv{display:inline-block;min-width:3.5em;text-align:center}
.box{position:absolute;outline:1px solid rgba(52,120,246,.55);cursor:pointer} .box.doubt{outline:2px dashed #e67e22}
.box.hl{outline:3px solid #f1c40f;background:rgba(255,225,77,.25)} .box.suspect{outline:3px dashed #c0392b!important} .box.culprit{outline:3px solid #c0392b!important;background:rgba(192,57,43,.15)}
"""

JS = """
function cellsOf(el){return (el.dataset.cells||el.dataset.cell||'').split(' ').filter(Boolean)}
function mark(keys,cls){keys.forEach(k=>document.querySelectorAll('[data-cell~="'+CSS.escape(k)+'"]')
  .forEach(e=>e.classList.add(cls)));}
function highlight(keys){
  document.querySelectorAll('.hl,.culprit,.suspect').forEach(e=>e.classList.remove('hl','culprit','suspect'));
  let first=null;
  let box=null;
  keys.forEach(k=>{document.querySelectorAll('[data-cell~="'+CSS.escape(k)+'"]').forEach(e=>{
    e.classList.add('hl'); if(!first&&e.tagName==='MARK') first=e;
    if(!box&&e.classList.contains('box')) box=e;});});
  if(box){box.scrollIntoView({block:'center'}); return box;}
  if(first) first.scrollIntoView({block:'center'});
  return first;
}
const ZOOMS=[0.5,0.75,1,1.25,1.5,2,3];
function zoom(z){const s=document.getElementById('src'); s.style.setProperty('--zoom',z);
  const v=document.getElementById('zoomv'); if(v) v.textContent=Math.round(z*100)+'%';}
document.addEventListener('click',ev=>{
  const zb=ev.target.closest('[data-zoom]');
  if(zb){const now=parseFloat(getComputedStyle(document.getElementById('src')).getPropertyValue('--zoom'))||1;
    const i=ZOOMS.indexOf(now); const how=zb.dataset.zoom;
    zoom(how==='fit'?1:how==='in'?ZOOMS[Math.min(ZOOMS.length-1,i+1)]:ZOOMS[Math.max(0,i-1)]); return;}
  const li=ev.target.closest('.checks li');
  if(li){document.querySelectorAll('.checks li.active').forEach(e=>e.classList.remove('active'));
         li.classList.add('active');
         if(!cellsOf(li).length&&li.dataset.line){const ln=document.getElementById('L'+li.dataset.line);
           document.querySelectorAll('.ln.hl').forEach(e=>e.classList.remove('hl'));
           if(ln){ln.classList.add('hl'); ln.scrollIntoView({block:'center'});} return;}
         highlight(cellsOf(li));
         mark((li.dataset.suspects||'').split(' ').filter(Boolean),'suspect');
         mark([li.dataset.culprit],'culprit'); return;}
  const b=ev.target.closest('.box'); if(b){ev.preventDefault(); highlight(cellsOf(b)); return;}
  const m=ev.target.closest('mark'); if(m){
    const k=cellsOf(m)[0]; const td=document.querySelector('td[data-cell~="'+CSS.escape(k)+'"]');
    highlight(cellsOf(m)); if(td) td.scrollIntoView({block:'center'});}
  const a=ev.target.closest('td a'); if(a){ev.preventDefault(); highlight(cellsOf(a.parentElement));}
});
"""


def _key(table: str, row: str, col: str) -> str:
    return f"{table}|{row}|{col}".replace(" ", "_")


def _tref(table: str, block: int) -> str:
    """A table's id on the page: ``expenditure``, or ``expenditure@3`` for its third unit's block."""
    return f"{table}@{block}" if block else table


CATEGORY = {
    "structure": "结构",
    "text": "文字",
    "prose": "叙述与数字",
    "arithmetic": "算术",
    "rounding": "尾差",
}


def failed(result: Result) -> list[Check]:
    """The failed checks: all but the rounding notes (a gap within the printed rounding)."""
    return [c for c in result.checks if c.category != "rounding"]


def _checks(result: Result, lab: labels.Labels) -> list[str]:
    checks = failed(result)
    doc_n = sum(1 for c in checks if c.source == "document")
    ext_n = len(checks) - doc_n
    out = [f"<h2>未通过的核对（{len(checks)}：文件自身的不一致 {doc_n}，提取存疑 {ext_n}）</h2>"]
    if not checks:
        out.append('<p class="muted">印出的数字全部一致。</p>')
    else:
        out += ['<ul class="checks">', *_items(result, lab, checks), "</ul>"]
    notes = [c for c in result.checks if c.category == "rounding"]
    if notes:
        out.append(f"<h3>尾差提示（{len(notes)}：逐项取整造成的差额，不计为未通过）</h3>")
        out += ['<ul class="checks notes">', *_items(result, lab, notes), "</ul>"]
    return out


def _items(result: Result, lab: labels.Labels, checks: list[Check]) -> list[str]:
    esc = html.escape
    out = []
    for c in checks:
        keys = " ".join(_key(_tref(x.table, c.block), x.row, x.col) for x in c.cells)
        suspects = " ".join(_key(_tref(x.table, c.block), x.row, x.col) for x in c.suspects)
        if c.table:
            where = "疑误：" + lab.cell_ref(result, c.table, c.row, c.col)
        else:  # an audit finding on the text: it names a line (and a page), not a cell
            where = f"{CATEGORY.get(c.category, c.category)} · 第 {c.line} 行" if c.line else ""
            where += f" · 第 {c.page} 页" if c.page else ""
        line = f' data-line="{c.line}"' if c.line else ""
        out.append(
            f'<li class="{c.source}" data-cells="{keys}" data-culprit="{_key(_tref(c.table, c.block), c.row, c.col)}" '
            f'data-suspects="{suspects}"{line} title="红框：被指认的单元格；虚线：其他嫌疑单元格">'
            f'<span class="tag {c.source}" title="{SOURCE_TITLE.get(c.source, c.source)}">'
            f"{SOURCE_TAG.get(c.source, c.source)}</span> <b>{esc(where)}</b>"
            f'<br><span class="muted msg">{esc(c.message)}</span></li>'
        )
    return out


def _td(table: Table, key: str, col: str, v: Cell | None) -> str:
    if v is None:
        return "<td></td>"
    doubt = ' class="doubt" title="存疑的读数"' if v.status == "doubt" else ""
    return (
        f'<td data-cell="{_key(_tref(table.id, table.block), key, col)}"{doubt}><a href="#L{v.provenance.line}">'
        f"{html.escape(v.value)}</a></td>"
    )


def _heads(table: Table, cols: list[str], lab: labels.Labels) -> str:
    names = lab.column_names(table.id, cols)
    return "".join(
        f'<th title="{html.escape(c)}">{html.escape(n)}</th>' for n, c in zip(names, cols, strict=True)
    )


HEAD = '<table><tr><th class="l">编码</th><th class="l">名称</th>'


def _unit_words(t: Table) -> str:
    """After a unit's block's title: the unit's name (a table printed unit by unit)."""
    return f" · {t.unit_name or f'第 {t.block} 个单位'}" if t.block else ""


def _table(t: Table, lab: labels.Labels) -> list[str]:
    esc = html.escape
    cols = t.columns or sorted({k for r in t.rows for k in r.values})
    out = [
        # the ids are the programs': a hover shows them, the page does not
        f'<h3 id="t-{_tref(t.id, t.block)}" title="{esc(t.id)} · {esc(t.extracted_by)}">{esc(lab.table_title(t))}'
        f"{esc(_unit_words(t))} "
        f'<span class="muted">(第 {t.line} 行)</span></h3>'
    ]
    out += [f'<p class="muted">存疑：{esc(d)}</p>' for d in t.doubts]
    two = labels.sides(t)
    if two is not None:
        out += _two_sided(t, *two, cols, lab)
        rows: list[tuple[str, Row | UnitRow]] = [(u.ref, u) for u in t.units]
        if not rows:
            return out
        out.append(HEAD + _heads(t, cols, lab) + "</tr>")
    else:
        rows = t.checked_rows()
        out.append(HEAD + _heads(t, cols, lab) + "</tr>")
    for key, r in rows:
        unit = ' class="unit" title="部门所属单位：参与核对，不是单元格"' if key != r.key else ""
        name = lab.row_name(t.id, key, r.label)
        tds = "".join(_td(t, key, col, r.values.get(col)) for col in cols)
        code = key if key[:1].isdigit() else ""  # a classification code; other row ids are the machines'
        out.append(
            f'<tr{unit}><td class="k" title="{esc(key)}">{esc(code)}</td><td class="l">{esc(name)}</td>{tds}</tr>'
        )
    out.append("</table>")
    return out


def _two_sided(t: Table, ins: list[Row], outs: list[Row], cols: list[str], lab: labels.Labels) -> list[str]:
    """A 收支总表 as printed: 收入 on the left, 支出 on the right, row by row."""
    esc = html.escape
    in_cols = [c for c in cols if any(c in r.values for r in ins)] or cols[:1]
    out_cols = [c for c in cols if any(c in r.values for r in outs)] or cols[:1]
    head = (
        f'<tr><th colspan="{1 + len(in_cols)}">收入</th><th class="gap"></th>'
        f'<th colspan="{1 + len(out_cols)}">支出</th></tr>'
        f'<tr><th class="l">项目</th>{_heads(t, in_cols, lab)}<th class="gap"></th><th class="l">项目</th>{_heads(t, out_cols, lab)}</tr>'
    )
    out = [f'<table class="two">{head}']
    for i in range(max(len(ins), len(outs))):
        cells = []
        for rows, cs in ((ins, in_cols), (outs, out_cols)):
            if i < len(rows):
                r = rows[i]
                name = lab.row_name(t.id, r.key, r.label)
                cells.append(f'<td class="l" title="{esc(r.key)}">{esc(name)}</td>')
                cells += [_td(t, r.key, c, r.values.get(c)) for c in cs]
            else:
                cells.append("<td></td>" * (1 + len(cs)))
            if rows is ins:
                cells.append('<td class="gap"></td>')
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</table>")
    return out


def render(result: Result, src: Source) -> str:
    return "".join(render_parts(result, src))


def render_parts(result: Result, src: Source) -> Iterator[str]:
    """The review page in parts, the source text a line at a time (a long text's page is
    written as it is made, never held whole: README "Large inputs")."""
    lab = labels.Labels(result.spec)
    esc = html.escape
    spans: dict[tuple[int, int], list[str]] = defaultdict(list)
    names: dict[tuple[int, int], list[str]] = defaultdict(list)
    doubtful: set[tuple[int, int]] = set()
    for t in result.tables:
        for key, r in t.checked_rows():
            for col, c in r.values.items():
                at = (c.provenance.start, c.provenance.end)
                spans[at].append(_key(_tref(t.id, t.block), key, col))
                names[at].append(lab.cell_ref(result, t.id, key, col))
                if c.status == "doubt":
                    doubtful.add(at)
    for f in result.narrative:
        at = (f.provenance.start, f.provenance.end)
        spans[at].append(_key("narrative", f.id, "value"))
        names[at].append(lab.cell_ref(result, "narrative", f.id, "value"))
        if f.status == "doubt":
            doubtful.add(at)
    regs = unreadview.regions(result)
    for at, k in unreadview.key_of(regs).items():  # the amounts not read, in a colour of their own
        if at not in spans:
            spans[at].append(k)
            names[at].append("未读取的金额")
    pages = pageview.section(result, src, _key, regs)
    side: list[str] = _checks(result, lab) + unreadview.side(result, regs, src.boxes is not None)
    for t in result.tables:
        side += _table(t, lab)
    if result.narrative:
        side.append(
            f"<h3>{labels.NARRATIVE}中的数字</h3>"
            '<table><tr><th class="l">事项</th><th>数值</th><th>单位</th><th>行</th><th class="l">原句</th></tr>'
        )
        for f in result.narrative:
            k = _key("narrative", f.id, "value")
            side.append(
                f'<tr><td class="l" title="{esc(f.id)}">{esc(lab.fact_name(f.id))}</td>'
                f'<td data-cell="{k}"><a href="#L{f.provenance.line}">'
                f"{esc(f.value)}</a></td><td>{esc(fact_unit(result.spec, f))}</td><td>{f.provenance.line}</td>"
                f'<td class="l s">{esc(f.sentence[:60])}</td></tr>'
            )
        side.append("</table>")
    title = esc(src.path.rsplit("/", 1)[-1])
    summary = (
        f"{esc(_kind_words(result))}{len(result.tables)} 张表 · {len(result.narrative)} 个{labels.NARRATIVE}数字 · "
        f"{result.cell_count()} 个数值 · {len(failed(result))} 项核对未通过 · 编码 {esc(result.source.encoding)}"
    )
    yield (
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{title} — llmextract</title><style>{CSS}{unreadview.CSS}</style></head><body>"
        f"<header><h1>{title}</h1><p>{summary}</p></header>"
        "<main><section id='src'>"
    )
    if pages:  # a PDF: its pages first, then the text the tool laid out from them
        yield f"{pages}<h2>读取的文本</h2>"
    yield from _numbered(_marked(src.raw, spans, names, doubtful))
    yield f"</section><section id='side'>{''.join(side)}</section></main><script>{JS}</script></body></html>"


_SLICE = 65_536  # the text between two marks escaped this many characters at a time


def _marked(
    raw: str,
    spans: dict[tuple[int, int], list[str]],
    names: dict[tuple[int, int], list[str]],
    doubtful: set[tuple[int, int]],
) -> Iterator[str]:
    """The source text escaped, with marks (spans do not overlap: each printed number is one
    span), in parts."""
    esc = html.escape
    pos = 0
    for (a, b), keys in sorted(spans.items()):
        if a < pos:
            continue
        yield from _escaped(raw, pos, a)
        cls = (
            ' class="doubt"'
            if (a, b) in doubtful
            else ' class="unread"'
            if keys[0].startswith("unread-")
            else ""
        )
        yield (
            f'<mark{cls} data-cell="{" ".join(keys)}" title="{esc("; ".join(names[(a, b)]))}">'
            f"{esc(raw[a:b])}</mark>"
        )
        pos = b
    yield from _escaped(raw, pos, len(raw))


def _escaped(raw: str, a: int, b: int) -> Iterator[str]:
    for i in range(a, b, _SLICE):  # escaping is character by character: slices escape alike
        yield html.escape(raw[i : min(b, i + _SLICE)])


def _numbered(parts: Iterator[str]) -> Iterator[str]:
    """The marked text as numbered lines (``<div class="ln" id="L7"><b>7</b>…</div>``), one at
    a time: the lines of the parts joined."""
    line: list[str] = []  # the parts of the line not yet ended
    n = 0
    for part in parts:
        if "\n" not in part:
            line.append(part)
            continue
        first, *rest = part.split("\n")
        for text in ("".join([*line, first]), *rest[:-1]):
            n += 1
            yield f'<div class="ln" id="L{n}"><b>{n}</b>{text}</div>'
        line = [rest[-1]]
    yield f'<div class="ln" id="L{n + 1}"><b>{n + 1}</b>{"".join(line)}</div>'


def _kind_words(result: Result) -> str:
    """The header's first words: 2024年 部门决算 · (or the kind of document not read)."""
    src = result.source
    if src.unreadable:
        return f"{src.unreadable}（未读取） · "
    year = f"{src.year}年 " if src.year else ""
    return f"{year}{src.scope or ''}{src.kind} · " if src.kind else ""
