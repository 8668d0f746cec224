"""Run many cases on several namespace pairs at once (one worker thread per pair, each pair
runs its cases one after the other, daemons reused) and keep the results in case order."""
from __future__ import annotations

import os
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from cases import Case
from charon import NamespacePair
from outcome import Outcome
from runner import run_case


@dataclass(frozen=True)
class Result:
    case: Case
    outcome: Outcome
    seconds: float


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


def run_all(cases: list[Case], pairs: list[NamespacePair]) -> list[Result]:
    todo: queue.Queue[tuple[int, Case]] = queue.Queue()
    for item in enumerate(cases):
        todo.put(item)
    results: dict[int, Result] = {}
    errors: list[BaseException] = []

    def worker(pair: NamespacePair) -> None:
        while not errors:
            try:
                index, case = todo.get_nowait()
            except queue.Empty:
                return
            started = time.monotonic()
            try:
                outcome = run_case(pair, case.name, case.a, case.b)
            except BaseException as exc:  # surfaced below with the case name
                errors.append(RuntimeError(f"case {case.name}: {exc}"))
                return
            results[index] = Result(case, outcome, time.monotonic() - started)

    threads = [threading.Thread(target=worker, args=(pair,)) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return [results[i] for i in range(len(cases))]
