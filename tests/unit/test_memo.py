"""domain.memo.Memo: each missing value worked out once, then kept."""
from domain.memo import Memo


def test_a_memo_works_out_a_missing_value_once_and_keeps_it():
    asked = []
    memo = Memo(lambda key: asked.append(key) or key * 2, {1: "seeded"})
    assert memo[3] == 6 and memo[3] == 6
    assert memo[1] == "seeded"
    assert asked == [3]
    assert dict(memo) == {1: "seeded", 3: 6}


def test_a_memo_keeps_nothing_for_a_key_whose_work_raises():
    def refuse(key):
        raise KeyError(key)

    memo = Memo(refuse)
    try:
        memo["x"]
    except KeyError:
        pass
    assert "x" not in memo
