"""The district's litigation, reconsideration and dispute records (issue 10): cases, hearings, reminders,
late lists and the figures of "two down, one kept" (两降一保)."""
