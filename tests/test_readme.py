"""The README stays true: two quick-start commands (CI runs the second), a reference of commands and options that
exist, a worked example that runs as shown, and links that resolve."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
KG = Path(sys.executable).with_name("kg")


def section(title: str) -> str:
    """The README text under `## title`, up to the next `## ` heading."""
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end >= 0 else None]


def blocks(text: str, lang: str = "sh") -> list[str]:
    """The fenced code blocks of `lang` ("" for blocks with no language: shown output) in `text`, in order."""
    found, current, inside = [], [], None
    for line in text.splitlines():
        if line.startswith("```"):
            if inside is None:
                inside, current = line[3:].strip(), []
            else:
                if inside == lang:
                    found.append("\n".join(current) + "\n")
                inside = None
        elif inside is not None:
            current.append(line)
    return found


def test_the_readme_is_short_and_starts_with_two_commands_ci_runs() -> None:
    assert len(README.splitlines()) <= 250
    quick = blocks(section("Quick start"))
    assert len(quick) == 2 and all(len(b.strip().splitlines()) == 1 for b in quick)
    install_and_build, install_and_test = (b.strip() for b in quick)
    assert install_and_build.endswith("kg build seeds/ --out output/")
    assert install_and_test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_and_option_of_the_reference_exists() -> None:
    (reference,) = blocks(section("Commands"))
    commands: dict[str, set[str]] = {}
    current = ""
    for line in reference.splitlines():
        if line.startswith("kg "):
            current = line.split()[1]
        commands.setdefault(current, set()).update(re.findall(r"--[a-z][a-z-]*", line))
    assert set(commands) >= {"build", "entities", "query", "explain", "viz", "export", "validate", "eval", "serve"}
    for command, options in commands.items():
        result = CliRunner().invoke(app, [command, "--help"], terminal_width=200)
        assert result.exit_code == 0, result.output
        missing = {o for o in options if o not in result.output}
        assert not missing, f"kg {command} has no {missing}"


def test_links_in_the_readme_and_docs_resolve() -> None:
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)[^)]*\)", text) + re.findall(r'src="([^"]+)"', text):
            if not re.match(r"[a-z]+:", target):
                assert (page.parent / target).exists(), f"{page.name}: {target} does not exist"


@pytest.mark.model
@pytest.mark.slow
def test_the_worked_example_runs_as_shown(tmp_path: Path) -> None:
    example = section("A worked example: the seed article")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    fresh = {**os.environ, "KG_CACHE_DIR": str(tmp_path / "cache")}  # a new user's cache is empty
    outputs = {}
    for block in blocks(example):
        for line in block.strip().splitlines():
            words = shlex.split(line)
            assert words[0] == "kg", line
            done = subprocess.run([str(KG), *words[1:]], cwd=tmp_path, env=fresh, capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, f"{line}: {done.stderr}"
            outputs[line] = done.stdout + done.stderr
    summary, table, explained = blocks(example, "")
    assert summary.strip() in outputs["kg build seeds/ --out output/"]
    proposals = next(out for line, out in outputs.items() if "kg:proposes" in line)
    for row in table.strip().splitlines()[3:-2]:
        who, text = (cell.strip() for cell in row.strip("│").split("│"))
        assert re.search(rf"{re.escape(who)}\s*│\s*{re.escape(text)}", proposals), row
    shown = [line.split("...")[0].replace("[[", "").replace("]]", "").strip() for line in explained.splitlines()]
    said = outputs["kg explain Erdogan"].replace("[[", "").replace("]]", "")  # piped: IRIs whole, as --wide
    said = re.sub(r"https://kg\.example/id/(\w+)/", r"\1:", said).replace("http://www.wikidata.org/entity/", "wd:")
    for line in filter(None, shown):
        assert line in said, line
    for name in ("graph.ttl", "graph.html", "graph.gexf", "neo4j", "csv"):
        assert (tmp_path / "output" / name).exists()
