"""Pulling a C program out of an LLM reply, fenced or not."""

import pytest

from generator.c.extract import extract_code

PROG = '#include <stdio.h>\nint main(void) {\n    printf("hi\\n");\n    return 0;\n}\n'


@pytest.mark.parametrize(
    "reply",
    [
        f"```c\n{PROG}```",
        f"Sure! Here it is:\n```C\n{PROG}```\nThis prints hi.",
        f"```\n{PROG}```",
        PROG,
        f"Here is the code:\n\n{PROG}\nHope this helps!",
        f"```c\nint helper(void);\n```\nFull program:\n```c\n{PROG}```",
        f"```c\n{PROG}",  # unterminated fence (cut by max_tokens)
    ],
    ids=["fenced", "prose", "bare-fence", "unfenced", "unfenced-prose", "two-blocks", "unclosed"],
)
def test_extract_code(reply: str) -> None:
    assert extract_code(reply) == PROG


@pytest.mark.parametrize("reply", ["I cannot help with that.", "```python\nprint(1)\n```", ""])
def test_extract_code_none(reply: str) -> None:
    assert extract_code(reply) is None
