"""The county's default service plan of each colour (四级分类服务) in its policy: the
defaults are complete, an override merges in, a bad value is refused at its path."""

from __future__ import annotations

from typing import Any

import pytest

from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.policy import DEFAULT_POLICY, PROBLEMS, load_policy
from childcare_desktop.core.vocab import RiskColour


def test_every_colour_has_a_default_plan() -> None:
    plans = DEFAULT_POLICY.service_plans
    assert set(plans) == set(RiskColour)
    red = plans[RiskColour.RED]
    assert red.measures and all(m.strip() for m in red.measures)
    assert "每周" in red.frequency and red.responsible.startswith("儿童主任")
    assert red.measures_text.splitlines() == list(red.measures)


def test_a_county_overrides_one_colour_and_keeps_the_rest() -> None:
    policy = load_policy(
        {
            "service_plans": {
                "blue": {"measures": ["每月电话联系", "每季度入户"], "frequency": "每月"}
            }
        }
    )
    blue = policy.service_plans[RiskColour.BLUE]
    assert blue.measures == ("每月电话联系", "每季度入户") and blue.frequency == "每月"
    assert blue.responsible == DEFAULT_POLICY.service_plans[RiskColour.BLUE].responsible
    assert policy.service_plans[RiskColour.RED] == DEFAULT_POLICY.service_plans[RiskColour.RED]


@pytest.mark.parametrize(
    ("override", "path", "problem"),
    [
        ({"red": {"measures": []}}, "service_plans.red.measures", "measures"),
        ({"red": {"measures": "每周联系"}}, "service_plans.red.measures", "measures"),
        ({"yellow": {"measures": ["联系", "  "]}}, "service_plans.yellow.measures.1", "text"),
        ({"blue": {"responsible": ""}}, "service_plans.blue.responsible", "text"),
        ({"green": {"frequency": 7}}, "service_plans.green.frequency", "text"),
        ({"green": {"frequency": "月" * 101}}, "service_plans.green.frequency", "text"),
        ({"red": "每周"}, "service_plans.red", "shape"),
        ({"purple": {"measures": ["x"]}}, "service_plans.purple", "unknown_key"),
        ({"red": {"who": "x"}}, "service_plans.red.who", "unknown_key"),
    ],
)
def test_a_bad_value_is_refused_with_its_path(override: Any, path: str, problem: str) -> None:
    with pytest.raises(ValidationError) as refused:
        load_policy({"service_plans": override})
    err = refused.value
    assert err.kind is Kind.POLICY_INVALID
    assert (err.field, err.params["problem"]) == (path, problem)
    assert problem in PROBLEMS
