"""Administrator settings: the rule numbers, the holiday calendar overrides and the required materials."""
