"""Watching one file for saves: what ``render --watch`` and ``serve`` re-run on.

Editors save in two ways: in place (write into the file) or by rename (vim, VS Code and most IDEs write a temporary
file, then rename it over the original, so the original inode disappears). A watch on the file itself goes blind
after the first rename save, so the *folder* is watched (inotify/FSEvents/ReadDirectoryChanges through watchfiles,
no polling loop of ours) and its events are filtered down to the one path. A save is reported only when the bytes
changed, so an editor that writes twice, or a ``touch``, does not render twice.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator

from .errors import UsageError

#: What ``pip install`` needs for watching (the one line a missing extra prints).
EXTRA_HINT = "watching a file needs the 'serve' extra: pip install 'resumeconv[serve]'"


#: Seconds between checks of the file's size and time stamp when no event came: a safety net for a save in the
#: moment before the watch was armed, and for file systems without change events (some network mounts).
RECHECK = 2.0


def _digest(path: str) -> str | None:
    """The file's content hash, or None while it is absent (between the two steps of a rename save)."""
    try:
        with open(path, "rb") as fh:
            return hashlib.blake2b(fh.read(), digest_size=16).hexdigest()
    except OSError:
        return None


def _stamp(path: str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def saves(*paths: str | os.PathLike[str], stop: threading.Event | None = None) -> Iterator[None]:
    """An iterator that yields once after each save that changed the bytes of one of ``paths`` (the CV, and a
    ``.typ`` template being designed beside it); it ends when ``stop`` is set.

    Call it *before* the first render: the bytes it compares against are the ones on disk now, so a save made
    while that render runs is not missed. Ctrl-C raises KeyboardInterrupt out of the iterator (the CLI turns it
    into exit 130). A save that leaves a file absent (deleted, or mid-rename) is not reported; the next one that
    brings it back is.
    """
    try:
        import watchfiles
    except ImportError:
        raise UsageError(EXTRA_HINT) from None
    reals = [os.path.realpath(p) for p in paths]
    # A symbolic link's own path too: an editor may replace the link rather than the file it points to.
    names = {os.path.abspath(os.fspath(p)) for p in paths} | set(reals)
    folders = sorted({os.path.dirname(name) for name in names})
    last = {real: (_stamp(real), _digest(real)) for real in reals}

    def ours(_change: object, changed: str) -> bool:
        return os.path.abspath(changed) in names

    def saved(evented: bool) -> bool:
        """Whether a file's bytes changed (an event, or every RECHECK seconds its stamp, says to look)."""
        found = False
        for real, (stamp, digest) in last.items():
            now_stamp = _stamp(real)
            if not evented and now_stamp == stamp:
                continue
            now = _digest(real)
            last[real] = (now_stamp, digest if now is None else now)
            found = found or (now is not None and now != digest)
        return found

    def changed() -> Iterator[None]:
        # step: 50 ms of quiet ends a burst of events (a rename save is two or three); debounce caps a burst at
        # 1.6 s; an empty set comes every RECHECK seconds without events.
        for events in watchfiles.watch(*folders, watch_filter=ours, stop_event=stop, recursive=False, step=50,
                                       debounce=1600, rust_timeout=int(RECHECK * 1000), yield_on_timeout=True):
            if saved(bool(events)):
                yield

    return changed()
