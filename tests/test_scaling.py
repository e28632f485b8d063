"""No step may grow faster than the content: four times the content, about four times the work.

Work is counted as Python function calls (cProfile's count), not seconds: the count is the same on every
run and every machine, so this guards against a quadratic step (people x articles, events x events)
without being a timed test. A quadratic step would make the ratio approach 16.
"""

from __future__ import annotations

import cProfile
import pstats
from pathlib import Path

import pytest

from bench.corpus import main as make_corpus
from revdoor.output.builder import build

SMALL = {"events": 200, "people": 40, "labs": 10, "articles": 60}
GROWTH = 4


def calls(site: Path, out: Path) -> int:
    profile = cProfile.Profile()
    profile.enable()
    result = build(site, out, with_search=False, jobs=1, use_cache=False)
    profile.disable()
    assert result.ok, [p.text() for p in result.problems if p.is_error]
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined]


def corpus(root: Path, factor: int) -> Path:
    args = [str(root)]
    for name, n in SMALL.items():
        args += [f"--{name}", str(n * factor)]
    assert make_corpus([*args, "--force"]) == 0
    return root


@pytest.mark.slow
def test_build_work_grows_linearly_with_the_content(tmp_path: Path) -> None:
    small = calls(corpus(tmp_path / "small", 1), tmp_path / "small-out")
    large = calls(corpus(tmp_path / "large", GROWTH), tmp_path / "large-out")
    ratio = large / small
    assert ratio < GROWTH * 1.5, f"{GROWTH}x the content took {ratio:.1f}x the function calls"
