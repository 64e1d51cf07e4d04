"""Pure domain rules for the review workflow: no Flask, no SQLAlchemy.

`calendar` answers "is this an official working day", `clock` turns review periods into due dates,
`review` is the three-stage state machine (department, decision body, justice bureau).
"""
