"""One child process measured, for `gkml bench` and its --portal and --serve runs: wall time,
CPU, and the peak memory of its whole process tree (the method: gkml_bench.bench's docstring,
`METHOD`), and the machine it ran on."""

from __future__ import annotations

import os
import platform
import subprocess
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

SAMPLE_SECONDS = 0.05
PAGE_SIZE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
METHOD = (
    "wall: perf_counter around Popen + blocking os.wait4; peak_rss_single_kb: ru_maxrss of os.wait4 "
    "(largest single process among the child and the descendants it reaped); peak_rss_tree_sampled_kb: "
    f"sum of RSS over the live process tree (/proc task children + statm) sampled every {SAMPLE_SECONDS}s; "
    "peak_rss_kb = max of the two; cpu from the same rusage (descendants included)."
)


@dataclass
class Measurement:
    exit_code: int
    wall_s: float
    cpu_user_s: float
    cpu_sys_s: float
    peak_rss_single_kb: int
    peak_rss_tree_sampled_kb: int
    samples: int


def _children(pid: int) -> list[int]:
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    kids: list[int] = []
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                kids.extend(int(k) for k in fh.read().split())
        except OSError:
            continue
    return kids


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * PAGE_SIZE_KB
    except (OSError, IndexError, ValueError):
        return 0  # already gone, or a zombie


def tree_pids(root: int) -> list[int]:
    """`root` and all its live descendants."""
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        if pid in found:
            continue
        found.append(pid)
        stack.extend(_children(pid))
    return found


def tree_rss_kb(root: int) -> int:
    """Current RSS summed over `root` and all its descendants."""
    return sum(_rss_kb(pid) for pid in tree_pids(root))


def measure(cmd: list[str], *, cwd: Path, stdin: Path | None, stdout: Path, stderr: Path) -> Measurement:
    """Run `cmd` to completion; wall time, CPU and peak memory of its whole process tree."""
    peak = [0, 0]  # max tree RSS, sample count
    done = threading.Event()
    with (
        open(stdin or os.devnull, "rb") as fin,
        open(stdout, "wb") as fout,
        open(stderr, "wb") as ferr,
    ):
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=fin, stdout=fout, stderr=ferr)

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], tree_rss_kb(proc.pid))
                peak[1] += 1
                done.wait(SAMPLE_SECONDS)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # Ctrl-C: do not leave the build running
            proc.kill()
            proc.wait()
            raise
        finally:
            wall = time.perf_counter() - started
            done.set()
            sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)  # tell Popen it was reaped
    return Measurement(
        exit_code=proc.returncode,
        wall_s=round(wall, 3),
        cpu_user_s=round(usage.ru_utime, 3),
        cpu_sys_s=round(usage.ru_stime, 3),
        peak_rss_single_kb=int(usage.ru_maxrss),
        peak_rss_tree_sampled_kb=peak[0],
        samples=peak[1],
    )


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def machine_facts() -> dict[str, Any]:
    mem_kb = None
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    mem_kb = int(line.split()[1])
    except OSError:
        pass
    return {
        "cpu_count": os.cpu_count(),
        "cpu_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "mem_total_kb": mem_kb,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": _version("mkdocs"),
        "mkdocs_material": _version("mkdocs-material"),
        "gkml": _version("gkml"),
        "pagefind": _version("pagefind"),
    }
