"""Run the case set on several workers at once (namespace pairs for strongSwan, lab instances
for srxsim): one thread per worker, each worker takes the next case until none is left, results
come back in case order."""
from __future__ import annotations

import os
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TypeVar

from cases import Case
from charon import NamespacePair
from outcome import Outcome
from runner import run_case

W = TypeVar("W")
R = TypeVar("R")


@dataclass(frozen=True)
class Result:
    case: Case
    outcome: Outcome
    seconds: float


def run_parallel(cases: list[Case], workers: list[W], run: Callable[[W, Case], R]) -> list[R]:
    todo: queue.Queue[tuple[int, Case]] = queue.Queue()
    for item in enumerate(cases):
        todo.put(item)
    results: dict[int, R] = {}
    errors: list[BaseException] = []

    def work(worker: W) -> None:
        while not errors:
            try:
                index, case = todo.get_nowait()
            except queue.Empty:
                return
            try:
                results[index] = run(worker, case)
            except Exception as exc:  # re-raised below, named after its case
                errors.append(RuntimeError(f"case {case.name}: {exc}"))
                return

    threads = [threading.Thread(target=work, args=(worker,)) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return [results[i] for i in range(len(cases))]


def start_pairs(count: int, workdir: Path) -> list[NamespacePair]:
    """Namespace names carry the pid, so parallel sessions on one machine never collide."""
    tag = f"sw{os.getpid() % 100000}"
    pairs: list[NamespacePair] = []
    try:
        for index in range(count):
            pair = NamespacePair(f"{tag}p{index}", workdir / f"pair{index}")
            pair.start()
            pairs.append(pair)
    except BaseException:
        stop_pairs(pairs)
        raise
    return pairs


def stop_pairs(pairs: list[NamespacePair]) -> None:
    for pair in pairs:
        pair.stop()


def run_strongswan(cases: list[Case], pairs: list[NamespacePair]) -> list[Result]:
    def one(pair: NamespacePair, case: Case) -> Result:
        started = time.monotonic()
        outcome = run_case(pair, case.name, case.a, case.b)
        return Result(case, outcome, time.monotonic() - started)

    return run_parallel(cases, pairs, one)
