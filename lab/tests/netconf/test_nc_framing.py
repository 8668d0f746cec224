"""Framing as pure functions over bytes (RFC 4742 end-of-message, RFC 6242 chunked)."""
from pathlib import Path

import pytest

from srxsim import framing

SAMPLES = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "junos-rpc-samples"
NCCLIENT_HELLO = (b'<?xml version="1.0" encoding="UTF-8"?><nc:hello xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0">'
                  b"<nc:capabilities><nc:capability>urn:ietf:params:netconf:base:1.0</nc:capability>"
                  b"<nc:capability>urn:ietf:params:netconf:base:1.1</nc:capability></nc:capabilities></nc:hello>")


def test_eom_round_trip_and_split_reads():
    stream = framing.encode_eom(b"<rpc>a</rpc>") + framing.encode_eom(b"<rpc>b</rpc>")
    decoder = framing.FrameDecoder()
    messages = []
    for index in range(0, len(stream), 5):  # feed in small pieces: markers straddle reads
        messages += decoder.feed(stream[index:index + 5])
    assert messages == [b"<rpc>a</rpc>", b"<rpc>b</rpc>"]


def test_eom_decodes_the_genuine_vsrx_session():
    raw = (SAMPLES / "netconf-session-vsrx-vpn.raw.xml").read_bytes()
    messages = framing.FrameDecoder().feed(raw)
    assert len(messages) == 7  # hello + 6 replies; the closing comment is not a message
    assert b"<nc:session-id>92471</nc:session-id>" in messages[0]
    assert messages[-1].endswith(b"</nc:rpc-reply>")


def test_chunked_encoding_matches_rfc6242_example():
    assert framing.encode_chunked(b"<rpc/>") == b"\n#6\n<rpc/>\n##\n"
    assert framing.encode_chunked(b"abcdef", chunk_size=4) == b"\n#4\nabcd\n#2\nef\n##\n"


def test_chunked_decoding_joins_chunks_across_reads():
    stream = b"\n#4\n<rpc\n#17\n message-id=\"102\"\n#3\n/>\n\n##\n" + framing.encode_chunked(b"<x/>")
    decoder = framing.FrameDecoder(chunked=True)
    messages = []
    for byte in range(len(stream)):
        messages += decoder.feed(stream[byte:byte + 1])
    assert messages == [b'<rpc message-id="102"/>\n', b"<x/>"]


@pytest.mark.parametrize("bad", [b"\n#0\nx\n##\n", b"\n#abc\nxyz", b"<rpc/>\n##\n", b"\n##\n"])
def test_chunked_rejects_broken_framing(bad):
    with pytest.raises(framing.FramingError):
        framing.FrameDecoder(chunked=True).feed(bad)


def test_hello_capabilities_are_prefix_agnostic():
    assert framing.hello_capabilities(NCCLIENT_HELLO) == [framing.BASE_10, framing.BASE_11]
    plain = NCCLIENT_HELLO.replace(b"nc:", b"").replace(b"xmlns:nc", b"xmlns")
    assert framing.hello_capabilities(plain) == [framing.BASE_10, framing.BASE_11]


def test_hello_must_be_a_hello():
    with pytest.raises(framing.FramingError, match="expected <hello>"):
        framing.hello_capabilities(b"<rpc/>")
    with pytest.raises(framing.FramingError, match="well-formed"):
        framing.hello_capabilities(b"<hello>")


def test_chunked_only_when_both_peers_announce_base11():
    assert framing.use_chunked([framing.BASE_10, framing.BASE_11], [framing.BASE_11])
    assert not framing.use_chunked([framing.BASE_10], [framing.BASE_10, framing.BASE_11])
    assert not framing.use_chunked([framing.BASE_10, framing.BASE_11], [framing.BASE_10])


def test_chunked_tolerates_the_newline_left_after_the_hello():
    assert framing.FrameDecoder(chunked=True).feed(b"\n\n#3\nabc\n##\n") == [b"abc"]
