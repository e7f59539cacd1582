"""MkDocs plugin and Python-Markdown extension for composedoc."""
