"""The library's own conformance case for a transcoder, run against ours.

Our transcoder is the library's JSONTranscoder with our types registered, so it shares that
transcoder's documented limits: JSON has no tuple, and subclasses of dict, list, str and int are
encoded as their base type. The library's own test of JSONTranscoder skips those six cases; here they
are replaced by tests that pin the limit down, and the event round-trip property
(test_event_roundtrip.py) shows that no event of ours carries such a value."""

from __future__ import annotations

from eventsourcing.tests import persistence as library

from infrastructure.transcoding import UdsynTranscoder


class TestUdsynTranscoderConformance(library.TranscoderTestCase):
    def construct_transcoder(self) -> UdsynTranscoder:
        transcoder = UdsynTranscoder()
        # The conformance case's own custom types, as its documentation asks us to register them.
        transcoder.register(library.CustomType1AsDict())
        transcoder.register(library.CustomType2AsDict())
        return transcoder

    def test_tuple(self) -> None:
        """A tuple comes back as a list, so events must hold lists, never tuples."""
        self.assertEqual(self.transcoder.decode(self.transcoder.encode((1, "a", ()))), [1, "a", []])

    def test_mixed(self) -> None:
        obj = {"a": (1, 2), "b": [3, 4]}
        self.assertEqual(self.transcoder.decode(self.transcoder.encode(obj)), {"a": [1, 2], "b": [3, 4]})

    def test_dict_subclass(self) -> None:
        copy = self.transcoder.decode(self.transcoder.encode(library.Mydict({"a": 1})))
        self.assertIs(type(copy), dict)
        self.assertEqual(copy, {"a": 1})

    def test_list_subclass(self) -> None:
        copy = self.transcoder.decode(self.transcoder.encode(library.MyList([1, "a"])))
        self.assertIs(type(copy), list)
        self.assertEqual(copy, [1, "a"])

    def test_str_subclass(self) -> None:
        copy = self.transcoder.decode(self.transcoder.encode(library.MyStr("a")))
        self.assertIs(type(copy), str)
        self.assertEqual(copy, "a")

    def test_int_subclass(self) -> None:
        copy = self.transcoder.decode(self.transcoder.encode(library.MyInt(3)))
        self.assertIs(type(copy), int)
        self.assertEqual(copy, 3)
