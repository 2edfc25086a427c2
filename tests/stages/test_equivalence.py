"""Output comparison: line endings, trailing space, float tolerance."""

from generator.stages.equivalence import compare, same_output


def test_compare_normalises_line_endings_and_trailing_space() -> None:
    assert same_output("a 1\r\nb 2  \n\n", "a 1\nb 2")
    assert not same_output("a 1\nb 2", "a 1\nb 3")


def test_compare_float_tolerance() -> None:
    assert same_output("avg=2.5000001\n", "avg=2.5\n")
    assert not same_output("avg=2.51\n", "avg=2.5\n")
    c = compare(["x=1\n", "y=2\n"], ["x=1\n", "y=20\n"])
    assert (c.equal, c.mismatches) == (False, [1])
    assert 0.5 < c.similarity < 1
