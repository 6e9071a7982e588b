"""Read per-process figures from ``/proc`` for the benchmarks (Linux only)."""

from __future__ import annotations

from pathlib import Path


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
