"""The matter pages as a clerk, an officer and the bureau use them (Flask test client)."""
import io
import re
import struct
import zipfile
import zlib

import pytest
import sqlalchemy as sa

from review_app.extensions import db
from review_app.models import Document, Matter
from tests import factories, pipeline
from workflows.review import Status


as_user = factories.as_user


def upload(client, matter_id, kind_id, name, data):
    return client.post(f"/matters/{matter_id}/documents", data={
        "material_kind_id": str(kind_id), "file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def draft_kind_id(app, matter_id):
    with app.app_context():
        m = db.session.get(Matter, matter_id)
        return pipeline.draft_kind(m.category).id


def document_count(app, matter_id):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Document).where(
            Document.matter_id == matter_id))


def test_intake_form_saves_a_draft_and_lists_missing_materials(app, cast):
    client = as_user(app, cast["submitter"])
    r = client.post("/matters/new", data={"category": "normative_document", "title": "  ", "summary": ""})
    assert r.status_code == 400 and "请填写事项名称" in r.get_data(as_text=True)
    r = client.post("/matters/new", data={"category": "agreement", "title": "某项目投资协议"})
    assert r.status_code == 400 and "协议相对方" in "".join(factories.alerts(r))
    r = client.post("/matters/new", data={"category": "normative_document", "title": "关于临时占道经营的通知",
                                          "planned_date": "2026-12-30"}, follow_redirects=True)
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "已保存草稿" in page and "尚缺必备材料" in page and "文件送审稿" in page


def _png_declaring(width: int, height: int) -> bytes:
    """A few bytes of PNG whose header claims width x height pixels."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + chunk(
        b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")


@pytest.mark.parametrize("name,data,message", [
    ("病毒.exe", b"MZ\x90\x00", "不支持的文件类型"),
    ("伪装.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "文件内容与扩展名不符"),
    ("假文档.docx", pipeline.PDF, "文件内容与扩展名不符"),
    ("空文件.pdf", b"", "文件为空"),
    ("截图.png", b"\x89PNG\r\n\x1a\n" + "一个文本文件，不是图片".encode() * 8, "文件内容与扩展名不符"),
    ("照片.jpg", b"\xff\xd8\xff\xe0" + "一个文本文件，不是图片".encode() * 8, "文件内容与扩展名不符"),
    ("炸弹.png", _png_declaring(100_000, 100_000), "像素过多"),
])
def test_bad_uploads_are_refused_and_store_nothing(app, cast, drive, name, data, message):
    matter_id = drive(Status.draft)
    before = document_count(app, matter_id)
    client = as_user(app, cast["submitter"])
    r = upload(client, matter_id, draft_kind_id(app, matter_id), name, data)
    assert r.status_code == 400
    assert message in "".join(factories.alerts(r))
    assert document_count(app, matter_id) == before


def test_zip_bomb_docx_is_refused(app, cast, drive):
    matter_id = drive(Status.draft)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"0" * (60 * 1024 * 1024))
    before = document_count(app, matter_id)
    r = upload(as_user(app, cast["submitter"]), matter_id, draft_kind_id(app, matter_id), "炸弹.docx",
               buf.getvalue())
    assert r.status_code == 400 and "压缩" in "".join(factories.alerts(r))
    assert document_count(app, matter_id) == before


def test_oversize_upload_gets_413(app, cast, drive):
    matter_id = drive(Status.draft)
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    before = document_count(app, matter_id)
    r = upload(as_user(app, cast["submitter"]), matter_id, draft_kind_id(app, matter_id), "大文件.pdf",
               pipeline.PDF + b"0" * (2 * 1024 * 1024))
    assert r.status_code == 413 and "文件过大" in r.get_data(as_text=True)
    assert document_count(app, matter_id) == before


def test_path_like_name_is_only_a_display_name(app, cast, drive):
    matter_id = drive(Status.draft)
    r = upload(as_user(app, cast["submitter"]), matter_id, draft_kind_id(app, matter_id),
               "../../etc/passwd.docx", pipeline.docx_bytes("第一条"))
    assert r.status_code == 302
    with app.app_context():
        doc = db.session.scalars(sa.select(Document).where(Document.matter_id == matter_id)
                                 .order_by(Document.id.desc())).first()
        assert doc.display_name == "passwd.docx" and doc.version_no == 2


def test_docx_is_shown_as_html_and_versions_compare_by_character(app, cast, drive):
    matter_id = drive(Status.draft)
    client = as_user(app, cast["submitter"])
    kind = draft_kind_id(app, matter_id)
    upload(client, matter_id, kind, "送审稿.docx", pipeline.docx_bytes("第二条 申请人应当在五日内提交材料。"))
    with app.app_context():
        old, new = db.session.scalars(sa.select(Document.id).where(
            Document.matter_id == matter_id, Document.material_kind_id == kind).order_by(Document.version_no)).all()
    r = client.get(f"/matters/documents/{new}/view")
    assert r.status_code == 200 and "申请人应当在五日内提交材料" in r.get_data(as_text=True)
    r = client.get(f"/matters/{matter_id}/compare?a={old}&b={new}")
    page = r.get_data(as_text=True)
    assert r.status_code == 200
    assert re.search(r'<ins class="diff-ins">在五日内</ins>', page)


def test_pdf_opens_in_browser_and_docx_downloads(app, cast, drive):
    matter_id = drive(Status.draft)
    client = as_user(app, cast["submitter"])
    with app.app_context():
        docs = db.session.scalars(sa.select(Document).where(Document.matter_id == matter_id)).all()
        pdf = next(d.id for d in docs if d.kind == "pdf")
        word = next(d.id for d in docs if d.kind == "docx")
    r = client.get(f"/matters/documents/{pdf}/file")
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    assert r.headers["Content-Disposition"].startswith("inline")
    r = client.get(f"/matters/documents/{word}/file")
    assert r.headers["Content-Disposition"].startswith("attachment")


def test_other_department_cannot_see_matter_or_its_files(app, cast, drive):
    matter_id = drive(Status.draft)
    with app.app_context():
        doc = db.session.scalar(sa.select(Document.id).where(Document.matter_id == matter_id))
    client = as_user(app, cast["other_department"])
    assert client.get(f"/matters/{matter_id}").status_code == 404
    assert client.get(f"/matters/documents/{doc}/file").status_code == 404
    assert "关于规范城区" not in client.get("/matters/").get_data(as_text=True)


def test_department_stage_is_private_until_sent_to_the_decision_body(app, cast, drive):
    reviewer, officer = as_user(app, cast["reviewer"]), as_user(app, cast["officer"])
    for status in (Status.draft, Status.department_review):  # drafting and the head's internal review
        hidden = drive(status)
        assert reviewer.get(f"/matters/{hidden}").status_code == 404
        assert officer.get(f"/matters/{hidden}").status_code == 404
        assert f'href="/matters/{hidden}"' not in officer.get("/matters/").get_data(as_text=True)
    sent = drive(Status.decision_pending)
    assert officer.get(f"/matters/{sent}").status_code == 200
    assert reviewer.get(f"/matters/{sent}").status_code == 200
    # Returned for revision, it stays visible to those who already handled it.
    with app.app_context():
        version = db.session.get(Matter, sent).version
    officer.post(f"/matters/{sent}/act/return_for_revision", data={"version": version, "reason": "请补充依据"})
    with app.app_context():
        assert db.session.get(Matter, sent).status == Status.draft
    assert officer.get(f"/matters/{sent}").status_code == 200


def test_stale_form_gets_409_and_changes_nothing(app, cast, drive):
    matter_id = drive(Status.department_review)
    with app.app_context():
        version = db.session.get(Matter, matter_id).version
    head = as_user(app, cast["head"])
    r = head.post(f"/matters/{matter_id}/act/approve", data={"version": version - 1})
    # In words: who did what meanwhile (the clerk submitted it), not version numbers.
    message = "".join(factories.alerts(r))
    assert r.status_code == 409 and "已有变化" in message and "提交审核" in message and "版本" not in message
    with app.app_context():
        assert db.session.get(Matter, matter_id).status == Status.department_review


def test_action_buttons_follow_role_and_state(app, cast, drive):
    matter_id = drive(Status.decision_pending)
    page = as_user(app, cast["officer"]).get(f"/matters/{matter_id}").get_data(as_text=True)
    assert 'data-action="accept"' in page and 'data-action="forward"' not in page
    page = as_user(app, cast["submitter"]).get(f"/matters/{matter_id}").get_data(as_text=True)
    assert 'data-action="accept"' not in page and 'data-action="withdraw"' in page


def test_list_filters_and_keyset_pages(app, cast, drive):
    ids = [drive(Status.department_review) for _ in range(33)]
    client = as_user(app, cast["submitter"])
    first = client.get("/matters/").get_data(as_text=True)
    shown = [int(x) for x in re.findall(r'href="/matters/(\d+)"', first)]
    assert shown == sorted(ids, reverse=True)[:30]
    nxt = re.search(r'href="(/matters/\?[^"]*before=\d+[^"]*)"', first).group(1).replace("&amp;", "&")
    rest = [int(x) for x in re.findall(r'href="/matters/(\d+)"', client.get(nxt).get_data(as_text=True))]
    assert rest == sorted(ids, reverse=True)[30:]
    none = client.get("/matters/?category=agreement").get_data(as_text=True)
    assert "没有符合条件的事项" in none


def test_overdue_filter_and_badge(app, cast, drive):
    matter_id = drive(Status.bureau_review)
    with app.app_context():
        from datetime import date
        m = db.session.get(Matter, matter_id)
        m.due_on = date(2020, 1, 2)
        db.session.commit()
    client = as_user(app, cast["reviewer"])
    page = client.get("/matters/?overdue=1").get_data(as_text=True)
    assert f'href="/matters/{matter_id}"' in page and "已超期" in page


def test_tasks_show_what_waits_for_each_role(app, cast, drive):
    pending = drive(Status.decision_pending)
    home = as_user(app, cast["officer"]).get("/").get_data(as_text=True)
    assert "待决策机关受理" in home and f'href="/matters/{pending}"' in home
    intake = drive(Status.bureau_intake)
    home = as_user(app, cast["director"]).get("/").get_data(as_text=True)
    assert "待分配审核人员" in home and f'href="/matters/{intake}"' in home


def test_opinion_online_and_docx_after_issue(app, cast, drive):
    matter_id = drive(Status.issued)
    client = as_user(app, cast["submitter"])
    page = client.get(f"/matters/{matter_id}/opinion").get_data(as_text=True)
    assert "合法性审核意见书" in page and re.search(r"〔\d{4}〕\d+号", page)
    r = client.get(f"/matters/{matter_id}/opinion.docx")
    assert r.status_code == 200 and r.data[:2] == b"PK"


def test_department_cannot_see_unissued_opinion(app, cast, drive):
    matter_id = drive(Status.opinion_drafted)
    assert as_user(app, cast["submitter"]).get(f"/matters/{matter_id}/opinion").status_code == 404
    assert as_user(app, cast["director"]).get(f"/matters/{matter_id}/opinion").status_code == 200


def test_files_verify_detects_tampering(app, runner, cast, drive):
    drive(Status.draft)
    assert runner.invoke(args=["files", "verify"]).exit_code == 0
    with app.app_context():
        from review_app.documents.service import blob_store
        sha = db.session.scalar(sa.select(Document.sha256))
        blob_store().path(sha).write_bytes(b"tampered")
    result = runner.invoke(args=["files", "verify"])
    assert result.exit_code == 1 and sha in result.output


def test_major_decision_too_close_is_flagged_at_intake_and_on_lists(app, cast, monkeypatch):
    """Decree 713 Art. 26: fewer than 7 working days before the planned decision date."""
    from datetime import date

    from review_app import rules
    monkeypatch.setattr(rules, "today", lambda: date(2026, 9, 25))  # the National Day holiday follows
    client = as_user(app, cast["submitter"])
    r = client.post("/matters/new", data={"category": "major_decision", "title": "城区停车收费调整方案",
                                          "planned_date": "2026-10-09"}, follow_redirects=True)  # 5 working days
    assert "送审时间不足" in r.get_data(as_text=True)
    assert "送审时间不足" in client.get("/matters/").get_data(as_text=True)
    r = client.post("/matters/new", data={"category": "major_decision", "title": "城区绿化提升方案",
                                          "planned_date": "2026-10-30"}, follow_redirects=True)
    assert "送审时间不足" not in r.get_data(as_text=True)


def test_upload_refusal_is_in_the_readers_language(app, cast, drive):
    matter_id = drive(Status.draft)
    client = as_user(app, cast["submitter"])
    client.get("/lang/en")
    r = upload(client, matter_id, draft_kind_id(app, matter_id), "病毒.exe", b"MZ\x90\x00")
    assert r.status_code == 400 and "Unsupported file type: .exe" in "".join(factories.alerts(r))
