"""`build.py draft` on more shapes of press sentences (issue 19, third round of rules): who says a move decides
its status, an earlier stint is never confirmed by the news it is told beside; by rules alone (no spaCy), in
both languages, each on sentences written for the test, with the exact proposals expected."""

from __future__ import annotations

from tests.test_draft_resolvers import drafted
from tests.test_draft_shapes import move

# Status: who says it


def test_a_move_said_by_the_company_or_a_named_person_is_confirmed() -> None:
    assert drafted("Anthropic has hired Luke Metz, the company said on Tuesday.") == [
        move(person="Luke Metz", date="2026-01-13", type="arrival", to="Anthropic", status="confirmed")]
    assert drafted("Barret Zoph said that Luke Metz was leaving Anthropic.") == [
        move(person="Luke Metz", date="2026-01", type="departure", origin="Anthropic", status="confirmed")]


def test_a_move_said_by_unnamed_sources_stays_reported() -> None:
    assert drafted("Anthropic has hired Luke Metz, people familiar with the matter said.") == [
        move(person="Luke Metz", date="before 2026-01-15", type="arrival", to="Anthropic", status="reported")]


def test_a_french_move_the_company_states_is_confirmed_unless_negated() -> None:
    assert drafted("Luke Metz rejoint Anthropic, a précisé l'entreprise.", "fr") == [
        move(person="Luke Metz", date="2026-01", type="arrival", to="Anthropic", status="confirmed")]
    assert drafted("Luke Metz rejoint Anthropic. L'entreprise n'a pas précisé son rôle.", "fr") == [
        move(person="Luke Metz", date="2026-01", type="arrival", to="Anthropic", status="reported")]


def test_an_earlier_founding_told_in_passing_is_reported_not_confirmed_by_the_news() -> None:
    assert drafted("Anthropic a annoncé mardi l'embauche de Luke Metz, cofondateur de Mistral AI.", "fr") == [
        move(person="Luke Metz", date="2026-01-13", type="move", origin="Mistral AI", to="Anthropic",
             status="confirmed"),
        move(person="Luke Metz", date="before 2026-01-15", type="founding", to="Mistral AI", role="cofondateur",
             status="reported")]


# Who goes where: joining those just named


def test_a_group_joining_them_goes_where_those_just_named_went() -> None:
    assert drafted("Anthropic has hired Luke Metz and Barret Zoph. Most of Mistral AI's staff are joining them.") == [
        move(people=["Luke Metz", "Barret Zoph"], date="before 2026-01-15", type="arrival", to="Anthropic",
             status="reported"),
        move(unnamed="Most of Mistral AI's staff", date="2026-01", type="move", origin="Mistral AI",
             to="Anthropic", status="reported")]


def test_after_a_departure_joining_them_says_no_destination() -> None:
    assert drafted("Luke Metz left Anthropic. Two engineers are joining them.") == [
        move(person="Luke Metz", date="before 2026-01-15", type="departure", origin="Anthropic",
             status="reported")]


def test_les_rejoindre_goes_where_those_just_named_went() -> None:
    assert drafted("Anthropic a recruté Luke Metz et Barret Zoph. Dix ingénieurs de Mistral AI vont les rejoindre.",
                   "fr") == [
        move(people=["Luke Metz", "Barret Zoph"], date="before 2026-01-15", type="arrival", to="Anthropic",
             status="reported"),
        move(unnamed="Dix ingénieurs de Mistral AI", count=10, date="2026-01", type="move", origin="Mistral AI",
             to="Anthropic", status="reported")]


# Who moved: a passive hire


def test_a_passive_hire_moves_its_subject_to_the_hirer_after_by() -> None:
    assert drafted("Luke Metz avait été recruté fin 2013 par Anthropic.", "fr") == [
        move(person="Luke Metz", date="2013", type="arrival", to="Anthropic", status="reported")]
    assert drafted("Luke Metz, a researcher at Mistral AI, was poached by Anthropic in 2013.") == [
        move(person="Luke Metz", date="2013", type="move", origin="Mistral AI", to="Anthropic",
             from_role="researcher", status="reported")]
