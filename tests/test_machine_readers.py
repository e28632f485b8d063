"""What machines read (issue 18, point 10) and sources named (point 8): JSON-LD on the real site, the social
cards (PNG, 1200x630, the same bytes on every build, drawn again only when what they show changes), the
font setting, the /data/ page, the outlets table."""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from revdoor.content.config import validate_config
from revdoor.output import cardimage
from revdoor.output.builder import build
from revdoor.site.pages import Card
from tests.conftest import build_into, copy_site
from tests.sitecheck import find_all, parse

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def blocks(path: Path) -> list[dict[str, Any]]:
    return [json.loads(el.text or "") for el in find_all(parse(path), "script", type="application/ld+json")]


def nodes(value: Any) -> list[dict[str, Any]]:
    """Every JSON object inside `value`, itself included."""
    if isinstance(value, dict):
        return [value] + [n for v in value.values() for n in nodes(v)]
    if isinstance(value, list):
        return [n for v in value for n in nodes(v)]
    return []


# --- JSON-LD --------------------------------------------------------------------------------------------------

SCHEMA_TYPES = {"WebSite", "WebPage", "Person", "Organization", "NewsArticle", "NewsMediaOrganization",
                "OrganizationRole"}


def test_every_json_ld_block_of_the_real_site_has_the_shape_of_its_type(real_site: Any) -> None:
    out, origin = real_site.output, real_site.model.config.origin
    kinds: dict[str, int] = {}
    for path in sorted(out.rglob("index.html")):
        if path.relative_to(out).parts[0] == "pagefind":
            continue
        for block in blocks(path):
            assert block["@context"] == "https://schema.org", path
            for node in nodes(block):
                kind = node["@type"]
                assert kind in SCHEMA_TYPES, (path, kind)
                kinds[kind] = kinds.get(kind, 0) + 1
                if kind in ("Person", "Organization"):  # our page's address, and their own links apart
                    assert node["name"] and node["url"].startswith(origin + "/"), (path, node)
                    assert all(not u.startswith(origin) for u in node.get("sameAs", [])), (path, node)
                if kind == "OrganizationRole":  # the Role pattern: the organisation under the same property
                    inner = node.get("worksFor") or node["alumniOf"]
                    assert inner["@type"] == "Organization", (path, node)
                    for key in ("startDate", "endDate"):
                        assert re.fullmatch(r"\d{4}(-\d\d){0,2}", node.get(key, "2000")), (path, node)
                if kind == "NewsArticle":
                    assert {"headline", "datePublished", "inLanguage", "url", "about"} <= node.keys(), path
    assert {"WebPage", "Person", "Organization", "NewsArticle", "OrganizationRole"} <= kinds.keys()


def test_an_article_names_its_publisher_and_the_original_it_is_based_on(real_site: Any) -> None:
    out = real_site.output
    [wired] = blocks(out / "articles/openai-debauche-trois-ingenieurs-deepmind/index.html")
    assert wired["publisher"] == {"@type": "NewsMediaOrganization", "name": "WIRED"}
    [unnamed] = blocks(out / "articles/porte-tournante-laboratoires-ia/index.html")
    assert "publisher" not in unnamed  # the publication is not named: nothing is made up
    assert unnamed["isBasedOn"].startswith("https://press-gpt.olfp.net/")


def test_an_event_page_says_who_holds_which_role_from_when(real_site: Any) -> None:
    [page] = blocks(real_site.output / "events/bubeck-microsoft-to-openai/index.html")
    origin = real_site.model.config.origin
    assert page["@type"] == "WebPage" and page["url"] == origin + "/events/bubeck-microsoft-to-openai/"
    [bubeck] = page["about"]
    assert bubeck["name"] == "Sébastien Bubeck" and bubeck["url"] == origin + "/people/sebastien-bubeck/"
    assert bubeck["worksFor"]["@type"] == "OrganizationRole" and bubeck["worksFor"]["startDate"] == "2024-10"
    assert bubeck["worksFor"]["worksFor"]["url"] == origin + "/labs/openai/"
    assert bubeck["worksFor"]["worksFor"]["sameAs"] == ["https://openai.com/"]
    assert bubeck["alumniOf"]["alumniOf"]["name"] == "Microsoft" and bubeck["alumniOf"]["endDate"] == "2024-10"
    # The article's canonical address: its frame in its own language, French (issue 18, point 7).
    assert page["isBasedOn"] == [origin + "/fr/articles/bubeck-quitte-microsoft-pour-openai/"]


def test_a_rumour_gives_nobody_a_role(good_site: Any) -> None:
    [page] = blocks(good_site.output / "events/kaiser-to-meta-rumored/index.html")
    assert page["about"] and all("worksFor" not in p and "alumniOf" not in p for p in page["about"])


# --- sources named (point 8) ---------------------------------------------------------------------------------


def test_sources_show_their_outlet_and_an_article_its_date(real_site: Any) -> None:
    out = real_site.output
    html = (out / "events/murati-founds-thinking-machines-lab/index.html").read_text(encoding="utf-8")
    assert '<a href="https://www.wired.com/story/mira-murati-thinking-machines-lab/" rel="noopener">WIRED</a>' in html
    html = (out / "events/bubeck-microsoft-to-openai/index.html").read_text(encoding="utf-8")
    assert '(Downcodes, <time datetime="2024-10-15">15 October 2024</time>)' in html
    articles = (out / "articles/index.html").read_text(encoding="utf-8")
    assert "olfp.net" not in articles.replace("https://press-gpt.olfp.net", "")  # no domain as an outlet's name
    profile = (out / "people/mira-murati/index.html").read_text(encoding="utf-8")
    assert 'rel="noopener">Wikipedia</a>' in profile and ">wikipedia<" not in profile


def test_outlets_are_domains_with_names() -> None:
    config, problems = validate_config({"title": "T", "base_url": "https://x.org/",
                                        "outlets": {"wired.com": "WIRED", "https://ft.com": "FT"}})
    assert config is None
    assert [p.message for p in problems] == ["'https://ft.com' is not a domain such as 'wired.com'"]
    config, _ = validate_config({"title": "T", "base_url": "https://x.org/", "outlets": {"businessinsider.com": "BI"}})
    assert config is not None and config.outlet("https://markets.businessinsider.com/news/x") == "BI"
    assert config.outlet("https://www.businessinsider.com/x") == "BI" and config.outlet("https://ft.com/") is None


# --- /data/ ---------------------------------------------------------------------------------------------------


def test_the_data_page_lists_every_download_with_format_size_and_licence(real_site: Any) -> None:
    out = real_site.output
    for page, lang in (("data/index.html", "en"), ("fr/data/index.html", "fr")):
        html = (out / page).read_text(encoding="utf-8")
        assert 'rel="license">CC BY 4.0</a>' in html
        for name in ("events.json", "people.json", "labs.json", "events.csv"):
            size = -(-(out / "data" / name).stat().st_size // 1000)
            unit = "kB" if lang == "en" else "ko"
            assert re.search(rf'href="/data/{name}"[^>]*>{name}</a> — [^<]+ <span class="meta">\((JSON|CSV), '
                             rf"{size}\s{unit}\)</span>", html), (page, name)
    footer = (out / "people/mira-murati/index.html").read_text(encoding="utf-8")
    assert '<a href="/data/">Open data</a>' in footer
    assert '<a href="/fr/data/">Données ouvertes</a>' in (out / "fr/index.html").read_text(encoding="utf-8")


# --- cards ----------------------------------------------------------------------------------------------------


def test_a_card_is_a_1200_by_630_png_with_the_letters_of_french_and_polish() -> None:
    card = Card("Łukasz Kaiser, œuvre d’été", "OpenAI", "Google → OpenAI", "Revolving Door", "example.org")
    image = Image.open(io.BytesIO(cardimage.draw(card, FONT)))
    image.load()  # decodes every row: the deflate stream and its checksum are whole
    assert image.format == "PNG" and image.size == (1200, 630)
    # The title inks the card where a glyph is drawn: not a box for a missing letter, and not blank.
    assert Image.open(io.BytesIO(cardimage.draw(Card("Ł", "", "", "S", "e.org"), FONT))).tobytes() != \
        Image.open(io.BytesIO(cardimage.draw(Card("L", "", "", "S", "e.org"), FONT))).tobytes()


def test_a_card_draws_any_text_on_one_line() -> None:
    for title in ("\n\\1. -javascript:Microsoft\r~", "\t", "a\u200bb\u0000c", "x" * 500, "😀 中文"):
        image = Image.open(io.BytesIO(cardimage.draw(Card(title, title, title, "S", "e.org"), FONT)))
        image.load()
        assert image.size == (1200, 630), title


def test_a_cards_bytes_do_not_depend_on_the_cards_drawn_before_it() -> None:
    card = Card("Barret Zoph", "OpenAI", "OpenAI → Thinking Machines Lab → OpenAI", "Revolving Door", "example.org")
    first = cardimage.draw(card, FONT)
    for i in range(5):
        cardimage.draw(Card(f"Someone {i} else entirely", "Lab", "x " * i * 20, "Revolving Door", "example.org"), FONT)
    assert cardimage.draw(card, FONT) == first


def test_checksums_combine_as_over_the_joined_data() -> None:
    rng = random.Random(18)
    for _ in range(30):
        a, b = rng.randbytes(rng.randint(0, 5000)), rng.randbytes(rng.randint(0, 90000))
        assert cardimage._adler_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)


def test_cards_are_the_same_bytes_on_two_cold_builds(good_site: Any, tmp_path: Path) -> None:
    again = build_into(copy_site("good-site", tmp_path / "site"), tmp_path / "public", with_search=False)
    cards = sorted(p.relative_to(good_site.output) for p in good_site.output.rglob("card.png"))
    assert len(cards) > 10 and Path("people/barret-zoph/card.png") in cards and Path("card.png") in cards
    for rel in cards:
        assert (again.output / rel).read_bytes() == (good_site.output / rel).read_bytes(), rel


def test_a_card_is_drawn_again_only_when_what_it_shows_changes(tmp_path: Path) -> None:
    source = copy_site("good-site", tmp_path / "site")
    out = tmp_path / "public"
    build_into(source, out, with_search=False, atomic=False)
    zoph, kaiser = out / "people/barret-zoph/card.png", out / "people/lukasz-kaiser/card.png"
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes()) for p in (zoph, kaiser)}
    build_into(source, out, with_search=False, atomic=False)  # warm, nothing changed: nothing written
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes()) for p in (zoph, kaiser)} == before
    profile = source / "content/people/barret-zoph.md"
    profile.write_text(profile.read_text(encoding="utf-8").replace("name: Barret Zoph", "name: Barret Zoph-Renamed"),
                       encoding="utf-8")
    result = build_into(source, out, with_search=False, atomic=False)
    assert zoph.read_bytes() != before[zoph][2]
    assert (kaiser.stat().st_ino, kaiser.stat().st_mtime_ns) == before[kaiser][:2]
    assert result.rendered < 60  # the renamed person's pages and cards, not every card of the site


def test_a_build_without_the_card_font_stops_and_names_the_setting(tmp_path: Path) -> None:
    source = copy_site("good-site", tmp_path / "site")
    toml = source / "site.toml"
    toml.write_text(toml.read_text() + 'card_font = "fonts/missing.ttf"\n')
    result = build(source, tmp_path / "public", with_search=False)
    assert not result.ok and not (tmp_path / "public").exists()
    [problem] = [p for p in result.problems if p.is_error]
    line = toml.read_text().splitlines().index('card_font = "fonts/missing.ttf"') + 1
    assert (problem.path, problem.line, problem.field) == ("site.toml", line, "card_font")
    assert problem.message == f"no font file at {source / 'fonts/missing.ttf'}: social cards need it"
    assert problem.hint == ("install Debian's fonts-dejavu-core (scripts/setup.sh does), or set card_font in "
                            "site.toml to a TrueType font that covers French and Central European letters")
    (source / "fonts").mkdir()
    shutil.copy(FONT, source / "fonts/missing.ttf")  # a font of the site's own, relative to its folder
    assert build(source, tmp_path / "public", with_search=False).ok


@pytest.mark.parametrize("field", ["authors"])
def test_authors_reach_the_news_article(tmp_path: Path, field: str) -> None:
    source = copy_site("good-site", tmp_path / "site")
    article = source / "content/articles/bubeck-joins-openai.md"
    article.write_text(article.read_text(encoding="utf-8").replace("---\n", f"---\n{field}: [Jane Reporter]\n", 1),
                       encoding="utf-8")
    out = build_into(source, tmp_path / "public", with_search=False).output
    [block] = blocks(out / "articles/bubeck-joins-openai/index.html")
    assert block["author"] == [{"@type": "Person", "name": "Jane Reporter"}]
