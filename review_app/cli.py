"""Command-line tools: `flask users create`, `flask audit verify`, `flask demo load`."""
import getpass
import sys

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from workflows.roles import Role

from .extensions import db
from .models import District, DistrictLevel, Organisation
from .operations import OperationError

districts_cli = AppGroup("districts", help="行政区")
users_cli = AppGroup("users", help="用户管理")
audit_cli = AppGroup("audit", help="操作日志")
demo_cli = AppGroup("demo", help="演示数据")
files_cli = AppGroup("files", help="文件存储")
experts_cli = AppGroup("experts", help="法律顾问专家库")


@districts_cli.command("create")
@click.argument("code")
@click.option("--name", required=True, help="名称，如 观山湖区")
@click.option("--opinion-prefix", required=True, help="审核意见书文号前缀，如 观司审")
@click.option("--supervision-prefix", required=True, help="法治督察函文号前缀，如 观司督")
@click.option("--level", type=click.Choice([lv.value for lv in DistrictLevel]), default="district")
@click.option("--parent", "parent_code", help="上级行政区划代码")
def create_district(code, name, opinion_prefix, supervision_prefix, level, parent_code):
    """新建行政区（各区的单位、用户、编号和设置互相独立）。"""
    from .admin.operations import create_district as create_district_op
    parent = None
    if parent_code:
        parent = db.session.scalar(sa.select(District).where(District.code == parent_code))
        if parent is None:
            raise click.ClickException(f"找不到上级行政区：{parent_code}")
    try:
        district = create_district_op(None, code, name, opinion_prefix, supervision_prefix, DistrictLevel(level), parent)
    except OperationError as e:
        raise click.ClickException(e.message) from None
    db.session.commit()
    click.echo(f"已创建行政区 {district.name}（代码 {district.code}，id {district.id}）")


def _district(code: str | None) -> District:
    """The district named by its code, or the only one there is."""
    if code:
        district = db.session.scalar(sa.select(District).where(District.code == code))
        if district is None:
            raise click.ClickException(f"找不到行政区：{code}")
        return district
    rows = db.session.scalars(sa.select(District).limit(2)).all()
    if len(rows) != 1:
        raise click.ClickException("请用 --district 指定行政区划代码")
    return rows[0]


@users_cli.command("create")
@click.argument("username")
@click.option("--name", "display_name", required=True, help="姓名")
@click.option("--org", "org_name", required=True, help="所属单位名称或简称")
@click.option("--district", "district_code", help="行政区划代码（只有一个行政区时可不填）")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice([r.value for r in Role]))
@click.option("--password", envvar="NEW_USER_PASSWORD", help="不填则交互输入")
@click.option("--expert-id", type=int)
def create_user(username, display_name, org_name, district_code, roles, password, expert_id):
    """创建用户。"""
    from .admin.operations import create_user as create_user_op
    district = _district(district_code)
    org = db.session.scalar(sa.select(Organisation).where(
        Organisation.district_id == district.id,
        sa.or_(Organisation.name == org_name, Organisation.short_name == org_name)))
    if org is None:
        raise click.ClickException(f"找不到单位：{org_name}")
    password = password or getpass.getpass("密码（至少 12 位）：")
    try:
        user = create_user_op(None, username, display_name, org.id, {Role(r) for r in roles}, password, expert_id)
    except OperationError as e:
        raise click.ClickException(e.message) from None
    db.session.commit()
    click.echo(f"已创建用户 {user.username}（id {user.id}）")


@audit_cli.command("verify")
@click.option("--checkpoints", "extra", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="另外核对的检查点：含检查点行的任何文本文件（如抄有检查点的工作摘要、年度报告）")
def verify_audit(extra):
    """校验操作日志：哈希链、每条记录和链头的校验码（MAC）、每个检查点。

    退出状态：0 完整；1 发现问题；2 缺少密钥，无法校验。"""
    from .audit.keys import AuditKeyMissing
    from .audit.trail import check
    try:
        report = check(tuple(extra))
    except AuditKeyMissing as e:
        click.echo(f"无法校验操作日志：{e}", err=True)
        sys.exit(2)
    if not report.problems:
        click.echo(f"操作日志哈希链完整：共 {report.count} 条记录，校验码全部相符，"
                   f"核对检查点 {report.checkpoints} 个")
        if report.legacy:
            click.echo(f"其中最早的 {report.legacy} 条写于启用校验码之前，无校验码（仅由哈希链保护）")
        return
    first = report.problems[0]
    where = f"第一条问题记录 id={first.event_id}：" if first.event_id is not None else ""
    click.echo(f"操作日志哈希链断裂：{where}{first.reason}", err=True)
    for problem in report.problems[1:]:
        where = f"id={problem.event_id}：" if problem.event_id is not None else ""
        click.echo(f"另发现：{where}{problem.reason}", err=True)
    sys.exit(1)


@audit_cli.command("checkpoint")
def checkpoint_audit():
    """记录操作日志链尾的检查点（写入 AUDIT_CHECKPOINT_DIR 下的文件并打印，供抄入工作摘要或年度报告）。"""
    from .audit.keys import AuditKeyMissing
    from .audit.trail import CheckpointRefused, take_checkpoint
    from .audit import checkpoints
    try:
        cp = take_checkpoint()
    except (CheckpointRefused, AuditKeyMissing) as e:
        click.echo(f"未写入检查点：{e}", err=True)
        sys.exit(1)
    click.echo(f"已写入检查点（{cp.at}，共 {cp.count} 条记录，末条 id={cp.last_id}）到 {checkpoints.path()}。")
    click.echo("请将下面一行抄入当日工作摘要或年度报告，日后可用 flask audit verify --checkpoints 文件 核对：")
    click.echo(cp.line())


@demo_cli.command("load")
def load_demo():
    """载入演示数据（已载入则跳过）。"""
    from .demo import load, print_logins
    if load():
        db.session.commit()
    else:
        click.echo("演示数据已存在，未重复载入")
    print_logins(click.echo)


@files_cli.command("verify")
def verify_files():
    """逐一校验存储文件的 SHA-256，并核对数据库登记的文件是否都在；发现问题时以非零状态退出。"""
    from .documents.service import blob_store
    from .models import DemolitionDocument, Document, Opinion, SupervisionLetter
    store = blob_store()
    known = set(db.session.scalars(sa.select(Document.sha256))) | set(
        db.session.scalars(sa.select(Opinion.docx_sha256).where(Opinion.docx_sha256.is_not(None))))
    # The demolition ledger's evidence and its issued letters live in the same store.
    known |= set(db.session.scalars(sa.select(DemolitionDocument.sha256)))
    known |= set(db.session.scalars(sa.select(SupervisionLetter.docx_sha256)))
    problems = store.verify() + store.verify_known(sorted(known))
    labels = {"corrupt": "内容与哈希不符", "missing": "文件缺失", "stray": "不明文件"}
    for p in problems:
        click.echo(f"{labels[p.kind]}：{p.sha}（{p.path}）", err=True)
    if problems:
        sys.exit(1)
    click.echo(f"全部 {len(known)} 个登记文件校验通过")


@experts_cli.command("replay-draw")
@click.argument("record_id", type=int)
@click.option("--export", "export_to", type=click.Path(dir_okay=False, writable=True),
              help="同时把抽取记录导出为 JSON 文件，供 experts/verify_draw.py 独立校验")
def replay_draw(record_id: int, export_to: str | None):
    """按抽取记录中的快照和随机种子重算抽取结果，逐项核对；一致时退出码为 0，不一致时为 1。"""
    from .experts_pool.operations import export_json, replay_row
    from .models import DrawRecord
    row = db.session.get(DrawRecord, record_id)
    if row is None:
        click.echo(f"抽取记录 {record_id} 不存在", err=True)
        sys.exit(2)
    if export_to:
        with open(export_to, "w", encoding="utf-8") as f:
            f.write(export_json(row))
    result = replay_row(row)
    if result.matches:
        click.echo(f"一致：抽取记录 {row.record_no}（{row.kind.value}），选中 {row.picks}，候补 {row.alternates}")
        return
    click.echo(f"不一致：抽取记录 {row.record_no}", err=True)
    for d in result.differences:
        click.echo(f"  - {d}", err=True)
    sys.exit(1)


@click.command("backup")
@with_appcontext
@click.argument("target", type=click.Path(file_okay=False))
def backup_command(target):
    """备份数据库（一致快照）、文件存储和操作日志检查点到一个新的空目录（见 README“备份与恢复”）。"""
    from .backup import BackupError, backup
    try:
        manifest = backup(target)
    except BackupError as e:
        click.echo(f"备份失败：{e}", err=True)
        sys.exit(1)
    click.echo(f"已备份到 {target}：数据库 {manifest['database']['file']}，共 {len(manifest['files'])} 个文件"
               f"（清单 manifest.json 含各文件 SHA-256）")


@click.command("restore")
@with_appcontext
@click.argument("source", type=click.Path(exists=True, file_okay=False))
def restore_command(source):
    """把备份恢复到空数据库和空文件存储；之后请运行 flask audit verify 和 flask files verify。"""
    from .backup import BackupError, restore
    try:
        manifest = restore(source)
    except BackupError as e:
        click.echo(f"恢复失败：{e}", err=True)
        sys.exit(1)
    click.echo(f"已恢复 {manifest['created_at']} 的备份（{len(manifest['files'])} 个文件）")


def register_cli(app: Flask) -> None:
    from .bench_seed import bench_cli
    from .outbox_admin.cli import jobs_cli
    for group in (districts_cli, users_cli, audit_cli, demo_cli, files_cli, experts_cli, bench_cli, jobs_cli,
                  backup_command, restore_command):
        app.cli.add_command(group)
