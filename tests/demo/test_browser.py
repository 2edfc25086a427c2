"""The page in real headless Chromium (Debian `chromium`, driven by Playwright): pick an
example, check it, mark a label wrong, add a missed one, send, and find the stored row."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from generator.demo.examples import load_examples
from generator.demo.store import DB_NAME
from tests.demo.programs import BROKEN
from tests.demo.runs import example_export
from tests.demo.server import serve
from tests.fake_openai import FakeOpenAI

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps trying hosts this machine cannot reach.
FLAGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LAPTOP = {"width": 1366, "height": 768}

pytestmark = pytest.mark.browser


def test_a_student_checks_an_example_and_corrects_the_labels(tmp_path: Path) -> None:
    assert Path(CHROMIUM).exists(), "install Debian chromium: bash scripts/install-system.sh"
    examples = load_examples(example_export(tmp_path))
    chosen = next(e for e in examples if e["labels"] == ["MC"])
    length = len(chosen["code"].splitlines())
    answer = json.dumps({"labels": ["MC", "NAME"]})
    with (
        FakeOpenAI(lambda _: answer) as fake,
        serve(tmp_path / "demo", fake.base_url, examples=examples) as url,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport=LAPTOP)
        page.goto(url + "/")
        expect(page.locator("#health")).to_contain_text("model: fake")
        page.select_option("#examples", label=f"{chosen['id']}  [MC]")
        assert page.input_value("#code") == chosen["code"]
        expect(page.locator("#gutter")).to_contain_text(str(length))
        page.click("#check")
        mc = page.locator('#labels li[data-label="MC"]')
        expect(mc).to_be_visible()
        expect(mc.locator(".reason")).to_contain_text("unnamed values")
        expect(page.locator("#compile")).to_have_text("Compiles.")
        page.check('input[name="verdict-MC"][value="right"]')
        page.check('input[name="verdict-NAME"][value="wrong"]')
        expect(page.locator('#labels li[data-label="NAME"]')).to_have_class("label wrong")
        page.select_option("#add-label", "SRP")
        page.click("#add-button")
        expect(page.locator('#added li[data-label="SRP"]')).to_be_visible()
        page.fill("#comment", "the names are fine; main does two jobs")
        page.click("#send")
        expect(page.locator("#feedback-status")).to_contain_text("feedback saved")
        shot = tmp_path / "demo.png"
        page.screenshot(path=str(shot))
        # The end of the program, with its line numbers still beside it.
        page.eval_on_selector(
            "#code", "e => { e.scrollTop = e.scrollHeight; e.dispatchEvent(new Event('scroll')); }"
        )
        scrolled = page.evaluate("[code.scrollTop, gutter.scrollTop]")
        assert scrolled[0] > 0 and abs(scrolled[0] - scrolled[1]) <= 20
        page.screenshot(path=str(tmp_path / "demo-end.png"))
        # Editing the checked program blocks feedback until it is checked again.
        page.fill("#code", BROKEN)
        expect(page.locator("#send")).to_be_disabled()
        page.click("#check")
        expect(page.locator("#compile")).to_have_text("Does not compile (NO_COMPILE).")
        expect(page.locator("#diagnostics li").first).to_contain_text("line 5: error:")
        expect(page.locator('#labels li[data-label="NO_COMPILE"] .reason')).to_contain_text(
            "line 5:"
        )
        page.screenshot(path=str(tmp_path / "demo-broken.png"))
        page.fill("#code", "")
        page.click("#check")
        expect(page.locator("#status")).to_have_text("the code is empty: paste a C program first")
        expect(page.locator("#status")).to_have_class(re.compile(r"\berror\b"))
        if os.environ.get("DEMO_SCREENSHOT"):
            for name in ("demo", "demo-end", "demo-broken"):
                shutil.copy(tmp_path / f"{name}.png", f"{os.environ['DEMO_SCREENSHOT']}.{name}.png")
        browser.close()
    with sqlite3.connect(tmp_path / "demo" / DB_NAME) as db:
        (row,) = db.execute(
            "SELECT code, detector_labels, user_labels, verdicts, comment, user FROM feedback"
        ).fetchall()
    assert row[0] == chosen["code"]
    assert json.loads(row[1]) == ["MC", "NAME"]
    assert json.loads(row[2]) == ["SRP", "MC"]
    assert json.loads(row[3]) == {"MC": "right", "NAME": "wrong"}
    assert row[4] == "the names are fine; main does two jobs" and row[5] is None


def test_the_page_names_the_trained_detector_that_answers(
    tmp_path: Path, small_detector: Path
) -> None:
    from generator.detectors.trained import load
    from tests.detectors.test_train import REAL

    name = load(small_detector).name
    code = (REAL / "programs" / "r05-report.c").read_text()
    with (
        FakeOpenAI() as fake,
        serve(tmp_path / "demo", fake.base_url, detector=small_detector) as url,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport=LAPTOP)
        page.goto(url + "/")
        expect(page.locator("#health")).to_contain_text(f"trained detector: {name}")
        page.fill("#code", code)
        page.click("#check")
        expect(page.locator("#status")).to_contain_text(f"by {name}.")
        expect(page.locator("#compile")).to_have_text("Compiles.")
        page.screenshot(path=str(tmp_path / "demo-trained.png"))
        browser.close()
        assert fake.requests == []
