"""Conflicts of interest (利益冲突/回避) between pool members and a matter's parties.

DESIGN.md §3, modelled on the avoidance rules for public-procurement experts (政府采购法实施条例 Art. 9;
财库〔2016〕198号 Art. 16 (verify)): a member is excluded from a matter when
- one of its related parties (client represented, opponent in litigation, ownership, family tie) has the same
  normalised name as one of the matter's parties (counterparty or affected party), and the relation is ongoing or
  ended on or after the same date three years before the draw date (that day included: Civil Code Art. 1259);
- it took part in drafting the matter;
- its firm is excluded for a conflict (a firm's conflict excludes each of its lawyers);
- for a firm: one of its lawyers has a client engagement with a party or drafted the matter, since a lawyer's
  engagements are its firm's (律师法 Art. 25). A lawyer's personal ties (family, ownership, its own litigation)
  do not exclude the firm: no rule found says so.

The rules are computed in experts.verify_draw (the standalone verifier replays them); this module gives the app
the same names plus the labels its pages show.
"""
from experts.verify_draw import (
    ENGAGEMENT_RELATIONS, Exclusion, MatterParty, Member, MemberKind, PartyRole, Reason,
    RelatedParty, RelationKind, conflict_window_start, find_conflicts, relation_in_window)
from workflows.text import N_

__all__ = ["ENGAGEMENT_RELATIONS", "Exclusion", "MatterParty", "Member", "MemberKind",
           "PARTY_ROLE_LABELS", "PartyRole", "RELATION_LABELS", "Reason", "RelatedParty", "RelationKind",
           "conflict_window_start", "find_conflicts", "relation_in_window"]

RELATION_LABELS = {
    RelationKind.client: N_("委托代理/法律顾问"),
    RelationKind.opponent: N_("诉讼/仲裁对立"),
    RelationKind.ownership: N_("投资/持股"),
    RelationKind.family: N_("近亲属"),
}
PARTY_ROLE_LABELS = {
    PartyRole.counterparty: N_("相对方"),
    PartyRole.affected: N_("利害关系人"),
}
