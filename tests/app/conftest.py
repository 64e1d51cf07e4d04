"""Fixtures for the app's page tests: a cast of users in one department, a client logged in as one of them,
and matters driven to any status through the operations."""
import pytest
import sqlalchemy as sa

from review_app.extensions import db
from tests import pipeline


@pytest.fixture
def cast(app):
    """Usernames of a submitter, head, officer, reviewer, director and another department's submitter."""
    with app.test_request_context():
        c = pipeline.cast()
        return {k: v.username for k, v in vars(c).items()}


@pytest.fixture
def drive(app, cast):
    """Move a new matter of the cast's department to a status; returns its id."""
    def _drive(status, **kw):
        with app.test_request_context():
            from review_app.models import User
            users = {k: db.session.scalar(sa.select(User).where(User.username == v)) for k, v in cast.items()}
            return pipeline.drive(pipeline.Cast(**users), status, **kw).id
    return _drive
