"""The plugin's entry point names the extra to install when MkDocs is missing or too old."""

from __future__ import annotations

from importlib import metadata

import pytest

from mkdocs_composedoc import entry


def _version(found: str | None) -> object:
    def version(name: str) -> str:
        assert name == "mkdocs"
        if found is None:
            raise metadata.PackageNotFoundError(name)
        return found

    return version


@pytest.mark.parametrize("found", [None, "1.5.3", "1.4"])
def test_missing_or_old_mkdocs_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, found: str | None
) -> None:
    monkeypatch.setattr(entry.metadata, "version", _version(found))
    with pytest.raises(ImportError, match=r"pip install 'composedoc\[mkdocs\]'") as raised:
        entry.require_mkdocs()
    assert "MkDocs 1.6 or later" in str(raised.value)
    if found:
        assert f"found {found}" in str(raised.value)


@pytest.mark.parametrize("found", ["1.6.0", "1.6.1", "2.0.dev1"])
def test_mkdocs_from_1_6_passes(monkeypatch: pytest.MonkeyPatch, found: str) -> None:
    monkeypatch.setattr(entry.metadata, "version", _version(found))
    entry.require_mkdocs()
    assert entry.ComposedocPlugin.__name__ == "ComposedocPlugin"
