"""Port ranges are counted before they expand, against ``Limits.max_ports``."""

from __future__ import annotations

from pathlib import Path

import pytest

from composedoc.compose.ports import port_count
from composedoc.compose.project import load_project
from composedoc.compose.types import LoadOptions
from composedoc.errors import LimitError


@pytest.mark.parametrize(
    ("spec", "count"),
    [
        ("80", 1),
        (8080, 1),
        ("8000-8099:80-179", 100),
        ("127.0.0.1:1-65535:1-65535/udp", 65535),
        ("[::1]:10-19:10-19", 10),
        ("nonsense", 1),
        ({"target": 80}, 1),
    ],
)
def test_port_count(spec: object, count: int) -> None:
    assert port_count(spec) == count


def test_the_limit_is_located_and_counts_the_whole_project(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  a:\n    image: x\n    ports: ['1-15000:1-15000']\n"
        "  b:\n    image: x\n    ports: ['80:80', '1-6000:1-6000']\n"
    )
    with pytest.raises(LimitError) as caught:
        load_project(LoadOptions(working_dir=str(tmp_path), environ={}))
    assert str(caught.value).startswith("compose.yaml:7:22: ports expand to more than 20000")
