"""Party names compared for conflicts: NFKC, spaces, punctuation, case, and one legal-form suffix
(公司法 Art. 7: 有限责任公司 = 有限公司, 股份有限公司 = 股份公司) — and nothing more, so distinct parties stay apart."""
from hypothesis import given, settings
from hypothesis import strategies as st

from experts.names import normalise_name, same_party


def test_full_and_half_width_and_case_and_suffix_variants_are_one_party():
    assert same_party("ＡＢＣ科技有限公司", "ABC科技有限责任公司")
    assert same_party("ａｂｃ科技　有限公司", "ABC科技")
    assert normalise_name("ＡＢＣ科技有限公司") == "abc科技"


def test_spaces_and_limited_company_forms_are_one_party():
    key = "贵州青山农业发展"
    for written in ("贵州青山农业发展有限公司", "贵州青山农业发展 有限责任公司", "贵州青山农业发展公司",
                    " 贵州 青山农业发展有限公司 ", "贵州青山农业发展股份有限公司", "贵州青山农业发展股份公司"):
        assert normalise_name(written) == key, written


def test_brackets_and_dots_are_ignored():
    assert same_party("贵州青山（集团）有限公司", "贵州青山(集团)有限公司")
    assert same_party("贵州青山（集团）有限公司", "贵州青山集团有限公司")
    assert same_party("阿依古丽·买买提", "阿依古丽买买提")
    assert same_party("张 三", "张三")


def test_distinct_parties_do_not_collide():
    assert not same_party("贵州青山集团有限公司", "贵州青山有限公司")     # a group is not its member company
    assert not same_party("贵州青山有限公司", "云南青山有限公司")         # region names are kept
    assert not same_party("贵州青山有限公司贵阳分公司", "贵州青山有限公司")  # a branch is named as such
    assert not same_party("贵州青山律师事务所", "贵州青山有限公司")       # 律师事务所 is not stripped
    assert not same_party("A&B科技有限公司", "AB科技有限公司")


def test_a_suffix_is_kept_when_too_little_would_remain():
    assert normalise_name("有限公司") == "有限公司"
    assert normalise_name("A公司") == "a公司"
    assert normalise_name("贵州有限公司") == "贵州"  # two characters remain: stripped


def test_traditional_characters_are_not_mapped():
    # Not required: a register kept in simplified characters is compared as written.
    assert not same_party("貴州青山農業發展有限公司", "贵州青山农业发展有限公司")


_FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"}


@settings(max_examples=200)
@given(core=st.text(alphabet="贵州青山农业科技发展ABCxyz019", min_size=2, max_size=10),
       suffix=st.sampled_from(["", "有限公司", "有限责任公司", "股份有限公司"]),
       spaces=st.lists(st.integers(min_value=0, max_value=20), max_size=3))
def test_writing_variants_never_change_the_key(core, suffix, spaces):
    name = core + suffix
    variant = "".join(_FULL_WIDTH.get(c, c) for c in name.upper())
    for i in sorted(spaces, reverse=True):
        variant = variant[:i] + " " + variant[i:]
    assert normalise_name(variant) == normalise_name(name)
