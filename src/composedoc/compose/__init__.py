"""The Compose loader: YAML as Go reads it, interpolation, merge, canonical forms, profiles."""
