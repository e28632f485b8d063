"""The model that `load_site` derives from a tiny site: careers, affiliations, lab flows and article mentions.

The site is written inline into tmp_path (one module-scoped site; nothing is rendered to HTML pages). Its
story, in date order:

- 2019      Alice arrives at Google DeepMind as Researcher
- 2022-03   Alice moves Google DeepMind -> OpenAI as Research lead
- 2023      Bob and Carol move together OpenAI -> Anthropic (`people: [...]`)
- 2024-05-10 Alice returns OpenAI -> Google DeepMind as Principal scientist
- 2024-09   two unnamed OpenAI researchers move to Anthropic (`unnamed`, count 2)
- before 2024-10-15 Dan leaves Google
- 2025-01   rumour: Alice to Anthropic;  2025-06 denied: Alice to OpenAI
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from revdoor.common.dates import FuzzyDate
from revdoor.modelling.model import Model, Stint
from revdoor.modelling.pipeline import load_site

SOURCE = "https://example.com/story"

FILES = {
    "site.toml": 'title = "Model test"\nbase_url = "https://model.example.org/"\n',
    "content/people/alice.md": "---\nname: Alice Example\n---\n",
    "content/people/bob.md": "---\nname: Bob Builder\n---\n",
    "content/people/carol.md": "---\nname: Carol Coder\n---\n",
    "content/people/dan.md": "---\nname: Dan Doe\n---\n",
    "content/people/erin.md": "---\nname: Erin Idle\n---\n",
    "content/labs/google.md": "---\nname: Google\nkind: company\n---\n",
    "content/labs/google-deepmind.md": "---\nname: Google DeepMind\naliases: [DeepMind]\nparent: google\n---\n",
    "content/labs/openai.md": "---\nname: OpenAI\n---\n",
    "content/labs/anthropic.md": "---\nname: Anthropic\n---\n",
    "content/articles/alice-returns.md": (
        "---\ntitle: Alice returns\ndate: 2024-05-11\npeople: [Dan Doe]\nlabs: [Anthropic]\n---\n"
        "Alice Example is back at Google DeepMind after two years.\n"),
}


def event(slug: str, **fields: str) -> None:
    fields.setdefault("sources", f"[{SOURCE}]")
    FILES[f"content/events/{slug}.md"] = "---\n" + "".join(f"{k}: {v}\n" for k, v in fields.items()) + "---\n"


event("e1-alice-joins-gdm", person="Alice Example", date="2019", type="arrival", to="DeepMind", role="Researcher")
event("e2-alice-to-openai", person="alice", date="2022-03", type="move", **{"from": "Google DeepMind"},
      to="OpenAI", role="Research lead")
event("e3-bob-carol-to-anthropic", people="[Bob Builder, carol]", date="2023", type="move",
      **{"from": "OpenAI"}, to="Anthropic")
event("e4-alice-returns", person="Alice Example", date="2024-05-10", type="move", **{"from": "openai"},
      to="google-deepmind", role="Principal scientist", sources="[alice-returns]")
event("e5-unnamed-to-anthropic", unnamed="Two OpenAI researchers", count="2", date="2024-09", type="move",
      **{"from": "OpenAI"}, to="Anthropic")
event("e6-dan-leaves-google", person="Dan Doe", date="before 2024-10-15", type="departure", **{"from": "Google"})
event("e7-alice-rumour", person="Alice Example", date="2025-01", type="move", **{"from": "Google DeepMind"},
      to="Anthropic", status="rumored")
event("e8-alice-denied", person="Alice Example", date="2025-06", type="move", **{"from": "Google DeepMind"},
      to="OpenAI", status="denied")


def write_site(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    loaded = load_site(write_site(tmp_path_factory.mktemp("site"), FILES), jobs=1)
    assert [p.text() for p in loaded.problems] == []
    assert loaded.model is not None
    return loaded.model


def test_a_career_is_a_chronological_list_of_stints_with_roles_and_dates(model: Model) -> None:
    assert model.timelines["alice"].stints == (
        Stint("google-deepmind", "Researcher", FuzzyDate(2019), FuzzyDate(2022, 3), "e1-alice-joins-gdm",
              "e2-alice-to-openai"),
        Stint("openai", "Research lead", FuzzyDate(2022, 3), FuzzyDate(2024, 5, 10), "e2-alice-to-openai",
              "e4-alice-returns"),
        Stint("google-deepmind", "Principal scientist", FuzzyDate(2024, 5, 10), None, "e4-alice-returns", None,
              is_return=True),
    )


def test_stint_dates_keep_the_precision_of_the_events(model: Model) -> None:
    first, second, _ = model.timelines["alice"].stints
    assert (first.start.precision, first.end.precision) == ("year", "month")  # type: ignore[union-attr]
    assert second.end.precision == "day"  # type: ignore[union-attr]


def test_current_affiliation_is_the_open_stint(model: Model) -> None:
    assert model.timelines["alice"].current == ("google-deepmind",)
    assert [s.current for s in model.timelines["alice"].stints] == [False, False, True]


def test_rumour_and_denial_are_listed_apart_and_never_change_current_affiliation(model: Model) -> None:
    alice = model.timelines["alice"]
    assert alice.rumours == ("e7-alice-rumour", "e8-alice-denied")
    assert alice.current == ("google-deepmind",)
    assert {s.lab for s in alice.stints} == {"google-deepmind", "openai"}  # never at Anthropic
    assert alice.events[-2:] == ("e7-alice-rumour", "e8-alice-denied")


def test_a_return_to_a_former_lab_is_flagged(model: Model) -> None:
    assert model.timelines["alice"].returns == ("e4-alice-returns",)


def test_a_group_move_moves_every_person(model: Model) -> None:
    for person in ("bob", "carol"):
        timeline = model.timelines[person]
        assert timeline.current == ("anthropic",)
        assert timeline.stints == (
            Stint("openai", None, None, FuzzyDate(2023), None, "e3-bob-carol-to-anthropic"),
            Stint("anthropic", None, FuzzyDate(2023), None, "e3-bob-carol-to-anthropic", None),
        )
    assert model.events["e3-bob-carol-to-anthropic"].people == ("bob", "carol")


def test_an_unnamed_move_gives_nobody_a_timeline_but_counts_in_flows(model: Model) -> None:
    event = model.events["e5-unnamed-to-anthropic"]
    assert (event.people, event.unnamed, event.headcount) == ((), "Two OpenAI researchers", 2)
    assert all("e5-unnamed-to-anthropic" not in t.events for t in model.timelines.values())
    assert "e5-unnamed-to-anthropic" in model.flows["anthropic"].arrivals
    assert "e5-unnamed-to-anthropic" in model.flows["openai"].departures


def test_a_departure_before_a_date_ends_a_stint_of_unknown_start(model: Model) -> None:
    dan = model.timelines["dan"]
    assert dan.stints == (Stint("google", None, None, FuzzyDate(2024, 10, 15, before=True), None,
                                "e6-dan-leaves-google"),)
    assert dan.current == ()


def test_a_person_without_events_has_an_empty_timeline(model: Model) -> None:
    erin = model.timelines["erin"]
    assert (erin.stints, erin.current, erin.events) == ((), (), ())


def test_a_lab_lists_its_current_people_and_alumni(model: Model) -> None:
    assert model.flows["anthropic"].current == ("bob", "carol")
    assert model.flows["openai"].current == ()
    assert model.flows["openai"].alumni == ("alice", "bob", "carol")
    # Alice left and came back: current, not an alumna.
    assert (model.flows["google-deepmind"].current, model.flows["google-deepmind"].alumni) == (("alice",), ())
    assert model.flows["google"].alumni == ("dan",)


def test_a_lab_lists_arrivals_and_departures_in_date_order_and_rumours_apart(model: Model) -> None:
    openai = model.flows["openai"]
    assert openai.arrivals == ("e2-alice-to-openai",)
    assert openai.departures == ("e3-bob-carol-to-anthropic", "e4-alice-returns", "e5-unnamed-to-anthropic")
    assert openai.rumours == ("e8-alice-denied",)
    gdm = model.flows["google-deepmind"]
    assert gdm.arrivals == ("e1-alice-joins-gdm", "e4-alice-returns")
    assert gdm.departures == ("e2-alice-to-openai",)
    assert gdm.rumours == ("e7-alice-rumour", "e8-alice-denied")


def test_net_flow_counts_heads_of_believed_moves(model: Model) -> None:
    openai, anthropic = model.flows["openai"], model.flows["anthropic"]
    assert (openai.arrived, openai.departed, openai.net) == (1, 5, -4)  # group of 2, unnamed 2, Alice
    assert (anthropic.arrived, anthropic.departed, anthropic.net) == (4, 0, 4)  # the rumour does not count
    assert model.flows["google-deepmind"].net == 1


def test_a_lab_gains_from_and_loses_to_other_labs_most_first(model: Model) -> None:
    assert model.flows["openai"].loses_to == (("anthropic", 4), ("google-deepmind", 1))
    assert model.flows["openai"].gains_from == (("google-deepmind", 1),)
    assert model.flows["anthropic"].gains_from == (("openai", 4),)
    # The 2019 arrival has no `from`: it counts as arrived, but is a gain from no lab.
    assert model.flows["google-deepmind"].arrived == 2
    assert model.flows["google-deepmind"].gains_from == (("openai", 1),)


def test_a_parent_lab_lists_its_children(model: Model) -> None:
    assert model.labs["google-deepmind"].parent == "google"
    assert model.flows["google"].children == ("google-deepmind",)
    assert model.flows["google-deepmind"].children == ()


def test_article_mentions_are_front_matter_then_names_in_the_text(model: Model) -> None:
    article = model.articles["alice-returns"]
    assert article.people == ("dan", "alice")
    # The longest name wins: "Google DeepMind" is DeepMind, and Google is not mentioned.
    assert article.labs == ("anthropic", "google-deepmind")
    assert article.date == dt.date(2024, 5, 11)
    assert article.lang == "en"


def test_mentions_index_articles_by_person_and_lab(model: Model) -> None:
    assert model.person_articles["alice"] == ("alice-returns",)
    assert model.lab_articles["google-deepmind"] == ("alice-returns",)
    assert "google" not in model.lab_articles


def test_an_article_cited_as_a_source_knows_the_events_citing_it(model: Model) -> None:
    assert model.cited_by == {"alice-returns": ("e4-alice-returns",)}


def test_events_are_listed_newest_first(model: Model) -> None:
    assert model.events_by_date == ("e8-alice-denied", "e7-alice-rumour", "e6-dan-leaves-google",
                                    "e5-unnamed-to-anthropic", "e4-alice-returns", "e3-bob-carol-to-anthropic",
                                    "e2-alice-to-openai", "e1-alice-joins-gdm")


def test_load_site_writes_nothing_into_the_site(tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES)
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    assert load_site(root, jobs=1).ok
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == before
