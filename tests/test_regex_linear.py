"""Every regular expression of composedoc reads user text in linear time.

Each module-level pattern of ``composedoc`` and ``mkdocs_composedoc`` is run on adversarial
texts (long runs of one character or one short unit, and blanks after a prefix, which make
backtracking patterns restart and rescan): every text at 64 KB, then the slowest at 1 MB,
which must take under 1 CPU second. Patterns are run the way the code uses them: ``finditer``
(searching from every position, the harshest) unless the table below says ``match``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import composedoc

# Patterns the code only applies with ``.match``/``.fullmatch`` at one position (a search
# from every position would be quadratic, and is never done).
MATCH_ONLY = {
    "composedoc.compose.casts._FLOAT_RE",  # cast of one scalar
    "composedoc.compose.casts._INT_RE",
    "composedoc.diagram.scene._SCHEME",  # the scheme at the start of a link
    "composedoc.compose.goyaml_scalar._BASE60",  # fullmatch of one scalar
}
UNITS = (
    *"aA0 \n\t-._$=:/<#`~'\"{}@\\",
    *("a-", "a.", "a=", "a:", "-a ", "--a ", "$a", "${a", "<<", "a ", "a\n", " \n", "### "),
    *(" x", "```", "-----BEGIN ", "a://", "://", "a:b", "a:b@", "x=y ", "#a=", "0.", "0_"),
    *(' id="', 'href="#', "<svg ", "FROM ", "--x ", "<<'a", "password=", "-p", "a\u202e"),
)


def _patterns() -> dict[str, re.Pattern[str]]:
    packages = [composedoc]
    try:
        import mkdocs_composedoc

        packages.append(mkdocs_composedoc)
    except ImportError:  # the plugin is optional
        pass
    found: dict[str, re.Pattern[str]] = {}
    for package in packages:
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    found[f"{info.name}.{name}"] = value
    return found


PATTERNS = _patterns()


def _text(unit: str, run: bool, size: int) -> str:
    if run:
        return (unit * (size // len(unit) + 1))[:size] + "\x01!"
    return unit + " " * size + "\x01"


def _cpu(pattern: re.Pattern[str], text: str, match_only: bool) -> float:
    start = time.process_time()
    if match_only:
        pattern.match(text)
        pattern.fullmatch(text)
    else:
        for _ in pattern.finditer(text):
            pass
    return time.process_time() - start


def test_every_pattern_is_found() -> None:
    assert len(PATTERNS) > 40
    assert "composedoc.mask.policy._TOKEN" in PATTERNS
    assert set(PATTERNS) >= MATCH_ONLY


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_one_megabyte_of_adversarial_text_under_one_second(name: str) -> None:
    pattern = PATTERNS[name]
    match_only = name in MATCH_ONLY
    timed = {
        (unit, run): _cpu(pattern, _text(unit, run, 64 * 1024), match_only)
        for unit in UNITS
        for run in (True, False)
    }
    worst = max(timed, key=lambda key: timed[key])
    assert timed[worst] < 0.5, f"{worst}: {timed[worst]:.2f} s on 64 KB"
    seconds = _cpu(pattern, _text(*worst, 1024 * 1024), match_only)
    assert seconds < 1.0, f"{worst}: {seconds:.2f} CPU s on 1 MB"
