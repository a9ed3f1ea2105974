"""The chain's remembered forms of a UUID are the ones `uuid.hex` and `uuid.bytes` give."""
from __future__ import annotations

from uuid import UUID

from hypothesis import given
from hypothesis import strategies as st

from infrastructure.audit.chain import UUID_BYTES, UUID_HEX, ByNumber, originator_bytes


class Tagged(UUID):
    """A UUID subclass: its forms are its own properties', never remembered ones."""

    @property
    def hex(self) -> str:
        return "tagged"


@given(st.uuids(version=None) | st.builds(UUID, int=st.integers(0, 2**128 - 1)))
def test_a_uuid_remembered_forms_are_its_hex_and_its_bytes(uuid):
    assert UUID_HEX[uuid.int] == uuid.hex == UUID_HEX[uuid.int]
    assert UUID_BYTES[uuid.int] == uuid.bytes == originator_bytes(uuid)


def test_an_id_other_than_a_uuid_is_its_utf8_text():
    assert originator_bytes("kalix-ø") == "kalix-ø".encode()
    assert originator_bytes(Tagged(int=5)) == UUID(int=5).bytes


def test_the_forms_remembered_are_bounded():
    made = []
    forms = ByNumber(lambda n: made.append(n) or n * 2)
    for n in range(5000):
        assert forms[n] == n * 2
    assert len(forms) <= 4096 and made == list(range(5000))
    assert forms[4999] == 9998 and made[-1] == 4999  # still remembered after the clearing
