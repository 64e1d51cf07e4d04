"""Matters: intake, materials, documents, the three review stages."""
