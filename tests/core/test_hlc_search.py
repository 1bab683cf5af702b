from hypothesis import given
from hypothesis import strategies as st

from childcare_desktop.core import hlc
from childcare_desktop.core.search import pinyin_key


@given(st.lists(st.integers(min_value=0, max_value=2**40), min_size=1, max_size=50))
def test_stamps_never_decrease_whatever_the_wall_clock_does(walls: list[int]) -> None:
    last = 0
    for wall in walls:  # a clock that jumps back and forth by years
        stamp = hlc.tick(last, wall)
        assert stamp > last
        assert hlc.unpack(stamp)[0] >= wall
        last = stamp


def test_receive_moves_past_a_remote_stamp() -> None:
    remote = hlc.pack(2_000_000_000_000, 5)
    assert hlc.receive(hlc.pack(1_000, 0), remote, 1_000) == remote + 1


def test_pinyin_keys() -> None:
    assert pinyin_key("张三") == "zhangsan zs"
    assert "zxd" in pinyin_key("曾小单").split()  # 曾 as a surname is zeng
    assert "cxd" in pinyin_key("曾小单").split()
    assert pinyin_key("李<小>&明") == "lixiaoming lxm"
    assert pinyin_key("") == ""
