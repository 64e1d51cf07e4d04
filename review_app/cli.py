"""Command-line tools: `flask users create`, `flask audit verify`, `flask demo load`."""
import getpass
import sys

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup

from workflows.review import Role

from .extensions import db
from .models import Organisation
from .operations import OperationError

users_cli = AppGroup("users", help="用户管理")
audit_cli = AppGroup("audit", help="操作日志")
demo_cli = AppGroup("demo", help="演示数据")
files_cli = AppGroup("files", help="文件存储")


@users_cli.command("create")
@click.argument("username")
@click.option("--name", "display_name", required=True, help="姓名")
@click.option("--org", "org_name", required=True, help="所属单位名称或简称")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice([r.value for r in Role]))
@click.option("--password", envvar="NEW_USER_PASSWORD", help="不填则交互输入")
@click.option("--expert-id", type=int)
def create_user(username, display_name, org_name, roles, password, expert_id):
    """创建用户。"""
    from .admin.operations import create_user as create_user_op
    org = db.session.scalar(sa.select(Organisation).where(
        sa.or_(Organisation.name == org_name, Organisation.short_name == org_name)))
    if org is None:
        raise click.ClickException(f"找不到单位：{org_name}")
    password = password or getpass.getpass("密码（至少 12 位）：")
    try:
        user = create_user_op(username, display_name, org.id, {Role(r) for r in roles}, password, expert_id)
    except OperationError as e:
        raise click.ClickException(e.message) from None
    db.session.commit()
    click.echo(f"已创建用户 {user.username}（id {user.id}）")


@audit_cli.command("verify")
def verify_audit():
    """校验操作日志哈希链；发现断点时以非零状态退出。"""
    from .audit.trail import verify
    broken = verify()
    if broken is None:
        click.echo("操作日志哈希链完整")
        return
    click.echo(f"操作日志哈希链断裂：第一条问题记录 id={broken.event_id}：{broken.reason}", err=True)
    sys.exit(1)


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
    from .models import Document, Opinion
    store = blob_store()
    known = set(db.session.scalars(sa.select(Document.sha256))) | set(
        db.session.scalars(sa.select(Opinion.docx_sha256).where(Opinion.docx_sha256.is_not(None))))
    problems = store.verify() + store.verify_known(sorted(known))
    labels = {"corrupt": "内容与哈希不符", "missing": "文件缺失", "stray": "不明文件"}
    for p in problems:
        click.echo(f"{labels[p.kind]}：{p.sha}（{p.path}）", err=True)
    if problems:
        sys.exit(1)
    click.echo(f"全部 {len(known)} 个登记文件校验通过")


def register_cli(app: Flask) -> None:
    for group in (users_cli, audit_cli, demo_cli, files_cli):
        app.cli.add_command(group)
