"""Configuration formats: the tree, edits, and XML/text/set/JSON parsers and renderers."""
