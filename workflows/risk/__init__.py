"""Litigation-risk assessment at review ("review with the mind-set of a defendant"), kept pure.

`factors` is the one catalogue of factors and the table of scoring numbers; `history` turns the district's
past cases into the history lines; `scoring` gives the level 高/中/低 with its reasons; `gate` refuses an opinion
that lets a risky matter proceed unmitigated; `hindsight` sets the level assessed against what later happened.
"""
