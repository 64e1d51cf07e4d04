"""Notifications: who is told what when a matter moves, delivered from the outbox by a job."""
