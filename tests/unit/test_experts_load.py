"""Open load (invited and accepted assignments count against the cap) and the last assignment taken."""
from datetime import date

from experts.load import Assignment, AssignmentState, last_assigned, open_loads

S = AssignmentState


def test_open_load_counts_invited_and_accepted_only():
    rows = [Assignment(1, s, date(2026, 1, 1)) for s in S] + [Assignment(2, S.submitted, date(2026, 1, 1))]
    assert open_loads(rows) == {1: 2}


def test_last_assigned_ignores_what_gave_no_work():
    rows = [Assignment(1, S.rated, date(2026, 3, 1)), Assignment(1, S.accepted, date(2026, 5, 1)),
            Assignment(1, S.declined, date(2026, 9, 1)), Assignment(2, S.lapsed, date(2026, 9, 1)),
            Assignment(2, S.conflict_declared, date(2026, 9, 2)), Assignment(3, S.withdrawn, date(2026, 9, 3))]
    assert last_assigned(rows) == {1: date(2026, 5, 1)}
