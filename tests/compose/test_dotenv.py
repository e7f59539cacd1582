"""The .env grammar (compose-go dotenv) and docker compose's raw env_file format.

Expected values were checked against Docker Compose with the oracle (as env_file contents).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from composedoc.compose.dotenv import parse_dotenv, read_dotenv
from composedoc.errors import ComposeFileError, InterpolationError, Location

OS = {"OSV": "os"}

CASES = [
    ("basic", "A=1\nB = 2\n  C=3  \n", {"A": "1", "B": "2", "C": "3"}),
    ("export", "export D=4\nexport   E=5\n", {"D": "4", "E": "5"}),
    ("export is a key too", "export=1\nexporter=2\n", {"export": "1", "exporter": "2"}),
    ("colon separator", "F: six\nG:seven\n", {"F": "six", "G": "seven"}),
    ("colon in value", "A=b:c\nB: c=d\n", {"A": "b:c", "B": "c=d"}),
    ("comment lines", "# c\n  # indented\n\n\nA=1\n", {"A": "1"}),
    ("inline comment", "A=1 # trailing\nB=1#nohash\n", {"A": "1", "B": "1#nohash"}),
    ("hash right after =", "C= #x\n", {"C": "#x"}),
    ("comment after quotes", "D=\"q\" # after\nE='s'#c\n", {"D": "q", "E": "s"}),
    ("empty values", "A=\nB=''\nC=\"\"\nD=   \n", {"A": "", "B": "", "C": "", "D": ""}),
    ("inner spaces kept", "A=a b c\nB=  lead\n", {"A": "a b c", "B": "lead"}),
    ("tabs", "A=\tv\t\nB\t=x\n", {"A": "v", "B": "x"}),
    ("hash in double quotes", 'A="x # y"\nB=a  #c\n', {"A": "x # y", "B": "a"}),
    ("bom", "\ufeffA=1\n", {"A": "1"}),
    ("crlf", 'A=1\r\nB="2"\r\nOSV\r\n', {"A": "1", "B": "2", "OSV": "os"}),
    (
        "key chars",
        "a.b=1\na-b=2\na[0]=3\n_x=4\nÉté=5\n1st=6\n",
        {"a.b": "1", "a-b": "2", "a[0]": "3", "_x": "4", "Été": "5", "1st": "6"},
    ),
    (
        "dq escapes",
        'A="a\\nb"\nB="t\\tx"\nC="q\\"q"\nD="back\\\\slash"\n',
        {"A": "a\nb", "B": "t\tx", "C": 'q"q', "D": "back\\slash"},
    ),
    ("dq control escapes", 'G="\\a\\b\\f\\r\\v"\n', {"G": "\a\b\f\r\v"}),
    ("dq dollar escape", 'E="dollar\\$X"\n', {"E": "dollar$X"}),
    (
        "dq octal",
        'F="oct\\0101"\nI="\\012"\nJ="\\0777"\nK="\\0"\n',
        {"F": "octA", "I": "\\12", "J": "\\777", "K": "\\"},
    ),
    ("dq unknown escapes kept", 'H="\\c\\x\\u00e9"\n', {"H": "\\c\\x\\u00e9"}),
    (
        "sq literal",
        "A='a\\nb'\nB='it\\'s'\nC='$X ${X}'\nD='back\\\\slash'\n",
        {"A": "a\\nb", "B": "it's", "C": "$X ${X}", "D": "back\\\\slash"},
    ),
    (
        "multi-line dq",
        'A="line1\nline2\n  line3"\nB=after\n',
        {"A": "line1\nline2\n  line3", "B": "after"},
    ),
    ("multi-line sq", "A='x\ny'\n", {"A": "x\ny"}),
    ("statement after quote", "A=\"x\" B=y\nC='z'D=w\n", {"A": "x", "B": "y", "C": "z", "D": "w"}),
    (
        "interpolation",
        'X=1\nA=${X}\nB="${X}-q"\nC=${NOPE:-d}\nD=$$lit\nH=${X:+alt}\n',
        {"X": "1", "A": "1", "B": "1-q", "C": "d", "D": "$lit", "H": "alt"},
    ),
    (
        "os env wins over the file",
        "F=${OSV}\nOSV=file\nG=${OSV}\n",
        {"F": "os", "OSV": "file", "G": "os"},
    ),
    ("no interpolation of later keys", "A=${LATER-none}\nLATER=x\n", {"A": "none", "LATER": "x"}),
    ("bare key inherits or stays unset", "OSV\nNOPE\nX=1\nX\n", {"OSV": "os", "X": "1"}),
    ("bare key at eof without newline", "A=1\nLAST", {"A": "1", "": "LAST"}),
    ("escaped dollar stays literal", 'A="\\${OSV}"\n', {"A": "${OSV}"}),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_parse(text: str, expected: dict[str, str]) -> None:
    assert parse_dotenv(text, ".env", OS.get) == expected


def test_defined_by_earlier_files_is_looked_up_last() -> None:
    text = "A=${PREV}\nPREV=mine\nB=${PREV}\nC=${OSV}\n"
    got = parse_dotenv(text, "b.env", OS.get, defined={"PREV": "old", "OSV": "x"})
    assert got == {"A": "old", "PREV": "mine", "B": "mine", "C": "os"}


def test_unset_reference_warns(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="composedoc")
    assert parse_dotenv("A=${NOPE}\n", ".env", OS.get) == {"A": ""}
    assert [r.getMessage() for r in caplog.records] == [
        'The "NOPE" variable is not set. Defaulting to a blank string.'
    ]


ERRORS = [
    ("space in key", "MY KEY=1\n", "key cannot contain a space", (1, 1)),
    ("bad char", "A=1\nA!B=1\n", 'unexpected character "!" in variable name "A!B=1"', (2, 2)),
    ("unterminated dq", 'A=1\nB="abc\nC=2\n', 'unterminated quoted value "abc', (2, 3)),
    ("unterminated sq", "A='abc\n", "unterminated quoted value 'abc", (1, 3)),
    ("export at eof", "A=1\nexport ", "zero length string", (2, 1)),
]


@pytest.mark.parametrize(
    ("text", "message", "where"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS]
)
def test_syntax_errors(text: str, message: str, where: tuple[int, int]) -> None:
    with pytest.raises(ComposeFileError) as info:
        parse_dotenv(text, "e.env", OS.get)
    assert info.value.message == message
    assert info.value.location == Location("e.env", *where)
    assert str(info.value) == f"e.env:{where[0]}:{where[1]}: {message}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("A=1\nB=${X/y}\n", 'Invalid template: "${X/y}"'),
        ("A=x${\n", 'Invalid template: "x${"'),
        ("A=${NOPE?need it}\n", "required variable NOPE is missing a value: need it"),
        ('A="${NOPE:?}"\n', "required variable NOPE is missing a value"),
    ],
)
def test_interpolation_errors(text: str, message: str) -> None:
    with pytest.raises(InterpolationError) as info:
        parse_dotenv(text, "e.env", OS.get)
    assert info.value.message == message
    assert info.value.location is not None
    assert info.value.location.file == "e.env"


RAW = [
    (
        "verbatim",
        '# c\n  A=1 # not comment \nRB="quoted"\nRC=${X}\n\tRF=tab\nRG= sp \n',
        {"A": "1 # not comment ", "RB": '"quoted"', "RC": "${X}", "RF": "tab", "RG": " sp "},
    ),
    ("bare keys", "OSV\nNOPE\n", {"OSV": "os"}),
    ("first = splits", "E==x\n", {"E": "=x"}),
    ("crlf and bom", "\ufeffA=1\r\nB=2\r\n", {"A": "1", "B": "2"}),
]


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in RAW], ids=[r[0] for r in RAW])
def test_raw(text: str, expected: dict[str, str]) -> None:
    assert parse_dotenv(text, "raw.env", OS.get, raw=True) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("  D = x\n", "poorly formatted environment: variable 'D ' contains whitespaces"),
        ("=x\n", "poorly formatted environment: no variable name on line '=x'"),
    ],
)
def test_raw_errors(text: str, message: str) -> None:
    with pytest.raises(ComposeFileError) as info:
        parse_dotenv(text, "raw.env", OS.get, raw=True)
    assert info.value.message == message
    assert info.value.location is not None and info.value.location.line == 1


def test_read_dotenv(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_bytes(b"\xef\xbb\xbfA=1\nB='x'\n")
    assert read_dotenv(path, ".env", OS.get) == {"A": "1", "B": "x"}
    assert read_dotenv(path, ".env", OS.get, raw=True) == {"A": "1", "B": "'x'"}


def test_read_dotenv_rejects_bad_utf8(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_bytes(b"A=1\nB=ab\xffc\n")
    with pytest.raises(ComposeFileError) as info:
        read_dotenv(path, "sub/.env", OS.get)
    assert str(info.value) == "sub/.env:2:5: invalid UTF-8 byte 0xff"


def test_read_dotenv_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ComposeFileError) as info:
        read_dotenv(tmp_path / "nope.env", "nope.env", OS.get)
    assert info.value.location == Location("nope.env")
    assert info.value.message == "open nope.env: no such file or directory"
