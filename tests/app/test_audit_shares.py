"""The audit page reads the district's events and those that carry no district as two shares, each on its own
index, and pages through both together: newest first, none lost or repeated across pages."""
from review_app.audit.filters import AuditFilter, query
from review_app.audit.trail import record
from review_app.extensions import db
from review_app.models import User
from tests import pipeline


def test_pages_interleave_the_districts_events_and_those_without_a_district(app):
    with app.app_context():
        c = pipeline.cast()
        reader, actor = c.reviewer, c.submitter
        mine = []
        for i in range(7):
            mine.append(record(actor, "setting.update", "setting", f"k{i}").id)
            mine.append(record(None, "district.create", "district", str(i), district_id=None).id)
            # Another district's: never on this reader's pages.
            record(None, "setting.update", "setting", f"x{i}", district_id=reader.district_id + 1000)
        db.session.commit()
        reader = db.session.get(User, reader.id)
        f = AuditFilter(action="")
        seen, before = [], None
        while True:
            page = db.session.scalars(query(reader, AuditFilter(before=before), 4)).all()
            seen += [e.id for e in page]
            if len(page) < 4:
                break
            before = page[-1].id
        wanted = set(mine)
        got = [i for i in seen if i in wanted]
        assert got == sorted(mine, reverse=True)
        assert len(seen) == len(set(seen))
        everything = db.session.scalars(query(reader, f, 100)).all()
        assert not [e for e in everything if e.district_id == reader.district_id + 1000]
        assert len(everything) >= 14
