"""Request bodies read within bounds, parsed off the event loop; answers packed the same way.

A body is read only after the device was authenticated (or, for enrollment, the client
address passed the rate limit), up to its endpoint's size on the wire. Then, on a worker
thread: inflated up to a size, its ``[``/``{`` and ``,`` counted (an upper bound of the
containers and values the parser would build: ``bytes.count`` runs at C speed, where
``json.loads`` of millions of tiny lists holds the interpreter for seconds), parsed,
walked for nesting depth, string length and integer range, and validated by the
endpoint's pydantic model (which bounds its lists). Anything out of bounds is refused
with a 413 (too large) or a 400 (malformed), never a 500.

What a bound costs the event loop: ``json.loads`` does not let go of the interpreter
lock, so one parse stalls the loop (and a ping) for as long as it runs. The inflated
limit of a push, 8 MB, is the largest that keeps that under about 50 ms with the value
counts bounded; an honest batch (2,000 operations of ~100-600 bytes) is well under 2 MB.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.requests import ClientDisconnect

from ...protocol import JSON_TYPE, LINES_TYPE, pack
from ..errors import SyncRefused, bad_request

M = TypeVar("M", bound=BaseModel)
KB, MB = 1024, 1024 * 1024
INT_RANGE = 2**63  # what the database's BIGINT holds
INLINE = 16 * KB  # JSON this small is parsed on the event loop (a hop to a thread costs more)


@dataclass(frozen=True, slots=True)
class Bounds:
    """What one endpoint's body may be."""

    wire: int  # bytes as sent (compressed or not)
    inflated: int  # bytes of JSON once inflated
    containers: int  # "[" and "{" in the JSON text (in strings too: an upper bound)
    values: int  # "," in the JSON text: an upper bound of the values, less one per container
    # Nesting: an honest push is about 8 deep (a policy object); deeper values are the
    # merge's to hold op by op, but past this the whole body is refused, long before
    # anything that walks it recursively could run out of stack.
    depth: int = 100
    string: int = 16_000  # characters in one string or key (a note has at most 4,000)


def too_large(what: str) -> SyncRefused:
    return SyncRefused(413, "too_large", f"the body is too large: {what}")


async def read(request: Request, bounds: Bounds, *, prefix: bool = False) -> bytes:
    """The raw body, refused (413) as soon as it passes ``bounds.wire``. With ``prefix``
    a body cut part way (the laptop's link dropped) is returned as far as it came."""
    declared = request.headers.get("content-length")
    if declared is not None and (
        not declared.isascii() or not declared.isdigit() or int(declared) > bounds.wire
    ):
        raise too_large(f"at most {bounds.wire} bytes")
    data = bytearray()
    try:
        async for chunk in request.stream():
            data += chunk
            if len(data) > bounds.wire:
                raise too_large(f"at most {bounds.wire} bytes")
    except ClientDisconnect:
        if not prefix:
            raise
    if declared is not None and int(declared) != len(data) and not prefix:
        raise bad_request("truncated body")
    return bytes(data)


async def lines(request: Request, model: type[M], bounds: Bounds, items: str) -> tuple[M, bool]:
    """A body sent as lines (:data:`~sync.protocol.LINES_TYPE`): a first line, the
    object without its ``items``, then one item a line. A body cut part way is taken as
    far as its last whole line (True: cut). Read as the JSON object it stands for."""
    data = await read(request, bounds, prefix=True)
    gzipped = request.headers.get("content-encoding") == "gzip"
    declared = request.headers.get("content-length")
    cut = declared is not None and int(declared) != len(data)
    text = _inflate_prefix(data, bounds.inflated, cut=cut) if gzipped else data
    whole = text[: text.rfind(b"\n") + 1] if cut else text
    head, _, rest = whole.partition(b"\n")
    if not head.rstrip().endswith(b"}"):
        raise bad_request("malformed body: no first line")
    joined = (
        head.rstrip()[:-1]
        + b',"'
        + items.encode()
        + b'":['
        + rest.rstrip(b"\n").replace(b"\n", b",")
        + b"]}"
    )
    return await run_in_threadpool(decode, joined, False, model, bounds), cut


def _inflate_prefix(data: bytes, limit: int, *, cut: bool) -> bytes:
    """What a gzip body inflates to as far as it came (all of it unless ``cut``)."""
    if not cut:
        return inflate(data, limit)
    inflater = zlib.decompressobj(wbits=31)
    try:
        raw = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise bad_request("malformed body: not gzip") from exc
    if len(raw) > limit:
        raise too_large(f"at most {limit} bytes of JSON")
    return raw


async def parsed(request: Request, model: type[M], bounds: Bounds) -> M:
    """The body as ``model``: read on the event loop, the rest on a worker thread unless
    it is small once inflated (a hello, a pull: parsed at once, in well under 1 ms)."""
    data = await read(request, bounds)
    gzipped = request.headers.get("content-encoding") == "gzip"
    small = _small(data, gzipped)
    if small is not None:
        return decode(small, False, model, bounds)
    return await run_in_threadpool(decode, data, gzipped, model, bounds)


def _small(data: bytes, gzipped: bool) -> bytes | None:
    """The JSON text if it is at most :data:`INLINE` bytes, else None."""
    if not gzipped:
        return data if len(data) <= INLINE else None
    inflater = zlib.decompressobj(wbits=31)
    try:
        text = inflater.decompress(data, INLINE + 1)
    except zlib.error:
        return None  # refused on the worker thread
    return text if inflater.eof and len(text) <= INLINE else None


def decode(data: bytes, gzipped: bool, model: type[M], bounds: Bounds) -> M:
    """Inflate, count, parse, walk and validate (a worker thread's part, but for small
    bodies)."""
    text = inflate(data, bounds.inflated) if gzipped else data
    if len(text) > bounds.inflated:
        raise too_large(f"at most {bounds.inflated} bytes of JSON")
    if text.count(b"[") + text.count(b"{") > bounds.containers:
        raise too_large(f"at most {bounds.containers} arrays and objects")
    if text.count(b",") > bounds.values:
        raise too_large(f"at most {bounds.values} values")
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except RecursionError as exc:
        raise bad_request("malformed body: nested too deeply") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise bad_request("malformed body: not JSON") from exc
    # Halves of a character (a lone surrogate) can only come from a \uD8xx-\uDFxx escape;
    # nothing can store them. Pairs are joined by the parser and pass.
    halves = re.search(rb"\\u[dD][89a-fA-F]", text) is not None
    walk(value, bounds, halves=halves)
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        raise bad_request(f"malformed body: {_summary(exc)}") from exc


def inflate(data: bytes, limit: int) -> bytes:
    """A gzip body, refused (413) past ``limit`` bytes inflated (zlib lets go of the
    interpreter lock while it works)."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        raw = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise bad_request("malformed body: not gzip") from exc
    if len(raw) > limit or inflater.unconsumed_tail:
        raise too_large(f"at most {limit} bytes of JSON")
    if not inflater.eof:
        raise bad_request("truncated body")
    return raw


def walk(value: Any, bounds: Bounds, *, halves: bool = False) -> None:
    """Refuse (400) deep nesting, long strings, integers past BIGINT and (with
    ``halves``) lone surrogates, without recursion."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            items: Any = item.values()
            for key in item:
                if len(key) > bounds.string:
                    raise bad_request(f"malformed body: a key longer than {bounds.string}")
                if halves:
                    _whole_characters(key)
        elif isinstance(item, list):
            items = item
        else:
            continue
        if depth > bounds.depth:
            raise bad_request(f"malformed body: nested deeper than {bounds.depth}")
        for child in items:
            if isinstance(child, str):
                if len(child) > bounds.string:
                    raise bad_request(f"malformed body: a string longer than {bounds.string}")
                if halves:
                    _whole_characters(child)
            elif isinstance(child, int):
                if not -INT_RANGE <= child < INT_RANGE:
                    raise bad_request("malformed body: an integer out of range")
            elif isinstance(child, dict | list):
                stack.append((child, depth + 1))


def _whole_characters(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise bad_request("malformed body: half of a character (a lone surrogate)") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _summary(exc: ValidationError) -> str:
    """Where and what, never the value sent (it may be a child's data)."""
    parts = [
        f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}"
        for e in exc.errors(include_input=False, include_url=False)[:3]
    ]
    return "; ".join(parts)[:300]


async def reply(
    request: Request, work: Callable[[], Any], *, lines: Callable[[Any], bytes] | None = None
) -> Response:
    """Run ``work`` on a worker thread and answer what it returns as JSON, gzip-compressed
    when the client takes it (packed on the same thread: a pull's page is up to 2 MB);
    as ``lines(body)`` (:data:`~sync.protocol.LINES_TYPE`) when given and asked for."""
    gzipped = "gzip" in request.headers.get("accept-encoding", "")
    as_lines = lines is not None and LINES_TYPE in request.headers.get("accept", "")

    def answer() -> Response:
        body = work()
        if as_lines and lines is not None:
            text = lines(body)
            if gzipped:
                return Response(
                    gzip.compress(text, 6),
                    media_type=LINES_TYPE,
                    headers={"Content-Encoding": "gzip"},
                )
            return Response(text, media_type=LINES_TYPE)
        if gzipped:
            return Response(pack(body), media_type=JSON_TYPE, headers={"Content-Encoding": "gzip"})
        return JSONResponse(body)

    return await run_in_threadpool(answer)


def documented(model: type[BaseModel]) -> dict[str, Any]:
    """The OpenAPI entry of a body the endpoint reads itself (after authentication)."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": model.model_json_schema()}},
        }
    }
