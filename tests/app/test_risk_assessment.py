"""The litigation-risk assessment at review (issue 10, items 1-2): the page scores each factor, the rules give
the level with its reasons, and an opinion that lets a high or medium risk through is not issued without the
measures and the director's sign-off; the level and the measures are printed in the letter."""
import io
import re

import docx
import pytest
import sqlalchemy as sa

from review_app.extensions import db
from review_app.models import AuditEvent, Matter, Opinion, RiskAssessment
from review_app.operations import OperationError
from review_app.review import operations as rops
from review_app.risk import operations as risk_ops
from tests import factories
from workflows.litigation import Area
from workflows.review import Status
from workflows.risk.factors import FACTORS, Level

HIGH_NOTE = "征收补偿标准未经公示，群众反映强烈"


def form_data(version="", area="expropriation", mitigation="", high=None, note=""):
    """Every factor 1×1 (不适用) except `high`, scored 3×5 with `note`."""
    data = {"version": version, "area": area, "mitigation": mitigation}
    for f in FACTORS:
        high_one = f.code == high
        data.update({f"{f.code}-likelihood": "3" if high_one else "1",
                     f"{f.code}-impact": "5" if high_one else "1",
                     f"{f.code}-note": note if high_one else "不适用"})
    return data


def scores(high=None, likelihood=3, impact=5, note=HIGH_NOTE):
    return [risk_ops.ScoreInput(f.code, likelihood if f.code == high else 1, impact if f.code == high else 1,
                                note if f.code == high else "不适用") for f in FACTORS]


def text(response) -> str:
    """What the reader sees: the page's words without its markup."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", response.get_data(as_text=True), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


def users(app, cast):
    from review_app.models import User
    return {k: db.session.scalar(sa.select(User).where(User.username == v)) for k, v in cast.items()}


def test_the_reviewer_scores_the_factors_and_gets_the_level_with_its_reasons(app, cast, drive):
    app.config["REQUIRE_TOTP"] = False
    mid = drive(Status.bureau_review)
    reviewer = factories.as_user(app, cast["reviewer"])
    page = text(reviewer.get(f"/matters/{mid}/risk"))
    assert "主要证据不足" in page and "大多数受影响群众是否理解支持" in page and "行政诉讼法第七十条" in page
    r = reviewer.post(f"/matters/{mid}/risk", data=form_data(high="public_support", note=HIGH_NOTE))
    assert r.status_code == 302
    page = text(reviewer.get(f"/matters/{mid}/risk"))
    assert "风险等级：高" in page
    assert "可能性3 × 影响程度5 = 15，达到高风险分值15" in page
    assert "措施尚未签批" in page
    assert "风险等级：高" in text(reviewer.get(f"/matters/{mid}"))


def test_a_factor_scored_medium_or_more_needs_a_note_and_nothing_is_stored(app, cast, drive):
    app.config["REQUIRE_TOTP"] = False
    mid = drive(Status.bureau_review)
    reviewer = factories.as_user(app, cast["reviewer"])
    r = reviewer.post(f"/matters/{mid}/risk", data=form_data(high="evidence", note=""))
    assert r.status_code == 400
    assert factories.alerts(r) == ["“主要证据不足”评分达到中风险以上，须说明理由"]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(RiskAssessment)) == 0


def test_the_department_neither_assesses_nor_sees_the_assessment_before_the_opinion(app, cast, drive):
    app.config["REQUIRE_TOTP"] = False
    mid = drive(Status.bureau_review)
    with app.test_request_context():
        u = users(app, cast)
        risk_ops.assess_matter(u["reviewer"], db.session.get(Matter, mid), None, Area.penalty,
                               scores("procedure", 2, 4), "")
        db.session.commit()
    sub = factories.as_user(app, cast["submitter"])
    assert "诉讼风险评估" not in text(sub.get(f"/matters/{mid}"))
    r = sub.post(f"/matters/{mid}/risk", data=form_data())
    assert r.status_code == 403 and "只有司法局可以进行诉讼风险评估" in text(r)
    assert "风险等级" not in text(sub.get(f"/matters/{mid}/risk"))


@pytest.mark.parametrize("level_scores, level_text", [((3, 5), "高"), ((2, 4), "中")])
def test_the_gate_refuses_a_lawful_opinion_on_high_or_medium_risk_and_stores_nothing(
        app, cast, drive, level_scores, level_text):
    app.config["REQUIRE_TOTP"] = False
    mid = drive(Status.signed)  # concluded 修改后合法, signed off by the director
    reviewer = factories.as_user(app, cast["reviewer"])
    with app.test_request_context():
        u = users(app, cast)
        m = db.session.get(Matter, mid)
        high = scores("public_support", *level_scores)
        risk_ops.assess_matter(u["reviewer"], m, None, Area.expropriation, high, "")
        db.session.commit()
        version = m.version
        events = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent))
    r = reviewer.post(f"/matters/{mid}/act/issue", data={"version": version})
    assert r.status_code == 409
    assert factories.alerts(r) == [
        f"诉讼风险等级为{level_text}，出具“修改后合法”结论前须记录风险防范化解措施，并经司法局负责人签批"]
    with app.app_context():
        m = db.session.get(Matter, mid)
        assert m.status == Status.signed and m.opinion.number is None
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == events

    # The measures recorded, not yet signed off: still refused, saying what is missing now.
    with app.test_request_context():
        u = users(app, cast)
        m = db.session.get(Matter, mid)
        a = risk_ops.assess_matter(u["reviewer"], m, m.risk.version, Area.expropriation,
                                   scores("public_support", *level_scores), "公示补偿标准，逐户入户沟通，制定应急预案")
        db.session.commit()
        with pytest.raises(OperationError) as e:
            rops.issue(u["reviewer"], m, m.version)
        assert e.value.status == 409
        assert e.value.message == f"诉讼风险等级为{level_text}，风险防范化解措施须经司法局负责人签批后方可出具“修改后合法”结论"
        db.session.rollback()
        assessment_version = a.version

    director = factories.as_user(app, cast["director"])
    signed = director.post(f"/matters/{mid}/risk/sign-off", data={"version": assessment_version})
    assert signed.status_code == 302
    assert "已经司法局负责人签批" in text(director.get(f"/matters/{mid}/risk"))
    r = reviewer.post(f"/matters/{mid}/act/issue", data={"version": version})
    assert r.status_code == 302
    letter = docx.Document(io.BytesIO(reviewer.get(f"/matters/{mid}/opinion.docx").data))
    body = "\n".join(p.text for p in letter.paragraphs)
    assert f"诉讼风险评估：风险等级为{level_text}" in body
    assert "风险防范化解措施，已经司法局负责人签批：公示补偿标准，逐户入户沟通，制定应急预案" in body
    assert f"风险等级为{level_text}" in text(reviewer.get(f"/matters/{mid}/opinion"))
    # The department now reads the assessment with its opinion.
    assert "风险等级" in text(factories.as_user(app, cast["submitter"]).get(f"/matters/{mid}/risk"))


def test_low_risk_and_an_unlawful_conclusion_pass_the_gate(app, cast, drive):
    mid = drive(Status.signed)
    with app.test_request_context():
        u = users(app, cast)
        m = db.session.get(Matter, mid)
        risk_ops.assess_matter(u["reviewer"], m, None, Area.licensing, scores(), "")
        assert m.risk.level is Level.low
        rops.issue(u["reviewer"], m, m.version)
        db.session.commit()
        assert db.session.get(Opinion, m.opinion.id).number is not None


def test_only_the_director_signs_off_and_a_change_withdraws_the_sign_off(app, cast, drive):
    mid = drive(Status.signed)
    with app.test_request_context():
        u = users(app, cast)
        m = db.session.get(Matter, mid)
        a = risk_ops.assess_matter(u["reviewer"], m, None, Area.penalty, scores("evidence"), "补充调查取证")
        with pytest.raises(OperationError) as e:
            risk_ops.sign_off_mitigation(u["reviewer"], m, a.version)
        assert e.value.status == 403 and e.value.message == "只有司法局负责人可以签批风险防范化解措施"
        risk_ops.sign_off_mitigation(u["director"], m, a.version)
        assert a.mitigation_signed
        risk_ops.assess_matter(u["reviewer"], m, a.version, Area.penalty, scores("evidence"), "补充调查取证，听取陈述申辩")
        assert not a.mitigation_signed


def test_the_row_rule_and_its_sql_form_agree(app, cast, drive):
    """risk.policy.can_view and visible() select the same assessments for every kind of user."""
    from review_app.models import User
    from review_app.risk import policy
    open_id, issued_id = drive(Status.signed), drive(Status.signed)
    with app.test_request_context():
        u = users(app, cast)
        for mid in (open_id, issued_id):
            m = db.session.get(Matter, mid)
            risk_ops.assess_matter(u["reviewer"], m, None, Area.licensing, scores(), "")
        m = db.session.get(Matter, issued_id)
        rops.issue(u["reviewer"], m, m.version)
        db.session.commit()
        everyone = db.session.scalars(sa.select(User)).all()
        rows = db.session.scalars(sa.select(RiskAssessment)).all()
        for user in everyone:
            by_row = {a.id for a in rows if policy.can_view(user, a)}
            by_sql = set(db.session.scalars(sa.select(RiskAssessment.id).where(policy.visible(user))))
            assert by_row == by_sql, user.username
        seen = {name: {a.matter_id for a in rows if policy.can_view(u[name], a)} for name in u}
        assert seen["reviewer"] == {open_id, issued_id} and seen["submitter"] == {issued_id}
        assert seen["other_department"] == set()
