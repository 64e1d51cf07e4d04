"""Uploaded files: validation, the content-addressed store, and HTML rendering for reading and diffs."""
