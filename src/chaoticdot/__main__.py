"""Command line: regenerate the book's figures and stored data without Jupyter.

Examples
--------
``python -m chaoticdot figure --help``                  list the figures
``python -m chaoticdot figure fig2-left --out a.png --csv a.csv``
``python -m chaoticdot data --help``                    list the stored datasets
``python -m chaoticdot data fig2-mc``                   regenerate a stored dataset
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error message and exit code 2."""

    def error(self, message):  # noqa: D401 - argparse API
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def _figure_epilog() -> str:
    from .figures import available

    lines = ["figures:"] + [f"  {k:28s} {v}" for k, v in available().items()]
    return "\n".join(lines)


def _data_epilog() -> str:
    from .datastore import datasets

    lines = ["datasets:"] + [f"  {k:28s} {v}" for k, v in datasets().items()]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m chaoticdot", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    fig = sub.add_parser(
        "figure",
        help="regenerate one figure of the book",
        epilog=_figure_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fig.add_argument("name", help="figure name (listed below)")
    fig.add_argument("--out", required=True, help="output image (.png, .pdf or .svg)")
    fig.add_argument("--csv", help="also write the figure's data table to this CSV file")
    fig.add_argument("--quick", action="store_true", help="reduced statistics (seconds)")
    data = sub.add_parser(
        "data",
        help="regenerate a stored dataset (expensive runs)",
        epilog=_data_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    data.add_argument("name", help="dataset name (listed below)")
    data.add_argument("--quick", action="store_true", help="reduced run (for testing)")
    data.add_argument("--outdir", help="directory for the .npz file (default: the package's)")
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "figure":
        import matplotlib

        matplotlib.use("Agg")
        from .figures import available, make, write_csv

        if args.name not in available():
            parser.error(f"unknown figure {args.name!r} (see: python -m chaoticdot figure --help)")
        if not args.out.lower().endswith((".png", ".pdf", ".svg")):
            parser.error(f"--out must end in .png, .pdf or .svg, got {args.out!r}")
        result = make(args.name, quick=args.quick)
        result.figure.savefig(args.out, dpi=150, bbox_inches="tight")
        if args.csv:
            write_csv(result.table, args.csv)
        print(f"wrote {args.out}" + (f" and {args.csv}" if args.csv else ""))
        return 0
    if args.command == "data":
        from .datastore import datasets, generate

        if args.name not in datasets():
            parser.error(f"unknown dataset {args.name!r} (see: python -m chaoticdot data --help)")
        path = generate(args.name, quick=args.quick, directory=args.outdir)
        print(f"wrote {path}")
        return 0
    parser.error(f"unknown command {args.command!r}")  # pragma: no cover
    return 2


if __name__ == "__main__":
    sys.exit(main())
