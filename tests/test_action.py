"""The composite GitHub Action (action.yml): its shell steps run here as a runner runs them.

The expressions ``${{ inputs.X }}`` and ``${{ steps.paths.outputs.X }}`` are filled in the
way Actions does (inputs with their defaults, outputs read from ``$GITHUB_OUTPUT``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def _step(name: str) -> dict[str, Any]:
    return next(s for s in ACTION["runs"]["steps"] if s.get("name") == name)


def _fill(value: str, context: dict[str, str]) -> str:
    return EXPRESSION.sub(lambda m: context.get(m.group(1), ""), value)


def run_steps(work: Path, tmp_path: Path, **inputs: str) -> dict[str, str]:
    """Run 'Resolve paths' then 'Render diagrams'; the outputs of the first."""
    context = {f"inputs.{k}": str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    context.update({f"inputs.{k.replace('_', '-')}": v for k, v in inputs.items()})
    outputs = tmp_path / "github-output"
    outputs.write_text("", encoding="utf-8")
    for name in ("Resolve paths", "Render diagrams"):
        step = _step(name)
        env = {**os.environ, "GITHUB_OUTPUT": str(outputs)}
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        env.update({k: _fill(str(v), context) for k, v in step.get("env", {}).items()})
        done = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", step["run"]],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        for line in outputs.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            context[f"steps.paths.outputs.{key}"] = value
    return {k.rsplit(".", 1)[1]: v for k, v in context.items() if k.startswith("steps.")}


@pytest.fixture
def work(tmp_path: Path) -> Path:
    stack = tmp_path / "repo"
    shutil.copytree(ROOT / "tests" / "stacks" / "voting", stack)
    return stack


def test_the_config_files_output_folder_is_honoured(work: Path, tmp_path: Path) -> None:
    (work / ".composedoc.yaml").write_text(
        "output: docs/diagrams\nformats: [mermaid]\n", encoding="utf-8"
    )
    outputs = run_steps(work, tmp_path)
    assert outputs == {"output-dir": str(work / "docs/diagrams"), "pass-output": "false"}
    assert sorted(p.name for p in (work / "docs/diagrams").iterdir()) == ["voting.mmd"]
    assert not (work / "composedoc-out").exists()
    check = run_steps(work, tmp_path, check="true")  # the committed folder is up to date
    assert check["output-dir"] == str(work / "docs/diagrams")


def test_output_dir_input_wins_over_the_config(work: Path, tmp_path: Path) -> None:
    (work / ".composedoc.yaml").write_text("output: docs/diagrams\n", encoding="utf-8")
    outputs = run_steps(work, tmp_path, output_dir="site/img", formats="dot")
    assert outputs == {"output-dir": str(work / "site/img"), "pass-output": "true"}
    assert sorted(p.name for p in (work / "site/img").iterdir()) == ["voting.dot"]
    assert not (work / "docs").exists()


def test_without_config_or_input_the_default_folder(work: Path, tmp_path: Path) -> None:
    outputs = run_steps(work, tmp_path, formats="json")
    assert outputs == {"output-dir": str(work / "composedoc-out"), "pass-output": "true"}
    assert (work / "composedoc-out" / "voting.json").is_file()


def test_current_action_versions_and_supported_runners() -> None:
    uses = sorted(s["uses"] for s in ACTION["runs"]["steps"] if "uses" in s)
    assert uses == ["actions/setup-python@v6", "actions/upload-artifact@v7"]
    assert "Linux" in ACTION["description"] and "macOS" in ACTION["description"]
    assert "Windows runners are not supported" in ACTION["description"]
