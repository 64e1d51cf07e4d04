"""Flags of a revised draft: which of the previous version's flags no longer apply."""
import pytest

from workflows.clause_flags import fingerprint, flag, pair, resolved
from workflows.clauses import split
from workflows.review import Category

V1 = [
    "第一条 为了加强城市道路两侧物料堆放管理，制定本办法。",
    "第二条 任何单位和个人不得在城市道路两侧擅自堆放物料。",
    "第三条 未经区城市管理局批准，任何单位和个人不得在城市道路设置临时摊点。",
    "第四条 对有证据证明违法堆放的物料，区城市管理局可以予以扣押。",
    "第五条 违反本办法第二条规定的，由区城市管理局责令限期改正，并处五百元以上二千元以下罚款。",
    "第六条 本办法自2026年1月1日起施行。",
]


def _flags(paragraphs):
    return flag(split(paragraphs).clauses, Category.normative_document)


@pytest.mark.parametrize("fixed", [
    "第五条 违反本办法第二条规定的，由区城市管理局依照有关法律、法规的规定处理。",
    # Now only a reference: the 低 note that replaces the flag does not continue it.
    "第五条 违反本办法第二条规定的，由区城市管理局依照《城市市容和环境卫生管理条例》第三十四条的规定，"
    "并处五百元以上二千元以下罚款。",
])
def test_the_fixed_clause_is_resolved_and_the_others_still_apply(fixed):
    v2 = V1[:4] + [fixed] + V1[5:]
    old, new = _flags(V1), _flags(v2)
    assert [(f.clause_label, f.rule_id) for f in resolved(old, new)] == [("第五条", "penalty.created")]


def test_a_clause_renumbered_unchanged_is_not_resolved():
    # 第一条 deleted: everything moves up one, 第五条 becomes 第四条 and its cross-reference 第二条 becomes 第一条.
    v2 = [
        "第一条 任何单位和个人不得在城市道路两侧擅自堆放物料。",
        "第二条 未经区城市管理局批准，任何单位和个人不得在城市道路设置临时摊点。",
        "第三条 对有证据证明违法堆放的物料，区城市管理局可以予以扣押。",
        "第四条 违反本办法第一条规定的，由区城市管理局责令限期改正，并处五百元以上二千元以下罚款。",
        "第五条 本办法自2026年1月1日起施行。",
    ]
    old, new = _flags(V1), _flags(v2)
    assert resolved(old, new) == []
    continued = {o.clause_label: n.clause_label for o, n in pair(old, new)}
    assert continued == {"第三条": "第二条", "第四条": "第三条", "第五条": "第四条"}


def test_an_offending_clause_reworded_around_the_same_words_is_not_resolved():
    v2 = V1[:4] + ["第五条 在城市道路两侧擅自堆放物料的，由区城市管理局并处五百元以上二千元以下罚款。"] + V1[5:]
    assert resolved(_flags(V1), _flags(v2)) == []


def test_a_deleted_clause_is_resolved_even_when_a_later_one_takes_its_number():
    # 第四条 (扣押) deleted; the fine moves up to 第四条 and keeps its flag.
    v2 = V1[:3] + ["第四条 违反本办法第二条规定的，由区城市管理局责令限期改正，并处五百元以上二千元以下罚款。",
                   "第五条 本办法自2026年1月1日起施行。"]
    gone = resolved(_flags(V1), _flags(v2))
    assert [(f.clause_label, f.rule_id) for f in gone] == [("第四条", "coercion.measure")]


def test_fingerprint_ignores_whitespace_and_cross_referenced_article_numbers():
    assert fingerprint("违反本办法第二条规定的，处 五百元 罚款。") == fingerprint("违反本办法第一条规定的，处五百元罚款。")
    assert fingerprint("处五百元罚款。") != fingerprint("处一千元罚款。")


def test_nothing_resolves_between_identical_versions():
    flags = _flags(V1)
    assert len(flags) == 3 and resolved(flags, _flags(V1)) == []
    assert resolved(flags, []) == flags
