"""The LLM judge's reply, parsed whatever prose surrounds it."""

from generator.stages.judge import parse as parse_verdict


def test_judge_reply_parsing() -> None:
    assert parse_verdict('{"equivalent": true, "reason": "same"}').equivalent
    v = parse_verdict('Sure: {"equivalent": false, "reason": "x"} done')
    assert (v.equivalent, v.parsed) == (False, True)
    bad = parse_verdict("they look the same to me")
    assert (bad.equivalent, bad.parsed) == (False, False)
