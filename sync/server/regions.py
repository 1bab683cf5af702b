"""The names of the county's divisions: imported once from a CSV file, served to laptops.

``childcare-server regions import FILE.csv`` reads ``code,name`` rows (a header row or
none; UTF-8 with or without a BOM, or GBK as Excel saves a CSV on a Chinese Windows)
for the county, its townships and its villages (6, 9 and 12 digits). A file with any bad
row is refused whole, every bad row named by its line: nothing is half-imported. A
second import updates the names it gives and adds the new ones (``--replace``: drops
those it lacks). Each change is journalled like the county's other decisions.

A laptop receives the names of its whole county (:func:`names_in_scope`): the names of
administrative divisions are public, and a director asking to move a child to another
village, or reading where a file came from, names that village; its hello says their :func:`version`, a digest of those names,
so a laptop fetches them only when they differ from what it holds (a digest, not a
counter: a database restored from a backup never hands out an old version number for
other names).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.region import Level, Region, clean_place_name

from . import journal
from . import schema as s

MAX_ROWS = 20_000  # a county has a few hundred villages; far more is not a county's file
MAX_FILE_BYTES = 4 * 1024 * 1024
LEVELS = (Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE)

# What is wrong with a row or a file, in both languages (the server has no translations).
PROBLEMS: dict[str, tuple[str, str]] = {
    "columns": ("应有两列：代码,名称", "two columns expected: code,name"),
    "bad_code": (
        "区划代码“{value}”无效：应为6位（县）、9位（乡镇）或12位（村）数字",
        "region code '{value}' is not valid: 6 (county), 9 (township) or 12 (village) digits",
    ),
    "other_county": (
        "“{value}”不属于本县（{county}）",
        "'{value}' is not in this county ({county})",
    ),
    "duplicate": (
        "区划代码“{value}”在第{first}行已出现",
        "region code '{value}' is already on line {first}",
    ),
    Kind.REQUIRED.value: ("缺少名称", "the name is missing"),
    Kind.TOO_LONG.value: (
        "名称过长：最多{max}个字，现有{length}个",
        "the name is too long: at most {max} characters, got {length}",
    ),
    Kind.CONTROL_CHARS.value: (
        "名称含有不可见的控制字符",
        "the name contains control or format characters",
    ),
    Kind.MARKUP_IN_NAME.value: ("名称中不能含有 < 或 >", "the name must not contain < or >"),
    "encoding": (
        "文件不是 UTF-8 或 GBK 编码的 CSV 文件",
        "the file is not a CSV file in UTF-8 or GBK",
    ),
    "too_large": (
        f"文件过大：最多{MAX_ROWS}行、{MAX_FILE_BYTES // 1024 // 1024} MB",
        f"the file is too large: at most {MAX_ROWS} rows, {MAX_FILE_BYTES // 1024 // 1024} MB",
    ),
    "empty": ("文件中没有区划", "the file holds no regions"),
}


@dataclass(frozen=True, slots=True)
class Problem:
    line: int  # 0: the file as a whole
    what: str  # a key of PROBLEMS
    params: dict[str, Any]

    def chinese(self) -> str:
        """The problem in Chinese only (the console's words)."""
        where = f"第{self.line}行：" if self.line else ""
        return where + PROBLEMS[self.what][0].format(**self.params)

    def text(self) -> str:
        zh, en = PROBLEMS[self.what]
        where = (f"第{self.line}行：", f"line {self.line}: ") if self.line else ("", "")
        return f"{where[0]}{zh.format(**self.params)} / {where[1]}{en.format(**self.params)}"


class RegionsRefused(Exception):
    """The file was refused whole; ``problems`` says why, line by line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(p.text() for p in self.problems))


def read_file(data: bytes, *, county: str | None = None) -> dict[str, str]:
    """The ``code -> name`` pairs of a CSV file, every row checked; raises
    :class:`RegionsRefused` with every bad row. ``county``: the county the codes must
    lie in (None: the file's own county row, else its first row's)."""
    if len(data) > MAX_FILE_BYTES:
        raise RegionsRefused([Problem(0, "too_large", {})])
    rows = list(csv.reader(io.StringIO(_decode(data))))
    numbered = [(n, row) for n, row in enumerate(rows, 1) if any(c.strip() for c in row)]
    if numbered and not any(ch.isdigit() for ch in numbered[0][1][0]):
        numbered = numbered[1:]  # a header row ("code,name", "区划代码,名称"...)
    if not numbered:
        raise RegionsRefused([Problem(0, "empty", {})])
    if len(numbered) > MAX_ROWS:
        raise RegionsRefused([Problem(0, "too_large", {})])
    county = county or _county_of(numbered)
    names: dict[str, str] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for n, row in numbered:
        found = _row(n, row, county, lines)
        if isinstance(found, Problem):
            problems.append(found)
        else:
            names[found[0]], lines[found[0]] = found[1], n
    if problems:
        raise RegionsRefused(problems)
    return names


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # GB18030 reads GBK, and whatever GBK lacks
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RegionsRefused([Problem(0, "encoding", {})])


def _county_of(numbered: list[tuple[int, list[str]]]) -> str:
    codes = [_code(row[0]) for _n, row in numbered]
    counties = [c for c in codes if c is not None and len(c) == Level.COUNTY]
    first = next((c for c in codes if c is not None), "")
    return (counties[0] if len(counties) == 1 else first)[: Level.COUNTY]


def _code(text: str) -> str | None:
    try:
        region = Region.parse(text.strip().lstrip("\ufeff"))
    except ValidationError:
        return None
    return region.code if region.level in LEVELS else None


def _row(n: int, row: list[str], county: str, lines: dict[str, int]) -> tuple[str, str] | Problem:
    if len(row) < 2 or any(c.strip() for c in row[2:]):
        return Problem(n, "columns", {})
    code = _code(row[0])
    if code is None:
        return Problem(n, "bad_code", {"value": row[0].strip()[:20]})
    if not code.startswith(county):
        return Problem(n, "other_county", {"value": code, "county": county})
    if code in lines:
        return Problem(n, "duplicate", {"value": code, "first": lines[code]})
    try:
        return code, clean_place_name(row[1])
    except ValidationError as exc:
        return Problem(n, exc.kind.value, exc.params)


def county_of_server(conn: Connection) -> str | None:
    """The county this server serves: of the names already imported, else of its users
    (None when it has neither, or they disagree)."""
    codes = [r[0] for r in conn.execute(select(s.region.c.code).limit(1))]
    codes = codes or [r[0] for r in conn.execute(select(s.user.c.region))]
    counties = {c[: Level.COUNTY] for c in codes}
    return counties.pop() if len(counties) == 1 else None


def import_names(
    conn: Connection, names: dict[str, str], *, now_ms: int, replace: bool = False
) -> dict[str, int]:
    """Store the names (in the open write transaction); how many were added, renamed,
    left as they were and (``replace``) removed. Each change is journalled."""
    r = s.region.c
    stored = {row.code: row.name for row in conn.execute(select(r.code, r.name))}
    counts = {"added": 0, "renamed": 0, "unchanged": 0, "removed": 0}
    for code, name in sorted(names.items()):
        if stored.get(code) == name:
            counts["unchanged"] += 1
            continue
        row = {"code": code, "name": name, "updated_ms": now_ms}
        if code in stored:
            conn.execute(update(s.region).where(r.code == code).values(**row))
            counts["renamed"] += 1
        else:
            conn.execute(s.region.insert().values(**row))
            counts["added"] += 1
        journal.record(conn, "row", table=s.region.name, row=row)
    gone = sorted(set(stored) - set(names)) if replace else []
    for code in gone:
        conn.execute(delete(s.region).where(r.code == code))
        journal.record(conn, "gone", table=s.region.name, key={"code": code})
    counts["removed"] = len(gone)
    return counts


def import_file(
    conn: Connection, data: bytes, *, now_ms: int, replace: bool = False
) -> tuple[int, dict[str, int]]:
    """Read a CSV file of names for this server's county and store them (in the open write
    transaction): how many it held, and :func:`import_names`' counts. Raises
    :class:`RegionsRefused` (nothing stored) when any row is wrong."""
    names = read_file(data, county=county_of_server(conn))
    return len(names), import_names(conn, names, now_ms=now_ms, replace=replace)


def listing(conn: Connection) -> list[dict[str, Any]]:
    """Every name stored, by code."""
    r = s.region.c
    rows = conn.execute(select(r.code, r.name, r.updated_ms).order_by(r.code))
    return [{**dict(x._mapping), "level": _level(x.code)} for x in rows]


def _level(code: str) -> str:
    return {6: "county", 9: "township", 12: "village"}.get(len(code), "")


def names_in_scope(conn: Connection, region: str) -> list[list[str]]:
    """``[code, name]`` of the divisions a user of ``region`` is told: every one of its
    county (see the module's docstring); by code, :data:`MAX_ROWS` at most."""
    r = s.region.c
    county = region[: Level.COUNTY]
    query = (
        select(r.code, r.name)
        .where(r.code.startswith(county, autoescape=True))
        .order_by(r.code)
        .limit(MAX_ROWS)
    )
    return [[row.code, row.name] for row in conn.execute(query)]


def version(names: list[list[str]]) -> str:
    """A short digest of the names: what a laptop compares with the one it holds."""
    text = json.dumps(names, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
