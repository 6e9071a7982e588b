"""Open input files for the readers: folder walks, gzip, binary checks and numbered UTF-8 lines."""

from __future__ import annotations

import errno
import gzip
import io
import os
import stat
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dyadwatch.config import IngestSettings
from dyadwatch.errors import (
    FormatError,
    InputError,
    LimitError,
    RecordError,
    UnreadableError,
    printable,
)

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
"""Largest HTML page or feed file read whole (after decompression)."""

GZIP_RATIO = IngestSettings().max_gzip_ratio
"""The default of ``ingest.max_gzip_ratio``."""

BOMB_FLOOR = 1024 * 1024
"""Decompressed bytes read before ``ingest.max_gzip_ratio`` applies (small files vary)."""

HEAD_BYTES = 8192
_BOM = b"\xef\xbb\xbf"
_GZIP_MAGIC = b"\x1f\x8b"
_OTHER_CONTAINERS = {
    b"PK\x03\x04": ("a zip archive", "unzip it first"),
    b"BZh": ("bzip2-compressed", "decompress it with bunzip2, or recompress it with gzip"),
    b"\xfd7zXZ\x00": ("xz-compressed", "decompress it with unxz, or recompress it with gzip"),
    b"\x28\xb5\x2f\xfd": (
        "zstd-compressed",
        "decompress it with unzstd, or recompress it with gzip",
    ),
    b"%PDF-": ("a PDF document", "convert it to text first (e.g. pdftotext)"),
}
_UTF8_FIX = "save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8 IN > OUT)"
# Errors a damaged or truncated gzip stream raises while it is being read.
_READ_ERRORS = (OSError, EOFError, zlib.error)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of an input file, decoded, without its line ending.

    ``error`` is set when the line cannot be used (not UTF-8, a NUL byte, too long);
    ``text`` then holds what could be decoded, with bad bytes replaced.
    """

    number: int
    text: str
    error: InputError | None = None


OnBad = Callable[[InputError], None]


def iter_input_files(
    paths: str | Path | Sequence[str | Path], *, on_bad: OnBad | None = None
) -> Iterator[Path]:
    """Yield the files named by ``paths``, walking directories recursively.

    Files inside a directory come sorted, without hidden files or hidden folders; a file
    named twice is yielded once. Every path is checked before the first file is yielded.
    Broken links, link loops and FIFOs are yielded too: reading them (``input_status``,
    ``open_binary``) says what is wrong with them.

    Args:
        on_bad: called with an ``UnreadableError`` for each folder that cannot be listed;
            when None, the first one is raised.

    Raises:
        InputError: a path does not exist.
        UnreadableError: a folder cannot be listed (permissions) and ``on_bad`` is None.

    Example:
        >>> list(iter_input_files(["tests/ingest/data/nested"]))  # doctest: +SKIP
        [PosixPath('tests/ingest/data/nested/2023/11/a.txt'), ...]
    """
    roots = [Path(paths)] if isinstance(paths, str | Path) else [Path(path) for path in paths]
    for root in roots:
        if not root.exists():
            raise InputError(str(root), None, "no such file or directory", "check the path")
    seen: set[Path] = set()
    for root in roots:
        for path in _walk(root, on_bad) if root.is_dir() else [root]:
            key = identity(path)
            if key not in seen:
                seen.add(key)
                yield path


def identity(path: Path) -> Path:
    """Return ``path`` resolved, or made absolute when it cannot be (a symbolic link loop)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: Python 3.11's "Symlink loop"
        return path.absolute()


def input_status(path: Path) -> os.stat_result:
    """Return the status of the regular file ``path`` (following links).

    Raises:
        UnreadableError: a broken link, a link loop, no permission, or not a regular file
            (a FIFO, a device), which would block or never end (#15.6, #15.7).
    """
    try:
        status = path.stat()
    except OSError as error:
        raise unreadable(path, error) from None
    _check_regular(path, status)
    return status


def _check_regular(path: Path, status: os.stat_result) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise UnreadableError(
            str(path),
            None,
            f"not a regular file ({_KINDS.get(stat.S_IFMT(status.st_mode), 'special file')})",
            "dyadwatch reads only regular files; move it out of the input folder",
        )


_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}
_RETRY_FIX = "it is not checkpointed, so a rerun reads it once this is fixed"


def unreadable(path: Path, error: OSError) -> UnreadableError:
    """Return the ``UnreadableError`` for an ``OSError`` met opening or listing ``path``."""
    if error.errno == errno.ENOENT and path.is_symlink():
        target = printable(os.readlink(path))
        problem, fix = f"broken symbolic link (to {target})", "fix or remove the link"
    elif error.errno == errno.ELOOP:
        problem, fix = "symbolic link loop", "fix or remove the link"
    elif error.errno == errno.EACCES:
        problem, fix = "permission denied", f"make it readable (chmod a+r); {_RETRY_FIX}"
    else:
        problem, fix = f"cannot read ({error.strerror or error})", _RETRY_FIX
    return UnreadableError(str(path), None, problem, fix)


# Files a folder of articles commonly carries that are never articles: skipped in folder
# walks only (a file named on the command line is always read).
NOT_ARTICLES = frozenset({".md", ".rst", ".py", ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".zip"})


def _is_candidate(name: str) -> bool:
    if name.startswith("."):
        return False
    return Path(name).suffix.lower() not in NOT_ARTICLES


def _walk(root: Path, on_bad: OnBad | None) -> list[Path]:
    found: list[Path] = []
    errors: list[UnreadableError] = []

    def listing_failed(error: OSError) -> None:
        # os.walk skips a folder it cannot list without a word unless told (#15.8).
        errors.append(unreadable(Path(error.filename or root), error))

    for folder, dirnames, filenames in os.walk(root, onerror=listing_failed):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        found.extend(Path(folder, name) for name in filenames if _is_candidate(name))
    for error in errors:
        if on_bad is None:
            raise error
        on_bad(error)
    found.sort(key=Path.as_posix)
    return found


@contextmanager
def open_binary(path: Path, *, max_ratio: int = GZIP_RATIO) -> Iterator[io.BufferedIOBase]:
    """Open ``path`` for reading bytes, decompressing it when it is gzip-compressed.

    Gzip is recognised by its magic bytes, whatever the file is called.

    Args:
        max_ratio: the most a gzip file may grow when decompressed, past its first
            ``BOMB_FLOOR`` bytes (``ingest.max_gzip_ratio``); 0 turns the check off.

    Raises:
        UnreadableError: the file cannot be opened, or is not a regular file.
        FormatError: the file is another kind of archive or compressed file.
        LimitError: while reading, the gzip file grows past ``max_ratio`` (#15.10).
    """
    raw = _open_regular(path)
    try:
        magic = _read(path, raw.read, 6)
        raw.seek(0)
        _reject_container(path, magic)
        if magic.startswith(_GZIP_MAGIC):
            with _BoundedGzip(raw, path=path, max_ratio=max_ratio) as unzipped:
                yield unzipped
        else:
            yield raw
    finally:
        raw.close()


class _BoundedGzip(gzip.GzipFile):
    """A gzip stream that stops when it decompresses to far more than its compressed size.

    3 GB of newlines gzip to 3 MB, and reading them line by line took over an hour; real
    news text compresses 3 to 15 times.
    """

    def __init__(self, raw: io.BufferedReader, *, path: Path, max_ratio: int) -> None:
        super().__init__(fileobj=raw, mode="rb")
        self._raw, self._path, self._max_ratio, self._out = raw, path, max_ratio, 0

    def read(self, size: int | None = -1) -> bytes:
        return self._counted(super().read(size))

    def readline(self, size: int | None = -1) -> bytes:
        return self._counted(super().readline(size))

    def _counted(self, data: bytes) -> bytes:
        self._out += len(data)
        if self._max_ratio and self._out > BOMB_FLOOR:
            packed = max(self._raw.tell(), 1)
            if self._out > self._max_ratio * packed:
                raise LimitError(
                    str(self._path),
                    None,
                    f"gzip file decompresses to over {self._max_ratio} times its size "
                    f"({self._out:,} bytes from {packed:,}): a decompression bomb?",
                    "if the file is genuine, raise --set ingest.max_gzip_ratio=N (0: no limit)",
                )
        return data


def _open_regular(path: Path) -> io.BufferedReader:
    # O_NONBLOCK: opening a FIFO must not wait for a writer that never comes (#15.7).
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise unreadable(path, error) from None
    try:
        _check_regular(path, os.fstat(fd))
    except UnreadableError:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _reject_container(path: Path, magic: bytes) -> None:
    for prefix, (kind, fix) in _OTHER_CONTAINERS.items():
        if magic.startswith(prefix):
            raise FormatError(str(path), None, f"this is {kind}, not an article file", fix)


def _read(path: Path, read: Callable[[int], bytes], size: int) -> bytes:
    """Call ``read(size)``, turning a read failure (often a damaged gzip) into an ``InputError``."""
    try:
        data = read(size)
    except _READ_ERRORS as error:
        raise InputError(
            str(path),
            None,
            f"cannot read the file ({error})",
            "check that the file is complete (for a gzip file: gzip -t FILE)",
        ) from None
    return data


def read_head(path: Path, size: int = HEAD_BYTES, *, max_ratio: int = GZIP_RATIO) -> bytes:
    """Return the first ``size`` bytes of ``path`` (decompressed), without a UTF-8 BOM.

    Raises:
        FormatError: the file holds a NUL byte there, so it is binary.
    """
    with open_binary(path, max_ratio=max_ratio) as stream:
        head = _read(path, stream.read, size)
    nul = head.find(b"\x00")
    if nul >= 0:
        line = head.count(b"\n", 0, nul) + 1
        raise FormatError(
            str(path),
            line,
            f"binary file (NUL byte at byte offset {nul})",
            "dyadwatch reads UTF-8 text, JSON Lines, CSV, HTML or RSS/Atom files",
        )
    return head.removeprefix(_BOM)


def read_document(
    path: Path, *, limit: int = MAX_DOCUMENT_BYTES, max_ratio: int = GZIP_RATIO
) -> bytes:
    """Return the whole (decompressed) content of ``path``, refusing files over ``limit`` bytes.

    Raises:
        LimitError: the file, or its decompressed content, is larger than ``limit``.
    """
    if input_status(path).st_size > limit:
        raise _too_big(path, limit)
    read_head(path)
    with open_binary(path, max_ratio=max_ratio) as stream:
        data = _read(path, stream.read, limit + 1)
    if len(data) > limit:
        raise _too_big(path, limit)
    return data.removeprefix(_BOM)


def _too_big(path: Path, limit: int) -> LimitError:
    return LimitError(
        str(path),
        None,
        f"document larger than {limit // 2**20} MB",
        "split it into smaller files, or convert it to JSON Lines (one article per line)",
    )


def iter_lines(path: Path, *, max_line_bytes: int, max_ratio: int = GZIP_RATIO) -> Iterator[Line]:
    """Yield the numbered lines of ``path``, reading one line at a time.

    A line that is not UTF-8, holds a NUL byte or is longer than ``max_line_bytes`` comes
    with an ``error`` naming its byte offset; reading goes on with the next line.

    Raises:
        FormatError: the file starts like a binary file.
        InputError: the file cannot be read (for example a truncated gzip file).
    """
    read_head(path)
    with open_binary(path, max_ratio=max_ratio) as stream:
        number = offset = 0
        while raw := _read(path, stream.readline, max_line_bytes):
            number += 1
            size = len(raw)
            if not raw.endswith(b"\n") and size == max_line_bytes:
                size += _skip_rest_of_line(path, stream, max_line_bytes)
                yield Line(number, "", _overlong(path, number, max_line_bytes))
            else:
                yield _decode(path, number, offset, raw)
            offset += size


def _skip_rest_of_line(path: Path, stream: io.BufferedIOBase, chunk: int) -> int:
    skipped = 0
    while part := _read(path, stream.readline, chunk):
        skipped += len(part)
        if part.endswith(b"\n"):
            break
    return skipped


def _overlong(path: Path, number: int, limit: int) -> LimitError:
    return LimitError(
        str(path),
        number,
        f"line longer than {limit:,} bytes",
        "split the article, or raise ingest.max_article_chars",
    )


def _decode(path: Path, number: int, offset: int, raw: bytes) -> Line:
    if number == 1 and raw.startswith(_BOM):
        raw, offset = raw[len(_BOM) :], offset + len(_BOM)
    raw = raw.removesuffix(b"\n").removesuffix(b"\r")
    nul = raw.find(b"\x00")
    if nul >= 0:
        problem = f"NUL byte at byte offset {offset + nul}; the file looks binary"
        error = RecordError(str(path), number, problem, _UTF8_FIX)
        return Line(number, raw.decode("utf-8", "replace"), error)
    try:
        return Line(number, raw.decode("utf-8"))
    except UnicodeDecodeError as bad:
        problem = (
            f"not valid UTF-8 (byte 0x{raw[bad.start]:02x} at byte offset {offset + bad.start})"
        )
        error = RecordError(str(path), number, problem, _UTF8_FIX)
        return Line(number, raw.decode("utf-8", "replace"), error)
