"""`build.py draft` on the shapes the press tells moves in, beyond "X joined Y": appointments, departures told in
a later sentence, a team that comes along, earlier stints in passing; by rules alone (no spaCy), in both
languages, each on a short sentence of its own with the exact proposals expected."""

from __future__ import annotations

import datetime as dt

from revdoor.tools.draft.extract import ArticleText, propose
from revdoor.tools.draft.moves import triggers
from revdoor.tools.draft.out import proposal
from revdoor.tools.draft.text import tokenize
from tests.test_draft_resolvers import PROFILES, THURSDAY, dates, drafted, read_the_same_with_spacy

SOURCES = {"sources": ["the-article"]}


def move(**fields: object) -> dict[str, object]:
    """A proposal's fields, in the order they are written, with the article as its source."""
    named = {("from" if k == "origin" else k): v for k, v in fields.items()}  # `from` is a Python keyword
    order = ("person", "people", "unnamed", "count", "date", "type", "from", "to", "role", "from_role", "status")
    return {**{k: named[k] for k in order if k in named}, **SOURCES}


# Appointments and role changes


def test_a_post_after_named_is_the_role_at_the_lab_the_sentence_names() -> None:
    assert drafted("Luke Metz was named chief scientist of OpenAI.") == [
        move(person="Luke Metz", date="before 2026-01-15", type="role-change", to="OpenAI", role="chief scientist",
             status="reported")]
    assert drafted("OpenAI named Luke Metz as its new chief scientist.") == [
        move(person="Luke Metz", date="before 2026-01-15", type="role-change", to="OpenAI", role="chief scientist",
             status="reported")]


def test_promoted_to_replaces_as_and_becomes_a_labs_post_are_appointments() -> None:
    assert drafted("Anthropic promoted Luke Metz to chief scientist.") == [
        move(person="Luke Metz", date="before 2026-01-15", type="role-change", to="Anthropic", role="chief scientist",
             status="reported")]
    assert drafted("Sébastien Bubeck becomes OpenAI's chief scientist.") == [
        move(person="Sébastien Bubeck", date="2026-01", type="role-change", to="OpenAI", role="chief scientist",
             status="reported")]
    assert drafted("Luke Metz remplace Barret Zoph au poste de directeur scientifique d'OpenAI.", "fr") == [
        move(person="Luke Metz", date="2026-01", type="role-change", to="OpenAI", role="directeur scientifique",
             status="reported")]
    assert triggers(tokenize("OpenAI succeeded in raising money"), "en") == []


def test_an_appointment_naming_no_lab_is_at_the_lab_the_article_is_about() -> None:
    assert drafted("OpenAI reorganised its research teams on Monday. Luke Metz was named chief scientist.") == [
        move(person="Luke Metz", date="before 2026-01-15", type="role-change", to="OpenAI", role="chief scientist",
             status="reported")]
    headline = ArticleText("the-article", "content/articles/the-article.md", "Mark Chen named SVP of research", 2,
                           THURSDAY, "en", "OpenAI said the change takes effect on Monday.", 7)
    assert [proposal(m, headline).fields for m in propose(headline, PROFILES)] == [
        move(person="Mark Chen", date="before 2026-01-15", type="role-change", to="OpenAI", role="SVP of research",
             status="reported")]


def test_an_appointment_in_an_article_naming_no_lab_is_no_move() -> None:
    assert drafted("Luke Metz was named chief scientist.") == []


def test_an_appointment_at_a_guessed_lab_needs_its_post_said() -> None:
    assert drafted("OpenAI grew fast. Time named Luke Metz one of the most influential people in AI.") == []
    assert drafted("OpenAI grew fast. The model, named Orion, was released in May.") == []


def test_serving_as_and_a_new_title_beside_a_name_are_appointments() -> None:
    assert drafted("Luke Metz, OpenAI's head of research, will serve as interim CEO.") == [
        move(person="Luke Metz", date="2026-01", type="role-change", to="OpenAI", role="interim CEO",
             status="reported")]
    assert drafted("Anthropic will carry on under a new chief executive, Luke Metz.") == [
        move(person="Luke Metz", date="2026-01", type="role-change", to="Anthropic", role="chief executive",
             status="reported")]


def test_french_appointments_nomme_promu_devient() -> None:
    assert drafted("Luke Metz a été nommé directeur scientifique d'OpenAI.", "fr") == [
        move(person="Luke Metz", date="before 2026-01-15", type="role-change", to="OpenAI",
             role="directeur scientifique", status="reported")]
    assert drafted("Luke Metz est promu directeur de la recherche chez OpenAI.", "fr") == [
        move(person="Luke Metz", date="before 2026-01-15", type="role-change", to="OpenAI",
             role="directeur de la recherche", status="reported")]
    assert drafted("Luke Metz devient directeur général d'Anthropic.", "fr") == [
        move(person="Luke Metz", date="2026-01", type="role-change", to="Anthropic", role="directeur général",
             status="reported")]
    for sentence in ("Luke Metz prend la tête de la recherche d'OpenAI.",
                     "Luke Metz assurera l'intérim à la tête d'OpenAI."):
        assert drafted(sentence, "fr") == [
            move(person="Luke Metz", date="2026-01", type="role-change", to="OpenAI", status="reported")], sentence


def test_becoming_something_that_is_no_post_and_a_name_given_are_no_appointments() -> None:
    assert drafted("Anthropic devient un acteur majeur. Luke Metz devient un membre clé.", "fr") == []
    assert triggers(tokenize("a startup named Halcyon AI"), "en") == []
    assert triggers(tokenize("he became a hit"), "en") == []


# Departures told in a later sentence


def test_a_departure_told_without_what_is_left_is_from_the_lab_just_left() -> None:
    assert drafted("Barret Zoph left OpenAI in May. Luke Metz was also stepping down.") == [
        move(person="Barret Zoph", date="2025-05", type="departure", origin="OpenAI", status="reported"),
        move(person="Luke Metz", date="2026-01", type="departure", origin="OpenAI", status="reported")]
    assert drafted("Barret Zoph left OpenAI. Two other executives, Luke Metz and Sébastien Bubeck, are also "
                   "leaving.")[1:] == [
        move(people=["Luke Metz", "Sébastien Bubeck"], date="2026-01", type="departure", origin="OpenAI",
             status="reported")]
    assert drafted("Barret Zoph quitte OpenAI. Luke Metz et Sébastien Bubeck quittent également.", "fr")[1:] == [
        move(people=["Luke Metz", "Sébastien Bubeck"], date="2026-01", type="departure", origin="OpenAI",
             status="reported")]


def test_a_group_set_beside_the_names_is_the_same_people() -> None:
    assert drafted("Barret Zoph left OpenAI. Luke Metz and Sébastien Bubeck, two senior researchers, also "
                   "announced their departures.")[1:] == [
        move(people=["Luke Metz", "Sébastien Bubeck"], date="2026-01", type="departure", origin="OpenAI",
             status="confirmed")]


def test_the_company_one_leaves_is_where_one_is_not_where_one_was() -> None:
    assert drafted("Luke Metz, chief scientist at Anthropic who previously worked at OpenAI, is leaving the "
                   "company.") == [
        move(person="Luke Metz", date="2026-01", type="departure", origin="Anthropic", from_role="chief scientist",
             status="reported"),
        move(person="Luke Metz", date="before 2026-01-15", type="departure", origin="OpenAI", status="reported")]


def test_a_departure_said_by_the_post_left_is_from_the_lab_of_the_post() -> None:
    assert drafted("Luke Metz is stepping down as chief executive of OpenAI.") == [
        move(person="Luke Metz", date="2026-01", type="departure", origin="OpenAI", from_role="chief executive",
             status="reported")]
    assert drafted("Luke Metz was ousted as chief executive of OpenAI.") == [
        move(person="Luke Metz", date="before 2026-01-15", type="departure", origin="OpenAI",
             from_role="chief executive", status="reported")]


def test_a_firing_is_a_departure_from_the_lab_that_fires() -> None:
    assert drafted("OpenAI fired Luke Metz last week.") == [
        move(person="Luke Metz", date="before 2026-01-15", type="departure", origin="OpenAI", status="reported")]
    assert drafted("Barret Zoph quitte OpenAI. Luke Metz a été limogé vendredi.", "fr")[1:] == [
        move(person="Luke Metz", date="2026-01-09", type="departure", origin="OpenAI", status="reported")]
    assert drafted("Luke Metz, who voted to oust Barret Zoph, joined Anthropic.") == [
        move(person="Luke Metz", date="before 2026-01-15", type="arrival", to="Anthropic", status="reported")]


def test_french_idioms_of_leaving() -> None:
    assert drafted("Barret Zoph quitte OpenAI. Luke Metz et Sébastien Bubeck s'en vont également.", "fr")[1:] == [
        move(people=["Luke Metz", "Sébastien Bubeck"], date="2026-01", type="departure", origin="OpenAI",
             status="reported")]
    assert drafted("Luke Metz a claqué la porte d'OpenAI en mars.", "fr") == [
        move(person="Luke Metz", date="2025-03", type="departure", origin="OpenAI", status="reported")]


def test_leaving_something_that_is_no_lab_is_no_departure() -> None:
    assert drafted("Barret Zoph left Anthropic in May. OpenAI is hiring. Luke Metz quit the board.") == [
        move(person="Barret Zoph", date="2025-05", type="departure", origin="Anthropic", status="reported")]


def test_the_company_one_leaves_is_the_one_just_joined_and_each_verb_keeps_its_date() -> None:
    assert drafted("Luke Metz, who joined OpenAI from Microsoft last year, has also left the company.") == [
        move(person="Luke Metz", date="2025", type="move", origin="Microsoft", to="OpenAI", status="reported"),
        move(person="Luke Metz", date="before 2026-01-15", type="departure", origin="OpenAI", status="reported")]


def test_leaving_after_joining_in_the_same_sentence_leaves_the_lab_joined() -> None:
    assert drafted("Luke Metz, who joined OpenAI in 2023, left in May.") == [
        move(person="Luke Metz", date="2023", type="arrival", to="OpenAI", status="reported"),
        move(person="Luke Metz", date="2025-05", type="departure", origin="OpenAI", status="reported")]
    assert drafted("Deux chercheurs de Google devraient rejoindre OpenAI, allongeant la liste des départs.",
                   "fr") == [
        move(unnamed="Deux chercheurs de Google", count=2, date="2026-01", type="move", origin="Google", to="OpenAI",
             status="rumored")]


def test_for_its_rival_is_where_they_go_not_what_they_leave() -> None:
    assert drafted("Barret Zoph leaves for rival Anthropic.") == [
        move(person="Barret Zoph", date="2026-01", type="arrival", to="Anthropic", status="reported")]


# A team that comes along


def test_a_leaders_team_moves_with_the_leader() -> None:
    assert drafted("Luke Metz, along with some of his team, would join Anthropic.") == [
        move(person="Luke Metz", date="2026-01", type="arrival", to="Anthropic", status="reported"),
        move(unnamed="Some of his team", date="2026-01", type="arrival", to="Anthropic", status="reported")]
    assert drafted("Luke Metz rejoint Anthropic avec une partie de son équipe.", "fr") == [
        move(person="Luke Metz", date="2026-01", type="arrival", to="Anthropic", status="reported"),
        move(unnamed="Une partie de son équipe", date="2026-01", type="arrival", to="Anthropic", status="reported")]


def test_its_team_comes_from_the_lab_it_stands_for() -> None:
    assert drafted("Luke Metz, OpenAI's research chief, along with some of its team, would join Anthropic.") == [
        move(person="Luke Metz", date="2026-01", type="move", origin="OpenAI", to="Anthropic", from_role="chief",
             status="reported"),
        move(unnamed="Some of its team", date="2026-01", type="move", origin="OpenAI", to="Anthropic",
             status="reported")]


def test_others_of_the_team_who_may_follow_leave_the_leaders_lab() -> None:
    assert drafted("Luke Metz quitte OpenAI. D'autres membres de l'équipe pourraient le suivre.", "fr") == [
        move(person="Luke Metz", date="2026-01", type="departure", origin="OpenAI", status="reported"),
        move(unnamed="D'autres membres de l'équipe", date="2026-01", type="departure", origin="OpenAI",
             status="rumored")]


# Earlier stints in passing


def test_a_former_stint_without_a_title_is_where_they_come_from() -> None:
    for sentence in ("Luke Metz, ex-Google, joined OpenAI.", "Luke Metz, who had spent two years at Google, "
                     "joined OpenAI.", "Luke Metz, who previously oversaw search at Google, joined OpenAI."):
        assert drafted(sentence) == [
            move(person="Luke Metz", date="before 2026-01-15", type="move", origin="Google", to="OpenAI",
                 status="reported")], sentence
    assert drafted("Luke Metz a passé trois ans chez Google.", "fr") == [
        move(person="Luke Metz", date="before 2026-01-15", type="departure", origin="Google", status="reported")]


def test_a_veteran_of_a_lab_and_each_lab_passed_through_are_earlier_stints() -> None:
    assert drafted("Luke Metz, an OpenAI veteran, joined Anthropic.") == [
        move(person="Luke Metz", date="before 2026-01-15", type="move", origin="OpenAI", to="Anthropic",
             status="reported")]
    assert drafted("Luke Metz, passé par Google et Microsoft, rejoint OpenAI.", "fr") == [
        move(person="Luke Metz", date="2026-01", type="move", origin="Google", to="OpenAI", status="reported"),
        move(person="Luke Metz", date="before 2026-01-15", type="departure", origin="Microsoft", status="reported")]


def test_a_second_stint_told_after_the_first_is_its_own() -> None:
    assert drafted("Luke Metz, a co-founder of Anthropic who previously led research at OpenAI, spoke on "
                   "Monday.") == [
        move(person="Luke Metz", date="before 2026-01-15", type="founding", origin="OpenAI", to="Anthropic",
             role="co-founder", status="reported")]


def test_an_appointment_told_after_an_arrival_is_dated_as_the_appointment() -> None:
    assert drafted("Mark Chen, a former Google researcher who joined OpenAI in 2018, was named SVP of "
                   "research.") == [
        move(person="Mark Chen", date="before 2026-01-15", type="role-change", to="OpenAI", role="SVP of research",
             status="reported"),
        move(person="Mark Chen", date="before 2026-01-15", type="departure", origin="Google", from_role="researcher",
             status="reported")]


def test_a_stint_that_goes_on_is_no_departure() -> None:
    assert drafted("Luke Metz, qui travaille chez Google depuis 2020, a publié un article.", "fr") == []
    assert drafted("Luke Metz, qui dirige l'équipe de recherche de Google, a publié un article.", "fr") == []


def test_announced_confirms_the_move_not_the_earlier_stint() -> None:
    assert drafted("Luke Metz, a former Google researcher, has published a paper, Barret Zoph announced.") == [
        move(person="Luke Metz", date="before 2026-01-15", type="departure", origin="Google", from_role="researcher",
             status="reported")]


def test_ex_is_a_token_of_its_own_before_a_name() -> None:
    assert [t.word for t in tokenize("ex-OpenAI, ex-mari")] == ["ex-", "openai", ",", "ex-mari"]


def test_a_number_of_years_is_a_date_only_counted_from_the_article() -> None:
    assert dates("il y a deux ans") == [("2024", "deux ans")]
    assert dates("two years ago") == [("2024", "two years")]
    assert dates("a passé trois ans chez") == []
    assert dates("spent two years at") == []
    assert dates("un an après son retour") == []
    assert dates("âgé de 30 ans", dt.date(2023, 6, 13)) == []


FRENCH = ("Luke Metz a été nommé directeur scientifique d'OpenAI.", "Luke Metz devient directeur général d'Anthropic.",
          "Luke Metz devient un membre clé.", "Barret Zoph quitte OpenAI. Luke Metz et Sébastien Bubeck quittent "
          "également.", "Luke Metz rejoint Anthropic avec une partie de son équipe.", "Luke Metz quitte OpenAI. "
          "D'autres membres de l'équipe pourraient le suivre.", "Luke Metz a passé trois ans chez Google.",
          "Luke Metz, qui dirige l'équipe de recherche de Google, a publié un article.",
          "Luke Metz, ex-OpenAI, rejoint Anthropic.", "Luke Metz prend la tête de la recherche d'OpenAI.",
          "Barret Zoph quitte OpenAI. Luke Metz a été limogé vendredi.", "Luke Metz a claqué la porte d'OpenAI.",
          "Barret Zoph quitte OpenAI. Luke Metz et Sébastien Bubeck s'en vont également.")


def test_the_french_shapes_read_the_same_with_spacy() -> None:
    read_the_same_with_spacy(FRENCH)
