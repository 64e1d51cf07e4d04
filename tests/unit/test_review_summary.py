"""The review side of the annual summary and the board's rates (workflows.review_summary)."""
from workflows.review import Category
from workflows.review_summary import BoardMeasure, Ratio, review_sentence

SEED_2023 = {Category.agreement: 117, Category.major_decision: 12, Category.normative_document: 7,
             Category.opinion_request: 70}


def test_the_seed_year_in_the_bureaus_words():
    assert str(review_sentence(2023, SEED_2023)) == \
        "2023年来,共计审核重点项目协议117份,行政决策合法性文件12份,规范性文件7件,处理法律意见征询函70份。"


def test_a_kind_without_matters_is_left_out_and_the_first_kind_carries_the_total_words():
    assert str(review_sentence(2024, {Category.normative_document: 3, Category.opinion_request: 0})) == \
        "2024年来,共计审核规范性文件3件。"
    assert str(review_sentence(2024, {Category.opinion_request: 5})) == "2024年来,处理法律意见征询函5份。"


def test_a_year_without_any_review_says_so():
    assert str(review_sentence(2025, {})) == "2025年来,未办理合法性审核事项。"


def test_clauses_stay_apart_for_translation():
    sentence = review_sentence(2023, SEED_2023)
    assert [c.template for c in sentence.clauses] == [
        "%(year)s年来", "共计审核%(items)s", "行政决策合法性文件%(n)s份", "规范性文件%(n)s件",
        "处理法律意见征询函%(n)s份"]
    assert sentence.clauses[1].params["items"].template == "重点项目协议%(n)s份"


def test_board_rates_round_as_reported_and_show_their_formula():
    assert Ratio(BoardMeasure.coverage_rate, 11, 12).text == "91.7%"
    assert Ratio(BoardMeasure.adoption_rate, 0, 0).text == "—"
    assert Ratio(BoardMeasure.on_time_rate, 3, 4).label == "按期办结率"
    assert "÷" in Ratio(BoardMeasure.coverage_rate, 1, 1).formula
