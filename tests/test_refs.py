"""References resolve by slug, name or alias, whatever the case and accents; anything unclear is an error.

Indexes are built from RawDocs parsed from small front matter texts, as `assemble` builds them.
"""

from __future__ import annotations

import pytest

from revdoor.common.names import fold, is_slug, key, slugify
from revdoor.content.load import RawDoc, parse_doc
from revdoor.content.refs import NameIndex, build_index, clashes, resolve_one

FOLDER = {"person": "people", "lab": "labs", "event": "events"}


def profile(kind: str, slug: str, name: str, *aliases: str) -> tuple[RawDoc, dict]:
    """A profile file (name on line 2, one alias a line from line 4) and its validated values."""
    text = f"---\nname: {name}\n" + ("aliases:\n" + "".join(f"  - {a}\n" for a in aliases) if aliases else "")
    doc, problems = parse_doc(f"{text}---\n".encode(), f"content/{FOLDER[kind]}/{slug}.md", kind, slug)
    assert problems == [] and doc is not None
    return doc, {"name": name, "aliases": aliases} if aliases else {"name": name}


def people(*profiles: tuple[RawDoc, dict]) -> tuple[NameIndex, list[str]]:
    index, problems = build_index("person", profiles)
    return index, [p.text() for p in problems]


EVENT, _ = parse_doc(b"---\nperson: x\n---\n", "content/events/e.md", "event", "e")
assert EVENT is not None

PEOPLE = (profile("person", "lukasz-kaiser", "Łukasz Kaiser"),
          profile("person", "sebastien-bubeck", "Sébastien Bubeck"),
          profile("person", "barret-zoph", "Barret Zoph", "Brett Zoph", "Zoph"))


def resolve(index: NameIndex, text: str) -> tuple[str | None, list[str]]:
    slug, problems = resolve_one(index, text, EVENT, "person", 2)
    return slug, [p.text() for p in problems]


@pytest.mark.parametrize(("text", "slug"), [
    ("lukasz-kaiser", "lukasz-kaiser"),
    ("Łukasz Kaiser", "lukasz-kaiser"),
    ("Lukasz Kaiser", "lukasz-kaiser"),
    ("lukasz kaiser", "lukasz-kaiser"),
    ("Sébastien Bubeck", "sebastien-bubeck"),
    ("sebastien bubeck", "sebastien-bubeck"),
    ("SEBASTIEN-BUBECK", "sebastien-bubeck"),
    ("brett zoph", "barret-zoph"),
    ("Zoph", "barret-zoph"),
    ("Barret  Zoph.", "barret-zoph"),
])
def test_a_reference_resolves_by_slug_name_or_alias_ignoring_case_accents_and_punctuation(text: str,
                                                                                          slug: str) -> None:
    index, problems = people(*PEOPLE)
    assert problems == []
    assert resolve(index, text) == (slug, [])


def test_a_bare_first_name_is_unknown_but_suggests_the_accented_profile() -> None:
    index, _ = people(*PEOPLE)
    assert resolve(index, "Lukasz") == (None, ["content/events/e.md:2: person: unknown person 'Lukasz' "
                                               "(did you mean 'Łukasz Kaiser'?)"])


def test_an_unknown_reference_names_the_closest_profile() -> None:
    index, _ = people(*PEOPLE)
    assert resolve(index, "Barret Zopf") == (None, ["content/events/e.md:2: person: unknown person 'Barret Zopf' "
                                                    "(did you mean 'Barret Zoph'?)"])


def test_an_unknown_reference_with_nothing_close_says_where_to_add_a_profile() -> None:
    index, _ = people(*PEOPLE)
    assert resolve(index, "Nobody Atall") == (None, ["content/events/e.md:2: person: unknown person 'Nobody Atall' "
                                                     "(add a profile in content/people/)"])


def test_an_unknown_lab_points_at_the_labs_folder() -> None:
    labs, _ = build_index("lab", [profile("lab", "openai", "OpenAI")])
    slug, problems = resolve_one(labs, "Zyxwv", EVENT, "to", 5)
    assert slug is None
    assert [p.text() for p in problems] == ["content/events/e.md:5: to: unknown lab 'Zyxwv' "
                                            "(add a profile in content/labs/)"]


def test_suggestions_are_display_names_at_most_three() -> None:
    index, _ = people(profile("person", "jan-a", "Jan Aa"), profile("person", "jan-b", "Jan Ab"),
                      profile("person", "jan-c", "Jan Ac"), profile("person", "jan-d", "Jan Ad"))
    suggestions = index.suggest("Jan Ae")
    assert len(suggestions) == 3
    assert set(suggestions) <= {"Jan Aa", "Jan Ab", "Jan Ac", "Jan Ad"}


def test_a_reference_matching_two_profiles_names_both_and_asks_for_the_slug() -> None:
    index, _ = people(profile("person", "jan-leike", "Jan Leike"), profile("person", "jan-leike-2", "Jan Leiké"))
    assert resolve(index, "jan leike") == (None, [
        "content/events/e.md:2: person: 'jan leike' could be Jan Leike (jan-leike) or Jan Leiké (jan-leike-2) "
        "(use the slug to say which)"])
    assert resolve(index, "jan-leike-2") == ("jan-leike-2", [])


def test_a_duplicate_name_is_reported_on_the_later_files_name_line() -> None:
    _, problems = people(profile("person", "jan-leike", "Jan Leike"),
                         profile("person", "jan-leike-2", "Jan Leiké", "JL"))
    assert problems == ["content/people/jan-leike-2.md:2: name: 'Jan Leiké' is already a name or alias of "
                        "content/people/jan-leike.md (each name and alias must lead to one profile)"]


def test_a_duplicate_alias_is_reported_on_its_item_line() -> None:
    _, problems = people(profile("person", "barret-zoph", "Barret Zoph", "Brett Zoph", "Zoph"),
                         profile("person", "anna-zoph", "Anna Zoph", "A. Zoph", "Zoph"))
    assert problems == ["content/people/anna-zoph.md:5: aliases: 'Zoph' is already a name or alias of "
                        "content/people/barret-zoph.md (each name and alias must lead to one profile)"]


def test_an_alias_repeating_the_profiles_own_name_or_slug_is_not_a_clash() -> None:
    _, problems = people(profile("person", "barret-zoph", "Barret Zoph", "barret zoph", "Barret-Zoph"))
    assert problems == []


@pytest.mark.parametrize("order", ["slug first", "alias first"])
def test_an_alias_equal_to_another_profiles_slug_is_reported_whatever_the_file_order(order: str) -> None:
    # Otherwise "zoph" would stay ambiguous, and the hint "use the slug" could not resolve it.
    with_alias = profile("person", "barret-zoph", "Barret Zoph", "Zoph")
    with_slug = profile("person", "zoph", "Anna Zoph")
    _, problems = people(*([with_slug, with_alias] if order == "slug first" else [with_alias, with_slug]))
    assert problems == ["content/people/barret-zoph.md:4: aliases: 'Zoph' is already a name or alias of "
                        "content/people/zoph.md (each name and alias must lead to one profile)"]


def test_a_lab_alias_that_is_a_persons_name_clashes() -> None:
    index, _ = people(*PEOPLE)
    labs, problems = build_index("lab", [profile("lab", "openai", "OpenAI"),
                                         profile("lab", "bubeck-labs", "Bubeck Labs", "Sebastien Bubeck")])
    assert problems == []
    assert [p.text() for p in clashes(index, labs)] == [
        "content/labs/bubeck-labs.md:4: aliases: 'Sebastien Bubeck' is already a name or alias of "
        "content/people/sebastien-bubeck.md (each name and alias must lead to one profile)"]


def test_a_lab_named_like_nobody_does_not_clash() -> None:
    index, _ = people(*PEOPLE)
    labs, _ = build_index("lab", [profile("lab", "openai", "OpenAI", "Open AI")])
    assert clashes(index, labs) == []


def test_a_person_and_a_lab_may_share_a_slug_word_without_clashing() -> None:
    # Slugs are not names: a reference's field already says which kind it means.
    index, _ = people(profile("person", "mistral", "Jean Mistral"))
    labs, _ = build_index("lab", [profile("lab", "mistral-ai", "Mistral AI", "Mistral")])
    assert clashes(index, labs) == []


def test_fold_transliterates_to_lowercase_ascii() -> None:
    assert fold("Łukasz Ó Súilleabháin") == "lukasz o suilleabhain"
    assert fold("Straße") == "strasse"


def test_key_drops_everything_but_letters_and_digits() -> None:
    assert key("Sébastien Bubeck") == key("sebastien-bubeck") == key("SEBASTIEN  BUBECK!") == "sebastienbubeck"


def test_slugify_makes_a_valid_slug_from_a_name() -> None:
    assert slugify("Mira Murati") == "mira-murati"
    assert slugify("Łukasz Kaiser") == "lukasz-kaiser"
    assert slugify("O'Brien & Co.") == "obrien-co"
    assert is_slug(slugify("  Sébastien   Bubeck  "))


@pytest.mark.parametrize(("text", "ok"), [("mira-murati", True), ("gpt-4", True), ("Mira-Murati", False),
                                          ("mira--murati", False), ("-mira", False), ("sébastien", False),
                                          ("mira_murati", False), ("", False)])
def test_is_slug_accepts_lowercase_ascii_words_joined_by_single_hyphens(text: str, ok: bool) -> None:
    assert is_slug(text) is ok
