"""Where the book comes from, on every page: repository link, version, licence, favicon.

The repository URL is defined once, in ``pyproject.toml`` (``[project.urls] Repository``), and
the version is the package's (``[project] version``). At ``config-inited`` this extension turns
on the theme's repository button with that URL, sets Sphinx's ``version``/``release`` and adds a
footer line with the version, the repository and the licences of code and text.
"""

from __future__ import annotations

import tomllib
from pathlib import Path


def project_metadata(root: Path) -> dict:
    """``name``, ``version`` and ``repository`` from ``pyproject.toml`` below ``root``."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        "name": project["name"],
        "version": project["version"],
        "repository": project["urls"]["Repository"],
    }


def footer_html(meta: dict) -> str:
    """The footer line naming version, repository and licences."""
    return (
        f'<p class="chaoticdot-provenance">{meta["name"]} {meta["version"]} &middot; '
        f'source: <a href="{meta["repository"]}">{meta["repository"]}</a> &middot; '
        "code MIT, text and figures CC BY 4.0</p>"
    )


def _on_config_inited(app, config):
    meta = project_metadata(Path(app.confdir))
    config.version = config.release = meta["version"]
    options = dict(config.html_theme_options or {})
    options["repository_url"] = meta["repository"]
    options["use_repository_button"] = True
    options["extra_footer"] = options.get("extra_footer", "") + footer_html(meta)
    config.html_theme_options = options
    favicon = Path(app.confdir) / "book" / "_static" / "favicon.svg"
    if favicon.exists():
        config.html_favicon = str(favicon.relative_to(app.confdir))


def setup(app):
    app.connect("config-inited", _on_config_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
