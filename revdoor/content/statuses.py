"""The four statuses of a move and what each means: one table, read by the schema (what editors may write),
the model (what changes a person's affiliation), the charts (what they count and draw), open data, and the
interface (each status's label and its one-line meaning, shown on every badge and in the legend).

The values themselves are the content's and the open data's contract (docs/content.md, docs/data.md) and
do not change: `rumored` stays `rumored` (data version 1). Only what readers read is worded here, in
English (the catalogues' msgids, translated where they are shown: `site/views.py`), and spelt one way in
each language: British "rumoured", as every heading and sentence of the site writes it.
"""

from __future__ import annotations

from dataclasses import dataclass


def N_(message: str) -> str:  # noqa: N802 (gettext's conventional name, which `pybabel extract` finds)
    """A message marked for the catalogues where it is written, translated where it is shown."""
    return message


@dataclass(frozen=True)
class Status:
    name: str
    believed: bool  # the sources say it happened: it changes the person's affiliation and counts in flows
    drawn: bool  # a chart "with rumours" draws it (a denied rumour is only what was said: never a flow)
    label: str  # its badge, as readers read it (a msgid)
    meaning: str  # what the badge means, on hover and focus and in the legend (a msgid; docs/policy.md)


STATUSES = {s.name: s for s in (
    Status("confirmed", believed=True, drawn=True, label=N_("confirmed"),
           meaning=N_("announced by the lab or the person")),
    Status("reported", believed=True, drawn=True, label=N_("reported"),
           meaning=N_("stated as fact by the press, not announced")),
    Status("rumored", believed=False, drawn=True, label=N_("rumoured"),
           meaning=N_("said by the press to be possible or coming; not counted as a move")),
    Status("denied", believed=False, drawn=False, label=N_("denied"),
           meaning=N_("reported, then denied; not counted as a move")))}
DEFAULT = "reported"  # a move's status when its file names none
BELIEVED = tuple(name for name, s in STATUSES.items() if s.believed)
WITH_RUMOURS = tuple(name for name, s in STATUSES.items() if s.drawn)
# How a chart tells drawn moves apart: what happened, or what is rumoured.
KIND_OF = {name: "believed" if s.believed else "rumoured" for name, s in STATUSES.items() if s.drawn}
