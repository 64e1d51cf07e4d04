"""The pages of the draw and the adviser's workspace as people use them: the bureau draws, the adviser sees
its invitation on its home page, declares no conflict before any material opens, reads the draft, saves and
submits a fixed opinion; the reviewer sees the opinions side by side, pulls a comment into its own points and
rates; Decree 713 Art. 28 holds back a major decision's opinion without an adviser's."""

import pytest
import sqlalchemy as sa

from experts.load import AssignmentState
from review_app.experts_pool import opinions
from review_app.extensions import db
from review_app.models import AdviserOpinion, Assignment, DrawRecord, Matter, OpinionPoint
from review_app.operations import OperationError
from review_app.review import operations as rops
from tests import factories, pipeline, pool
from workflows.review import Category, Status


@pytest.fixture
def site(app, monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    pool.freeze(monkeypatch)
    with app.test_request_context():
        w = pool.build(lawyers=5)
        m = pool.matter_at_bureau(w)
        db.session.commit()
        return dict(matter=m.id, reviewer=w.reviewer.username,
                    advisers={e_id: u.username for e_id, u in w.advisers.items()},
                    draft=next(d.id for d in m.documents if d.material_kind.is_draft))


def client_for(app, username):
    c = app.test_client()
    assert factories.login(c, username).status_code == 302
    return c


text = factories.squeezed


def _draw(app, site):
    bureau = client_for(app, site["reviewer"])
    # Until the bureau saves rows, the department's free-text counterparty is offered in the form.
    assert "某某建设有限公司" in text(bureau.get(f"/advisers/matters/{site['matter']}"))
    r = bureau.post(f"/advisers/matters/{site['matter']}/parties",
                    data={"counterparties": "贵州青山农业发展有限公司\n", "affected": ""})
    assert r.status_code == 302
    r = bureau.post(f"/advisers/matters/{site['matter']}/draw", data={"wanted": "1", "specialty": ""})
    assert r.status_code == 302
    with app.app_context():
        row = db.session.scalar(sa.select(DrawRecord).order_by(DrawRecord.id.desc()))
        a = db.session.scalar(sa.select(Assignment).where(Assignment.draw_id == row.id))
        return bureau, row.id, a.id, a.expert_id


def test_the_whole_consultation_through_the_pages(app, site):
    bureau, draw_id, assignment_id, expert_id = _draw(app, site)
    page = text(bureau.get(f"/advisers/draws/{draw_id}"))
    assert "重算一致" in page and "随机抽取" in page
    exported = bureau.get(f"/advisers/draws/{draw_id}.json")
    assert exported.status_code == 200 and exported.json["picks"] == [expert_id]

    adviser = client_for(app, site["advisers"][expert_id])
    home = text(adviser.get("/"))
    assert "法律顾问邀请与任务" in home and "前确认是否接受" in home
    # No material opens before the declaration.
    assert adviser.get(f"/matters/documents/{site['draft']}/view").status_code == 404
    refused = adviser.post(f"/advisers/assignments/{assignment_id}/answer",
                           data={"version": "1", "choice": "accept"})
    assert refused.status_code == 400 and "须声明与本事项无利害关系" in text(refused)
    r = adviser.post(f"/advisers/assignments/{assignment_id}/answer",
                     data={"version": "1", "choice": "accept", "no_conflict": "y"})
    assert r.status_code == 302
    assert adviser.get(f"/matters/documents/{site['draft']}/view").status_code == 200
    assert adviser.get(f"/matters/{site['matter']}").status_code == 403  # the matter page stays the bureau's

    form = {"overall": "协议总体合法。", "comments-0-clause": "第二条", "comments-0-text": "单方解除条款应约定补偿。",
            "risk_notes": "单方解除可能引发诉讼。", "legal_basis": "《民法典》第五百六十三条"}
    saved = adviser.post(f"/advisers/assignments/{assignment_id}/opinion", data={**form, "save": "1"})
    assert saved.status_code == 302
    with app.app_context():
        draft = db.session.scalar(sa.select(AdviserOpinion))
        assert draft.status.value == "draft" and draft.comments[0].clause == "第二条"
        version = str(draft.version)
    stale = adviser.post(f"/advisers/assignments/{assignment_id}/opinion",
                         data={**form, "opinion_version": str(int(version) + 5), "submit": "1"})
    assert stale.status_code == 409
    assert adviser.post(f"/advisers/assignments/{assignment_id}/opinion",
                        data={**form, "opinion_version": version, "submit": "1"}).status_code == 302
    again = adviser.post(f"/advisers/assignments/{assignment_id}/opinion",
                         data={**form, "overall": "改", "save": "1"})
    assert again.status_code == 409 and "意见已提交，不能再修改" in text(again)

    page = text(bureau.get(f"/advisers/matters/{site['matter']}"))
    assert "协议总体合法。" in page and "单方解除条款应约定补偿。" in page
    with app.app_context():
        comment_id = db.session.scalar(sa.select(AdviserOpinion)).comments[0].id
    assert bureau.post(f"/advisers/comments/{comment_id}/adopt").status_code == 302
    with app.app_context():
        point = db.session.scalar(sa.select(OpinionPoint))
        assert (point.clause, point.text) == ("第二条", "单方解除条款应约定补偿。")
    twice = bureau.post(f"/advisers/comments/{comment_id}/adopt")
    assert twice.status_code == 409 and "已采用" in text(twice)
    bad = bureau.post(f"/advisers/assignments/{assignment_id}/rate",
                      data={"timeliness": "101", "quality": "90", "adoption": "80"})
    assert bad.status_code == 400 and "评分须在 0 至 100 之间" in text(bad)
    assert bureau.post(f"/advisers/assignments/{assignment_id}/rate",
                       data={"timeliness": "95", "quality": "90", "adoption": "80"}).status_code == 302
    with app.app_context():
        assert db.session.get(Assignment, assignment_id).state is AssignmentState.rated


def test_an_adviser_sees_only_its_own_invitations(app, site):
    _bureau, _draw_id, assignment_id, expert_id = _draw(app, site)
    other = next(u for e, u in site["advisers"].items() if e != expert_id)
    stranger = client_for(app, other)
    assert stranger.get(f"/advisers/assignments/{assignment_id}").status_code == 404
    assert stranger.post(f"/advisers/assignments/{assignment_id}/answer",
                         data={"version": "1", "choice": "accept", "no_conflict": "y"}).status_code == 404
    assert "暂无邀请" in text(stranger.get("/advisers/mine"))
    assert stranger.get(f"/advisers/draws/{_draw_id}").status_code == 403


def test_a_conflict_declared_on_the_page_invites_the_next_alternate(app, site):
    bureau, draw_id, assignment_id, expert_id = _draw(app, site)
    adviser = client_for(app, site["advisers"][expert_id])
    r = adviser.post(f"/advisers/assignments/{assignment_id}/answer",
                     data={"version": "1", "choice": "conflict", "reason": "三年内曾代理相对方"})
    assert r.status_code == 302
    with app.app_context():
        row = db.session.get(DrawRecord, draw_id)
        states = db.session.execute(sa.select(Assignment.expert_id, Assignment.state).where(
            Assignment.draw_id == draw_id).order_by(Assignment.id)).all()
        assert states == [(expert_id, AssignmentState.conflict_declared),
                          (row.alternates[0], AssignmentState.invited)]


def test_a_major_decisions_opinion_is_not_issued_without_an_advisers_art_28(app):
    app.config["REQUIRE_TOTP"] = False
    with app.test_request_context():
        c = pipeline.cast()
        m = pipeline.drive(c, Status.signed, category=Category.major_decision)
        with pytest.raises(OperationError) as e:
            rops.issue(c.reviewer, m, m.version)
        assert e.value.status == 409
        assert "重大行政决策的审核意见书须至少有一份法律顾问或公职律师的书面意见在案后方可印发" in e.value.message
        db.session.rollback()
        assert db.session.get(Matter, m.id).opinion.number is None
        issued = pipeline.drive(c, Status.issued, category=Category.major_decision)
        names = opinions.advisers_consulted(issued)
        assert len(names) == 1 and issued.opinion.number is not None
        assert f"征询了法律顾问{names[0]}的书面意见" in rops.letter_for(issued, issued.opinion.issued_on).advisers_line
