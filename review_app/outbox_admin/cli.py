"""`flask jobs health`, `flask jobs remind`, `flask jobs sweep`."""
import sys
from datetime import timedelta

import click
from flask import current_app
from flask.cli import AppGroup

from ..extensions import db
from ..models.base import utcnow
from .health import check, minutes

jobs_cli = AppGroup("jobs", help="后台任务")


def _age(age) -> str:
    return "-" if age is None else f"{minutes(age)} 分钟"


@jobs_cli.command("health")
@click.option("--max-age", "max_age", type=int, default=None,
              help="允许的最长等待（分钟），默认 OUTBOX_ALERT_MINUTES")
def health(max_age):
    """报告队列长度、最早排队任务和最早未送达通知的等待时间。

    退出状态：0 正常；1 超过阈值；2 Redis 无法连接。"""
    h = check(current_app, utcnow())
    if max_age is None:
        max_age = current_app.config["OUTBOX_ALERT_MINUTES"]
    threshold = timedelta(minutes=max_age)
    for name, n in h.queued.items():
        click.echo(f"队列 {name}：排队 {n}，失败 {h.failed_jobs[name]}")
    click.echo(f"最早排队任务：{_age(h.oldest_job_age)}")
    click.echo(f"未送达通知：{h.undelivered}，最早一条已等待 {_age(h.oldest_undelivered_age)}；"
               f"投递失败 {h.failed_deliveries}")
    problems = h.problems(threshold)
    for p in problems:
        click.echo(f"异常：{p}（阈值 {minutes(threshold)} 分钟）", err=True)
    if h.redis_error:
        sys.exit(2)
    if problems:
        sys.exit(1)
    click.echo("正常")


@jobs_cli.command("remind")
def remind():
    """立即运行全部提醒（按去重键，不会重复提醒）。"""
    from ..reminders.jobs import send_reminders
    for name, n in send_reminders().items():
        click.echo(f"{name}：新提醒 {n} 条")
    db.session.commit()


@jobs_cli.command("sweep")
def sweep():
    """立即清扫通知发件箱：重新排队应再投递的通知。"""
    from ..notifications.jobs import sweep_outbox
    click.echo(f"重新排队 {sweep_outbox()} 条投递")
