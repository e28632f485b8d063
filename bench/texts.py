"""The corpus as files: front matter in the editors' contract, and prose for articles, bios and notes.

References are written the ways editors write them (name, slug, alias, accent-stripped lowercase name);
articles cite one to three nearby moves, and those moves list the articles among their sources.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from revdoor.common.names import fold, slugify

from . import vocab
from .corpus import Corpus, Lab, Move, Person, simulate

SYLLABLES = {"en": vocab.words("ka lo mi ter ran vel sto pri nex cor dia lum fin gra tol ver sen ard"),
             "fr": vocab.words("mé ré té lo ca rai ten sion vé çon pè dé ment eur ière gné bi ro")}


@dataclass
class Article:
    slug: str
    date: dt.date
    lang: str
    title: str
    cites: list[Move]


def q(text: str) -> str:
    """A YAML double-quoted scalar: JSON strings are valid YAML and escape everything that needs it."""
    return json.dumps(text, ensure_ascii=False)


def ref(rng: random.Random, item: Person | Lab) -> str:
    r = rng.random()
    if r < 0.5:
        return item.name
    if r < 0.7:
        return item.slug
    if r < 0.85 and item.aliases:
        return rng.choice(item.aliases)
    return fold(item.name)  # "sebastien bubeck", "lukasz lukasiewicz"


class Prose:
    """Zipf-weighted words: each language's common words, then a tail of invented rarer ones."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words: dict[str, list[str]] = {}
        self.cum: dict[str, list[float]] = {}
        for lang, syllables in SYLLABLES.items():
            tail = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(2500)})
            words = vocab.WORDS[lang] + tail
            total, cum = 0.0, []
            for rank in range(1, len(words) + 1):
                total += 1 / rank
                cum.append(total)
            self.words[lang], self.cum[lang] = words, cum

    def sentence(self, lang: str, names: list[str]) -> str:
        rng = self.rng
        words = rng.choices(self.words[lang], cum_weights=self.cum[lang], k=rng.randint(9, 24))
        if names and rng.random() < 0.4:
            words.insert(rng.randrange(1, len(words)), rng.choice(names))
        if rng.random() < 0.15:
            i = rng.randrange(len(words))
            words[i] = f"*{words[i]}*"
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice("......?")

    def paragraph(self, lang: str, names: list[str], sentences: int) -> str:
        return " ".join(self.sentence(lang, names) for _ in range(sentences))

    def article(self, lang: str, names: list[str], link: tuple[str, str] | None) -> str:
        """About 600 words: a lead naming the first person, headed sections, a quote, a list, a link."""
        rng = self.rng
        target = rng.randint(540, 660)
        lead = self.paragraph(lang, names, 4)
        parts = [f"**{names[0]}** {lead}" if names else lead]
        headings = rng.sample(vocab.HEADINGS[lang], 3)
        words = len(parts[0].split())
        while words < target:
            r = rng.random()
            if r < 0.12 and headings:
                block = "## " + headings.pop()
            elif r < 0.2:
                block = "\n".join("- " + self.sentence(lang, names) for _ in range(rng.randint(2, 4)))
            elif r < 0.26:
                block = "> " + self.sentence(lang, names)
            else:
                block = self.paragraph(lang, names, rng.randint(3, 5))
                if link and rng.random() < 0.3:
                    block += f" [{link[0]}]({link[1]})"
            parts.append(block)
            words += len(block.split())
        return "\n\n".join(parts) + "\n"


def plan_articles(rng: random.Random, moves: list[Move], n: int) -> list[Article]:
    """Each article reports one move and up to two others from the days around it, published after them."""
    articles, taken = [], set()
    for _ in range(n):
        i = rng.randrange(len(moves))
        nearby = moves[i + 1:i + 12]
        cites = [moves[i], *rng.sample(nearby, min(len(nearby), rng.choice((0, 0, 1, 2))))]
        lang = "fr" if rng.random() < 0.4 else "en"
        first = cites[0]
        who = first.people[0].name if first.people else (first.unnamed or "")
        src, dst = first.src or first.dst, first.dst or first.src
        assert src is not None and dst is not None
        forms = [t for t in vocab.TITLES[lang] if first.people or "{who}" not in t]  # "3 people leaves" reads badly
        title = rng.choice(forms).format(who=who, src=src.name, dst=dst.name)
        day = max(m.date.end for m in cites) + dt.timedelta(days=rng.randint(0, 14))
        base = "-".join(slugify(f"{title}").split("-")[:9]) or "article"
        slug, k = base, 2
        while slug in taken:
            slug, k = f"{base}-{k}", k + 1
        taken.add(slug)
        articles.append(Article(slug, day, lang, title, cites))
        for move in cites:
            if slug not in move.sources:
                move.sources.append(slug)
    return articles


def url_of(lab: Lab) -> str:
    return f"https://{lab.slug}.example.com/"


def person_file(rng: random.Random, prose: Prose, p: Person) -> str:
    lines = ["---", f"name: {q(p.name)}"]
    if p.aliases:
        lines.append("aliases: [" + ", ".join(q(a) for a in p.aliases) + "]")
    lines.append("links:")
    lines.append(f"  homepage: https://people.example.org/{p.slug}/")
    if rng.random() < 0.5:
        lines.append(f"  scholar: https://scholar.example.org/citations?user={p.slug}")
    return "\n".join([*lines, "---", prose.paragraph("en", [], rng.randint(1, 3)), ""])


def lab_file(rng: random.Random, prose: Prose, lab: Lab) -> str:
    lines = ["---", f"name: {q(lab.name)}"]
    if lab.aliases:
        lines.append("aliases: [" + ", ".join(q(a) for a in lab.aliases) + "]")
    lines.append(f"kind: {lab.kind}")
    if lab.parent is not None:
        lines.append(f"parent: {q(ref(rng, lab.parent))}")
    lines.append(f"url: {url_of(lab)}")
    return "\n".join([*lines, "---", prose.paragraph("en", [], rng.randint(1, 2)), ""])


def event_file(rng: random.Random, prose: Prose, m: Move) -> str:
    lines = ["---"]
    if m.unnamed:
        lines.append(f"unnamed: {q(m.unnamed)}")
        if m.count:
            lines.append(f"count: {m.count}")
    elif len(m.people) == 1:
        lines.append(f"person: {q(ref(rng, m.people[0]))}")
    else:
        lines += ["people:", *(f"  - {q(ref(rng, p))}" for p in m.people)]
    lines += [f"date: {m.date.text}", f"type: {m.type}"]
    for name, lab in (("from", m.src), ("to", m.dst)):
        if lab is not None:
            lines.append(f"{name}: {q(ref(rng, lab))}")
    if m.role:
        lines.append(f"role: {q(m.role)}")
    if m.from_role:
        lines.append(f"from_role: {q(m.from_role)}")
    if m.status:
        lines.append(f"status: {m.status}")
    sources = list(m.sources)
    if not sources or rng.random() < 0.2:
        sources.append(f"https://news.example.com/{m.date.iso}/{m.slug}")
    lines += ["sources:", *(f"  - {s}" for s in sources), "---"]
    notes = prose.sentence("en", []) if rng.random() < 0.4 else ""
    return "\n".join(lines) + "\n" + (notes + "\n" if notes else "")


def article_file(rng: random.Random, prose: Prose, a: Article) -> str:
    people = list(dict.fromkeys(p.slug for m in a.cites for p in m.people))
    by_slug = {p.slug: p for m in a.cites for p in m.people}
    labs = {lab.slug: lab for m in a.cites for lab in (m.src, m.dst) if lab is not None}
    publication, base = rng.choice(vocab.PUBLICATIONS[a.lang])
    lines = ["---", f"title: {q(a.title)}", f"date: {a.date.isoformat()}", f"lang: {a.lang}",
             f"source: {q(publication)}", f"source_url: {base}{a.date.year}/{a.slug}"]
    if people:
        lines.append("people: [" + ", ".join(q(ref(rng, by_slug[s])) for s in people) + "]")
    lines.append("labs: [" + ", ".join(q(ref(rng, lab)) for lab in labs.values()) + "]")
    lines += [f"summary: {q(prose.sentence(a.lang, []))}", "---"]
    # The text names people and labs as the press does: full names, aliases, sometimes unaccented.
    mentions = [rng.choice([p.name, *p.aliases]) for p in by_slug.values()]
    mentions += [rng.choice([lab.name, *lab.aliases]) for lab in labs.values()]
    first = next(iter(labs.values()))
    return "\n".join(lines) + "\n" + prose.article(a.lang, mentions, (first.name, url_of(first)))


SITE_TOML = '''title = "Revolving Door (benchmark corpus)"
base_url = "https://bench.example.org/"
language = "en"
output_dir = "public"
feed_page_size = 50
'''


def write_site(out: Path, events: int, people: int, labs: int, articles: int, *, seed: int = 1) -> int:
    """Replace OUT/content and OUT/site.toml with a generated site; return the number of files written."""
    corpus: Corpus = simulate(seed, events, people, labs)
    rng = random.Random(seed * 7919 + 1)
    prose = Prose(rng)
    planned = plan_articles(rng, corpus.moves, articles)
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    files: dict[str, str] = {"site.toml": SITE_TOML}
    for p in corpus.people:
        files[f"content/people/{p.slug}.md"] = person_file(rng, prose, p)
    for lab in corpus.labs:
        files[f"content/labs/{lab.slug}.md"] = lab_file(rng, prose, lab)
    for m in corpus.moves:
        files[f"content/events/{m.slug}.md"] = event_file(rng, prose, m)
    for a in planned:
        files[f"content/articles/{a.slug}.md"] = article_file(rng, prose, a)
    for kind in ("people", "labs", "events", "articles"):
        (content / kind).mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        (out / rel).write_bytes(text.encode("utf-8"))
    return len(files)
