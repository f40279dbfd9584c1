"""Executed notebooks of the chapters: one per chapter and all of them in one archive.

When the HTML build finishes, this extension reads every chapter (jupytext), merges the outputs
of this build's execution cache into it (jupyter-cache, the same cells the pages show), writes
the executed notebook next to the page sources the site already serves
(``_sources/<docname>.ipynb``) and packs them into ``notebooks/ARCHIVE`` (a zip with
fixed timestamps, so that the same notebooks give the same bytes). Each chapter's download
menu offers its ``.ipynb`` and the archive; the ``{notebook-downloads}`` directive lists them
on the Downloads page.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import Directive

ARCHIVE = "chaoticdot-notebooks.zip"
_ZIP_TIME = (2002, 2, 1, 0, 0, 0)  # any fixed date; the paper's year


def is_notebook(source: Path) -> bool:
    """A chapter is a notebook when its jupytext header names a kernel."""
    head = source.read_text(encoding="utf-8").split("\n---", 1)[0]
    return source.suffix == ".md" and "kernelspec:" in head


def toc_docnames(root: Path) -> list[str]:
    """Every document of ``_toc.yml`` in reading order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]

    def walk(entries):
        for entry in entries:
            names.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc.get("parts", []):
        walk(part["chapters"])
    return names


def chapters(root: Path) -> list[str]:
    """Docnames of the chapters that are notebooks, in reading order."""
    return [
        d
        for d in toc_docnames(root)
        if (root / f"{d}.md").exists() and is_notebook(root / f"{d}.md")
    ]


def write_archive(notebooks: list[Path], target: Path) -> None:
    """Zip ``notebooks`` (flat, by file name) with fixed timestamps."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in notebooks:
            info = zipfile.ZipInfo(f"chaoticdot/{path.name}", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def _publish(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    import jupytext
    from jupyter_cache import get_cache

    root, outdir = Path(app.confdir), Path(app.outdir)
    cache = get_cache(app.config.nb_execution_cache_path)
    published = []
    from cache_key import HASH_CELL_MARK, as_executed  # a sibling extension in book/_ext

    for docname in chapters(root):
        text = (root / f"{docname}.md").read_text(encoding="utf-8")
        notebook = jupytext.reads(as_executed(root, text), fmt="md:myst")
        # KeyError if this build did not execute the chapter: a stale download is worse
        _, executed = cache.merge_match_into_notebook(notebook)
        executed.cells = [c for c in executed.cells if not str(c.source).startswith(HASH_CELL_MARK)]
        target = outdir / "_sources" / f"{docname}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(executed, target, fmt="ipynb")
        published.append(target)
    write_archive(published, outdir / "notebooks" / ARCHIVE)


def _menu(app, pagename, templatename, context, doctree):
    """Offer the page's executed notebook (before the theme builds its download menu)."""
    if pagename in app.chaoticdot_chapters:
        context["ipynb_source"] = f"{pagename}.ipynb"


def _archive_button(app, pagename, templatename, context, doctree):
    """Add the archive of all notebooks to the download menu (after the theme built it)."""
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].insert(
                1,
                {
                    "type": "link",
                    "url": f"{context['pathto']('notebooks', 1)}/{ARCHIVE}",
                    "text": "all notebooks (.zip)",
                    "icon": "fas fa-file-zipper",
                    "tooltip": "Download every chapter as an executed notebook",
                    "label": "download-archive-button",
                },
            )


class NotebookDownloads(Directive):
    """``{notebook-downloads}``: links to every chapter's notebook and to the archive."""

    def run(self):
        env = self.state.document.settings.env
        root = Path(env.app.confdir)
        depth = env.docname.count("/")
        up = "../" * depth
        items = [
            f'<li><a href="{up}_sources/{d}.ipynb" download>{Path(d).name}.ipynb</a></li>'
            for d in chapters(root)
        ]
        html = (
            f'<p><a href="{up}notebooks/{ARCHIVE}" download>{ARCHIVE}</a> '
            "(every chapter below, executed)</p>\n<ul>\n" + "\n".join(items) + "\n</ul>"
        )
        return [nodes.raw("", html, format="html")]


def _remember_chapters(app, config):
    app.chaoticdot_chapters = set(chapters(Path(app.confdir)))


def setup(app):
    app.connect("config-inited", _remember_chapters)
    app.connect("html-page-context", _menu, priority=400)
    app.connect("html-page-context", _archive_button, priority=600)
    app.connect("build-finished", _publish)
    app.add_directive("notebook-downloads", NotebookDownloads)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
