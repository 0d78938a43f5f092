"""`refinery`: the command line. User mistakes end in one line on stderr and exit code 2."""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

from flows.environment import apply_prefect_defaults
from flows.errors import UserError
from transforms.config import Config

EPILOG = """\
examples:
  refinery run                              clean seeds/ into output/seeds/
  refinery run corpus/ --out output/corpus  clean every .txt/.html file under corpus/
  refinery run a.html b.txt --config my.toml --workers 2
  refinery config > my.toml                 write the default configuration to edit

What a run writes (OUT):
  data/part-*.parquet       kept documents, one row each, with provenance columns
  rejected/part-*.parquet   dropped documents with `reason` (empty, exact_duplicate, language:xx, ...)
  errors/part-*.parquet     records that could not be read or processed, with `error`
  manifest.json             inputs and checksums, counts, versions, configuration and its hash
  README.md                 dataset card

A run that is killed resumes when started again with the same arguments: finished shards are reused.
Without PREFECT_API_URL, a temporary local Prefect server is started for the run; set it to report
to a running server (prefect server start --host 127.0.0.1).
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="refinery",
        description="Clean messy web-scraped text (Chinese first) into deduplicated Parquet with provenance.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser(
        "run",
        help="clean inputs into a Parquet dataset",
        description="Read, clean, detect language and script, unify to Simplified, deduplicate, "
        "and write Parquet with provenance.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="files or directories to read (default: seeds/); "
        ".txt/.text/.md are plain text, .html/.htm are pages; any encoding (UTF-8, GBK/GB18030, Big5)",
    )
    run.add_argument("--out", metavar="DIR", help="dataset directory (default: output/<name of first input>)")
    run.add_argument(
        "--config", metavar="FILE", help="TOML configuration; see `refinery config` for every key"
    )
    run.add_argument(
        "--index",
        metavar="DIR",
        help="dedup index shared by runs: documents another dataset in DIR already published are "
        "rejected as duplicates (dedup.index)",
    )
    run.add_argument(
        "--workers", type=int, metavar="N", help="worker processes (default: run.workers, 0 = one per core)"
    )
    run.add_argument(
        "--runner",
        choices=["process", "dask"],
        help="where shard tasks run: a local process pool (default) or a Dask LocalCluster (run.runner)",
    )
    run.add_argument(
        "--dask-address", metavar="URL", help="run on an existing Dask scheduler, e.g. tcp://10.0.0.5:8786"
    )
    commands.add_parser(
        "config",
        help="print the default configuration as TOML",
        description="Print the default configuration as TOML: every key, its default, and what it does.",
    )
    return parser


def load_config(path: str | None) -> Config:
    from pydantic import ValidationError

    if path is None:
        return Config()
    file = Path(path).expanduser()
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise UserError(f"config file not found: {path}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"cannot read config file {path}: {error}") from error
    try:
        return Config.from_toml(text)
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"config {path}: invalid TOML: {error}") from error
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        message = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
        raise UserError(f"config {path}: {key}: {message}") from error


def check_output(out: str) -> None:
    target = Path(out).expanduser()
    for parent in (target, *target.parents):
        if parent.exists() and not parent.is_dir():
            raise UserError(f"output path {out} is not a directory: {parent} is a file")


def default_config_toml() -> str:
    lines = ["# refinery configuration: every key with its default. Remove what you do not change."]
    config = Config()
    for section in Config.model_fields:
        lines.append(f"\n[{section}]")
        values = getattr(config, section)
        for key, field in type(values).model_fields.items():
            if field.description:
                lines.append(f"# {field.description}")
            value = getattr(values, key)
            lines.append(f"# {key} = (not set)" if value is None else f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return str(value)


def run_command(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    if args.workers is not None and args.workers < 0:
        raise UserError("--workers must be 0 (one per core) or more")
    run = {"workers": args.workers, "runner": args.runner}
    if args.dask_address is not None:
        run.update(runner="dask", dask_address=args.dask_address)
    dedup = {"index": str(Path(args.index).expanduser().resolve()) if args.index else None}
    overrides = {
        section: {key: value for key, value in values.items() if value is not None}
        for section, values in (("run", run), ("dedup", dedup))
    }
    config = config.with_overrides(overrides)
    from flows.readers import DEFAULT_INPUT, default_output, discover

    inputs = args.inputs or [DEFAULT_INPUT]
    out = args.out or default_output(inputs)
    check_output(out)
    discover(inputs, config.read)  # a user mistake (nothing readable) fails here, before Prefect starts
    print(f"refinery: {' '.join(inputs)} → {out}", file=sys.stderr)

    from flows.environment import prefect_api
    from flows.flow import configured_flow

    with prefect_api():
        manifest = configured_flow(config)(inputs=inputs, out=out, config=config)
    counts = manifest["counts"]
    reasons = ", ".join(f"{k} {v}" for k, v in counts["rejected_by_reason"].items()) or "none"
    print(
        f"done in {manifest['seconds']:.1f}s: {counts['documents_read']} documents read, "
        f"{counts['kept']} kept, {counts['rejected']} rejected ({reasons}), {counts['errors']} errors\n"
        f"dataset: {manifest['out']}  (see README.md and manifest.json there)"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    apply_prefect_defaults()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            return run_command(args)
        if args.command == "config":
            print(default_config_toml(), end="")
            return 0
        parser.print_help()
        return 2
    except UserError as error:
        print(f"refinery: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("refinery: interrupted; run the same command again to resume", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
