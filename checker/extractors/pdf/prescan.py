"""A cheap upper bound on what any page's content streams inflate to, read from the file's bytes.

The exact per-page count (:mod:`checker.extractors.pdf.content`) walks the page tree with
pdfminer, whose import alone costs ~70 ms (its package metadata, cryptography, charset
detection): a third of a cold PDF check. Almost every real file is far under the limit, which
this scan proves without parsing the file, in a few milliseconds; the exact count runs only when
the scan cannot.

A page's content is the concatenation of the streams its ``/Contents`` refers to, each reference
an ``N G R`` somewhere in the file (in the file's own bytes or inside a compressed object
stream). So no page can exceed the sum, over every stream in the file, of its decoded size times
the number of references to its object number (at least one). Every stream begins after a
``stream`` keyword in the file's bytes (a stream is never inside an object stream); its decoded
size is counted as the exact check counts it: a zlib body inflated (in bounded steps, stopping
at the limit), anything else its raw length (up to ``endstream``, or its /Length when that runs
further: pdfium reads /Length bytes). The data begins on the line after the keyword, as a
reader skips the rest of that line. What this reading cannot see into makes it give up
and leave the verdict to the exact check: an encrypted file, a filter that hides text from it
(hex, ASCII85, LZW, run-length: an object stream may hold references behind one), a name
written with ``#`` escapes, a stream whose object number or dictionary it cannot read plainly.

Bytes between a ``stream`` keyword and ``endstream`` that are not a zlib body are read as objects
too when they hold an ``obj`` or ``trailer`` (pdfium finds objects by their offsets, so a
"stream" it never reads must not hide them). Strings and comments are taken out of the syntax
first, read left to right as a PDF reader does: a UTF-16 title holds any bytes, and a comment may
split a reference (``4 0 %…\nR``). Only ``/Contents`` is bounded, as by the exact check: form
XObjects drawn by a page are not counted by either (the per-file time and memory limits bound
them).
"""

from __future__ import annotations

import mmap
import re
import zlib
from collections import Counter
from pathlib import Path

_STREAM = re.compile(rb"stream")  # a literal: fast; whether it is the keyword is checked after
_DELIMITERS = b" \t\r\n\f\x00()<>[]{}/%"
_WHITESPACE = b" \t\r\n\f\x00"
_DIGITS = b"0123456789"
_GAP = rb"[\s\x00]+"
_REF = re.compile(rb"(\d+)" + _GAP + rb"\d+" + _GAP + rb"R(?![A-Za-z0-9])")  # N G R, strings and comments taken out
_OBJ = re.compile(rb"(\d+)" + _GAP + rb"\d+" + _GAP + rb"obj")
_OBJ_LOOKBACK = 1 << 16  # how far before ``stream`` the ``N G obj`` header is looked for
_LENGTH = re.compile(rb"/Length" + _GAP + rb"(\d+)(?:" + _GAP + rb"(\d+)" + _GAP + rb"R)?")
_INDIRECT_TYPE = re.compile(rb"/Type" + _GAP + rb"\d+" + _GAP + rb"\d+" + _GAP + rb"R")
_NOT_IN_DICTIONARY = (b"(", b")", b"%", b"obj", b"#")
_SPECIAL = re.compile(rb"[()%\\]")
_EOL = re.compile(rb"[\r\n]")
# What makes the bytes unreadable to this scan: encryption, and filters other than Flate that an
# object stream could hide references behind; also when spelled with #xx escapes (/Encr#79pt).
_OPAQUE_NAMES = frozenset(b"Encrypt ASCIIHexDecode AHx ASCII85Decode A85 LZWDecode LZW RunLengthDecode RL".split())
_OPAQUE = re.compile(rb"/(?:" + b"|".join(_OPAQUE_NAMES) + rb")(?![A-Za-z0-9#])")  # whole names only
_NAME_CHARS = rb"[^\x00-\x20/\[\]<>(){}%\x7f-\xff]*"
_ESCAPED_NAME = re.compile(rb"/" + _NAME_CHARS + rb"#[0-9A-Fa-f]{2}" + _NAME_CHARS)
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_CHUNK = 1 << 20
# The scan's own work is bounded too (a hostile file of a million parentheses or streams): past
# these it gives up, and the exact check (and the per-file time limit) takes over. Real reports
# have tens of streams and hundreds to a few thousand string and comment characters.
_MAX_STREAMS = 20_000
_MAX_OBJECT_STREAM = 8 << 20  # bytes of one object stream read (held in memory): real ones are < 1 MB
_MAX_SPECIAL = 300_000


class _GiveUp(Exception):
    """The scan cannot bound this file: the exact check decides."""


def could_exceed(path: Path, limit: int) -> bool:
    """False when no page of the file can have content streams decoding to more than ``limit``
    bytes; True when the exact check is needed (over the bound, or a file this scan cannot read)."""
    try:
        with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _scan(data, limit)
    except (OSError, ValueError):  # unreadable or empty: the exact check and pdfium say what it is
        return True


def _scan(data: mmap.mmap, limit: int) -> bool:
    refs = _References()
    sizes: list[tuple[int, int]] = []  # (object number, decoded size) of every stream
    seen, syntax_from = 0, 0
    try:
        for match in _STREAM.finditer(data):
            if match.start() < syntax_from or not _keyword(data, match.start(), match.end()):
                continue  # inside the body of the stream before, or part of a word ("endstream")
            if len(sizes) >= _MAX_STREAMS:
                raise _GiveUp
            number, header_end = _object_header(data, match.start())
            dictionary = data[header_end : match.start()].strip(_WHITESPACE)
            _stream_dictionary(dictionary)
            # the objects since the last stream, and this stream's dictionary
            _read(data[syntax_from : match.start()], refs)
            start = _next_line(data, match.end())  # where a reader takes the data to begin
            end = data.find(b"endstream", start)
            end = len(data) if end < 0 else end
            objects = b"/ObjStm" in dictionary  # the one kind of stream pdfium reads objects from
            budget = min(limit - seen, _MAX_OBJECT_STREAM if objects else limit) + 1
            if _is_zlib(data, start):
                size, body, raw_from = _inflate(data, start, budget, keep=objects)
            else:  # images (DCT, JPX, …), unfiltered bytes: counted as they are, as far as pdfium
                # reads them (its /Length, which may run past an "endstream" inside the data)
                declared = _LENGTH.search(dictionary)
                length = 0
                if declared is not None and declared.group(2) is None:
                    length = int(declared.group(1))
                elif declared is not None:
                    length = _integer_object(data, int(declared.group(1)))
                size, body, raw_from = max(end - start, min(length, len(data) - start)), b"", start
                if objects:
                    body, raw_from = data[start : min(end, start + budget)], end
            if objects:
                if size > _MAX_OBJECT_STREAM:
                    raise _GiveUp
                _read(body, refs)
            # Bytes up to ``endstream`` that are not a zlib body: an image's, or the file's own
            # objects after a "stream" that pdfium does not take for one (its objects are found by
            # their offsets): those are read for references like any other objects.
            if data.find(b"obj", raw_from, end) >= 0 or data.find(b"trailer", raw_from, end) >= 0:
                _read(data[raw_from:end], refs)
            sizes.append((number, size))
            seen += size
            if seen > limit:
                return True
            syntax_from = end
        _read(data[syntax_from:], refs)
    except _GiveUp:
        return True
    return sum(size * max(1, refs[number]) for number, size in sizes) > limit


def _stream_dictionary(dictionary: bytes) -> None:
    """Give up unless the bytes before ``stream`` are a plain dictionary: no string or comment
    (which could fake the object's header or the keyword), no ``endobj`` (the header found was
    another object's), no ``#`` escape and no indirect /Type (either could make it an object
    stream unseen: /Obj#53tm), balanced."""
    if not (dictionary.startswith(b"<<") and dictionary.endswith(b">>")):
        raise _GiveUp
    if dictionary.count(b"<<") != dictionary.count(b">>") or any(c in dictionary for c in _NOT_IN_DICTIONARY):
        raise _GiveUp
    if _INDIRECT_TYPE.search(dictionary):
        raise _GiveUp
    if b"/ObjStm" in dictionary and (b"/DecodeParms" in dictionary or b"/DP" in dictionary):
        raise _GiveUp  # a predictor would scramble the objects' text as inflated here


class _References(Counter[int]):
    """How often each object number is referred to; and what the string and comment reader may
    still read (``budget``, in special characters)."""

    budget = _MAX_SPECIAL


def _read(text: bytes, refs: _References) -> None:
    """Count the references in PDF syntax (the file's objects, an object stream's); give up on
    what hides bytes from this scan."""
    refs.budget -= sum(text.count(c) for c in (b"(", b")", b"%", b"\\"))
    if refs.budget < 0:
        raise _GiveUp
    text = _tokens(text)
    if _OPAQUE.search(text):
        raise _GiveUp
    for name in _ESCAPED_NAME.finditer(text):
        if _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name.group()[1:]) in _OPAQUE_NAMES:
            raise _GiveUp
    for number, count in Counter(_REF.findall(text)).items():
        refs[int(number)] += count


def _tokens(text: bytes) -> bytes:
    """``text`` without its literal strings and comments (each left as a space), read from left
    to right as a PDF reader reads it: a string's bytes are any bytes (a UTF-16 title holds
    ``R`` and ``%``), and a comment may split a reference (``4 0 %…\nR``)."""
    parts: list[bytes] = []
    keep, pos, depth = 0, 0, 0
    while (found := _SPECIAL.search(text, pos)) is not None:
        at = found.start()
        char = text[at]
        if depth == 0:
            if char == 0x25:  # % : a comment, to the end of the line
                parts.append(text[keep:at] + b" ")
                eol = _EOL.search(text, at)
                keep = pos = eol.start() if eol is not None else len(text)
            elif char == 0x28:  # ( : a string begins
                parts.append(text[keep:at] + b" ")
                depth, pos = 1, at + 1
            else:  # a stray ) or backslash outside a string
                pos = at + 1
        elif char == 0x5C:  # backslash: the next byte is escaped
            pos = at + 2
        else:
            depth += 1 if char == 0x28 else -1 if char == 0x29 else 0
            pos = at + 1
            if depth == 0:
                keep = pos
    if depth == 0:
        parts.append(text[keep:])
    return b"".join(parts)


def _object_header(data: mmap.mmap, at: int) -> tuple[int, int]:
    """The number of the object whose ``stream`` keyword is at ``at`` (its last ``N G obj``
    before), and where that header ends."""
    low = max(0, at - _OBJ_LOOKBACK)
    header = data.rfind(b"obj", low, at)
    while header >= 0:
        found = None
        for found in _OBJ.finditer(data, max(low, header - 64), header + 3):
            pass
        if found is not None and found.end() == header + 3:
            if found.start() == max(low, header - 64) and found.start() > 0 and data[found.start() - 1] in _DIGITS:
                raise _GiveUp  # the number runs on before the window: not read in full
            return int(found.group(1)), found.end()
        header = data.rfind(b"obj", low, header)
    raise _GiveUp


def _keyword(data: mmap.mmap, start: int, end: int) -> bool:
    """Whether ``data[start:end]`` is a word of its own, as a reader's tokenizer sees it."""
    return (start == 0 or data[start - 1] in _DELIMITERS) and (end >= len(data) or data[end] in _DELIMITERS)


def _next_line(data: mmap.mmap, at: int) -> int:
    """Just after the end of the line ``at`` is on (CR LF, LF or CR), as pdfium skips to it."""
    eol = _EOL.search(data, at)
    if eol is None:
        return len(data)
    return eol.end() + 1 if data[eol.start() : eol.start() + 2] == b"\r\n" else eol.end()


def _integer_object(data: mmap.mmap, number: int) -> int:
    """The value of object ``number`` written plainly as ``N G obj 1234 endobj`` (as an indirect
    /Length usually is); give up if it is not (in an object stream, defined twice, …)."""
    pattern = re.compile(rb"%d" % number + _GAP + rb"\d+" + _GAP + rb"obj[\s\x00]*(\d+)[\s\x00]*endobj")
    found = [m for m in pattern.finditer(data) if m.start() == 0 or data[m.start() - 1] not in _DIGITS]
    if len(found) != 1:
        raise _GiveUp
    return int(found[0].group(1))


def _is_zlib(data: mmap.mmap, at: int) -> bool:
    return at + 2 <= len(data) and data[at] & 0x0F == 8 and (data[at] * 256 + data[at + 1]) % 31 == 0


def _inflate(data: mmap.mmap, start: int, budget: int, *, keep: bool) -> tuple[int, bytes, int]:
    """A zlib body's inflated size, counted up to ``budget``; (``keep``) the bytes; and where the
    zlib data ended (its start again if it did not end cleanly: the raw bytes are read too)."""
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    size, pos = 0, start
    while size < budget and not inflater.eof:
        chunk = inflater.unconsumed_tail
        if not chunk:
            chunk = data[pos : pos + _CHUNK]
            pos += len(chunk)
            if not chunk:
                break
        try:
            out = inflater.decompress(chunk, min(_CHUNK, budget - size))
        except zlib.error:
            break  # damaged from here on: pdfium decodes no further either
        if keep:
            parts.append(out)
        size += len(out)
    ended = pos - len(inflater.unused_data) if inflater.eof else start
    return size, b"".join(parts), ended
