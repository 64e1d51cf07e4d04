"""The bureau's sentences and reports from the case rows alone (workflows.summaries, workflows.figures): the
seed year's reconsideration sentence, the litigation sentence, the quarterly bulletin with its special notice,
the month-end ledger, and the figures per unit and period."""
from datetime import date

from workflows.calendar import WorkingCalendar
from workflows.dispute_centre import DisputeCase, Outcome as DisputeOutcome, Stage
from workflows.figures import Granularity, PeriodKey, figures, period_of
from workflows.litigation import Appearance, Area, Hearing, LateKind, Lawsuit, Outcome as LawsuitOutcome
from workflows.reconsideration import Outcome as ReconOutcome, ReconsiderationCase
from workflows.summaries import (
    litigation_sentence, month_end_ledger, quarterly_bulletin, reconsideration_sentence,
)

CAL = WorkingCalendar()


def recon(n: int, outcome: ReconOutcome | None, concluded: date | None) -> ReconsiderationCase:
    return ReconsiderationCase(f"观府复〔2023〕{n}号", "区自然资源局", date(2023, 1, 3), accepted=date(2023, 1, 5),
                               outcome=outcome, concluded_on=concluded)


def seed_reconsiderations() -> list[ReconsiderationCase]:
    mix = ([ReconOutcome.mediated] * 30 + [ReconOutcome.settled] * 12 + [ReconOutcome.quash] * 20
           + [ReconOutcome.uphold] * 60 + [ReconOutcome.dismiss] * 10 + [ReconOutcome.withdrawn] * 8)
    cases = [recon(i, o, date(2023, 1 + i % 12, 10)) for i, o in enumerate(mix)]
    # Not in 2023's figures: concluded the year before, or still open.
    return cases + [recon(900, ReconOutcome.mediated, date(2022, 12, 30)), recon(901, None, None)]


def test_the_seed_year_140_concluded_42_settled_or_mediated_gives_30_percent_and_the_bureau_sentence():
    assert str(reconsideration_sentence(2023, seed_reconsiderations())) == \
        "2023年行政复议案件审结140件,通过和解、调解方式实质性化解行政争议42件,化解率为30%。"


def test_a_year_without_concluded_cases_says_so_and_invents_no_rate():
    assert str(reconsideration_sentence(2024, seed_reconsiderations())) == "2024年行政复议案件审结0件。"


def test_the_sentence_keeps_its_clauses_apart_for_translation():
    sentence = reconsideration_sentence(2023, seed_reconsiderations())
    assert [c.template for c in sentence.clauses] == [
        "%(year)s年行政复议案件审结%(concluded)s件", "通过和解、调解方式实质性化解行政争议%(resolved)s件",
        "化解率为%(rate)s"]


def suit(n: int, year: int, outcome: LawsuitOutcome, resolved=False, head=True) -> Lawsuit:
    who = Appearance.deputy_head if head else Appearance.staff
    hearings = () if resolved else (Hearing(date(year, 5, 6), who, "" if head else "公务"),)
    return Lawsuit(f"（{year}）黔0111行初{n}号", "区城市管理局", Area.demolition, date(year, 3, 1),
                   hearings=hearings, outcome=outcome, outcome_on=date(year, 6, 1), resolved_in_suit=resolved)


def test_the_litigation_sentence_with_resolutions_loss_rate_change_and_head_appearance():
    lawsuits = ([suit(i, 2022, LawsuitOutcome.quash if i < 59 else LawsuitOutcome.dismiss_claims,
                      head=i % 2 == 0) for i in range(200)]
                + [suit(i, 2023, LawsuitOutcome.confirm_illegal) for i in range(6)]
                + [suit(i, 2023, LawsuitOutcome.withdrawal_allowed, resolved=True) for i in range(6, 23)]
                + [suit(i, 2023, LawsuitOutcome.dismiss_claims) for i in range(23, 60)])
    disputes = ([DisputeCase(f"化解{i}", "区城市管理局", Stage.before_suit, date(2023, 2, 1),
                             outcome=DisputeOutcome.resolved, concluded_on=date(2023, 3, 1))
                 for i in range(8)]
                + [DisputeCase("化解8", "区城市管理局", Stage.before_suit, date(2023, 2, 1),
                               outcome=DisputeOutcome.not_resolved, concluded_on=date(2023, 3, 1)),
                   DisputeCase("化解9", "区城市管理局", Stage.before_suit, date(2022, 2, 1),
                               outcome=DisputeOutcome.resolved, concluded_on=date(2022, 3, 1))])
    # 2022: 59/200 = 29.5%; 2023: 6/60 = 10%, down 19.5 points; 43 heard, a deputy head at each.
    assert str(litigation_sentence(2023, lawsuits, disputes)) == (
        "2023年行政诉讼案件审结60件,诉前化解行政争议8件、诉中化解17件,败诉率为10%,较上年下降19.5个百分点,"
        "行政机关负责人出庭应诉率为100%。")
    assert str(litigation_sentence(2022, lawsuits, disputes)) == (
        "2022年行政诉讼案件审结200件,诉前化解行政争议1件、诉中化解0件,败诉率为29.5%,行政机关负责人出庭应诉率为50%。")


ZR, CG = "区自然资源局", "区城市管理局"
LAWSUITS = [
    # On time throughout, lost in September, loss reported in time (09-11 + 15 = 09-26, Mid-Autumn → 09-28).
    Lawsuit("A1", ZR, Area.expropriation, date(2026, 7, 6), filed_with_bureau=date(2026, 7, 6),
            defence_submitted=date(2026, 7, 20),
            hearings=(Hearing(date(2026, 8, 20), Appearance.principal_head),),
            outcome=LawsuitOutcome.quash, outcome_on=date(2026, 9, 10), outcome_served=date(2026, 9, 11),
            loss_report_submitted=date(2026, 9, 25)),
    # Filed late (due 09-20), defence still outstanding (due 10-08).
    Lawsuit("A2", ZR, Area.expropriation, date(2026, 9, 16), filed_with_bureau=date(2026, 9, 23)),
    # Received 2025, still open: carried over in the ledger.
    Lawsuit("B0", CG, Area.penalty, date(2025, 11, 3), filed_with_bureau=date(2025, 11, 4),
            defence_submitted=date(2025, 11, 10)),
    # Filed late in April and made good then: not noticed again in the third quarter. A hearing to come.
    Lawsuit("B2", CG, Area.penalty, date(2026, 4, 1), filed_with_bureau=date(2026, 4, 20),
            defence_submitted=date(2026, 4, 10), hearings=(Hearing(date(2026, 10, 20), Appearance.nobody),)),
    # Only a lawyer at the July hearing; won in August.
    Lawsuit("B1", CG, Area.demolition, date(2026, 6, 1), filed_with_bureau=date(2026, 6, 2),
            defence_submitted=date(2026, 6, 10),
            hearings=(Hearing(date(2026, 7, 15), Appearance.lawyer_only),),
            outcome=LawsuitOutcome.dismiss_claims, outcome_on=date(2026, 8, 30)),
]
RECONS = [ReconsiderationCase("R1", CG, date(2026, 6, 1), accepted=date(2026, 6, 3),
                              outcome=ReconOutcome.settled, concluded_on=date(2026, 8, 1))]
DISPUTES = [DisputeCase("D1", ZR, Stage.before_suit, date(2026, 7, 1), outcome=DisputeOutcome.resolved,
                        concluded_on=date(2026, 7, 20))]


def test_the_quarterly_bulletin_per_unit_and_its_special_notice():
    b = quarterly_bulletin(2026, 3, LAWSUITS, RECONS, DISPUTES, as_of=date(2026, 10, 12), cal=CAL)
    assert str(b.title) == "2026年第三季度行政应诉工作情况通报"
    assert [(r.unit, r.lawsuits_received, r.loss_rate.text, r.head_appearance_rate.text,
             r.resolution_rate.text, r.pre_suit_resolutions) for r in b.rows] == [
        (CG, 0, "0%", "0%", "100%", 0),
        (ZR, 2, "100%", "100%", "—", 1),
    ]
    t = b.total
    assert (t.unit, t.lawsuits_received, t.loss_rate.numerator, t.loss_rate.denominator,
            t.head_appearance_rate.text) == (None, 2, 1, 2, "50%")
    assert [(i.case_no, i.day, i.done) for i in b.late_filings] == [
        ("A2", date(2026, 9, 20), date(2026, 9, 23))]
    assert b.late_defences == ()  # A2's defence falls due on 10-08: the fourth quarter's notice lists it
    assert [(i.case_no, i.kind, str(i.message)) for i in b.missed_appearances] == [
        ("B1", LateKind.missed_appearance, "2026-07-15开庭，负责人和工作人员均未出庭，仅委托律师出庭")]
    assert b.late_loss_reports == ()


def test_the_next_quarter_notices_what_is_still_outstanding_but_not_old_appearances():
    b = quarterly_bulletin(2026, 4, LAWSUITS, RECONS, DISPUTES, as_of=date(2026, 12, 31), cal=CAL)
    assert [i.case_no for i in b.late_filings] == []
    assert [(i.case_no, str(i.message)) for i in b.late_defences] == [("A2", "期限2026-10-08，至今未完成，已逾期84日")]
    assert [(i.case_no, i.day) for i in b.missed_appearances] == [("B2", date(2026, 10, 20))]


def test_the_month_end_ledger_accumulates_from_january_and_carries_open_cases_over():
    rows = month_end_ledger(LAWSUITS, 2026, 9)
    assert [(r.unit, r.received, r.loss_rate.denominator, r.loss_rate.numerator, r.pending)
            for r in rows] == [
        (CG, 2, 1, 0, 2),
        (ZR, 2, 1, 1, 1),
        (None, 4, 2, 1, 3),
    ]
    assert [(r.unit, r.received, r.pending) for r in month_end_ledger(LAWSUITS, 2026, 6)] == [
        (CG, 2, 3), (ZR, 0, 0), (None, 2, 3)]


def test_periods_and_figures_by_unit_and_quarter():
    assert period_of(date(2026, 9, 30), Granularity.quarter) == PeriodKey(2026, 3)
    assert PeriodKey(2026, 4).last_day == date(2026, 12, 31)
    assert PeriodKey(2026, 2).last_day == date(2026, 6, 30)
    assert str(PeriodKey(2026, 1).label) == "2026年第一季度" and str(PeriodKey(2026).label) == "2026年"
    rows = figures(LAWSUITS, RECONS, DISPUTES, Granularity.quarter)
    assert [(str(r.period.label), r.unit, r.lawsuits_received, r.loss_rate.denominator) for r in rows] == [
        ("2025年第四季度", CG, 1, 0), ("2025年第四季度", ZR, 0, 0), ("2025年第四季度", None, 1, 0),
        ("2026年第二季度", CG, 2, 0), ("2026年第二季度", ZR, 0, 0), ("2026年第二季度", None, 2, 0),
        ("2026年第三季度", CG, 0, 1), ("2026年第三季度", ZR, 2, 1), ("2026年第三季度", None, 2, 2),
    ]
