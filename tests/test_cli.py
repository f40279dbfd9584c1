"""The command line regenerates every registered figure and reports bad input cleanly.

``python -m chaoticdot figure NAME --out FILE [--csv DATA] [--quick]`` must work for every
figure the book shows; wrong arguments must give a one-line message on stderr and exit code 2
(the argparse convention), never a traceback.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import numpy as np
import pytest

from chaoticdot.__main__ import main
from chaoticdot.display import available
from chaoticdot.studies import datasets

FIGURES = sorted(available())
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _close_figures():
    """In-process runs keep their pyplot figures open; close them after every test."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def _run(*args: str) -> subprocess.CompletedProcess:
    """Run the CLI in a fresh interpreter (real exit code and streams)."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MPLBACKEND": "Agg"}
    return subprocess.run(
        [sys.executable, "-m", "chaoticdot", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_registry_is_not_empty():
    assert len(FIGURES) > 0


@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_writes_png_and_csv(name, tmp_path, capsys):
    png, table = tmp_path / "fig.png", tmp_path / "fig.csv"
    assert main(["figure", name, "--out", str(png), "--csv", str(table), "--quick"]) == 0
    assert png.read_bytes()[:8] == PNG_MAGIC
    with open(table, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) >= 2, "CSV needs a header and at least one data row"
    header = rows[0]
    assert len(header) >= 1 and all(header)
    assert all(len(r) == len(header) for r in rows[1:])
    assert "wrote" in capsys.readouterr().out


def test_other_image_formats(tmp_path):
    # the extension of --out chooses the format; use the cheapest figure
    name = FIGURES[0]
    for ext, magic in ((".svg", b"<?xml"), (".pdf", b"%PDF")):
        out = tmp_path / f"fig{ext}"
        assert main(["figure", name, "--out", str(out), "--quick"]) == 0
        assert out.read_bytes().startswith(magic)


def test_figure_help_lists_every_figure():
    proc = _run("figure", "--help")
    assert proc.returncode == 0
    for name in FIGURES:
        assert name in proc.stdout


def test_data_help_lists_every_dataset():
    proc = _run("data", "--help")
    assert proc.returncode == 0
    for name in datasets():
        assert name in proc.stdout


def _assert_one_line_error(proc: subprocess.CompletedProcess, fragment: str) -> None:
    assert proc.returncode == 2
    assert proc.stdout == ""
    message = proc.stderr.strip()
    assert "\n" not in message, f"error message is not one line: {proc.stderr!r}"
    assert "Traceback" not in message
    assert fragment in message


def test_unknown_figure(tmp_path):
    proc = _run("figure", "no-such-figure", "--out", str(tmp_path / "a.png"))
    _assert_one_line_error(proc, "no-such-figure")
    assert not (tmp_path / "a.png").exists()


def test_missing_out():
    _assert_one_line_error(_run("figure", FIGURES[0]), "--out")


def test_bad_extension(tmp_path):
    proc = _run("figure", FIGURES[0], "--out", str(tmp_path / "a.jpg"))
    _assert_one_line_error(proc, "a.jpg")
    assert not (tmp_path / "a.jpg").exists()


def test_unknown_dataset():
    _assert_one_line_error(_run("data", "no-such-dataset"), "no-such-dataset")


def test_missing_command():
    proc = _run()
    assert proc.returncode == 2
    assert "\n" not in proc.stderr.strip()


@pytest.mark.parametrize("argv", [["figure", "x", "--bogus"], ["frobnicate"]])
def test_in_process_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err


def test_version():
    proc = _run("--version")
    assert proc.returncode == 0
    from chaoticdot import __version__

    assert proc.stdout.strip() == f"chaoticdot {__version__}"


def test_help_imports_no_figure_or_generator_module():
    """The listing reads the registries from the sources: no figure module, no matplotlib."""
    code = (
        "import sys, contextlib, io\n"
        "from chaoticdot.__main__ import main\n"
        "for sub in ('figure', 'data'):\n"
        "    with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "        main([sub, '--help'])\n"
        "bad = [m for m in sys.modules if m.startswith(('chaoticdot.display.',\n"
        "       'chaoticdot.studies.', 'matplotlib', 'scipy'))]\n"
        "print(bad)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert proc.stdout.strip() == "[]"


def test_unwritable_out_refused_before_computing(tmp_path):
    # lattice-scaling takes about a minute even when quick is not given; the refusal is at once
    proc = _run("figure", "lattice-scaling", "--out", str(tmp_path / "missing" / "a.png"))
    _assert_one_line_error(proc, "does not exist")


def test_bad_csv_refused_before_writing_the_image(tmp_path):
    png = tmp_path / "a.png"
    proc = _run("figure", FIGURES[0], "--out", str(png), "--csv", str(tmp_path / "no" / "a.csv"))
    _assert_one_line_error(proc, "--csv")
    assert not png.exists()


def test_csv_suffix_checked(tmp_path):
    proc = _run("figure", FIGURES[0], "--out", str(tmp_path / "a.png"), "--csv", "a.txt")
    _assert_one_line_error(proc, "--csv must end in .csv")


def test_upper_case_png_suffix_writes_png(tmp_path):
    out = tmp_path / "fig.PNG"
    assert main(["figure", FIGURES[0], "--out", str(out), "--quick"]) == 0
    assert out.read_bytes()[:8] == PNG_MAGIC


def test_data_refuses_to_overwrite_shipped_dataset():
    from chaoticdot.studies import DATA_DIR

    shipped = DATA_DIR / "fig2-mc.npz"
    before = shipped.stat().st_mtime_ns
    proc = _run("data", "fig2-mc")
    _assert_one_line_error(proc, "--replace")
    assert shipped.stat().st_mtime_ns == before


def test_data_quick_writes_outside_the_package(monkeypatch, capsys):
    """``data NAME --quick`` without ``--outdir`` goes to a new temporary directory."""
    from pathlib import Path

    from chaoticdot import studies
    from chaoticdot.studies import fig2_mc  # noqa: F401  (registers the generator)

    shipped = studies.DATA_DIR / "fig2-mc.npz"
    before = shipped.stat().st_mtime_ns
    calls = []

    def fake(quick=False):  # the real generator is tested in test_studies_fig2_mc.py
        calls.append(quick)
        return {"x": np.arange(3.0)}, {"seed": 0}

    monkeypatch.setitem(studies._GENERATORS, "fig2-mc", ("test", fake))
    assert main(["data", "fig2-mc", "--quick"]) == 0
    written = Path(capsys.readouterr().out.split("wrote ")[1].strip())
    assert calls == [True]
    assert written.exists() and written.parent != studies.DATA_DIR
    assert shipped.stat().st_mtime_ns == before
    with pytest.raises(ValueError, match="replace=True"):
        studies.generate("fig2-mc", quick=True)
