"""Plain pages (content/pages/<slug>.md), such as the editorial policy: published at /<slug>/ and /fr/<slug>/ in
the site's frame, and, while the site has a page `policy`, the one the status legend and the footer link to
(issue 18, point 4), in the reader's language; the forge's docs/policy.md otherwise, or nothing."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import build_into, copy_site
from test_fingerprints import differing, with_pages

from revdoor.common.urls import ROOT_FOLDERS
from revdoor.output.builder import build
from revdoor.preview.engine import Engine

ORIGIN = "https://example.org"


def bilingual(site: Path, repository: str | None = None) -> Path:
    toml = site / "site.toml"
    text = toml.read_text(encoding="utf-8").replace('language = "en"', 'languages = ["en", "fr"]')
    if repository:
        text += f'repository = "{repository}"\n'
    toml.write_text(text, encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("plain")
    site = bilingual(with_pages(copy_site("good-site", root / "site")), "https://github.com/owner/tracker")
    policy = site / "content/pages/policy.md"
    french = "title: Editorial policy\ntitle_fr: Charte éditoriale\n"
    policy.write_text(policy.read_text(encoding="utf-8").replace("title: Editorial policy\n", french))
    return build_into(site, root / "public", with_search=False, jobs=1).output  # type: ignore[return-value]


def html(out: Path, path: str) -> str:
    return (out / path / "index.html").read_text(encoding="utf-8")


def legend_links(text: str) -> list[str]:
    """The links of the status legend (after its list of statuses, which holds none)."""
    return re.findall(r'<div class="status-legend".*?</dl>\s*<p class="meta"><a href="([^"]+)"', text, re.DOTALL)


def footer_links(text: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', text.split('<footer class="site-footer"', 1)[1])


def test_a_page_is_published_in_each_language_in_the_sites_frame(out: Path) -> None:
    english, french = html(out, "policy"), html(out, "fr/policy")
    assert "<h1 data-pagefind-meta=\"title\" data-pagefind-weight=\"5\">Editorial policy</h1>" in english
    assert "<h1 data-pagefind-meta=\"title\" data-pagefind-weight=\"5\">Charte éditoriale</h1>" in french
    assert "<title>Charte éditoriale · Good Site</title>" in french
    assert '<h2 id="rumours">Rumours</h2>' in english and '<h2 id="rumours">Rumeurs</h2>' in french
    assert '<html lang="fr">' in french and '<nav class="lang-switch"' in french
    for text, url in ((english, "/policy/"), (french, "/fr/policy/")):
        assert f'<link rel="canonical" href="{ORIGIN}{url}">' in text
        assert f'<link rel="alternate" hreflang="en" href="{ORIGIN}/policy/">' in text
        assert f'<link rel="alternate" hreflang="fr" href="{ORIGIN}/fr/policy/">' in text
        assert '<footer class="site-footer"' in text and "data-pagefind-body" in text
    node = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', french)[0])
    assert node == {"@context": "https://schema.org", "@type": "WebPage", "name": "Charte éditoriale",
                    "inLanguage": "fr", "url": f"{ORIGIN}/fr/policy/",
                    "isPartOf": {"@type": "WebSite", "name": "Good Site", "url": f"{ORIGIN}/"}}
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{ORIGIN}/policy/</loc>" in sitemap and f"<loc>{ORIGIN}/fr/policy/</loc>" in sitemap


def test_an_untranslated_page_is_shown_in_french_marked_with_its_language(out: Path) -> None:
    french = html(out, "fr/about")
    assert '<span lang="en">About</span></h1>' in french
    assert ('<div class="prose" lang="en"><p>Volunteers, see <a href="/fr/policy/" rel="noopener noreferrer">'
            "the policy</a>.</p></div>") in french


def test_the_legend_and_the_footer_link_the_sites_own_policy_in_the_readers_language(out: Path) -> None:
    """Even with a repository, whose docs/policy.md was the only link before: the site's own page wins."""
    for lang in ("", "fr/"):
        for path in ("", "labs/openai/", "people/barret-zoph/", "feed/", "articles/zoph-retour-openai/"):
            text = html(out, lang + path)
            assert legend_links(text) == [f"/{lang}policy/#rumours"], lang + path
        for path in ("", "policy/", "events/murati-leaves-openai/", "data/"):
            assert f"/{lang}policy/" in footer_links(html(out, lang + path)), lang + path


def test_without_a_policy_page_the_legend_links_the_forge_and_without_a_repository_nothing(tmp_path: Path) -> None:
    site = bilingual(copy_site("good-site", tmp_path / "site"), "https://github.com/owner/tracker")
    forge = build_into(site, tmp_path / "forge", with_search=False, jobs=1).output
    assert forge is not None
    link = "https://github.com/owner/tracker/blob/main/docs/policy.md"
    assert legend_links(html(forge, "fr/labs/openai")) == [f"{link}#rumours"]
    assert link in footer_links(html(forge, "fr/labs/openai"))
    bare = build_into(bilingual(copy_site("good-site", tmp_path / "bare")), tmp_path / "out", with_search=False,
                      jobs=1).output
    assert bare is not None
    assert legend_links(html(bare, "labs/openai")) == [] and "policy" not in html(bare, "labs/openai")


def test_every_address_the_build_writes_starts_with_a_folder_of_its_own_a_page_or_a_language(out: Path) -> None:
    """The list a page's file name is checked against (`urls.ROOT_FOLDERS`) is every folder the site uses."""
    firsts = {p.relative_to(out).parts[0] for p in out.rglob("*") if p.is_file() and len(p.relative_to(out).parts) > 1}
    assert firsts <= {*ROOT_FOLDERS, "policy", "about", "fr"}


def test_the_preview_drops_the_policy_link_from_every_page_when_the_page_goes(tmp_path: Path) -> None:
    site = bilingual(with_pages(copy_site("good-site", tmp_path / "site")))
    engine = Engine(site, tmp_path / "preview", build_options={"with_search": False, "jobs": 1})
    assert engine.full().ok
    assert legend_links(html(tmp_path / "preview", "fr/labs/openai")) == ["/fr/policy/#rumours"]
    policy = site / "content/pages/policy.md"
    policy.unlink()
    outcome = engine.rebuild([policy])
    assert outcome.ok and outcome.fast
    cold = build(site, tmp_path / "cold", with_search=False, jobs=1, use_cache=False)
    assert cold.ok and differing(tmp_path / "preview", tmp_path / "cold") == []
    assert legend_links(html(tmp_path / "preview", "fr/labs/openai")) == []
    assert not (tmp_path / "preview/fr/policy").exists()


def test_an_edit_of_the_policys_text_renders_its_own_pages_only(tmp_path: Path) -> None:
    site = bilingual(with_pages(copy_site("good-site", tmp_path / "site")))
    engine = Engine(site, tmp_path / "preview", build_options={"with_search": False, "jobs": 1})
    assert engine.full().ok
    policy = site / "content/pages/policy.md"
    policy.write_text(policy.read_text(encoding="utf-8").replace("Marked as such.", "Marked as rumours."))
    outcome = engine.rebuild([policy])
    assert outcome.ok and outcome.rendered == 1  # /policy/ alone: not every page's footer, nor the French text
    assert "Marked as rumours." in html(tmp_path / "preview", "policy")
    shutil.rmtree(tmp_path / "preview")
