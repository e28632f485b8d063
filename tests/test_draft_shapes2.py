"""`build.py draft` on more shapes of press sentences (issue 19, second round of rules): dates said by seasons and
"next month", the day a move was announced against its own date, a subject after a relative clause, those who
come along, a noun set beside a lab's name, a person told by a noun, a retirement; by rules alone (no spaCy), in
both languages, each on sentences written for the test, with the exact proposals expected."""

from __future__ import annotations

import datetime as dt

from tests.test_draft_resolvers import dates, drafted, read_the_same_with_spacy
from tests.test_draft_shapes import move

# Dates: never finer than the words


def test_a_season_is_its_year_never_a_month() -> None:
    assert dates("au printemps") == [("2025", "printemps")]  # the article is of January 2026
    assert dates("au printemps 2026") == [("2026", "printemps 2026")]
    assert dates("last summer") == [("2025", "summer")]
    assert dates("l'été prochain") == [("2026", "été prochain")]
    assert dates("in the fall", dt.date(2025, 11, 2)) == [("2025", "fall")]
    assert dates("the summer intern") == []  # no season without a word that places it


def test_next_month_and_next_year_count_forward_from_the_article() -> None:
    assert dates("le mois prochain") == [("2026-02", "mois prochain")]
    assert dates("next month", dt.date(2025, 12, 31)) == [("2026-01", "next month")]
    assert dates("next year") == [("2027", "next year")]
    assert dates("l'an prochain") == [("2027", "l' an prochain")]


def test_a_move_dated_later_than_the_day_it_was_announced_takes_its_own_date() -> None:
    assert drafted("OpenAI announced on Tuesday the arrival of Luke Metz. Luke Metz joins OpenAI next month.") == [
        move(person="Luke Metz", date="2026-02", type="arrival", to="OpenAI", status="reported")]
    assert drafted("OpenAI a annoncé mardi l'arrivée de Luke Metz. Luke Metz rejoint OpenAI le mois prochain.",
                   "fr") == [move(person="Luke Metz", date="2026-02", type="arrival", to="OpenAI", status="confirmed")]


def test_an_earlier_date_of_another_verb_does_not_replace_the_day_announced() -> None:
    assert drafted("OpenAI a annoncé mardi l'arrivée de Luke Metz. Luke Metz, qui avait quitté Google en 2019, "
                   "rejoint OpenAI.", "fr") == [
        move(person="Luke Metz", date="2026-01-13", type="move", origin="Google", to="OpenAI", status="confirmed")]


def test_each_lab_of_a_telling_takes_the_date_of_its_own_verb() -> None:
    assert drafted("Luke Metz co-founded Google DeepMind in 2010, and left Google in 2022 to start Anthropic with "
                   "Barret Zoph.") == [
        move(person="Luke Metz", date="2010", type="founding", origin="Google", to="Google DeepMind",
             status="reported"),
        move(person="Luke Metz", date="2022", type="founding", origin="Google", to="Anthropic", status="reported"),
        move(person="Barret Zoph", date="2022", type="founding", origin="Google", to="Anthropic", status="reported")]


def test_a_retirement_is_a_departure_dated_by_its_own_words() -> None:
    assert drafted("Luke Metz quitte OpenAI. Il restera conseiller jusqu'à son départ à la retraite, prévu au "
                   "printemps 2027.", "fr") == [
        move(person="Luke Metz", date="2027", type="departure", origin="OpenAI", status="reported")]


# Who moved


def test_a_subject_after_a_closed_relative_clause_is_the_verbs() -> None:
    assert drafted("Two others are also leaving: Luke Metz, who ran the data team, has resigned, and Barret Zoph, "
                   "a senior engineer, is joining Anthropic.") == [
        move(person="Barret Zoph", date="2026-01", type="arrival", to="Anthropic", status="reported")]
    assert drafted("Luke Metz, who was its head of sales, becomes chief executive, and Barret Zoph, its head of "
                   "research, becomes president, OpenAI said.") == [
        move(person="Luke Metz", date="2026-01", type="role-change", to="OpenAI", role="chief executive",
             status="confirmed"),
        move(person="Barret Zoph", date="2026-01", type="role-change", to="OpenAI", role="president",
             status="confirmed")]


def test_someone_named_after_against_is_not_the_one_who_moves() -> None:
    assert drafted("Luke Metz, who took part in a revolt against Barret Zoph, is leaving OpenAI.") == [
        move(person="Luke Metz", date="2026-01", type="departure", origin="OpenAI", status="reported")]


def test_those_who_come_along_move_with_the_subject_and_are_not_it() -> None:
    assert drafted("Luke Metz, accompagné d'une partie de son équipe, rejoint Anthropic.", "fr") == [
        move(person="Luke Metz", date="2026-01", type="arrival", to="Anthropic", status="reported"),
        move(unnamed="Une partie de son équipe", date="2026-01", type="arrival", to="Anthropic", status="reported")]
    assert drafted("Luke Metz, along with several engineers from Google, is joining Anthropic.") == [
        move(person="Luke Metz", date="2026-01", type="arrival", to="Anthropic", status="reported"),
        move(unnamed="Several engineers from Google", date="2026-01", type="move", origin="Google", to="Anthropic",
             status="reported")]


def test_a_definite_noun_of_one_person_stands_for_the_person_told_of() -> None:
    expected = [move(person="Luke Metz", date="2026-01", type="arrival", to="Anthropic", status="reported"),
                move(person="Luke Metz", date="2019", type="arrival", to="Google DeepMind", status="reported")]
    assert drafted("Luke Metz rejoint Anthropic. Le chercheur avait rejoint Google DeepMind en 2019.", "fr") == expected
    assert drafted("Luke Metz joins Anthropic. The researcher had joined Google DeepMind in 2019.") == expected
    assert drafted("Luke Metz rejoint Anthropic. Le chercheur Barret Zoph avait rejoint Google DeepMind en 2019.",
                   "fr")[1] == move(person="Barret Zoph", date="2019", type="arrival", to="Google DeepMind",
                                    status="reported")


# Where


def test_a_noun_set_beside_a_labs_name_stands_for_that_lab() -> None:
    assert drafted("Luke Metz quitte le laboratoire parisien de Google DeepMind.", "fr") == [
        move(person="Luke Metz", date="2026-01", type="departure", origin="Google DeepMind", status="reported")]
    assert drafted("Luke Metz quitte l'entreprise pour rejoindre Anthropic.", "fr") == [
        move(person="Luke Metz", date="2026-01", type="arrival", to="Anthropic", status="reported")]


def test_a_name_after_a_noun_of_companies_is_a_lab() -> None:
    assert drafted("Luke Metz left the self-driving start-up Nuro.") == [
        move(person="Luke Metz", date="before 2026-01-15", type="departure", origin="Nuro", status="reported")]


def test_joining_a_pronoun_joins_the_lab_the_article_is_about() -> None:
    assert drafted("OpenAI recrute. En janvier, six ingénieurs de la start-up nantaise Boréal Analytics l'ont "
                   "rejointe.", "fr") == [
        move(unnamed="Six ingénieurs de la start-up nantaise Boréal Analytics", count=6, date="2026-01", type="move",
             origin="Boréal Analytics", to="OpenAI", status="reported")]


def test_a_post_held_until_now_is_left_and_the_new_one_is_at_the_lab_told_of() -> None:
    assert drafted("OpenAI a annoncé jeudi l'arrivée de Luke Metz, jusqu'ici chercheur chez Google, qui devient son "
                   "directeur scientifique.", "fr") == [
        move(person="Luke Metz", date="2026-01", type="role-change", to="OpenAI", role="directeur scientifique",
             status="confirmed"),
        move(person="Luke Metz", date="before 2026-01-15", type="departure", origin="Google", from_role="chercheur",
             status="reported")]


FRENCH = ("OpenAI a annoncé mardi l'arrivée de Luke Metz. Luke Metz rejoint OpenAI le mois prochain.",
          "Luke Metz, accompagné d'une partie de son équipe, rejoint Anthropic.",
          "Luke Metz quitte le laboratoire parisien de Google DeepMind.",
          "OpenAI recrute. En janvier, six ingénieurs de la start-up nantaise Boréal Analytics l'ont rejointe.",
          "Luke Metz rejoint Anthropic. Le chercheur avait rejoint Google DeepMind en 2019.",
          "Luke Metz quitte OpenAI. Il restera conseiller jusqu'à son départ à la retraite, prévu au printemps 2027.",
          "OpenAI a annoncé jeudi l'arrivée de Luke Metz, jusqu'ici chercheur chez Google, qui devient son directeur "
          "scientifique.")


def test_these_french_shapes_read_the_same_with_spacy() -> None:
    read_the_same_with_spacy(FRENCH)
