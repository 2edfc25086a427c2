"""The LLM adapter against a real HTTP server speaking the OpenAI API."""

import asyncio
import time
from pathlib import Path

import pytest

from generator.errors import ConfigError
from generator.llm import LLMError, LLMSettings, Reply, open_llm
from generator.store import Store
from tests.fake_openai import FakeOpenAI, FakeReply

MSG = [{"role": "user", "content": "write hello world in C"}]


def settings(fake: FakeOpenAI, **kw: object) -> LLMSettings:
    base = {"base_url": fake.base_url, "model": "fake", "max_retries": 3, "max_backoff_s": 0.2}
    return LLMSettings(**(base | kw))


def chat(store: Store, s: LLMSettings, **kw: object) -> Reply:
    async def go() -> Reply:
        async with open_llm(s, store.llm_cache) as llm:
            return await llm.chat(MSG, purpose="test", **kw)

    return asyncio.run(go())


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "run")


def test_reply_tokens_and_cache(fake_openai: FakeOpenAI, store: Store) -> None:
    fake_openai.enqueue(FakeReply("int main(void){}", prompt_tokens=11, completion_tokens=7))
    r1 = chat(store, settings(fake_openai), seed=3, temperature=0.5)
    assert (r1.text, r1.cached, r1.prompt_tokens, r1.completion_tokens) == (
        "int main(void){}",
        False,
        11,
        7,
    )
    assert fake_openai.requests[0]["seed"] == 3
    assert fake_openai.requests[0]["temperature"] == 0.5
    r2 = chat(store, settings(fake_openai), seed=3, temperature=0.5)
    assert r2.cached and r2.text == r1.text
    assert len(fake_openai.requests) == 1  # the second answer came from the store
    chat(store, settings(fake_openai), seed=4, temperature=0.5)  # another seed is another request
    assert len(fake_openai.requests) == 2
    stats = store.llm_cache.stats()
    assert stats["requests"] == 2 and stats["cache_hits"] == 1
    assert stats["prompt_tokens"] >= 11 and stats["completion_tokens"] >= 7


def test_429_retry_after_is_respected(fake_openai: FakeOpenAI, store: Store) -> None:
    fake_openai.enqueue(FakeReply(status=429, headers={"Retry-After": "1"}), "done")
    t0 = time.monotonic()
    r = chat(store, settings(fake_openai, max_backoff_s=5))
    assert r.text == "done" and r.retries == 1
    assert time.monotonic() - t0 >= 0.95  # waited what the server asked, not the tiny backoff


def test_500_then_success(fake_openai: FakeOpenAI, store: Store) -> None:
    fake_openai.enqueue(FakeReply(status=500), FakeReply(status=503), "fine")
    assert chat(store, settings(fake_openai)).text == "fine"
    assert len(fake_openai.requests) == 3


def test_persistent_500_is_an_llm_error_logged_in_store(
    fake_openai: FakeOpenAI, store: Store
) -> None:
    fake_openai.handler = lambda body: FakeReply(status=500)
    with pytest.raises(LLMError, match="HTTP 500"):
        chat(store, settings(fake_openai, max_retries=2))
    assert len(fake_openai.requests) == 3
    assert store.llm_cache.stats()["errors"] == 1


def test_timeout_is_retried(fake_openai: FakeOpenAI, store: Store) -> None:
    fake_openai.enqueue(FakeReply("late", delay=1.5), "quick")
    r = chat(store, settings(fake_openai, timeout_s=0.5))
    assert r.text == "quick"


@pytest.mark.parametrize(
    "bad",
    [FakeReply(raw_body="{not json"), FakeReply(empty_choices=True), FakeReply(content=None)],
    ids=["malformed-json", "empty-choices", "null-content"],
)
def test_bad_replies_retried_then_error(
    fake_openai: FakeOpenAI, store: Store, bad: FakeReply
) -> None:
    fake_openai.enqueue(bad, "recovered")
    assert chat(store, settings(fake_openai)).text == "recovered"
    fake_openai.handler = lambda body: bad
    with pytest.raises(LLMError):
        chat(store, settings(fake_openai, max_retries=1), seed=99)


def test_unreachable_endpoint_fails_before_work(store: Store) -> None:
    s = LLMSettings(base_url="http://127.0.0.1:9/v1", model="x")
    with pytest.raises(ConfigError, match="cannot reach the LLM endpoint"):
        chat(store, s)


def test_remote_endpoint_without_key(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("DECLEAN_API_KEY", raising=False)
    s = LLMSettings(base_url="https://api.example.invalid/v1", model="x")
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        chat(store, s)


def test_key_sent_but_never_stored(
    fake_openai: FakeOpenAI, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DECLEAN_API_KEY", "sk-secret-123")
    chat(store, LLMSettings(base_url=fake_openai.base_url, model="fake"))
    assert fake_openai.headers[-1]["authorization"] == "Bearer sk-secret-123"
    store.close()
    assert b"sk-secret-123" not in Path(store.path).read_bytes()


def test_identical_requests_in_flight_share_one_call(fake_openai: FakeOpenAI, store: Store) -> None:
    fake_openai.latency = 0.3

    async def go() -> list[str]:
        async with open_llm(settings(fake_openai), store.llm_cache) as llm:
            rs = await asyncio.gather(*(llm.chat(MSG, purpose="t") for _ in range(5)))
            return [r.text for r in rs]

    assert asyncio.run(go()) == ["ok"] * 5
    assert len(fake_openai.requests) == 1
