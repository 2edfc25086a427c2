"""The agreement rule on its own: every branch a pull can hit."""

from __future__ import annotations

from generator.curation.agreement import Rule, Vote, decide


def keep(user: str, *labels: str) -> Vote:
    return Vote(user, "submitted", "keep", labels)


def reject(user: str) -> Vote:
    return Vote(user, "submitted", "reject")


def discard(user: str) -> Vote:
    return Vote(user, "discarded")


def test_no_votes_is_pending_and_only_discards_is_reject() -> None:
    assert decide([]).decision == "pending"
    assert decide([discard("a")]).decision == "reject"
    assert decide([discard("a"), discard("b")]).decision == "reject"


def test_single_annotator_decides_with_their_labels() -> None:
    out = decide([keep("a", "NAME", "MC")])
    assert (out.decision, out.labels, out.disagreements) == ("keep", ["MC", "NAME"], [])
    assert decide([reject("a")]).decision == "reject"


def test_majority_decision_and_labels() -> None:
    out = decide([keep("a", "DRY", "MC"), keep("b", "DRY"), keep("c", "DRY", "MC"), reject("d")])
    assert (out.decision, out.labels) == ("keep", ["DRY", "MC"])
    assert out.disagreements == ["decision: keep 3, reject 1", "label MC: 2 of 3 keepers"]
    assert decide([keep("a"), reject("b"), reject("c")]).decision == "reject"


def test_ties_are_conflicts() -> None:
    assert decide([keep("a", "DRY"), reject("b")]).decision == "conflict"
    tie = decide([keep("a", "DRY", "SRP"), keep("b", "DRY")])
    assert (tie.decision, tie.labels) == ("conflict", ["DRY"])
    assert tie.disagreements == ["label SRP: 1 of 2 keepers"]


def test_discard_abstains_when_others_submitted() -> None:
    assert decide([keep("a", "MC"), discard("b")]).labels == ["MC"]
    assert decide([keep("a", "MC"), discard("b")]).decision == "keep"


def test_unanimous_rule() -> None:
    votes = [keep("a", "DRY"), keep("b", "DRY"), keep("c", "DRY")]
    assert decide(votes, Rule.UNANIMOUS).decision == "keep"
    assert decide([*votes, reject("d")], Rule.UNANIMOUS).decision == "conflict"
    split = [keep("a", "DRY"), keep("b", "DRY", "MC"), keep("c", "DRY")]
    assert decide(split, Rule.MAJORITY).decision == "keep"
    assert decide(split, Rule.UNANIMOUS).decision == "conflict"


def test_min_votes() -> None:
    out = decide([keep("a")], min_votes=2)
    assert (out.decision, out.disagreements) == ("pending", ["1 of 2 votes"])
    assert decide([keep("a"), keep("b")], min_votes=2).decision == "keep"
