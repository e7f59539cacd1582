"""``python -m composedoc``."""

from composedoc.cli import main

main()
