"""The demo's expert pool (`flask demo load`): a matter at the bureau with advisers drawn, the demo adviser
with an invitation to accept, and a ratings history, each record replaying."""
import sqlalchemy as sa

from experts.load import AssignmentState
from review_app.demo import DEMO_PASSWORD
from review_app.experts_pool import operations as ops
from review_app.extensions import db
from review_app.models import AdviserRating, Assignment, DrawRecord, Expert, Matter
from tests import factories


def test_the_demo_has_draws_an_invitation_to_accept_and_ratings(app, client, runner):
    app.config["REQUIRE_TOTP"] = False
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        draws = db.session.scalars(sa.select(DrawRecord).order_by(DrawRecord.id)).all()
        assert len(draws) == 2 and all(ops.replay_row(d).matches for d in draws)
        agreement = db.session.scalar(sa.select(Matter).where(Matter.title == "青山镇农贸市场改造项目合作协议"))
        assert agreement.status.value == "consulting"
        excluded = {e["reason"] for e in draws[1].exclusions}
        assert {"related_party", "firm_conflict"} <= excluded  # 正衡 represented the counterparty
        wang = db.session.scalar(sa.select(Expert).where(Expert.name == "王立新"))
        invited = db.session.scalar(sa.select(Assignment).where(Assignment.expert_id == wang.id))
        assert invited.state is AssignmentState.invited and invited.matter_id == agreement.id
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AdviserRating)) == 2
    factories.login(client, "adviser", DEMO_PASSWORD)
    home = client.get("/").get_data(as_text=True)
    assert "法律顾问邀请与任务" in home and "青山镇农贸市场改造项目合作协议" in home
