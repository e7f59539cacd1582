"""The Dockerfile reader: stages, bases, EXPOSE, the shipped stage; odd input never raises."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from composedoc.model.dockerfile import MAX_BYTES, parse_dockerfile, read_dockerfile

MULTI = """\
# syntax=docker/dockerfile:1.7
ARG GO=1.22
FROM --platform=$BUILDPLATFORM golang:${GO} AS build
RUN <<EOF
FROM evil:latest
EXPOSE 1
EOF
RUN go build \\
  # a comment inside a continuation
  ./...
from build as Test
FROM gcr.io/distroless/static AS release
COPY --from=build /app /app
RUN --mount=type=cache,from=cache,target=/c true
EXPOSE 8080/tcp 9090
FROM scratch
"""


def test_stages_bases_and_exposes() -> None:
    info = parse_dockerfile(MULTI, "Dockerfile")
    assert [s.label for s in info.stages] == ["build", "Test", "release", "3"]
    assert info.syntax == "docker/dockerfile:1.7"
    build, test, release, last = info.stages
    assert build.base == "golang:${GO}" and build.platform == "$BUILDPLATFORM"
    assert build.line == 3 and test.line == 11
    assert test.base_stage == "build"
    assert release.expose == ("8080/tcp", "9090")
    assert release.copies_from == ("build", "cache")
    assert info.final == last
    assert info.base_images() == ("gcr.io/distroless/static", "golang:${GO}")
    assert info.multi_stage


def test_target_picks_the_shipped_stage_case_insensitively() -> None:
    info = parse_dockerfile(MULTI, target="test")
    assert info.final is not None and info.final.label == "Test"
    assert [s.label for s in info.chain()] == ["build", "Test"]
    unknown = parse_dockerfile(MULTI, target="nope")
    assert unknown.final is not None and unknown.final.label == "3"


def test_escape_directive() -> None:
    text = "# escape=`\nFROM mcr.microsoft.com/windows AS w\nRUN dir `\n  c:\\\nEXPOSE 80\n"
    info = parse_dockerfile(text)
    assert info.stages[0].expose == ("80",)


def test_odd_input_gives_notes_not_errors() -> None:
    assert parse_dockerfile("").notes == ("no FROM instruction",)
    assert parse_dockerfile("FROM\nEXPOSE 80").notes[0].endswith("FROM without an image")
    assert parse_dockerfile("EXPOSE 80\nRUN x").stages == ()
    many = "\n".join(f"FROM a{i}" for i in range(300))
    info = parse_dockerfile(many)
    assert len(info.stages) == 200 and "more than" in info.notes[-1]


def test_read_is_size_capped(tmp_path: Path) -> None:
    big = tmp_path / "Dockerfile"
    big.write_bytes(b"FROM alpine\n" + b"#" * (MAX_BYTES + 10) + b"\nFROM evil\n")
    info = read_dockerfile(big, "Dockerfile")
    assert info is not None and info.truncated
    assert [s.base for s in info.stages] == ["alpine"]
    assert read_dockerfile(tmp_path / "missing", "x") is None
    assert read_dockerfile(tmp_path, "dir") is None


def test_invalid_utf8_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_bytes(b"FROM caf\xe9:1 AS x\n")
    info = read_dockerfile(path, "Dockerfile")
    assert info is not None and info.stages[0].base == "caf\ufffd:1"


@given(st.text(max_size=300))
def test_never_raises(text: str) -> None:
    info = parse_dockerfile(text)
    assert len(info.stages) <= 200
