"""Command line: regenerate the book's figures and stored data without Jupyter.

Examples
--------
``python -m chaoticdot figure --help``                  list the figures
``python -m chaoticdot figure fig2-left --out a.png --csv a.csv``
``python -m chaoticdot data --help``                    list the stored datasets
``python -m chaoticdot data fig2-mc --replace``         regenerate a shipped dataset
``python -m chaoticdot data fig2-mc --quick``           quick run into a temporary directory
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error message and exit code 2."""

    def error(self, message):  # noqa: D401 - argparse API
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def _epilog(title: str, entries: dict[str, str]) -> str:
    return "\n".join([f"{title}:"] + [f"  {k:28s} {v}" for k, v in entries.items()])


def _listing_command(sub, command: str, help: str, entries: dict[str, str], kind: str = ""):
    """A subcommand taking one registered ``name``; the registered names are listed below."""
    kind = kind or command
    parser = sub.add_parser(
        command,
        help=help,
        epilog=_epilog(f"{kind}s", entries),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("name", help=f"{kind} name (listed below)")
    return parser


def build_parser() -> argparse.ArgumentParser:
    from . import __version__
    from .display import available  # reads the sources; imports no figure module
    from .studies import datasets  # likewise for the dataset generators

    parser = _Parser(prog="python -m chaoticdot", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"chaoticdot {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    fig = _listing_command(sub, "figure", "regenerate one figure of the book", available())
    fig.add_argument("--out", required=True, help="output image (.png, .pdf or .svg)")
    fig.add_argument("--csv", help="also write the figure's data table to this CSV file")
    fig.add_argument("--quick", action="store_true", help="reduced statistics (seconds)")
    data = _listing_command(
        sub, "data", "regenerate a stored dataset (expensive runs)", datasets(), kind="dataset"
    )
    data.add_argument("--quick", action="store_true", help="reduced run (for testing)")
    data.add_argument(
        "--outdir",
        help="directory for the .npz file (default: the package's shipped data, which needs "
        "--replace; with --quick and no --outdir, a new temporary directory)",
    )
    data.add_argument(
        "--replace", action="store_true", help="allow overwriting the shipped dataset"
    )
    return parser


def _check_writable(parser, option: str, path: str) -> None:
    """Refuse an output path whose directory is missing or not writable (before computing)."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        parser.error(f"{option} {path!r} is a directory, not a file")
    if not directory.is_dir():
        parser.error(f"{option} {path!r}: directory {str(directory)!r} does not exist")
    if not os.access(directory, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        parser.error(f"{option} {path!r} is not writable")


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "figure":
        from .display import available

        if args.name not in available():
            parser.error(f"unknown figure {args.name!r} (see: python -m chaoticdot figure --help)")
        if not args.out.lower().endswith((".png", ".pdf", ".svg")):
            parser.error(f"--out must end in .png, .pdf or .svg, got {args.out!r}")
        if args.csv is not None and not args.csv.lower().endswith(".csv"):
            parser.error(f"--csv must end in .csv, got {args.csv!r}")
        _check_writable(parser, "--out", args.out)
        if args.csv is not None:
            _check_writable(parser, "--csv", args.csv)
        import matplotlib

        matplotlib.use("Agg")
        from .display import make
        from .tables import write_csv

        result = make(args.name, quick=args.quick)
        # the suffix chooses the format (checked above); pass it to savefig explicitly
        result.figure.savefig(
            args.out, dpi=150, bbox_inches="tight", format=Path(args.out).suffix[1:].lower()
        )
        if args.csv:
            write_csv(result.table, args.csv)
        print(f"wrote {args.out}" + (f" and {args.csv}" if args.csv else ""))
        return 0
    if args.command == "data":
        from .studies import DATA_DIR, datasets, generate, is_shipped

        if args.name not in datasets():
            parser.error(f"unknown dataset {args.name!r} (see: python -m chaoticdot data --help)")
        directory = args.outdir
        if directory is None and args.quick and not args.replace:
            directory = tempfile.mkdtemp(prefix=f"chaoticdot-{args.name}-")
        if directory is not None:
            if not Path(directory).exists() and Path(directory).parent.is_dir():
                Path(directory).mkdir()  # one new level, like the package's own directory
            if not Path(directory).is_dir():
                parser.error(f"--outdir {directory!r} does not exist")
            if not os.access(directory, os.W_OK):
                parser.error(f"--outdir {directory!r} is not writable")
        if is_shipped(args.name, directory) and not args.replace:
            parser.error(
                f"{args.name!r} is a shipped dataset in {DATA_DIR}; give --outdir DIR, "
                "or --replace to overwrite it"
            )
        path = generate(args.name, quick=args.quick, directory=directory, replace=args.replace)
        print(f"wrote {path}")
        return 0
    parser.error(f"unknown command {args.command!r}")  # pragma: no cover
    return 2


if __name__ == "__main__":
    sys.exit(main())
