"""Differential check against Docker Compose on the shared conformance cases and corpus.

Runs ``../shared/tools/compose-fidelity --bytes`` (the output text itself, byte for byte) over
the 16 conformance cases (19 runs with their profile variants), the 124 corpus files
(``corpus/<folder>::-f <file>`` per MANIFEST.tsv) and the base + override stacks of the corpus
repositories, once for ``config`` (YAML) and once for ``config --format json``. Every case
must be equal; the one accepted JSON difference is a project Compose itself cannot print as
JSON (its encoder fails: ``json: error calling MarshalJSON ...``). Skips when ``../shared`` is
absent.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPOSEDOC = Path(sys.executable).with_name("composedoc")
FORMATS = {"yaml": ["--bytes"], "json": ["--bytes", "--json"]}


def _corpus_cases(shared: Path) -> list[str]:
    lines = (shared / "corpus" / "MANIFEST.tsv").read_text().splitlines()[1:]
    cases = []
    for line in lines:
        local = line.split("\t")[0]
        if local:
            folder, _, name = local.rpartition("/")
            cases.append(f"{shared / 'corpus' / folder}::-f {name}")
    return cases


def _run(shared: Path, cases: list[str], flags: list[str], jobs: int = 2) -> list[list[str]]:
    """Run the checker on ``jobs`` slices at once (it is sequential): one entry per case
    (its verdict line, then its detail lines), and the total line last."""
    slices = [cases[i::jobs] for i in range(jobs)]
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(shared / "tools" / "compose-fidelity"),
                str(COMPOSEDOC),
                *part,
                "--verbose",
                *flags,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for part in slices
        if part
    ]
    entries: list[list[str]] = []
    equal = total = 0
    for proc in procs:
        out, err = proc.communicate(timeout=900)
        got = out.splitlines()
        assert got and got[-1].startswith("fidelity:"), out + err
        words = got[-1].split()
        equal += int(words[1])
        total += int(words[4])
        for line in got[:-1]:
            if _VERDICT.match(line) or not entries:
                entries.append([line])
            else:  # a detail line (messages may span several lines)
                entries[-1].append(line)
    return [*entries, [f"fidelity: {equal} equal of {total} cases"]]


_VERDICT = re.compile(r"\S.*: (equal|DIFFERS)")


def _compose_cannot_print(entry: list[str]) -> bool:
    """Compose refuses to print the project as JSON (its encoder fails), composedoc prints it."""
    return "DIFFERS: oracle refuses, composedoc accepts" in entry[0] and any(
        line.startswith("  oracle: json: ") for line in entry[1:]
    )


def _differing(entries: list[list[str]], fmt: str) -> list[str]:
    out = []
    for entry in entries[:-1]:
        if ": equal" in entry[0] or (fmt == "json" and _compose_cannot_print(entry)):
            continue
        out.append("\n".join(entry))
    return out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_conformance_cases(shared_dir: Path, fmt: str) -> None:
    cases = sorted(str(p) for p in (shared_dir / "conformance" / "cases").iterdir() if p.is_dir())
    assert len(cases) == 16
    entries = _run(shared_dir, cases, FORMATS[fmt])
    assert _differing(entries, fmt) == [], "\n".join(_differing(entries, fmt))
    assert entries[-1] == ["fidelity: 19 equal of 19 cases"]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_corpus_cases(shared_dir: Path, fmt: str) -> None:
    cases = _corpus_cases(shared_dir)
    assert len(cases) == 124
    entries = _run(shared_dir, cases, FORMATS[fmt])
    assert _differing(entries, fmt) == [], "\n".join(_differing(entries, fmt))
    accepted = [e[0] for e in entries[:-1] if _compose_cannot_print(e)]
    # docker/compose's SSHKey JSON encoder fails on `ssh: [default]`-style entries
    assert accepted == ([] if fmt == "yaml" else ["ssh [-f compose.yaml]: " + _REFUSED])
    assert entries[-1] == [f"fidelity: {124 - len(accepted)} equal of 124 cases"]


_REFUSED = "DIFFERS: oracle refuses, composedoc accepts"

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


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_corpus_multi_file_stacks(shared_dir: Path, fmt: str) -> None:
    cases = [
        f"{shared_dir / 'corpus' / folder}::" + " ".join(f"-f {name}" for name in files.split())
        for folder, stacks in sorted(MULTI_FILE.items())
        for files in stacks
    ]
    entries = _run(shared_dir, cases, FORMATS[fmt])
    assert _differing(entries, fmt) == [], "\n".join(_differing(entries, fmt))
    assert entries[-1] == [f"fidelity: {len(cases)} equal of {len(cases)} cases"]
