"""Is anyone favoured? Assignments received against an even share among the eligible (公平性).

For a period, a member's even share is what it would expect if every draw had picked uniformly at random among
that draw's eligible members: the sum, over the draws in which it was eligible, of wanted / |eligible|. The
ranking does not pick uniformly (it prefers the specialty and the least loaded), so differences are expected;
what the page shows is whether they stay small and who stands out. `received` should count every assignment
the member took in the period, designations and alternates included: favouritism would show there.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from experts.verify_draw import DrawRecord, RecordKind


@dataclass(frozen=True)
class DrawShare:
    eligible: frozenset[int]
    wanted: int

    @classmethod
    def of(cls, record: DrawRecord) -> DrawShare | None:
        """A random draw that picked; designations and draws with a shortfall gave nobody a share."""
        if record.kind is not RecordKind.draw or record.shortfall is not None:
            return None
        return cls(frozenset(r.member_id for r in record.ranking), record.snapshot.request.wanted)


@dataclass(frozen=True)
class MemberShare:
    member_id: int
    eligible_in: int      # draws in which the member was eligible
    received: int
    expected: Fraction    # exact; the page rounds it
    difference: Fraction  # received - expected: positive means more than an even share


@dataclass(frozen=True)
class FairnessReport:
    rows: tuple[MemberShare, ...]  # by member id
    max_deviation: Fraction        # largest |difference|, 0 for an empty period
    most_over: int | None          # the member with the largest positive difference, if any
    most_under: int | None         # the member with the largest negative difference, if any


def fairness(draws: Iterable[DrawShare | None], received: Mapping[int, int]) -> FairnessReport:
    expected: dict[int, Fraction] = defaultdict(Fraction)
    eligible_in: dict[int, int] = defaultdict(int)
    for share in draws:
        if share is None or not share.eligible:
            continue
        each = Fraction(share.wanted, len(share.eligible))
        for member_id in share.eligible:
            expected[member_id] += each
            eligible_in[member_id] += 1
    rows = tuple(MemberShare(m, eligible_in[m], received.get(m, 0), expected[m],
                             received.get(m, 0) - expected[m])
                 for m in sorted(set(expected) | set(received)))
    over = max((r for r in rows if r.difference > 0), key=lambda r: r.difference, default=None)
    under = min((r for r in rows if r.difference < 0), key=lambda r: r.difference, default=None)
    return FairnessReport(rows, max((abs(r.difference) for r in rows), default=Fraction(0)),
                          over and over.member_id, under and under.member_id)
