"""Put the chapters in the canonical form that JupyterLab (with jupytext) saves.

Opening a chapter in JupyterLab and saving it without edits goes through jupytext: the file is
read as a MyST notebook and written back. A chapter already in that form comes back
byte-identical, so saving it changes nothing. This script rewrites every chapter of the book
into that form (``make normalize``). The jupytext version is filtered out of the header, so
that saving with another jupytext version does not change the file either.

    python book/_ext/normalize.py          # rewrite the chapters that are not canonical
    python book/_ext/normalize.py --check  # list them and exit 1 if there are any
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jupytext

sys.path.insert(0, str(Path(__file__).resolve().parent))
from downloads import chapters  # noqa: E402

FORMAT = "md:myst"
VERSION_FILTER = "-jupytext.text_representation.jupytext_version"


def canonical(text: str) -> str:
    """``text`` as jupytext writes it back after reading it (JupyterLab's open and save)."""
    notebook = jupytext.reads(text, fmt=FORMAT)
    notebook.metadata.setdefault("jupytext", {})["notebook_metadata_filter"] = VERSION_FILTER
    return jupytext.writes(notebook, fmt=FORMAT)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only list non-canonical chapters")
    args = parser.parse_args(argv)
    root = Path.cwd()
    changed = []
    for docname in chapters(root):
        path = root / f"{docname}.md"
        text = path.read_text(encoding="utf-8")
        if canonical(text) != text:
            changed.append(path)
            if not args.check:
                path.write_text(canonical(text), encoding="utf-8")
    for path in changed:
        print(("not canonical: " if args.check else "normalized: ") + str(path.relative_to(root)))
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
