"""The four statuses of a move and what each means: one table, read by the schema (what editors may write),
the model (what changes a person's affiliation), the charts (what they count and draw) and open data.

How each is *shown* (its label in each language, its badge) belongs to the interface: the templates and
the catalogues. The values themselves are the content's and the open data's contract (docs/content.md,
docs/data.md) and do not change.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    name: str
    believed: bool  # the sources say it happened: it changes the person's affiliation and counts in flows
    drawn: bool  # a chart "with rumours" draws it (a denied rumour is only what was said: never a flow)


STATUSES = {s.name: s for s in (Status("confirmed", believed=True, drawn=True),
                                 Status("reported", believed=True, drawn=True),
                                 Status("rumored", believed=False, drawn=True),
                                 Status("denied", believed=False, drawn=False))}
DEFAULT = "reported"  # a move's status when its file names none
BELIEVED = tuple(name for name, s in STATUSES.items() if s.believed)
WITH_RUMOURS = tuple(name for name, s in STATUSES.items() if s.drawn)
# How a chart tells drawn moves apart: what happened, or what is rumoured.
KIND_OF = {name: "believed" if s.believed else "rumoured" for name, s in STATUSES.items() if s.drawn}
