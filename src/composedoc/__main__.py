"""``python -m composedoc``: the same command, named ``composedoc`` in help and completion."""

from composedoc.cli.fast import main

main(prog_name="composedoc")
