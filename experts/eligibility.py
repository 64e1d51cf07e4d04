"""Who may be drawn for a matter on a given day, and why the others may not (hard filters).

A member is eligible on the draw date when it is active (not suspended, not exited), the date lies within its
term (term_start <= day <= term_end, both days included), it has no conflict with the matter (experts.conflicts)
and its open assignments are below its load cap (experts.load says which assignments are open). The filters are
computed in experts.verify_draw, which the standalone verifier shares; this module adds what a page shows: a
Chinese message and the rule's source for every exclusion.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from experts.conflicts import RELATION_LABELS
from experts.verify_draw import (DEFAULT_RULES, Exclusion, MatterParty, Member, Reason, RelatedParty,
                                 RelationKind, Rules, find_exclusions)
from workflows.text import N_


@dataclass(frozen=True)
class ReasonInfo:
    label: str    # short, for a column or a filter
    message: str  # a sentence with %(name)s fields filled from the exclusion's detail (see message_args)
    source: str   # the rule it rests on


REASONS = {
    Reason.exited: ReasonInfo(N_("已退出"), N_("已退出专家库"),
                              "Decree 713 Art. 21（专家库退出机制）; DESIGN.md §3"),
    Reason.suspended: ReasonInfo(N_("暂停"), N_("暂停履职期间不参与抽取"),
                                 "中办发〔2016〕30号; DESIGN.md §3（暂停的专家不予指派）"),
    Reason.term_not_started: ReasonInfo(N_("聘期未开始"), N_("聘期自 %(term_start)s 起，抽取日尚未开始"),
                                        "中办发〔2016〕30号（聘期 1 至 3 年）; DESIGN.md §3"),
    Reason.term_ended: ReasonInfo(N_("聘期已满"), N_("聘期已于 %(term_end)s 届满"),
                                  "中办发〔2016〕30号（聘期 1 至 3 年）; DESIGN.md §3"),
    Reason.related_party: ReasonInfo(
        N_("利害关系"), N_("与本事项当事人“%(matter_party)s”存在%(relation)s关系（登记为“%(party)s”，%(until)s）"),
        "DESIGN.md §3 回避，参照政府采购法实施条例 Art. 9（前3年内）; 民法典 Art. 1259（以内包括本数）"),
    Reason.drafted_matter: ReasonInfo(N_("参与起草"), N_("参与了本事项的起草"),
                                      "DESIGN.md §3 回避（参与起草事项），参照浙江省政府采购评审专家管理办法（2017）回避情形（verify）"),
    Reason.lawyer_engagement: ReasonInfo(N_("本所律师回避"), N_("本所律师%(via)s因%(cause)s需回避，律师事务所一并回避"),
                                         "律师法 Art. 25（律师事务所统一接受委托）; 律师执业行为规范（试行）Art. 51（verify）"),
    Reason.firm_conflict: ReasonInfo(N_("所属律所回避"), N_("所属律师事务所%(via)s需回避"),
                                     "DESIGN.md §3（律师事务所回避的，其律师一并回避）"),
    Reason.load_cap_reached: ReasonInfo(N_("任务已满"), N_("在办任务 %(open_load)s 件，已达上限 %(load_cap)s 件"),
                                        "本地规则：专家库名册中的在办任务上限"),
}
_CAUSE_LABELS = {Reason.related_party.value: N_("与当事人存在委托关系"),
                 Reason.drafted_matter.value: N_("参与本事项起草")}


def message_args(exclusion: Exclusion) -> dict[str, str | int]:
    """The exclusion's detail with codes replaced by labels, ready for `REASONS[reason].message % args` (or
    for gettext's keyword arguments once the adapter translates)."""
    args = dict(exclusion.detail)
    if "relation" in args:
        args["relation"] = RELATION_LABELS[RelationKind(args["relation"])]
    if "end" in args:
        args["until"] = N_("至 %(end)s") % {"end": args["end"]} if args["end"] else N_("持续中")
    if "cause" in args:
        args["cause"] = _CAUSE_LABELS[args["cause"]]
    return args


def describe(exclusion: Exclusion) -> str:
    return REASONS[exclusion.reason].message % message_args(exclusion)


@dataclass(frozen=True)
class Explained:
    exclusion: Exclusion
    message: str
    source: str

    @property
    def member_id(self) -> int:
        return self.exclusion.member_id

    @property
    def reason(self) -> Reason:
        return self.exclusion.reason


@dataclass(frozen=True)
class Eligibility:
    eligible: tuple[Member, ...]
    excluded: tuple[Explained, ...]  # every reason of every excluded member, ordered by member then reason

    def reasons_for(self, member_id: int) -> list[Explained]:
        return [e for e in self.excluded if e.member_id == member_id]


def assess(members: Iterable[Member], related_parties: Iterable[RelatedParty],
           matter_parties: Iterable[MatterParty], day: date, rules: Rules = DEFAULT_RULES) -> Eligibility:
    """The hard filters on `day`, exactly as a draw on that day applies them."""
    members = tuple(members)
    exclusions = find_exclusions(members, related_parties, matter_parties, day, rules)
    excluded = {e.member_id for e in exclusions}
    return Eligibility(tuple(m for m in members if m.id not in excluded),
                       tuple(Explained(e, describe(e), REASONS[e.reason].source) for e in exclusions))
