"""`declean demo --detector`: a trained detector answers over HTTP, with no LLM call."""

from __future__ import annotations

import time
from pathlib import Path

from generator.detectors.trained import load
from tests.demo.server import client, serve
from tests.detectors.test_train import REAL
from tests.fake_openai import FakeOpenAI


def test_the_trained_detector_answers_and_says_so(tmp_path: Path, small_detector: Path) -> None:
    detector = load(small_detector)
    code = (REAL / "programs" / "r02-seconds.c").read_text()
    expected = list(detector.predict([code]).labels[0] or ())
    with FakeOpenAI() as fake, serve(tmp_path, fake.base_url, detector=small_detector) as url:
        http = client(url)
        health = http.get("/api/health").json()
        assert health["ok"] and health["detector"] == "trained"
        assert health["model"] == detector.name
        answer = http.post("/api/check", json={"code": code}).json()
        assert answer["model"] == detector.name and answer["labels"] == expected
        assert answer["compiles"] is True and answer["cached"] is False
        assert set(answer["reasons"]) == set(expected)
        started = time.monotonic()
        again = http.post("/api/check", json={"code": code}).json()
        assert again["cached"] is True and time.monotonic() - started < 5
        broken = http.post("/api/check", json={"code": "int main(void) { return x; }"}).json()
        assert broken["labels"] == ["NO_COMPILE"]
        assert fake.requests == []  # no LLM was asked anything
