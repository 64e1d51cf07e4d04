"""Which rules earn their keep: per rule, how often it flagged a clause and what the bureau made of it.

Counted over the flags the user may see (the bureau's own district). A flag that continues into a newer
version of the same draft is one flag, not two: only first appearances count as raised, and only decisions
taken on them (not those carried to a continuation) count as accepted or dismissed. Resolved: the
department's next version no longer has it.
"""
from dataclasses import dataclass, field

import sqlalchemy as sa

from workflows.clause_flags import RULES

from ..extensions import db
from ..models import ClauseFlag, FlagDecision, Matter, User
from . import policy

RECENT_REASONS = 3


@dataclass
class RuleStats:
    rule_id: str
    raised: int = 0
    notes: int = 0  # of them, only a reference to a higher law (a 低 note)
    accepted: int = 0
    dismissed: int = 0
    resolved: int = 0
    reasons: list = field(default_factory=list)  # the latest dismissals: (flag, matter title)

    @property
    def decided(self) -> int:
        return self.accepted + self.dismissed

    @property
    def acceptance(self) -> float | None:
        """Accepted among decided; None before any decision."""
        return self.accepted / self.decided if self.decided else None


def rule_stats(user: User) -> list[RuleStats]:
    """Every rule of the rule set, in its order (those that never fired too), then any retired rule that has
    flags on record."""
    first = ClauseFlag.continues_id.is_(None)
    own = ClauseFlag.carried.is_(False)
    count = sa.func.count
    rows = db.session.execute(
        sa.select(ClauseFlag.rule_id, count().filter(first), count().filter(first, ClauseFlag.refers),
                  count().filter(own, ClauseFlag.decision == FlagDecision.accepted),
                  count().filter(own, ClauseFlag.decision == FlagDecision.dismissed),
                  count().filter(ClauseFlag.resolved_in_id.is_not(None)))
        .where(policy.visible(user)).group_by(ClauseFlag.rule_id)).all()
    stats = {r.id: RuleStats(r.id) for r in RULES}
    for rule_id, raised, notes, accepted, dismissed, resolved in rows:
        s = stats.setdefault(rule_id, RuleStats(rule_id))
        s.raised, s.notes, s.accepted, s.dismissed, s.resolved = raised, notes, accepted, dismissed, resolved
    for f, title in db.session.execute(
            sa.select(ClauseFlag, Matter.title).join(Matter, Matter.id == ClauseFlag.matter_id)
            .where(policy.visible(user), own, ClauseFlag.decision == FlagDecision.dismissed)
            .order_by(ClauseFlag.decided_at.desc(), ClauseFlag.id.desc()).limit(RECENT_REASONS * 50)):
        reasons = stats[f.rule_id].reasons
        if len(reasons) < RECENT_REASONS:
            reasons.append((f, title))
    return list(stats.values())
