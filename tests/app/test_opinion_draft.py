"""The bureau's opinion form: no conclusion chosen for the reviewer, points added and removed freely, a working
draft saved at any stage, and the three review contents of Decree 713 Art. 27 recorded and stated in the
letter."""
import io
import re

import docx
import sqlalchemy as sa

from review_app.extensions import db
from review_app.models import Matter, Opinion, OpinionPoint
from review_app.review import operations as rops
from tests.factories import alerts, as_user
from workflows.review import Status


def _form(points=(), send=False, conclusion="", findings=None, reasons="经审查，基本合法。", **extra):
    data = {"conclusion": conclusion, "reasons": reasons, **extra}
    for name, (finding, note) in (findings or {}).items():
        data[f"{name}-finding"], data[f"{name}-note"] = finding, note
    for i, (clause, text) in enumerate(points):
        data[f"points-{i}-clause"], data[f"points-{i}-text"] = clause, text
    data["send" if send else "save"] = "1"
    return data


ALL_MET = {"authority": ("met", ""), "procedure": ("met", ""), "content": ("met", "")}
AMEND = {**ALL_MET, "content": ("partly_met", "第二条需修改。")}


def _opinion(app, matter_id):
    with app.app_context():
        o = db.session.scalar(sa.select(Opinion).where(Opinion.matter_id == matter_id))
        if o is None:
            return None
        return {"conclusion": o.conclusion, "reasons": o.reasons, "version": o.version,
                "points": [(p.number, p.clause, p.text) for p in o.points],
                "findings": {c.value: (f.value, n) for c, (f, n) in rops.findings_of(o).items()}}


def _status(app, matter_id):
    with app.app_context():
        return db.session.get(Matter, matter_id).status


def _version(app, matter_id):
    with app.app_context():
        return db.session.get(Matter, matter_id).version


def test_the_form_chooses_no_conclusion_for_the_reviewer(app, cast, drive):
    mid = drive(Status.bureau_review)
    page = as_user(app, cast["reviewer"]).get(f"/matters/{mid}/opinion/draft").get_data(as_text=True)
    select = re.search(r'<select[^>]*name="conclusion".*?</select>', page, re.S).group(0)
    # The blank choice comes first and nothing else is selected, so the browser shows "（请选择）".
    assert re.search(r'<select[^>]*>\s*<option value="">', select) and "selected" not in select, select
    for name in ("authority", "procedure", "content"):
        assert f'name="{name}-finding"' in page


def test_sending_without_a_conclusion_or_findings_is_refused_and_nothing_is_stored(app, cast, drive):
    mid = drive(Status.bureau_review)
    reviewer = as_user(app, cast["reviewer"])
    r = reviewer.post(f"/matters/{mid}/opinion/draft",
                      data=_form([("第二条", "建议修改")], send=True, version=_version(app, mid)))
    assert r.status_code == 400
    message = "".join(alerts(r))
    assert "请选择审核结论" in message and "第二十七条" in message
    assert _opinion(app, mid) is None and _status(app, mid) == Status.bureau_review
    # What the reviewer typed is still in the form.
    assert "建议修改" in r.get_data(as_text=True)


def test_a_draft_is_saved_at_any_stage_and_comes_back(app, cast, drive):
    mid = drive(Status.bureau_review)
    reviewer = as_user(app, cast["reviewer"])
    r = reviewer.post(f"/matters/{mid}/opinion/draft", data=_form(
        [("第二条", "建议写明依据"), ("", ""), ("第五条", "罚款无上位法依据")], findings={"content": ("partly_met", "")}))
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/matters/{mid}/opinion/draft")
    saved = _opinion(app, mid)
    assert saved["conclusion"] is None and saved["points"] == [(1, "第二条", "建议写明依据"), (2, "第五条", "罚款无上位法依据")]
    assert saved["findings"] == {"content": ("partly_met", "")}
    assert _status(app, mid) == Status.bureau_review  # nothing went to the director
    response = reviewer.get(f"/matters/{mid}/opinion/draft")
    page = response.get_data(as_text=True)
    assert "罚款无上位法依据" in page and "草稿已保存" in alerts(response)
    # Two saved points and empty rows for more.
    assert len(re.findall(r'name="points-\d+-text"', page)) >= 4


def test_points_are_removed_and_renumbered(app, cast, drive):
    mid = drive(Status.bureau_review)
    reviewer = as_user(app, cast["reviewer"])
    reviewer.post(f"/matters/{mid}/opinion/draft", data=_form([(f"第{i}条", f"意见{i}") for i in range(1, 6)]))
    version = _opinion(app, mid)["version"]
    # The reviewer empties the second and fourth rows (the page's × button does exactly that).
    rows = [("第1条", "意见1"), ("", ""), ("第3条", "意见3"), ("", ""), ("第5条", "意见5")]
    r = reviewer.post(f"/matters/{mid}/opinion/draft", data=_form(rows, opinion_version=version))
    assert r.status_code == 302
    assert _opinion(app, mid)["points"] == [(1, "第1条", "意见1"), (2, "第3条", "意见3"), (3, "第5条", "意见5")]


def test_a_stale_draft_is_refused(app, cast, drive):
    mid = drive(Status.bureau_review)
    reviewer = as_user(app, cast["reviewer"])
    reviewer.post(f"/matters/{mid}/opinion/draft", data=_form([("第一条", "甲")]))
    stale = _opinion(app, mid)["version"]
    reviewer.post(f"/matters/{mid}/opinion/draft", data=_form([("第一条", "乙")], opinion_version=stale))
    r = reviewer.post(f"/matters/{mid}/opinion/draft", data=_form([("第一条", "丙")], opinion_version=stale))
    assert r.status_code == 409
    assert _opinion(app, mid)["points"] == [(1, "第一条", "乙")]


def test_a_conclusion_must_agree_with_the_findings(app, cast, drive):
    mid = drive(Status.bureau_review)
    reviewer = as_user(app, cast["reviewer"])
    r = reviewer.post(f"/matters/{mid}/opinion/draft", data=_form(
        send=True, conclusion="lawful", findings=AMEND, version=_version(app, mid)))
    assert r.status_code == 400
    assert "三项均应认定为符合规定" in "".join(alerts(r))
    assert _status(app, mid) == Status.bureau_review


def test_sent_opinion_goes_to_the_director_and_the_letter_states_the_three_contents(app, cast, drive):
    mid = drive(Status.bureau_review)
    reviewer = as_user(app, cast["reviewer"])
    r = reviewer.post(f"/matters/{mid}/opinion/draft", data=_form(
        [("第二条", "建议写明依据")], send=True, conclusion="lawful_if_amended", findings=AMEND,
        version=_version(app, mid)))
    assert r.status_code == 302 and _status(app, mid) == Status.opinion_drafted
    letter = reviewer.get(f"/matters/{mid}/opinion").get_data(as_text=True)
    for line in ("一、是否超越法定职权：符合规定。", "二、是否违反法定程序：符合规定。",
                 "三、内容是否合法：基本符合，需修改完善。第二条需修改。"):
        assert line in letter
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(
        reviewer.get(f"/matters/{mid}/opinion.docx").data)).paragraphs)
    assert "三、内容是否合法：基本符合，需修改完善。第二条需修改。" in text


def test_a_point_is_appended_to_the_working_draft(app, cast, drive):
    mid = drive(Status.bureau_review)
    with app.test_request_context():
        from review_app.models import User
        reviewer = db.session.scalar(sa.select(User).where(User.username == cast["reviewer"]))
        m = db.session.get(Matter, mid)
        rops.add_point(reviewer, m, "第五条", "罚款无上位法依据，建议删除。")
        rops.add_point(reviewer, m, "", "建议补充施行日期。")
        db.session.commit()
    assert _opinion(app, mid)["points"] == [(1, "第五条", "罚款无上位法依据，建议删除。"), (2, "", "建议补充施行日期。")]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(OpinionPoint)) == 2


def test_no_point_can_be_added_once_the_opinion_is_with_the_director(app, cast, drive):
    mid = drive(Status.opinion_drafted)
    with app.test_request_context():
        from review_app.models import User
        from review_app.operations import OperationError
        reviewer = db.session.scalar(sa.select(User).where(User.username == cast["reviewer"]))
        try:
            rops.add_point(reviewer, db.session.get(Matter, mid), "第一条", "再加一条")
        except OperationError as e:
            assert e.status == 409 and "不能修改审核意见书" in e.message
        else:
            raise AssertionError("a point was added to an opinion awaiting sign-off")
    assert len(_opinion(app, mid)["points"]) == 2


def test_saving_the_draft_keeps_each_points_identity(app, cast, drive):
    """A point edited in the form stays the same stored point (what refers to it, a clause flag or an adviser's
    comment, stays linked); a removed one goes; the others are renumbered."""
    mid = drive(Status.bureau_review)
    reviewer = as_user(app, cast["reviewer"])
    reviewer.post(f"/matters/{mid}/opinion/draft", data=_form([("第一条", "甲"), ("第二条", "乙"), ("第三条", "丙")]))
    with app.app_context():
        o = db.session.scalar(sa.select(Opinion).where(Opinion.matter_id == mid))
        ids, version = [p.id for p in o.points], o.version
    data = _form([("第一条", "甲（改）"), ("第三条", "丙")], opinion_version=version)
    data["points-0-point_id"], data["points-1-point_id"] = str(ids[0]), str(ids[2])
    assert reviewer.post(f"/matters/{mid}/opinion/draft", data=data).status_code == 302
    with app.app_context():
        o = db.session.scalar(sa.select(Opinion).where(Opinion.matter_id == mid))
        assert [(p.id, p.number, p.text) for p in o.points] == [(ids[0], 1, "甲（改）"), (ids[2], 2, "丙")]
