"""Clause flags (#12): a draft version read clause by clause against what its category may not do; the
bureau accepts a flag as a modification point or dismisses it, and a new version resolves what it fixed."""
