"""The opinion gate: a matter assessed at high or medium risk may not be let through unmitigated.

DESIGN.md §3 (NDRC 发改投资〔2012〕2492号): a high or medium stability-risk level blocks approval until the risk is
mitigated; a low level proceeds with whatever mitigation there is recorded. For the legality opinion that
means: a conclusion that lets the matter proceed (合法, 修改后合法, and 存在法律风险 for a reform pilot under Decree 713
Art. 25, which proceeds with its risks stated) cannot be issued on a high or medium level without recorded
mitigation measures and the bureau director's sign-off on them. An opinion concluding 不合法 is not gated: it
stops the matter, which is itself the answer to the risk.
"""
from __future__ import annotations

from workflows.message import Message, Refusal
from workflows.review import CONCLUSION_LABELS, Conclusion
from workflows.risk.factors import LEVEL_LABELS, Level
from workflows.text import N_

GATED_CONCLUSIONS = frozenset({Conclusion.lawful, Conclusion.lawful_if_amended, Conclusion.risk_stated})
GATED_LEVELS = frozenset({Level.high, Level.medium})
GATE_BASIS = N_("发改投资〔2012〕2492号；本区诉讼风险评估规则")

_MISSING = {
    (True, True): N_("诉讼风险等级为%(level)s，出具“%(conclusion)s”结论前须记录风险防范化解措施，并经司法局负责人签批"),
    (True, False): N_("诉讼风险等级为%(level)s，出具“%(conclusion)s”结论前须记录风险防范化解措施"),
    (False, True): N_("诉讼风险等级为%(level)s，风险防范化解措施须经司法局负责人签批后方可出具“%(conclusion)s”结论"),
}


def opinion_gate(conclusion: Conclusion, level: Level | None, mitigation_recorded: bool,
                 director_signed_off: bool) -> Refusal | None:
    """None when the opinion may be issued; otherwise what is missing. `level` None means no assessment was
    recorded, which is refused for a conclusion that lets the matter proceed."""
    if conclusion not in GATED_CONCLUSIONS:
        return None
    if level is None:
        return Refusal(Message(N_("尚未完成诉讼风险评估，不能出具“%(conclusion)s”结论"),
                               {"conclusion": CONCLUSION_LABELS[conclusion]}), GATE_BASIS)
    if level not in GATED_LEVELS or (mitigation_recorded and director_signed_off):
        return None
    template = _MISSING[(not mitigation_recorded, not director_signed_off)]
    params = {"level": LEVEL_LABELS[level], "conclusion": CONCLUSION_LABELS[conclusion]}
    return Refusal(Message(template, params), GATE_BASIS)
