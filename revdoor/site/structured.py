"""Structured data for machine readers: the schema.org JSON-LD of people, labs, articles and moves.

Every Person and Organization node carries our page's `url` (the one node a reader of the data can follow
back to us) and `sameAs` its own links (a lab's website, a person's Wikipedia page). A hidden person
(docs/policy.md) is never a node. A move is told as its people holding an `OrganizationRole` (schema.org's
Role pattern: the role sits between the person and the organisation, with the dates), and only when the
move is believed: a rumour or a denial is about its people, never a role they hold.
"""

from __future__ import annotations

import json
from typing import Any

from ..modelling.model import Event, Model
from .views import Views

CONTEXT = "https://schema.org"


def script(node: dict[str, Any]) -> str:
    """`node` as the text of a <script type="application/ld+json">: keys sorted, so the same node is the same
    text; `<`, `>` and `&` escaped, so `</script>` in a name cannot end the script. Encoded when the page is
    decided, not when it renders: the page's digest (its fingerprint) then reads one string, where the nodes
    were four in ten of all the strings a cold build digested."""
    text = json.dumps(node, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def website(model: Model) -> dict[str, Any]:
    """The home page's node: the site itself."""
    return {"@context": CONTEXT, "@type": "WebSite", "name": model.config.title, "url": model.config.base_url}


def organization(model: Model, views: Views, slug: str) -> dict[str, Any]:
    """A lab's node, made once per build and language (`views.memo`): thousands of moves name the same labs.
    Shared, so never changed in place: a caller adds to a copy."""
    return views.memo(("ld-organization", views.lang, slug), _organization, views, slug)


def _organization(views: Views, slug: str) -> dict[str, Any]:
    lab = views.model.labs[slug]
    node: dict[str, Any] = {"@type": "Organization", "name": lab.name,
                            "url": views.model.config.origin + views.urls.lab(slug)}
    if lab.url:
        node["sameAs"] = [lab.url]
    return node


def person(model: Model, views: Views, slug: str) -> dict[str, Any]:
    """A person's node, made once per build and language, as `organization`."""
    return views.memo(("ld-person", views.lang, slug), _person, views, slug)


def _person(views: Views, slug: str) -> dict[str, Any]:
    who = views.model.people[slug]
    node: dict[str, Any] = {"@type": "Person", "name": who.name,
                            "url": views.model.config.origin + views.urls.person(slug)}
    if who.links:
        node["sameAs"] = [url for _, url in who.links]
    return node


def person_page(model: Model, views: Views, slug: str) -> dict[str, Any]:
    """A profile: the person, the labs they work for now and those they left."""
    who, timeline = model.people[slug], model.timelines[slug]
    node = {"@context": CONTEXT, **person(model, views, slug)}
    if who.aliases:
        node["alternateName"] = list(who.aliases)
    if timeline.current:
        node["worksFor"] = [organization(model, views, x) for x in timeline.current]
    alumni = sorted({s.lab for s in timeline.stints if s.end_event} - set(timeline.current))
    if alumni:
        node["alumniOf"] = [organization(model, views, x) for x in alumni]
    return node


def lab_page(model: Model, views: Views, slug: str) -> dict[str, Any]:
    lab = model.labs[slug]
    node = {"@context": CONTEXT, **organization(model, views, slug)}
    if lab.aliases:
        node["alternateName"] = list(lab.aliases)
    if lab.parent:
        node["parentOrganization"] = organization(model, views, lab.parent)
    return node


def publisher(name: str, url: str | None) -> dict[str, Any]:
    """An outlet, with the site of the article we hold as its address when it has one."""
    node: dict[str, Any] = {"@type": "NewsMediaOrganization", "name": name}
    if url:
        parts = url.split("/")
        node["url"] = "/".join(parts[:3]) + "/"
    return node


def article_page(model: Model, views: Views, slug: str) -> dict[str, Any]:
    """A NewsArticle: its authors and publisher when known, the original it is based on, whom it is about."""
    article = model.articles[slug]
    node: dict[str, Any] = {
        "@context": CONTEXT, "@type": "NewsArticle", "headline": article.title,
        "datePublished": article.date.isoformat(), "inLanguage": article.lang,
        # Its canonical frame (`Views.article_home`), from whichever language's frame: one article, one address.
        "url": model.config.origin + views.article_home(slug),
        "mainEntityOfPage": model.config.origin + views.article_home(slug),
        "about": [person(model, views, p) for p in article.people if not model.people[p].hidden],
    }
    if article.labs:
        node["mentions"] = [organization(model, views, x) for x in article.labs]
    authors = article.fields.get("authors")
    if authors:
        node["author"] = [{"@type": "Person", "name": name} for name in authors]
    outlet = views.outlet(slug)
    if outlet:
        node["publisher"] = publisher(outlet, article.source_url)
    if article.source_url:
        node["isBasedOn"] = article.source_url
    if article.summary:
        node["description"] = article.summary
    return node


def plain_page(model: Model, views: Views, slug: str, title: str, lang: str, description: str | None
               ) -> dict[str, Any]:
    """A plain page (the editorial policy): a WebPage of the site, in the language its text is in."""
    node: dict[str, Any] = {
        "@context": CONTEXT, "@type": "WebPage", "name": title, "inLanguage": lang,
        "url": model.config.origin + views.urls.page(slug),
        "isPartOf": {"@type": "WebSite", "name": model.config.title, "url": model.config.base_url},
    }
    if description:
        node["description"] = description
    return node


def event_page(model: Model, views: Views, event: Event, title: str) -> dict[str, Any]:
    """The page of a move: about its people, each (when the move is believed) with the role it gave or
    ended, and based on its sources."""
    people = [p for p in event.people if not model.people[p].hidden]
    node: dict[str, Any] = {
        "@context": CONTEXT, "@type": "WebPage", "name": title,
        "url": model.config.origin + views.urls.event(event.slug),
        "about": [_mover(model, views, event, p) for p in people],
        "isBasedOn": [model.config.origin + views.article_home(s.article) if s.article else s.url
                      for s in event.sources],
    }
    if not people:
        del node["about"]
    return node


def _mover(model: Model, views: Views, event: Event, slug: str) -> dict[str, Any]:
    node = dict(person(model, views, slug))  # a copy: the shared node gets no role
    if not event.changes_affiliation:
        return node
    date = None if event.date.before else event.date.iso
    if event.to_lab:
        role: dict[str, Any] = {"@type": "OrganizationRole", "worksFor": organization(model, views, event.to_lab)}
        if event.role:
            role["roleName"] = event.role
        if date:
            role["startDate"] = date
        node["worksFor"] = role
    if event.type == "role-change" and event.to_lab and event.from_role:  # the old role ends, at the same lab
        ended: dict[str, Any] = {"@type": "OrganizationRole", "worksFor": organization(model, views, event.to_lab),
                                 "roleName": event.from_role}
        if date:
            ended["endDate"] = date
        node["worksFor"] = [ended, node["worksFor"]]
    elif event.from_lab:
        ended = {"@type": "OrganizationRole", "alumniOf": organization(model, views, event.from_lab)}
        if event.from_role:
            ended["roleName"] = event.from_role
        if date:
            ended["endDate"] = date
        node["alumniOf"] = ended
    return node
