"""What a legality-review opinion must contain before the bureau sends it to its director for sign-off.

Decree 713 Art. 27: the review covers whether the matter is within the statutory authority of its maker,
whether the statutory procedure was followed, and whether its content is lawful; the opinion records a finding
and a note on each (国办发〔2018〕115号 reviews normative documents on the same three points). The conclusion
must agree with the findings: 合法 only when all three are met, 不合法 only when one is not met.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from workflows.review import Conclusion
from workflows.text import N_


class Content(str, Enum):
    authority = "authority"  # 制定主体和权限
    procedure = "procedure"  # 法定程序
    content = "content"      # 内容合法性


class Finding(str, Enum):
    met = "met"
    partly_met = "partly_met"
    not_met = "not_met"


CONTENT_LABELS = {
    Content.authority: N_("是否超越法定职权"),
    Content.procedure: N_("是否违反法定程序"),
    Content.content: N_("内容是否合法"),
}
FINDING_LABELS = {
    Finding.met: N_("符合规定"),
    Finding.partly_met: N_("基本符合，需修改完善"),
    Finding.not_met: N_("不符合规定"),
}
ARTICLE = N_("《重大行政决策程序暂行条例》第二十七条")


@dataclass(frozen=True)
class OpinionDraft:
    conclusion: Conclusion | None
    reasons: str
    findings: dict[Content, Finding]
    point_count: int


def refusals(draft: OpinionDraft) -> list[str]:
    """Why the draft cannot go to the director yet (empty when it can); each message is marked for translation."""
    out = []
    if draft.conclusion is None:
        out.append(N_("请选择审核结论"))
    if not draft.reasons.strip():
        out.append(N_("请填写审核理由"))
    missing = [c for c in Content if c not in draft.findings]
    if missing:
        out.append(N_("请对审核内容逐项作出认定（《重大行政决策程序暂行条例》第二十七条：职权、程序、内容）"))
    if draft.conclusion is Conclusion.lawful_if_amended and not draft.point_count:
        out.append(N_("结论为“修改后合法”时至少需要一条修改意见"))
    if not missing and draft.conclusion is not None:
        findings = set(draft.findings.values())
        if draft.conclusion is Conclusion.lawful and findings != {Finding.met}:
            out.append(N_("结论为“合法”时，职权、程序、内容三项均应认定为符合规定"))
        if draft.conclusion is Conclusion.unlawful and Finding.not_met not in findings:
            out.append(N_("结论为“不合法”时，至少应有一项认定为不符合规定"))
        if draft.conclusion is Conclusion.lawful_if_amended and Finding.not_met in findings:
            out.append(N_("有一项认定为不符合规定的，结论不能是“修改后合法”"))
    return out
