"""Command.parse calls the model's validator as model_validate does, so the same input gives the
same command or the same InvalidInput; an option given as None is left to the model's default."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from application.commands.project import Measure, Register, Spend
from application.validation import Command
from domain.errors import InvalidInput

values = st.none() | st.text(max_size=12) | st.sampled_from(["1.00", "12,5", "-3", "resor", "SEK", "EUR", "elever"]) \
    | st.decimals(allow_nan=True, places=3) | st.integers(-5, 5) | st.lists(st.sampled_from(["utbildning", "Bad"]), max_size=2)


def as_model_validate(model: type[Command], given: dict) -> object:
    """The way parse went before: model_validate on the options given (not None)."""
    try:
        return model.model_validate({k: v for k, v in given.items() if v is not None})
    except ValidationError as e:
        error = e.errors()[0]
        return (model._field_name(error["loc"]) or model.__name__, error["msg"])


def as_parse(model: type[Command], given: dict) -> object:
    try:
        return model.parse(**given)
    except InvalidInput as e:
        return (e.field, str(e))


@pytest.mark.parametrize("model", [Spend, Measure, Register])
@given(data=st.data())
def test_parse_gives_the_command_or_the_error_model_validate_gives(model, data):
    names = [*model.model_fields, "unknown"]
    given = data.draw(st.dictionaries(st.sampled_from(names), values, max_size=len(names)))

    expected, got = as_model_validate(model, given), as_parse(model, given)

    if isinstance(expected, tuple):
        assert isinstance(got, tuple) and got[0] == expected[0] and expected[1] in got[1]
    else:
        assert got == expected and type(got) is model


def test_an_option_given_as_none_takes_the_models_default():
    assert Spend.parse(amount="5", category="resor", currency=None, rate=None) == Spend.parse(amount="5", category="resor")
    assert Spend.parse(amount="5", category="resor").amount == Decimal("5")
