"""Safe reading (size limit, encodings) and atomic writing: a user's file is never truncated or half-written."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
from typing import TYPE_CHECKING

from .errors import InputError, UnsafeInputError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

#: Default input size limit; override with RESUMECONV_MAX_INPUT_BYTES or ``--max-input-size``.
DEFAULT_MAX_INPUT_BYTES = 50 * 1024 * 1024


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


_SIZE = re.compile(r"\s*(\d+)\s*([kmg]?)(?:i?b)?\s*", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str) -> int:
    """A size as people write it: ``1048576``, ``10k``, ``5M``, ``1G`` (binary units; ``KB``, ``MiB`` too)."""
    found = _SIZE.fullmatch(text)
    if not found or int(found.group(1)) == 0:
        raise UsageError(f"'{text}' is not a size; write a positive number of bytes, or with a unit: 10k, 5M, 1G")
    return int(found.group(1)) * _UNITS[found.group(2).lower()]


def max_input_bytes() -> int:
    """The input size limit in bytes: RESUMECONV_MAX_INPUT_BYTES when set (``10k``, ``5M``...), else the default.

    A value that is not a size is refused rather than ignored, so a limit someone set never silently vanishes.
    """
    value = os.environ.get("RESUMECONV_MAX_INPUT_BYTES")
    if value is None or not value.strip():
        return DEFAULT_MAX_INPUT_BYTES
    try:
        return parse_size(value)
    except UsageError:
        raise UsageError(f"RESUMECONV_MAX_INPUT_BYTES='{value}' is not a size; write a positive number of bytes, "
                         "or with a unit: 10k, 5M, 1G") from None


def set_max_input_bytes(limit: int) -> Callable[[], None]:
    """Set the input size limit for this process and the worker processes it starts (``--max-input-size``).

    It goes through the environment because ``convert -j`` readers run in other processes. Returns a function
    that restores the previous setting.
    """
    key = "RESUMECONV_MAX_INPUT_BYTES"
    previous = os.environ.get(key)
    os.environ[key] = str(int(limit))

    def restore() -> None:
        if previous is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = previous

    return restore


def read_bytes(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """Read a whole input file (``-`` is stdin), refusing directories, missing files and oversize input."""
    limit = max_input_bytes() if limit is None else limit
    name = os.fspath(path)
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
        source = "<stdin>"
    else:
        source = name
        try:
            with open(name, "rb") as fh:
                data = fh.read(limit + 1)
        except FileNotFoundError:
            raise InputError("no such file", source) from None
        except IsADirectoryError:
            raise InputError("is a directory, not a file", source) from None
        except PermissionError:
            raise InputError("permission denied", source) from None
        except OSError as err:
            raise InputError(err.strerror or str(err), source) from None
    if len(data) > limit:
        raise UnsafeInputError(f"input is larger than the limit of {limit} bytes (raise it with --max-input-size "
                               "or RESUMECONV_MAX_INPUT_BYTES)", source)
    return data


def decode_text(data: bytes, source: str | None = None) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16/32; name line:column of the first bad byte."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as err:
                raise InputError(f"invalid {codec.upper()} at byte {err.start + len(bom)}", source) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        from .positions import line_col_bytes

        line, column = line_col_bytes(data, err.start)
        message = f"invalid UTF-8 (byte 0x{data[err.start]:02x}); save the file as UTF-8"
        raise InputError(message, source, line, column) from None


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it into place.

    On any failure the temporary file is removed and an existing ``path`` is left as it was.
    """
    import tempfile

    if isinstance(data, str):
        data = data.encode("utf-8")
    target = os.fspath(path)
    directory = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
        if not os.path.exists(target):
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def replace_keeping_backup(path: str | os.PathLike[str], data: bytes | str, *, keep_backup: bool = False) -> str:
    """Rewrite an existing file in place (``--in-place``) with ``FILE.bak`` holding the original meanwhile.

    The backup exists before the first byte of the new file is written and is removed only once the new file
    has been completely written and renamed into place (kept when ``keep_backup``). If the process dies in
    between, ``FILE`` is the old or the new version, never a partial one, and ``FILE.bak`` is the old one.
    An existing ``FILE.bak`` is never overwritten without ``keep_backup``: it may be the only copy left by an
    interrupted run. With ``keep_backup`` (the user asks for FILE.bak to be this run's original) the original is
    first copied beside it under a temporary name and renamed over the old ``FILE.bak`` only once the new file
    is in place, so a second ``--keep-backup`` run works and an interruption still leaves the old backup.
    Returns the backup's path.
    """
    target = os.fspath(path)
    backup = target + ".bak"
    rotate = keep_backup and os.path.lexists(backup)
    if os.path.lexists(backup) and not rotate:
        raise UsageError(f"{backup}: a backup already exists (left by an interrupted run?); move it away first")
    safety = _temporary_name(backup) if rotate else backup
    _copy_original(target, safety)
    try:
        write_atomic(target, data)
        _fsync_dir(os.path.dirname(target) or ".")
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(safety)
        raise
    if not keep_backup:
        os.unlink(backup)
    elif rotate:
        os.replace(safety, backup)
    return backup


def _temporary_name(path: str) -> str:
    import tempfile

    fd, name = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=os.path.dirname(path) or ".")
    os.close(fd)
    os.unlink(name)
    return name


def _copy_original(target: str, backup: str) -> None:
    """``backup`` as a hard link to ``target`` (a copy where links are not possible)."""
    try:
        os.link(target, backup)
    except OSError:
        import shutil

        shutil.copy2(target, backup)


def _fsync_dir(directory: str) -> None:
    """Make a rename durable before the backup goes (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
