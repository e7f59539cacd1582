"""Masking rules: what a generated document may show of a value.

Docs show variables as written (``${DB_PASSWORD:-•••}``) and never a value read from ``.env``,
an ``env_file`` or a secret file; values whose key or content looks sensitive are masked.
Every renderer applies the same pure functions, so SVG tooltips, Mermaid, DOT, JSON and
Markdown agree. :func:`mask_project` masks a typed project once, before the graph is built.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from composedoc.mask.scan import (
    AUTH_SCHEMES,
    assignment_spans,
    command_credential_spans,
    replace_spans,
    url_password_spans,
)
from composedoc.mask.template import split_template, template_refs
from composedoc.mask_levels import MASK_LEVELS

__all__ = [
    "DEFAULT_POLICY",
    "MASK",
    "MASK_LEVELS",
    "MaskPolicy",
    "is_sensitive_key",
    "looks_secret",
    "mask_argv",
    "mask_env_value",
    "mask_text",
    "mask_url_credentials",
    "mask_written",
    "mask_written_argv",
    "reveal_value",
    "template_refs",
]

MASK = "•••"

# Key parts that mark a key sensitive on their own, and words that do so anywhere in a part.
_PARTS = frozenset(
    {"key", "pass", "pwd", "pw", "auth", "salt", "dsn", "cert", "jwt", "otp", "pin", "cookie"}
)
_WORDS = (
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "credential",
    "private",
    "apikey",
    "accesskey",
    "secretkey",
    "privkey",
    "oauth",
    "authorization",
    "basicauth",
    "signingkey",
    "encryptionkey",
    "session",
)
_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")
_TOKEN = re.compile(r"[A-Za-z0-9+/_\-.=~]{20,}")
_PEM = re.compile(
    r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)", re.S
)
_PATH_VALUE = re.compile(r"(/|\./|~/)[\w./\-]*")
# Patterns anchored on a fixed string and scanned by hand around it (mask_scan.py): the
# obvious regular expressions (``key\s*=value``, ``scheme://user:pw@``) restart at every
# letter of a long word and took minutes on a 50 KB label.


@dataclass(frozen=True)
class MaskPolicy:
    """How much a document may show.

    ``level`` is one of :data:`MASK_LEVELS`; ``show_values=True`` (``--show-values``) is the
    level ``none`` and always says whether the level is ``none``. ``extra_key_patterns`` are
    case-insensitive regular expressions; a key that matches one is sensitive too.
    """

    show_values: bool = False
    extra_key_patterns: tuple[str, ...] = ()
    entropy_min_length: int = 20
    entropy_bits: float = 3.5
    level: str = "all"

    def __post_init__(self) -> None:
        if self.level not in MASK_LEVELS:
            raise ValueError(f"unknown mask level {self.level!r}; use one of {MASK_LEVELS}")
        if self.show_values and self.level == "all":
            object.__setattr__(self, "level", "none")
        object.__setattr__(self, "show_values", self.level == "none")


DEFAULT_POLICY = MaskPolicy()


@lru_cache(maxsize=4096)
def _key_is_sensitive(key: str, extra: tuple[str, ...]) -> bool:
    parts = [p.lower() for p in _SPLIT.split(key) if p]
    for part in parts:
        if part in _PARTS or part.endswith("pass") or any(w in part for w in _WORDS):
            return True
    return any(re.search(pattern, key, re.I) for pattern in extra)


def is_sensitive_key(key: str, policy: MaskPolicy = DEFAULT_POLICY) -> bool:
    """``DB_PASSWORD``, ``apiKey``, ``traefik...basicauth.users``: names of secrets."""
    return _key_is_sensitive(key, policy.extra_key_patterns)


def _entropy(text: str) -> float:
    counts = Counter(text)
    total = len(text)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def looks_secret(value: str, policy: MaskPolicy = DEFAULT_POLICY) -> bool:
    """A long random-looking token (API keys, hashes) or a PEM private key."""
    if "PRIVATE KEY-----" in value:
        return True
    return any(_random_token(m.group(0), policy) for m in _TOKEN.finditer(value))


def _random_token(token: str, policy: MaskPolicy) -> bool:
    if len(token) < policy.entropy_min_length:
        return False
    if token.count("/") > 1 or token.count(".") > 2 or token.count("-") > 3:
        return False  # paths, host names, dashed words
    if policy.level == "sensitive" and _words(token):
        return False  # ``api-gateway-v2``: shown at this level, random tokens have long runs
    classes = sum(
        (
            any(c.isdigit() for c in token),
            any(c.islower() for c in token),
            any(c.isupper() for c in token),
        )
    )
    return classes >= 2 and _entropy(token) >= policy.entropy_bits


def _words(token: str) -> bool:
    """Three or more short parts (``canary-dotenv-plain-2``, ``eu-west-1a.cache``)."""
    parts = _WORD_SEP.split(token)
    return len(parts) >= 3 and max(len(p) for p in parts) <= _WORD_MAX


_WORD_SEP = re.compile(r"[-_.]")
_WORD_MAX = 10


def mask_url_credentials(text: str) -> str:
    """``postgres://app:hunter2@db/app`` -> ``postgres://app:•••@db/app``."""
    if "://" not in text:
        return text
    return replace_spans(text, url_password_spans(text), lambda _: MASK)


def _mask_tokens(text: str, policy: MaskPolicy) -> str:
    text = _PEM.sub(MASK, text)
    return _TOKEN.sub(lambda m: MASK if _random_token(m.group(0), policy) else m.group(0), text)


@lru_cache(maxsize=65536)  # pure; stacks repeat values (shared environment)
def mask_text(text: str, policy: MaskPolicy = DEFAULT_POLICY) -> str:
    """Free text (labels, commands, descriptions): credentials in URLs, ``password=x``,
    ``--token x`` and random-looking tokens are masked; the rest is kept."""
    if policy.show_values or not text:
        return text
    text = mask_url_credentials(text)
    text = replace_spans(text, command_credential_spans(text), _mask_value_part)
    if "=" in text or ":" in text:
        hidden = [
            (a, b)
            for _key, a, b in assignment_spans(text, lambda key: is_sensitive_key(key, policy))
            if text[a:b].lower() not in AUTH_SCHEMES  # ``Authorization: Bearer •••``
        ]
        text = replace_spans(text, hidden, _mask_value_part)
    text = _mask_flags_in_text(text, policy)
    return _mask_tokens(text, policy)


def _mask_value_part(value: str) -> str:
    """Keep a pure ``${VAR}``/``$VAR`` reference (it says where the value comes from)."""
    if re.fullmatch(r"\$\$?\{?[A-Za-z_][A-Za-z0-9_]*\}?", value):
        return value
    return MASK


_FLAG_VALUE = re.compile(
    r"(?P<flag>(?<![\w-])--?[A-Za-z][A-Za-z0-9_\-]*)(?P<sep>\s+)(?P<value>[^\s\-'\"][^\s'\"]*)"
)


def _mask_flags_in_text(text: str, policy: MaskPolicy) -> str:
    return _FLAG_VALUE.sub(
        lambda m: (
            m.group("flag") + m.group("sep") + _mask_value_part(m.group("value"))
            if is_sensitive_key(m.group("flag").lstrip("-"), policy)
            else m.group(0)
        ),
        text,
    )


def _secret_flag(arg: str, policy: MaskPolicy) -> bool:
    """``--password`` without ``=value``: the next item is its value."""
    return arg.startswith("-") and "=" not in arg and is_sensitive_key(arg.lstrip("-"), policy)


def mask_argv(argv: tuple[str, ...], policy: MaskPolicy = DEFAULT_POLICY) -> tuple[str, ...]:
    """A command as a list: the value after ``--password`` is masked, each item as text."""
    if policy.show_values:
        return argv
    out: list[str] = []
    hide_next = False
    for arg in _argv_shapes(argv):
        if hide_next and not arg.startswith("-"):
            out.append(_mask_value_part(arg))
            hide_next = False
            continue
        hide_next = _secret_flag(arg, policy)
        out.append(mask_text(arg, policy))
    return tuple(out)


def _argv_shapes(argv: tuple[str, ...]) -> list[str]:
    """Each item with the credential shapes that span two items masked: ``-a X`` of
    redis-cli, ``-u user:X`` of curl (each item is read with the one before it)."""
    context = " ".join(argv)
    out: list[str] = []
    prev = ""
    for arg in argv:
        pair = prev + " " + arg
        cut = len(prev) + 1
        spans = [(a - cut, b - cut) for a, b in command_credential_spans(pair, context) if a >= cut]
        out.append(replace_spans(arg, spans, _mask_value_part))
        prev = arg
    return out


# --- values as written: ``${VAR:-default}`` --------------------------------------------------


@lru_cache(maxsize=65536)  # pure; stacks repeat values (shared environment)
def mask_written(value: str, *, sensitive: bool, policy: MaskPolicy = DEFAULT_POLICY) -> str:
    """A value as written in a compose file, safe to print.

    References stay (``${DB_PASSWORD}``); the default or alternative of a reference is
    masked when the key, the variable or the default itself looks sensitive; literal text is
    masked whole when ``sensitive``, else only its credentials and random tokens.
    """
    if policy.show_values:
        return value
    out: list[str] = []
    for kind, a, op, inner in split_template(value):
        if kind == "lit":
            if sensitive and a.strip():
                out.append(MASK)
            else:
                out.append(mask_text(a, policy))
            continue
        if op == "$":
            out.append("$" + a)
            continue
        if not op:
            out.append("${" + a + "}")
            continue
        if op.endswith("?"):  # an error message, not a value
            out.append("${" + a + op + mask_text(inner, policy) + "}")
            continue
        hide = sensitive or is_sensitive_key(a, policy)
        shown = mask_written(inner, sensitive=hide, policy=policy) if inner else ""
        if hide and inner and "$" not in inner:
            shown = MASK
        out.append("${" + a + op + shown + "}")
    return "".join(out)


def mask_written_argv(
    argv: str | tuple[str, ...], policy: MaskPolicy = DEFAULT_POLICY
) -> str | tuple[str, ...]:
    """A command as written (a string or a list): references kept, secrets masked."""
    if policy.show_values:
        return argv
    if isinstance(argv, str):
        return _mask_flags_in_text(mask_written(argv, sensitive=False, policy=policy), policy)
    out: list[str] = []
    hide_next = False
    for arg in _argv_shapes(argv):
        out.append(
            mask_written(arg, sensitive=hide_next and not arg.startswith("-"), policy=policy)
        )
        hide_next = _secret_flag(arg, policy)
    return tuple(out)


def mask_env_value(key: str, value: str | None, policy: MaskPolicy = DEFAULT_POLICY) -> str | None:
    """An ``environment`` entry as written: masked by its key and its content."""
    if value is None or policy.show_values:
        return value
    sensitive = is_sensitive_key(key, policy) and not _names_a_path(key, value)
    return mask_written(value, sensitive=sensitive, policy=policy)


def reveal_value(key: str, value: str | None, policy: MaskPolicy = DEFAULT_POLICY) -> str | None:
    """A value read from ``.env``, an ``env_file`` or the environment for ``key``.

    Level ``all`` masks it whole, ``none`` shows it; ``sensitive`` shows it unless the key
    is sensitive or the value looks secret, and masks the credentials inside it (URL
    passwords, ``--password x``, random tokens) like any text.
    """
    if value is None or policy.level == "none":
        return value
    if policy.level == "all":
        return MASK
    if is_sensitive_key(key, policy) and not _names_a_path(key, value):
        return MASK
    if looks_secret(value, policy):
        return MASK
    return mask_text(value, policy)


def _names_a_path(key: str, value: str) -> bool:
    """``POSTGRES_PASSWORD_FILE=/run/secrets/db``: the value says where, not what."""
    upper = key.upper()
    return upper.endswith(("_FILE", "_PATH", "_DIR")) and bool(_PATH_VALUE.fullmatch(value))
