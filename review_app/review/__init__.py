"""Legality review of drafts: the written opinion letter."""
