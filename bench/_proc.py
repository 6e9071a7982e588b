"""Read per-process figures from ``/proc`` for the benchmarks (Linux only)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Self


def field_kib(pid: int, file: str, name: str) -> int:
    """Return the kiB figure on the ``name`` line of ``/proc/PID/FILE`` (0 if gone).

    Example:
        >>> field_kib(os.getpid(), "status", "VmHWM:") > 0  # doctest: +SKIP
        True
    """
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(name):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def parent_pid(process: Path) -> int | None:
    """Return the parent pid of the process at ``/proc/PID`` (None if it is gone)."""
    try:
        return int((process / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


class Poller:
    """A background thread that calls ``sample`` every ``interval`` seconds while entered.

    Example:
        >>> with MyPoller(0.1) as poller:  # doctest: +SKIP
        ...     run_the_thing()
    """

    def __init__(self, interval: float) -> None:
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self) -> None:
        """Take one sample (subclasses say of what)."""
        raise NotImplementedError

    def _poll(self) -> None:
        while not self._stop.wait(self._interval):
            self.sample()
