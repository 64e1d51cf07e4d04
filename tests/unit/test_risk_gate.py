"""The opinion gate (workflows.risk.gate), NDRC 发改投资〔2012〕2492号 as DESIGN.md §3 applies it: high or medium
risk blocks a conclusion that lets the matter proceed until mitigation is recorded and the director has signed
off; low proceeds; an unlawful conclusion is not gated."""
import pytest

from workflows.review import Conclusion
from workflows.risk.factors import Level
from workflows.risk.gate import opinion_gate

PROCEEDING = [Conclusion.lawful, Conclusion.lawful_if_amended, Conclusion.risk_stated]


@pytest.mark.parametrize("level", [Level.high, Level.medium])
@pytest.mark.parametrize("conclusion", PROCEEDING)
def test_high_and_medium_risk_are_allowed_only_with_mitigation_and_sign_off(level, conclusion):
    assert opinion_gate(conclusion, level, mitigation_recorded=True, director_signed_off=True) is None
    for mitigation, signed in [(False, True), (True, False), (False, False)]:
        refusal = opinion_gate(conclusion, level, mitigation, signed)
        assert refusal is not None and refusal.basis == "发改投资〔2012〕2492号；本区诉讼风险评估规则"


@pytest.mark.parametrize("mitigation, signed, message", [
    (False, True, "诉讼风险等级为高，出具“合法”结论前须记录风险防范化解措施"),
    (True, False, "诉讼风险等级为高，风险防范化解措施须经司法局负责人签批后方可出具“合法”结论"),
    (False, False, "诉讼风险等级为高，出具“合法”结论前须记录风险防范化解措施，并经司法局负责人签批"),
])
def test_the_refusal_says_exactly_what_is_missing(mitigation, signed, message):
    assert str(opinion_gate(Conclusion.lawful, Level.high, mitigation, signed).message) == message


def test_medium_risk_on_lawful_if_amended_names_its_level_and_conclusion():
    refusal = opinion_gate(Conclusion.lawful_if_amended, Level.medium, False, True)
    assert str(refusal.message) == "诉讼风险等级为中，出具“修改后合法”结论前须记录风险防范化解措施"


@pytest.mark.parametrize("conclusion", PROCEEDING)
def test_low_risk_proceeds_with_or_without_mitigation(conclusion):
    assert opinion_gate(conclusion, Level.low, False, False) is None


@pytest.mark.parametrize("level", [Level.high, Level.medium, Level.low, None])
def test_an_unlawful_conclusion_is_not_gated(level):
    assert opinion_gate(Conclusion.unlawful, level, False, False) is None


def test_no_assessment_blocks_a_proceeding_conclusion():
    assert str(opinion_gate(Conclusion.lawful, None, True, True).message) == "尚未完成诉讼风险评估，不能出具“合法”结论"
