"""Golden cases for the loader: small projects checked against Docker Compose's own output.

A case is a folder of ``tests/compose/cases/`` holding compose files plus optional
``ARGS`` (LOAD flags, one line), ``ENV`` (KEY=VALUE lines of a clean environment), ``PROFILES``
(one variant a line, blank = no profile), ``CWD`` (sub-folder to run in) and ``ERROR`` (the
case must fail and our message must contain this text, ``file:line:col:`` included).
Successful cases have ``expected.json`` and ``expected.yaml`` (or ``expected@<profiles>.*`` per
variant): the bytes the oracle, Docker Compose v2.40.3, printed for ``config --format json``
and ``config``, with the case folder written ``<DIR>``, the folder of all cases ``<CASES>``
and the home folder ``<HOME>``.
``COMPOSEDOC_UPDATE_GOLDENS=1`` re-runs the oracle (``../shared/tools/compose-oracle``) and
rewrites the goldens.
"""

from __future__ import annotations

import json
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from composedoc.compose.output import dump_config
from composedoc.compose.project import load_project
from composedoc.compose.types import LoadOptions

CASES = Path(__file__).resolve().parent / "cases"
HOME = str(Path.home())


@dataclass(frozen=True)
class Run:
    """One case variant: its folder, flags, environment and golden file."""

    case: Path
    args: tuple[str, ...]
    profiles: tuple[str, ...]
    env: dict[str, str]
    golden: Path
    error: str | None

    @property
    def cwd(self) -> Path:
        sub = self.case / "CWD"
        return self.case / sub.read_text().strip() if sub.exists() else self.case

    @property
    def id(self) -> str:
        return self.case.name + (f"[{' '.join(self.profiles)}]" if self.profiles else "")


def _read(path: Path) -> str | None:
    return path.read_text() if path.exists() else None


def runs() -> list[Run]:
    """Every case variant under ``cases/``, sorted."""
    out = []
    for case in sorted(p for p in CASES.iterdir() if p.is_dir()):
        args = tuple(shlex.split(_read(case / "ARGS") or ""))
        env = {"PATH": "/usr/bin:/bin", "HOME": HOME}
        for line in (_read(case / "ENV") or "").splitlines():
            if "=" in line:
                key, value = line.split("=", 1)
                env[key] = value
        error = _read(case / "ERROR")
        variants = [""]
        if (case / "PROFILES").exists():
            variants = (case / "PROFILES").read_text().splitlines()
        for variant in variants:
            profiles = tuple(variant.split())
            suffix = "@" + "+".join(p.replace("*", "all") for p in profiles) if variant else ""
            golden = case / f"expected{suffix}.json"
            out.append(Run(case, args, profiles, env, golden, error.strip() if error else None))
    return out


def load_options(run: Run) -> tuple[LoadOptions, bool]:
    """Turn ARGS into LoadOptions (the same flags ``composedoc config`` takes)."""
    files: list[str] = []
    env_files: list[str] = []
    profiles = list(run.profiles)
    name = directory = None
    all_resources = False
    args = list(run.args)
    while args:
        flag = args.pop(0)
        if flag == "--all-resources":
            all_resources = True
            continue
        value = args.pop(0)
        if flag in ("-f", "--file"):
            files.append(value)
        elif flag in ("-p", "--project-name"):
            name = value
        elif flag == "--profile":
            profiles.append(value)
        elif flag == "--env-file":
            env_files.append(value)
        elif flag == "--project-directory":
            directory = value
        else:  # pragma: no cover - a typo in a case
            raise ValueError(f"unknown flag in ARGS: {flag}")
    opts = LoadOptions(
        files=tuple(files),
        project_name=name,
        profiles=tuple(profiles),
        env_files=tuple(env_files),
        project_directory=directory,
        working_dir=str(run.cwd),
        environ=dict(run.env),
    )
    return opts, all_resources


def ours(run: Run, fmt: str = "json") -> str:
    """``composedoc config --format <fmt>`` for this run, in-process."""
    opts, all_resources = load_options(run)
    return dump_config(load_project(opts), fmt=fmt, all_resources=all_resources)


def placeholders(text: str, run: Run) -> str:
    """The text with the case folder, the cases folder and the home folder as placeholders."""
    text = text.replace(str(run.case.resolve()), "<DIR>").replace(str(run.case), "<DIR>")
    text = text.replace(str(CASES.resolve()), "<CASES>").replace(str(CASES), "<CASES>")
    return text.replace(HOME, "<HOME>")


def normalise(text: str, run: Run) -> Any:
    """Parsed JSON with the case folder and the home folder replaced by placeholders."""
    return json.loads(placeholders(text, run))


def yaml_golden(run: Run) -> Path:
    return run.golden.with_suffix(".yaml")


def oracle(run: Run, oracle_path: Path, fmt: str = "json") -> tuple[int, str, str]:
    """Run Docker Compose's ``config --format <fmt>`` on the case (global flags first)."""
    flags = [*run.args] + [x for p in run.profiles for x in ("--profile", p)]
    proc = subprocess.run(
        [str(oracle_path), *flags, "config", "--format", fmt],
        cwd=run.cwd,
        env=run.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return proc.returncode, proc.stdout, proc.stderr


def update(run: Run, oracle_path: Path) -> None:
    """Rewrite the golden of ``run`` from the oracle (or record its refusal)."""
    code, out, err = oracle(run, oracle_path)
    refusal = run.case / "oracle-error.txt"
    if code != 0:
        last = err.strip().splitlines()[-1] if err.strip() else ""
        refusal.write_text(last.replace(str(CASES.resolve()), "<CASES>") + "\n")
        for golden in (run.golden, yaml_golden(run)):
            if golden.exists():
                golden.unlink()
        return
    if refusal.exists():
        refusal.unlink()
    run.golden.write_text(placeholders(out, run))
    code, out, err = oracle(run, oracle_path, "yaml")
    assert code == 0, err
    yaml_golden(run).write_text(placeholders(out, run))
