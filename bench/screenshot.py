"""Screenshot of the seed graph's page for the README: builds seeds/ with kg, opens graph.html in headless
Chromium, clicks the edge with the most evidence (so the side panel shows it) and saves docs/seed-graph.png.

    .venv/bin/python bench/screenshot.py [--out docs/seed-graph.png]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

sys.path.insert(0, str(Path(__file__).parent))

from chromium import browser, missing  # noqa: E402

from kg.pipeline import build, write_outputs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
VIEWPORT: ViewportSize = {"width": 1400, "height": 860}


def screenshot(page_path: Path, out: Path) -> None:
    """Load the page, wait until it is drawn, click its busiest edge and save a PNG of the window."""
    with browser() as chromium:
        page = chromium.new_page(viewport=VIEWPORT)
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=60_000)
        edge = page.evaluate("kgNetwork.body.data.edges.get()"
                             ".sort((a, b) => b.facts.length - a.facts.length || a.id - b.id)[0].id")
        box = page.locator("#kg-network").bounding_box()
        assert box is not None, "the page has no #kg-network"
        point = page.evaluate("id => kgNetwork.canvasToDOM(kgNetwork.body.edges[id].edgeType.getPoint(0.5))", edge)
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        page.mouse.move(0, 0)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))


def main() -> int:
    """Build the seed graph into a temporary folder and screenshot its page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "seed-graph.png")
    args = parser.parse_args()
    if reason := missing():
        print(f"cannot take the screenshot: {reason}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        written = write_outputs(build([str(ROOT / "seeds")]), Path(tmp))
        screenshot(next(p for p in written if p.suffix == ".html"), args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
