"""Options > DECLEAN_* environment > TOML file > defaults, with errors that name the source."""

from pathlib import Path

import pytest

from generator.config import load_config
from generator.errors import ConfigError
from generator.principles import Principle


def test_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    toml = tmp_path / "declean.toml"
    toml.write_text(
        'samples = 5\nprinciples = ["MC", "NAME"]\nseed = 7\nbase_url = "http://x/v1"\n'
    )
    monkeypatch.setenv("DECLEAN_SEED", "9")
    cfg = load_config(toml, samples=2)
    assert cfg.samples == 2  # option beats file
    assert cfg.seed == 9  # environment beats file
    assert cfg.principles == [Principle.MC, Principle.NAME]  # file beats default
    assert cfg.base_url == "http://x/v1"
    assert cfg.max_fixes == 3  # default


def test_key_from_environment_is_secret_and_not_public(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-abc")
    cfg = load_config()
    assert cfg.api_key is not None and cfg.api_key.get_secret_value() == "sk-abc"
    assert "sk-abc" not in repr(cfg) and "api_key" not in cfg.public()


@pytest.mark.parametrize(
    ("text", "needle"),
    [("samples = 0\n", "'samples'"), ("sampels = 2\n", "'sampels'"), ("samples = [\n", "TOML")],
    ids=["out-of-range", "typo", "syntax"],
)
def test_bad_config_file_names_the_field(tmp_path: Path, text: str, needle: str) -> None:
    toml = tmp_path / "c.toml"
    toml.write_text(text)
    with pytest.raises(ConfigError, match=needle) as err:
        load_config(toml)
    assert str(toml) in str(err.value)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--config"):
        load_config(tmp_path / "nope.toml")


def test_editor_and_combinations_from_each_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load_config().editor == "procedural" and load_config().combinations == "all"
    toml = tmp_path / "declean.toml"
    toml.write_text('editor = "llm"\ncombinations = "chain"\n')
    assert load_config(toml).editor == "llm" and load_config(toml).combinations == "chain"
    monkeypatch.setenv("DECLEAN_EDITOR", "mixed")
    assert load_config(toml).editor == "mixed"  # environment beats file
    assert load_config(toml, editor="procedural").editor == "procedural"  # option beats both


def test_bad_editor_names_the_field() -> None:
    with pytest.raises(ConfigError, match="'editor'"):
        load_config(editor="robot")
    with pytest.raises(ConfigError, match="'combinations'"):
        load_config(combinations="some")


def test_clean_fix_rounds_default_to_none_on_the_embedded_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cfg = load_config(max_fixes=3)
    assert (cfg.clean_fix_rounds(embedded=True), cfg.clean_fix_rounds(embedded=False)) == (0, 3)
    monkeypatch.setenv("DECLEAN_CLEAN_FIXES", "1")
    cfg = load_config(max_fixes=3)
    assert (cfg.clean_fix_rounds(embedded=True), cfg.clean_fix_rounds(embedded=False)) == (1, 1)


@pytest.mark.parametrize(
    ("variable", "text", "expected"),
    [
        ("DECLEAN_PRINCIPLES", "DRY,MC", [Principle.DRY, Principle.MC]),
        ("DECLEAN_PRINCIPLES", "dry, mc", [Principle.DRY, Principle.MC]),
        ("DECLEAN_PRINCIPLES", '["DRY", "MC"]', [Principle.DRY, Principle.MC]),
        ("DECLEAN_TAGS", "arrays", ["arrays"]),
        ("DECLEAN_TAGS", "arrays,strings", ["arrays", "strings"]),
        ("DECLEAN_TAGS", '["arrays", "strings"]', ["arrays", "strings"]),
    ],
)
def test_list_options_from_the_environment_in_comma_and_json_form(
    monkeypatch: pytest.MonkeyPatch, variable: str, text: str, expected: list[object]
) -> None:
    monkeypatch.setenv(variable, text)
    field = variable.removeprefix("DECLEAN_").lower()
    assert getattr(load_config(), field) == expected


@pytest.mark.parametrize(
    ("variable", "text", "needle"),
    [
        ("DECLEAN_PRINCIPLES", "DRY,OCP", "unknown principle 'OCP'"),
        ("DECLEAN_TAGS", "[1, 2]", "strings only"),
        ("DECLEAN_TAGS", '["arrays"', "not a JSON list"),
        ("DECLEAN_SAMPLES", "0", "greater than or equal to 1"),
    ],
)
def test_a_bad_value_from_the_environment_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, text: str, needle: str
) -> None:
    monkeypatch.setenv(variable, text)
    with pytest.raises(ConfigError, match=needle) as err:
        load_config()
    assert f"from {variable}" in str(err.value) and "(options)" not in str(err.value)


def test_an_option_beats_a_bad_environment_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DECLEAN_PRINCIPLES", "DRY,OCP")
    assert load_config(principles="MC").principles == [Principle.MC]


def test_unknown_declean_variable_is_warned_about_with_the_closest_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DECLEAN_SAMPELS", "3")
    monkeypatch.setenv("DECLEAN_DEMO_TOKEN", "t")  # read by `declean demo`: known
    assert load_config().samples == 3  # the typo is ignored, as before, but said
    err = capsys.readouterr().err
    assert "DECLEAN_SAMPELS" in err and "did you mean DECLEAN_SAMPLES?" in err
    assert "DECLEAN_DEMO_TOKEN" not in err


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("samples", 99999999999999999999),
        ("concurrency", 10**9),
        ("sandbox_workers", 10**6),
        ("max_fixes", 10**6),
        ("limit", 10**30),
    ],
)
def test_absurd_counts_are_refused(option: str, value: int) -> None:
    with pytest.raises(ConfigError, match=f"'{option}' \\(from --{option.replace('_', '-')}\\)"):
        load_config(**{option: value})


def test_endpoint_settings_alone_name_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.config import load_llm_settings

    monkeypatch.setenv("DECLEAN_CONCURRENCY", "abc")
    with pytest.raises(ConfigError, match="'concurrency' \\(from DECLEAN_CONCURRENCY\\)"):
        load_llm_settings(model="m")
    assert load_llm_settings(concurrency=3).concurrency == 3
