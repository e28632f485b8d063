"""Site settings from `site.toml`, validated into a frozen `SiteConfig`."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit

from ..common.problems import Problem, error

CONFIG_NAME = "site.toml"
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
CACHE_DIR = Path(".cache") / "revdoor"  # in the site's folder: parsed files, rendered bodies, pages' fingerprints
SITE_OWN = {"content", "templates", "static", CACHE_DIR.parts[0], ".git", ".github", CONFIG_NAME}  # never output_dir


DEFAULT_CARD_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@dataclass(frozen=True)
class SiteConfig:
    title: str
    base_url: str  # absolute, always ending in "/"
    language: str = "en"  # the default language: pages at the contract's URLs, and content's own language
    # Every language the site is published in, the default first; the others under /<lang>/ (issue 10).
    languages: tuple[str, ...] = ("en",)
    output_dir: str = "public"
    feed_page_size: int = 20
    description: str = "Who moves between AI labs: people, labs, and the flows between them."
    repository: str | None = None  # e.g. https://github.com/owner/repo, for "edit this page" links
    branch: str = "main"  # the branch editors' pull requests target
    flow_labs: int = 8  # labs named in a flow diagram; the others are grouped as "Other labs"
    # The TrueType font social cards are drawn with (output/cardimage.py): it must cover French and Central
    # European letters (é, œ, Ł, ’), which Pillow's own font does not. Absolute, or relative to the site's
    # folder; the default is Debian's fonts-dejavu-core, which scripts/setup.sh installs.
    card_font: str = DEFAULT_CARD_FONT
    # News outlets by web domain, `[outlets]` in site.toml ("wired.com" = "WIRED"): the one table that names
    # the publication of a source given by URL (an event's source, an article's source_url without `source`).
    outlets: tuple[tuple[str, str], ...] = ()
    # The licence of the open data, as /data/ states it (docs/data.md).
    data_license: str = "CC BY 4.0"
    data_license_url: str = "https://creativecommons.org/licenses/by/4.0/"

    def outlet(self, url: str | None) -> str | None:
        """The name of the outlet that published `url` (its domain or a parent domain in `outlets`:
        markets.businessinsider.com is businessinsider.com's), None when the table does not know it."""
        host = (urlsplit(url).hostname or "") if url else ""
        names = _table(self.outlets)
        parts = host.removeprefix("www.").split(".")
        return next((names[d] for d in (".".join(parts[i:]) for i in range(len(parts) - 1)) if d in names), None)

    @property
    def data_docs_url(self) -> str | None:
        """docs/data.md (the open data's format) on the forge; None without a repository."""
        if not self.repository:
            return None
        return f"{self.repository.rstrip('/')}/blob/{quote(self.branch)}/docs/data.md"
    # `description_fr = "..."`: the description in another of the site's languages, as (field, lang, text).
    translations: tuple[tuple[str, str, str], ...] = ()

    def text(self, field: str, lang: str) -> tuple[str, str]:
        """A translatable setting in `lang` when translated, else in the default language: (text, its lang)."""
        found = next((t for f, x, t in self.translations if f == field and x == lang), None)
        return (found, lang) if found is not None else (getattr(self, field), self.language)

    def frame_language(self, lang: str) -> str:
        """The language of an article's canonical frame (every language frames it; this one is its address
        for machines, `views.Views.article_home`), and whose links its text is first rendered with: its
        own when the site has it ("fr", or "fr" for "fr-CA"), else the default."""
        if lang in self.languages:
            return lang
        base = lang.split("-")[0].lower()
        return next((code for code in self.languages if code.split("-")[0].lower() == base), self.language)

    @property
    def base_path(self) -> str:
        """The path part of base_url ("/" or "/tracker/"): every internal link starts with it."""
        return urlsplit(self.base_url).path or "/"

    @property
    def origin(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def policy_url(self) -> str | None:
        """The editorial policy (docs/policy.md) on the forge, linked from every page's footer; None without
        a repository (a site built from a copy has no policy page of its own to point at)."""
        if not self.repository:
            return None
        return f"{self.repository.rstrip('/')}/blob/{quote(self.branch)}/docs/policy.md"


# Settings readers see as text, which may be given in the site's other languages: `description_fr = "..."`.
TRANSLATABLE = ("description",)
TRANSLATED = re.compile(rf"^({'|'.join(TRANSLATABLE)})_([a-z]{{2,3}}(?:-[A-Za-z0-9]{{2,8}})*)$")

# name -> (type, required)
FIELDS: dict[str, tuple[type, bool]] = {
    "title": (str, True),
    "base_url": (str, True),
    "language": (str, False),
    "languages": (list, False),
    "output_dir": (str, False),
    "feed_page_size": (int, False),
    "description": (str, False),
    "repository": (str, False),
    "branch": (str, False),
    "flow_labs": (int, False),
    "card_font": (str, False),
    "outlets": (dict, False),
    "data_license": (str, False),
    "data_license_url": (str, False),
}


def load_config(root: Path) -> tuple[SiteConfig | None, list[Problem]]:
    """Read `root/site.toml`; return the config, or None and the problems that prevent one."""
    path = root / CONFIG_NAME
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return None, [error(CONFIG_NAME, 1, None, f"no {CONFIG_NAME} in {root}")]
    except UnicodeDecodeError:
        return None, [error(CONFIG_NAME, 1, None, "file is not UTF-8 text")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [error(CONFIG_NAME, _toml_line(str(exc)), None, f"invalid TOML: {exc}")]
    return validate_config(data, text)


def validate_config(data: dict[str, Any], text: str = "") -> tuple[SiteConfig | None, list[Problem]]:
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        line = _key_line(text, key)
        if TRANSLATED.match(key):
            continue  # checked once the languages are known (`_translations`)
        if key not in FIELDS:
            problems.append(error(CONFIG_NAME, line, key, "unknown setting",
                                  f"known settings: {', '.join(FIELDS)}"))
            continue
        kind, _ = FIELDS[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            problems.append(error(CONFIG_NAME, line, key, f"must be a {kind.__name__}"))
            continue
        values[key] = value
    for key, (_, required) in FIELDS.items():
        if required and key not in data:
            problems.append(error(CONFIG_NAME, 1, key, "missing required setting"))
    base_url = values.get("base_url")
    if isinstance(base_url, str):
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(error(CONFIG_NAME, _key_line(text, "base_url"), "base_url",
                                  f"must be an absolute http(s) URL, not {base_url!r}"))
        elif not base_url.endswith("/"):
            values["base_url"] = base_url + "/"
    if "language" in values and not LANGUAGE_RE.match(values["language"]):
        problems.append(error(CONFIG_NAME, _key_line(text, "language"), "language",
                              f"{values['language']!r} is not a BCP 47 language tag such as 'en' or 'fr'"))
    problems += _languages(values, text)
    problems += _outlets(values, text)
    problems += _translations(data, values, text)
    if "feed_page_size" in values and not 1 <= values["feed_page_size"] <= 1000:
        problems.append(error(CONFIG_NAME, _key_line(text, "feed_page_size"), "feed_page_size",
                              "must be between 1 and 1000"))
    if "flow_labs" in values and not 1 <= values["flow_labs"] <= 50:
        problems.append(error(CONFIG_NAME, _key_line(text, "flow_labs"), "flow_labs", "must be between 1 and 50"))
    output_dir = values.get("output_dir")
    if isinstance(output_dir, str) and (not output_dir.strip() or output_dir.strip() in (".", "..")):
        problems.append(error(CONFIG_NAME, _key_line(text, "output_dir"), "output_dir",
                              "must name a directory of its own"))
    elif isinstance(output_dir, str) and _leaves_site(output_dir):
        # A build deletes whatever it did not write in its output directory: site.toml (which arrives by pull
        # request) must not aim that at the rest of the disk. `--output` on the command line still can.
        problems.append(error(CONFIG_NAME, _key_line(text, "output_dir"), "output_dir",
                              f"{output_dir!r} is outside the site: use a directory inside it, such as 'public' "
                              "(to build elsewhere, pass --output on the command line)"))
    elif isinstance(output_dir, str) and PurePosixPath(output_dir).parts[0] in SITE_OWN:
        problems.append(error(CONFIG_NAME, _key_line(text, "output_dir"), "output_dir",
                              f"{output_dir!r} is among the site's own files, which a build would replace: use "
                              "a directory of its own, such as 'public'"))
    if problems:
        return None, problems
    return SiteConfig(**values), []


DOMAIN_RE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


def _outlets(values: dict[str, Any], text: str) -> list[Problem]:
    """`[outlets]`: lower-case domains (without "www.") to the outlet's name, as a tuple of pairs."""
    table = values.pop("outlets", {})
    problems, pairs = [], []
    for domain, name in table.items():
        if not DOMAIN_RE.match(domain) or domain.startswith("www."):
            problems.append(error(CONFIG_NAME, _key_line(text, f'"{domain}"'), "outlets",
                                  f"{domain!r} is not a domain such as 'wired.com'",
                                  "lower case, without https:// or www."))
        elif not isinstance(name, str) or not name.strip():
            problems.append(error(CONFIG_NAME, _key_line(text, f'"{domain}"'), "outlets",
                                  f"the outlet of {domain!r} must be a name such as 'WIRED'"))
        else:
            pairs.append((domain, name.strip()))
    values["outlets"] = tuple(sorted(pairs))
    return problems


def card_font(root: Path, config: SiteConfig) -> tuple[Path | None, list[Problem]]:
    """The font file of `card_font` (relative to the site's folder unless absolute), or the problem that stops
    a build: without it no social card can be drawn. (`check` does not ask: it draws nothing.)"""
    path = root / config.card_font
    if path.is_file():
        return path, []
    try:
        line = _key_line((root / CONFIG_NAME).read_text(encoding="utf-8-sig"), "card_font")
    except (OSError, UnicodeDecodeError):
        line = 1
    return None, [error(CONFIG_NAME, line, "card_font", f"no font file at {path}: social cards need it",
                        "install Debian's fonts-dejavu-core (scripts/setup.sh does), or set card_font in site.toml "
                        "to a TrueType font that covers French and Central European letters")]


def _languages(values: dict[str, Any], text: str) -> list[Problem]:
    """`languages = ["en", "fr"]`: tags, each once, the first the default. Without it, the site has one
    language, `language`; with both, they must agree. `values` gets the tuple (and `language`)."""
    if "languages" not in values:
        values["languages"] = (values.get("language", "en"),)
        return []
    line = _key_line(text, "languages")
    langs = values["languages"]
    bad = [x for x in langs if not isinstance(x, str) or not LANGUAGE_RE.match(x)]
    if not langs or bad:
        what = f"{bad[0]!r} is not a BCP 47 language tag such as 'en' or 'fr'" if bad else "must list a language"
        return [error(CONFIG_NAME, line, "languages", what, 'for example: languages = ["en", "fr"]')]
    if len(set(langs)) != len(langs):
        twice = next(x for x in langs if langs.count(x) > 1)
        return [error(CONFIG_NAME, line, "languages", f"lists {twice!r} twice")]
    if "language" in values and values["language"] != langs[0]:
        return [error(CONFIG_NAME, _key_line(text, "language"), "language",
                      f"is {values['language']!r} but languages starts with {langs[0]!r}",
                      "the first of languages is the default language: drop `language`, or make them agree")]
    values["languages"], values["language"] = tuple(langs), langs[0]
    return []


def _translations(data: dict[str, Any], values: dict[str, Any], text: str) -> list[Problem]:
    """`description_fr`: a translatable setting (TRANSLATABLE) in another of the site's languages."""
    problems, found = [], []
    others = tuple(values.get("languages", ()))[1:]
    for key, value in data.items():
        match = TRANSLATED.match(key)
        if not match:
            continue
        field, lang = match.group(1), match.group(2)
        line = _key_line(text, key)
        if lang not in others:
            where = f"the site's other languages are {', '.join(others)}" if others else "the site has one language"
            problems.append(error(CONFIG_NAME, line, key, f"{lang!r} is not one of the site's other languages",
                                  f"{where}: list {lang} in languages first"))
        elif not isinstance(value, str) or not value.strip():
            problems.append(error(CONFIG_NAME, line, key, "must be a non-empty string"))
        else:
            found.append((field, lang, value))
    values["translations"] = tuple(found)
    return problems


def _leaves_site(path: str) -> bool:
    """Absolute, `..` anywhere, a drive or a backslash: not plainly a directory inside the site."""
    pure = PurePosixPath(path)
    return pure.is_absolute() or ".." in pure.parts or "\\" in path or ":" in path or "\0" in path


def _key_line(text: str, key: str) -> int:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _toml_line(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 1


@functools.lru_cache(maxsize=8)
def _table(outlets: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The outlets as a dict, made once per table (an outlet is looked up for every source of every move)."""
    return dict(outlets)
