"""Forced demolition: the ledger's tracks, the gate that says when demolition is lawful, the checks on each
recorded step and on the execution itself, and the alerts for the bureau's board (DESIGN.md §3, issue 9).

Pure rules: the app builds a CaseFacts from its rows and shows what comes back.
"""
