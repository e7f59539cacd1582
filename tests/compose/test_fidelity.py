"""Differential check against Docker Compose on the shared conformance cases and corpus.

Runs ``../shared/tools/compose-fidelity`` once over the 16 conformance cases (with their
profile variants) and the 124 corpus files (``corpus/<folder>::-f <file>`` per MANIFEST.tsv),
and the base + override stacks of the corpus repositories, and asserts that every case is
equal. Skips when ``../shared`` is absent.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMPOSEDOC = Path(sys.executable).with_name("composedoc")


def _corpus_cases(shared: Path) -> list[str]:
    lines = (shared / "corpus" / "MANIFEST.tsv").read_text().splitlines()[1:]
    cases = []
    for line in lines:
        local = line.split("\t")[0]
        if local:
            folder, _, name = local.rpartition("/")
            cases.append(f"{shared / 'corpus' / folder}::-f {name}")
    return cases


def _run(shared: Path, cases: list[str], jobs: int = 2) -> list[str]:
    """Run the checker on ``jobs`` slices at once (it is sequential); per-case lines + total."""
    slices = [cases[i::jobs] for i in range(jobs)]
    procs = [
        subprocess.Popen(
            [sys.executable, str(shared / "tools" / "compose-fidelity"), str(COMPOSEDOC), *part],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for part in slices
        if part
    ]
    lines: list[str] = []
    equal = total = 0
    for proc in procs:
        out, err = proc.communicate(timeout=900)
        got = out.splitlines()
        assert got and got[-1].startswith("fidelity:"), out + err
        words = got[-1].split()
        equal += int(words[1])
        total += int(words[4])
        lines += got[:-1]
    return [*lines, f"fidelity: {equal} equal of {total} cases"]


def test_conformance_cases(shared_dir: Path) -> None:
    cases = sorted(str(p) for p in (shared_dir / "conformance" / "cases").iterdir() if p.is_dir())
    assert len(cases) == 16
    lines = _run(shared_dir, cases)
    differing = [line for line in lines[:-1] if ": equal" not in line]
    assert differing == [], "\n".join(lines)


def test_corpus_cases(shared_dir: Path) -> None:
    cases = _corpus_cases(shared_dir)
    assert len(cases) == 124
    lines = _run(shared_dir, cases)
    differing = [line for line in lines[:-1] if ": equal" not in line]
    assert differing == [], "\n".join(differing)
    assert lines[-1] == "fidelity: 124 equal of 124 cases"


# Base + override stacks exactly as their repositories use them (several -f files).
MULTI_FILE = {
    "dotnet-architecture__eShopOnContainers/src": [
        "docker-compose.yml docker-compose.override.yml",
        "docker-compose.yml docker-compose.prod.yml",
        "docker-compose.yml docker-compose.override.yml docker-compose.elk.yml",
        "docker-compose-tests.yml docker-compose-tests.override.yml",
        "docker-compose.windows.yml docker-compose.override.windows.yml",
    ],
    "netbox-community__netbox-docker": [
        "docker-compose.yml docker-compose.test.yml docker-compose.test.override.yml",
        "docker-compose.test.yml docker-compose.test.override.yml",
    ],
    "dockersamples__example-voting-app": ["docker-compose.yml docker-compose.images.yml"],
}


def test_corpus_multi_file_stacks(shared_dir: Path) -> None:
    cases = [
        f"{shared_dir / 'corpus' / folder}::" + " ".join(f"-f {name}" for name in files.split())
        for folder, stacks in sorted(MULTI_FILE.items())
        for files in stacks
    ]
    lines = _run(shared_dir, cases)
    differing = [line for line in lines[:-1] if ": equal" not in line]
    assert differing == [], "\n".join(lines)
    assert lines[-1] == f"fidelity: {len(cases)} equal of {len(cases)} cases"
