"""Split a normalised document into chunks by section heading.

Headings recognised: markdown ``#`` headings, ``一、``/``（一）``/``1.`` numbering and
``第X部分``, ``表一``/``附件N``/``公开表N`` labels, and bare table titles (a short line that
a table schema's title patterns recognise). Each chunk is either prose (``narrative``) or
a table whose kind is chosen from its title, the lines under it and the classification
codes its rows carry. A table continued across pages (its title and header repeated)
becomes one chunk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .schemas import Schemas, TableSchema
from .text import Text

_PAGE_NO = re.compile(
    r"^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d+\s*页(?:\s*/?\s*共\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)
_LABEL = re.compile(
    r"^(?:表[一二三四五六七八九十\d]+(?:[-－]\d+)?|附件\s*\d+(?:\s*[-－]\s*\d+)?|附表\s*\d*|公开表\s*\d+(?:-\d+)?)$"
)
_LEAD_LABEL = re.compile(
    r"^(?:#+\s*)?(?:(?:表[一二三四五六七八九十\d]+|附件\s*\d+(?:-\d+)?|附表\s*\d*)[\s:：、.]*|[一二三四五六七八九十]+、)"
)
_TRAIL_LABEL = re.compile(r"[(（]\s*(?:公开表|附表|表)\s*[\d一二三四五六七八九十]+(?:[-－]\d+)?\s*[)）]\s*$")
_MONEY = re.compile(r"\d[\d,]*\.\d+")
_HEADING = re.compile(
    r"^(?:#{1,6}\s|第[一二三四五六七八九十]+部[分份]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.、](?!\d))"
)
_CODE_CELL = re.compile(r"^(\d{3})(?:\d{2}){0,2}$")


@dataclass
class Chunk:
    kind: str  # "narrative" | "table"
    start: int  # index of the first line (0-based) in the document
    lines: list[Text] = field(default_factory=list)
    title: Text | None = None
    label: str | None = None
    table_id: str | None = None
    candidates: list[str] = field(default_factory=list)
    heading: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.lines)


_WS = re.compile(r"\s+")


def compact(s: str) -> str:
    return _WS.sub("", s)


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NO.match(line.strip()))


def title_candidates(line: str, schemas: Schemas) -> tuple[list[str], str | None]:
    """Table ids whose titles fit ``line`` (best first) and the label it carries."""
    s = line.strip()
    if not s or "。" in s or len(s) > 90:
        return [], None
    if sum(1 for cell in line.split("\t") if cell.strip()) != 1:  # a title is one cell
        return [], None
    s = s.strip("\t ")
    if "表" not in s and "预算" not in s and "目录" not in s:  # every table title names one of these
        return [], None
    c = compact(s)
    if "说明" in c or "情况" in c:  # a prose heading about a table, not the table
        return [], None
    if len(c) > 60 or _MONEY.search(c):
        return [], None
    label = None
    m = _TRAIL_LABEL.search(c)
    if m:
        label = compact(m.group(0)).strip("()（）")
        c = c[: m.start()]
    m = _LEAD_LABEL.match(c)
    if m:
        lab = m.group(0).strip("#:：、. ")
        if lab.startswith(("表", "附件", "附表")):
            label = label or lab
        c = c[m.end() :]
    if not c or re.search(r"[:：].", c):  # a definition or a statement (（七）“三公”经费：是…), not a title
        return [], None
    scored = [(t.title_match(c), t.id) for t in schemas.tables.values()]
    scored = [x for x in scored if x[0] > 0]
    scored.sort(key=lambda x: -x[0])
    return [tid for _, tid in scored], label


def _is_prose(line: str) -> bool:
    s = line.strip()
    if "\t" in line.rstrip("\n").lstrip("\t") or s.startswith(("备注", "说明", "注:", "注：")):
        return False
    return len(s) >= 30 and ("。" in s or ("万元" in s and ("," in s or "，" in s)))


def split(doc: Text, schemas: Schemas) -> list[Chunk]:
    lines = doc.split("\n")
    chunks: list[Chunk] = [Chunk("narrative", 0)]
    pending_label: str | None = None
    for i, line in enumerate(lines):
        s = line.s.strip()
        cur = chunks[-1]
        if not s:
            cur.lines.append(line)
            continue
        c = compact(s)
        if _LABEL.match(c):
            pending_label = c
            chunks.append(Chunk("narrative", i, [line], heading=c))
            continue
        cands, label = title_candidates(line.s, schemas)
        if cands:
            chunks.append(
                Chunk("table", i, [line], title=line.strip(), label=label or pending_label, candidates=cands)
            )
            pending_label = None
            continue
        if cur.kind == "table":
            ends_table = (
                s.startswith("#")
                or re.match(r"^第[一二三四五六七八九十]+部[分份]", c)
                or (
                    _is_prose(line.s)
                    and cur.table_id != "out_of_scope"
                    and "out_of_scope" not in cur.candidates
                )
            )
            if ends_table:
                chunks.append(Chunk("narrative", i, [line], heading=s))
                continue
            cur.lines.append(line)
            continue
        if _HEADING.match(s) and len(c) <= 40 and not _MONEY.search(c):
            chunks.append(Chunk("narrative", i, [line], heading=s))
            continue
        cur.lines.append(line)
    chunks = _join_bare_titles(chunks)
    for ch in chunks:
        if ch.kind == "table":
            ch.table_id = classify(ch, schemas)
    return _merge(chunks)


def _join_bare_titles(chunks: list[Chunk]) -> list[Chunk]:
    """A title line followed at once by a second title of the same table (a sheet name
    then the sheet's own title) is one chunk."""
    out: list[Chunk] = []
    for ch in chunks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and ch.kind == "table"
            and prev.kind == "table"
            and set(ch.candidates) == set(prev.candidates)
            and all(not x.s.strip() for x in prev.lines[1:])
        ):
            prev.lines.extend(ch.lines)
            continue
        out.append(ch)
    return out


def _code_family(ch: Chunk) -> str | None:
    counts = {"function": 0, "economic_dept": 0, "economic_gov": 0}
    for line in ch.lines[1:]:
        for cell in re.split(r"\t|\s{2,}|^\s+", line.s):
            m = _CODE_CELL.match(cell.strip())
            if not m:
                continue
            d = m.group(1)[0]
            fam = {"2": "function", "3": "economic_dept", "5": "economic_gov"}.get(d)
            if fam:
                counts[fam] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else None


def classify(ch: Chunk, schemas: Schemas) -> str:
    """Choose the table kind from the title, the lines under it, and the row codes."""
    context = compact("".join(x.s for x in ch.lines[:8]))
    cands: list[TableSchema] = []
    for tid in ch.candidates:
        t = schemas.table(tid)
        if t.context and not t.context.search(context):
            continue
        if t.not_context and t.not_context.search(context):
            continue
        cands.append(t)
    if not cands:
        cands = [schemas.table(ch.candidates[0])]
    fam = _code_family(ch)
    if fam and not any(t.codes in (fam, "any") for t in cands):
        # the row codes outweigh the words under the title (a page's repeated title without
        # its subtitle): 5xx rows are a 政府经济分类 table whatever the header says
        cands = [schemas.table(tid) for tid in ch.candidates if schemas.table(tid).codes == fam] or cands
    if len(cands) > 1:
        title_c = compact(ch.title.s if ch.title else "")
        best = max(t.title_match(title_c) for t in cands)
        top = [t for t in cands if t.title_match(title_c) >= best - 8]
        if fam:
            fitting = [t for t in top if t.codes == fam]
            if fitting:
                return fitting[0].id
        return top[0].id
    return cands[0].id


def _merge(chunks: list[Chunk]) -> list[Chunk]:
    """Join a table continued on the next page (same kind, repeated title) into one chunk;
    drop empty label-only chunks between them."""
    out: list[Chunk] = []
    for ch in chunks:
        if ch.kind == "narrative" and out and out[-1].kind == "table" and _only_noise(ch):
            # a label or blank lines between two pages: keep them with the table
            out[-1].lines.extend(ch.lines)
            continue
        if (
            ch.kind == "table"
            and out
            and out[-1].kind == "table"
            and out[-1].table_id == ch.table_id
            and (ch.label is None or out[-1].label is None or ch.label == out[-1].label)
        ):
            prev = out[-1]
            gap = ch.start - prev.end
            prev.lines.extend([Text("", ())] * max(gap, 0))
            prev.lines.extend(ch.lines)
            prev.label = prev.label or ch.label
            continue
        out.append(ch)
    return [c for c in out if c.lines]


def _only_noise(ch: Chunk) -> bool:
    return all(not x.s.strip() or is_page_number(x.s) for x in ch.lines)
