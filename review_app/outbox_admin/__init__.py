"""Watching the background jobs: `flask jobs health`, the administrators' page of failed jobs and undelivered
notifications with retry, and the alert when the outbox backlog grows old."""
