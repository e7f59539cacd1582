"""The masking levels, declared once and cheap to import (the CLI builds its ``--mask``
choice from them without loading the masking rules, so ``composedoc config`` starts fast)."""

from __future__ import annotations

__all__ = ["MASK_LEVELS"]

MASK_LEVELS = ("all", "sensitive", "none")
"""``all``: no value read from ``.env``, an ``env_file`` or the environment is shown (the
default); ``sensitive``: such values are shown unless their key or content looks sensitive
(key names such as ``PASSWORD``/``TOKEN``/``SECRET``/``KEY``, URL credentials, ``-p``/
``--password`` style flags, random-looking tokens); ``none``: nothing is masked
(``--show-values``). Text written in the compose files is shown at every level, with its
secrets masked unless the level is ``none``."""
