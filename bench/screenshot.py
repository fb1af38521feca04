"""Screenshots of graph.html for the README, made with kg in headless Chromium.

- docs/seed-graph.png: the seed article's page (seeds/), with its busiest edge clicked so the side panel shows its
  evidence.
- docs/corpus-graph.png: a corpus page at the zoom it opens with: the 24 articles of ../shared/eval/full-dev when
  ../shared is present (those whose file name carries a day, YYYY-MM-DD, are dated by it, so the timeline has
  something to show; the others stay undated), else a generated 500-entity corpus (bench/html_1000.py).

    .venv/bin/python bench/screenshot.py [--seed-out docs/seed-graph.png] [--corpus-out docs/corpus-graph.png]
                                         [--corpus FOLDER]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

sys.path.insert(0, str(Path(__file__).parent))

from chromium import browser, missing  # noqa: E402
from html_1000 import synthetic_graph  # noqa: E402

from kg.export import html  # noqa: E402
from kg.graph import Minter  # noqa: E402
from kg.linking import link  # noqa: E402
from kg.pipeline import BuildOptions, BuildResult, build, extract_corpus, read_articles, write_outputs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FULL_DEV = ROOT.parent / "shared" / "eval" / "full-dev"
VIEWPORT: ViewportSize = {"width": 1400, "height": 860}
DAY_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


def screenshot(page_path: Path, out: Path, *, click_busiest_edge: bool) -> None:
    """Load the page, wait until it is drawn, optionally click its busiest edge, and save a PNG of the window."""
    with browser() as chromium:
        page = chromium.new_page(viewport=VIEWPORT)
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=60_000)
        if click_busiest_edge:
            data = json.loads(page.evaluate("document.getElementById('kg-data').textContent"))
            edge = min(data["edges"], key=lambda e: (-len(e["facts"]), e["id"]))["id"]
            box = page.locator("#kg-network").bounding_box()
            assert box is not None, "the page has no #kg-network"
            point = page.evaluate("id => kgNetwork.canvasToDOM(kgNetwork.body.edges[id].edgeType.getPoint(0.5))", edge)
            page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        page.mouse.move(0, 0)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))


def dated_corpus(folder: Path) -> BuildResult:
    """kg's build of `folder` (one job), each article without a date dated by the day in its file name, if any."""
    options = BuildOptions(jobs=1)
    articles, skipped = read_articles([str(folder)])
    dated = [a if a.published or not (day := DAY_IN_NAME.search(Path(a.source).name)) else replace(a, published=day[1])
             for a in articles]
    extractions, failed, parsed = extract_corpus(dated, options)
    corpus = link(extractions)
    minter = Minter(options.base_iri, corpus.entities.values())
    return BuildResult(extractions, corpus, minter, skipped + failed, parsed)


def main() -> int:
    """Build the seed and a corpus into a temporary folder and screenshot their pages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed-out", type=Path, default=ROOT / "docs" / "seed-graph.png")
    parser.add_argument("--corpus-out", type=Path, default=ROOT / "docs" / "corpus-graph.png")
    parser.add_argument("--corpus", type=Path, default=FULL_DEV if FULL_DEV.is_dir() else None,
                        help="folder of articles (default: ../shared/eval/full-dev if present, else a generated "
                             "corpus)")
    args = parser.parse_args()
    if reason := missing():
        print(f"cannot take the screenshots: {reason}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        seed = write_outputs(build([str(ROOT / "seeds")], BuildOptions(jobs=1)), Path(tmp) / "seed")
        screenshot(next(p for p in seed if p.suffix == ".html"), args.seed_out, click_busiest_edge=True)
        print(f"wrote {args.seed_out}")
        if args.corpus:
            corpus = write_outputs(dated_corpus(args.corpus), Path(tmp) / "corpus")
            page = next(p for p in corpus if p.suffix == ".html")
            what = f"{args.corpus}"
        else:
            page = html.write(synthetic_graph(500), Path(tmp) / "corpus.html")
            what = "a generated 500-entity corpus"
        screenshot(page, args.corpus_out, click_busiest_edge=False)
        print(f"wrote {args.corpus_out} ({what})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
