"""The output folder: what kg may write, replace and clean there, and what it owns.

kg never deletes or replaces a file or folder it did not create. Everything it writes into an output folder is
recorded in a small manifest there (`.kg-manifest.json`, written atomically) before it is written, and an entry
named like one of kg's outputs that the manifest does not record (a user's own `graph.ttl`, a file called
`store`) stops the command with a one-line error before any work is done. The temporary and superseded files kg
makes while writing have kg-specific names (`.kg-tmp.*`, `.kg-old.*`, store versions `.kg-store.*`); only those
are cleaned after a killed run, and only in a folder that holds kg's manifest. Obviously wrong targets (`/`, the
home folder, a file, a dangling symlink, the input itself or a folder containing an input) are refused.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError

log = logging.getLogger(__name__)

MANIFEST = ".kg-manifest.json"
"""kg's record of the outputs it wrote into a folder; a folder holding it is a kg output folder."""
LOCK_FILE = ".kg-build.lock"
"""The lock file kg holds in its output folder while writing it."""
TMP_PREFIX = ".kg-tmp."
"""Files and folders being written (renamed into place when whole)."""
OLD_PREFIX = ".kg-old."
"""A previous folder output moved aside while the new one is renamed in."""
STORE_PREFIX = ".kg-store."
"""Versions of the SPARQL store; `store` is a symlink to the current one."""
STORE = "store"
MANIFEST_VERSION = 1

FILE, FOLDER, LINK = "file", "folder", "link"
"""Kinds of output: a file written whole, a folder of kg's files swapped whole, the store's symlink."""


class OutputError(KGError):
    """The output folder cannot be used: a wrong target, or it holds something kg did not write."""


@dataclass(frozen=True)
class Output:
    """One output kg writes into a folder: its name there, its kind, and for a folder the files kg puts in it."""

    name: str
    kind: str
    files: tuple[str, ...] = ()


def is_output_folder(folder: Path) -> bool:
    """Whether `folder` is one kg wrote outputs into (it holds kg's manifest): never read as input."""
    return (folder / MANIFEST).is_file()


def is_own_output(path: Path) -> bool:
    """Whether the file `path` is an output kg recorded writing (graph.html of a build, an export)."""
    try:
        return path.name in _read_manifest(path.parent)
    except OutputError:
        return False


def check_target(out: Path, outputs: Iterable[Output], inputs: Iterable[str] = ()) -> None:
    """Raise OutputError (one line) unless kg may write `outputs` into the folder `out`.

    Refused: `/`, the home folder or a folder containing it, an existing file, a dangling symlink, a path that
    cannot be created or written, the input folder itself or a folder containing one of `inputs`, and any entry
    named like an output that kg's manifest in `out` does not record (or that no longer is what kg wrote)."""
    _check_location(out)
    real = Path(os.path.realpath(out))
    for raw in inputs:
        if raw == "-" or not os.path.lexists(raw):
            continue
        source = Path(os.path.realpath(raw))
        if source == real:
            raise OutputError(f"--out {out} is the input {raw}: choose a folder outside the input")
        if source.is_relative_to(real):
            raise OutputError(f"--out {out} contains the input {raw}: choose a folder that holds no input")
    if out.is_dir():
        _check_entries(out, outputs, _read_manifest(out))


def _check_location(out: Path) -> None:
    """The checks on the folder itself: not a system-wide or home target, a folder or creatable as one."""
    real = Path(os.path.realpath(out))
    home = Path(os.path.realpath(Path.home()))
    if real == Path(real.anchor):
        raise OutputError(f"--out {out} is the root folder: choose a folder of its own for kg's outputs")
    if real == home or home.is_relative_to(real):
        raise OutputError(f"--out {out} is your home folder{' or holds it' if real != home else ''}: "
                          "choose a folder of its own for kg's outputs")
    if out.is_symlink() and not out.exists():
        raise OutputError(f"--out {out} is a symbolic link to nothing (dangling): remove it or choose another folder")
    if out.exists():
        if not out.is_dir():
            raise OutputError(f"--out {out} is a file, not a folder: choose a folder for kg's outputs")
        if not os.access(out, os.W_OK | os.X_OK):
            raise OutputError(f"--out {out}: the folder is not writable")
        return
    parent = out
    while not os.path.lexists(parent):  # the nearest part of the path that exists must be a writable folder
        parent = parent.parent
    if parent.is_symlink() and not parent.exists():
        raise OutputError(f"--out {out}: {parent} is a symbolic link to nothing (dangling)")
    if not parent.is_dir():
        raise OutputError(f"--out {out}: {parent} is a file, not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"--out {out}: cannot create it, {parent} is not writable")


def _check_entries(out: Path, outputs: Iterable[Output], owned: Mapping[str, Output]) -> None:
    """OutputError for the first output name in `out` that kg's manifest does not record as what is there now."""
    for output in outputs:
        path = out / output.name
        if not os.path.lexists(path):
            continue
        recorded = owned.get(output.name)
        if recorded is None:
            raise OutputError(f"{path} exists and kg did not write it (it is not in {out / MANIFEST}): "
                              "move it away or choose another --out folder")
        if recorded.kind == LINK:
            target = os.readlink(path) if path.is_symlink() else None
            if target is None or not target.startswith(STORE_PREFIX) or "/" in target:
                raise OutputError(f"{path} is not the store link kg wrote: move it away or choose another --out folder")
        elif recorded.kind == FILE and (path.is_symlink() or not path.is_file()):
            raise OutputError(f"{path} is not the file kg wrote: move it away or choose another --out folder")
        elif recorded.kind == FOLDER:
            if path.is_symlink() or not path.is_dir():
                raise OutputError(f"{path} is not the folder kg wrote: move it away or choose another --out folder")
            foreign = sorted(set(os.listdir(path)) - set(recorded.files))
            if foreign:
                raise OutputError(f"{path / foreign[0]} was not written by kg, which replaces {path} whole: "
                                  f"move it out of {path} or choose another --out folder")


def _read_manifest(out: Path) -> dict[str, Output]:
    """The outputs kg's manifest in `out` records (none when there is no manifest); OutputError when unreadable."""
    path = out / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_bytes())
        if data.get("manifest") != "kg output folder" or data.get("version") != MANIFEST_VERSION:
            raise ValueError("not a kg manifest of this version")
        owned = {}
        for name, entry in data["outputs"].items():
            files = tuple(entry.get("files", ()))
            if entry["kind"] not in (FILE, FOLDER, LINK) or not _plain_name(name) \
                    or not all(isinstance(f, str) and _plain_name(f) for f in files):
                raise ValueError(f"bad entry {name!r}")
            owned[name] = Output(name, entry["kind"], files)
        return owned
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as e:
        raise OutputError(f"{path} is unreadable ({e}): remove it only if the folder holds nothing of yours, "
                          "or choose another --out folder") from e


def _plain_name(name: object) -> bool:
    """A name of an entry directly inside a folder (no path, not hidden)."""
    return isinstance(name, str) and bool(name) and "/" not in name and "\0" not in name \
        and not name.startswith(".")


def _write_manifest(out: Path, owned: Mapping[str, Output]) -> None:
    """Record `owned` in the folder's manifest, atomically."""
    from kg.export import atomic_write

    data = {"manifest": "kg output folder", "version": MANIFEST_VERSION,
            "outputs": {o.name: {"kind": o.kind, **({"files": list(o.files)} if o.kind == FOLDER else {})}
                        for o in sorted(owned.values(), key=lambda o: o.name)}}
    atomic_write(out / MANIFEST, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


@contextmanager
def writing(out: Path, outputs: Collection[Output], inputs: Iterable[str] = ()) -> Iterator[None]:
    """Hold `out`'s lock while writing `outputs` into it (a second writer waits): check the folder again, record
    the outputs in the manifest before any is written, and remove what killed runs of kg left behind."""
    check_target(out, outputs, inputs)
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    try:
        with open(out / LOCK_FILE, "a+b") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                log.warning("another kg command is writing to %s; waiting for it to finish", out)
                fcntl.flock(lock, fcntl.LOCK_EX)
            owned = _read_manifest(out)
            _check_entries(out, outputs, owned)
            if is_output_folder(out):
                remove_leftovers(out)
            wanted = {**owned, **{o.name: _merged(owned.get(o.name), o) for o in outputs}}
            if wanted != owned:
                _write_manifest(out, wanted)
            yield
    except BaseException:
        if created and not any(p.name not in (LOCK_FILE, MANIFEST) for p in out.iterdir()):
            shutil.rmtree(out, ignore_errors=True)  # the folder this run made holds nothing but its bookkeeping
        raise


def _merged(recorded: Output | None, output: Output) -> Output:
    """What the manifest records for an output about to be written: for a folder, the files of both versions
    (a run killed during the swap can leave either)."""
    before = recorded.files if recorded is not None and recorded.kind == output.kind else ()
    return Output(output.name, output.kind, tuple(sorted({*before, *output.files})))


def remove_leftovers(out: Path) -> list[Path]:
    """Remove what killed runs of kg left in its output folder `out`: its temporary and superseded entries
    (`.kg-tmp.*`, `.kg-old.*`) and store versions other than the current one (the link's target). Nothing else is
    ever removed. Only safe while holding the folder's lock; returns what was removed."""
    link = out / STORE
    current = os.readlink(link) if link.is_symlink() else None
    removed = []
    for entry in out.iterdir():
        name = entry.name
        if name.startswith((TMP_PREFIX, OLD_PREFIX)) or (name.startswith(STORE_PREFIX) and name != current):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed.append(entry)
    if removed:
        log.info("removed %d leftovers of interrupted runs from %s", len(removed), out)
    return removed
