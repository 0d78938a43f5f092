"""`refinery`: the command line. User mistakes end in one line on stderr and exit code 2."""

from __future__ import annotations

import argparse
import atexit
import contextlib
import itertools
import os
import signal
import sys
import textwrap
import threading
import time
import tomllib
import typing
from pathlib import Path
from typing import NoReturn

from pydantic import ValidationError

from ...transforms.config import Config, ReadConfig
from ...transforms.presets import PRESETS
from ..errors import UserError
from ..execution.environment import apply_prefect_defaults, quiet_resource_tracker
from ..inputs.readers import Discovery

EPILOG = """\
examples:
  refinery run                              clean seeds/ into output/seeds/
  refinery run corpus/ --out output/corpus  clean every readable file under corpus/
  refinery run 'dumps/*.jsonl.zst' crawl.warc.gz
                                            JSONL lines and WARC responses
  refinery run a.html b.txt --config my.toml --workers 2
  refinery run incoming/ --mode append      add only files the dataset has not seen yet
  refinery serve incoming/ --out output/incoming --interval 3600
                                            the same, every hour, as a Prefect deployment
  refinery config > my.toml                 write the default configuration to edit

What a run writes (OUT):
  data/part-*.parquet       kept documents, one row each, with provenance columns
  rejected/part-*.parquet   dropped documents with `reason` (empty, too_short, exact_duplicate, ...)
  errors/part-*.parquet     records that could not be read or processed, with `error`
  .current/dedup-index/     signatures of kept documents, for append runs
  manifest.json             inputs and checksums, counts, every run, versions, configuration and its hash
  README.md                 dataset card with the last run's report

Runs again over the same OUT:
  replace (default)  rebuilds the dataset; when neither the inputs nor the configuration changed,
                     there is nothing to do and nothing is written
  append             processes only inputs the dataset has not seen, rejects copies of what it holds,
                     and adds new parts; published parts are never rewritten
  --force            rebuild even when up to date
A run that is killed resumes when started again with the same arguments: finished shards are reused,
and files of an unfinished publish are removed. One run at a time writes a dataset.

Bad input never stops a run: every record read ends in data/, rejected/ (with `reason`) or errors/
(with `error`: undecodable, truncated archive, invalid JSON line, missing text field, too large, ...).

Without PREFECT_API_URL, a temporary local Prefect server is started for the run; set it to report
to a running server (prefect server start --host 127.0.0.1).
"""

SERVE_EPILOG = """\
examples:
  prefect server start --host 127.0.0.1 &          # the UI at http://127.0.0.1:4200
  export PREFECT_API_URL=http://127.0.0.1:4200/api
  refinery serve incoming/ --out output/incoming --interval 3600
  prefect deployment run refinery/incoming --watch  # trigger a run now, from another shell

The deployment's parameters (inputs, out, config) default to this command's arguments and can be
overridden per run, e.g. prefect deployment run refinery/incoming -p out=output/other.
Runs of one deployment never overlap: a run waits for the previous one.
"""


def _add_run_options(command: argparse.ArgumentParser, default_mode: str | None) -> None:
    command.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="files, directories, globs (quoted: 'dumps/*.jsonl.gz') or fsspec URLs (file://, s3://) to "
        "read (default: seeds/). .txt/.md(.gz/.zst) are one plain-text document, .html/.htm(.gz/.zst) one "
        "page (any encoding: UTF-8, GBK/GB18030, Big5); .jsonl(.gz/.zst) one document per line, .parquet "
        "and .csv/.tsv(.gz/.zst) one per row (read.text_field, default 'text'; other fields kept in "
        "`metadata`); .warc(.gz) one per HTML or text response",
    )
    command.add_argument(
        "--out", metavar="DIR", help="dataset directory (default: output/<name of first input>)"
    )
    command.add_argument(
        "--config", metavar="FILE", help="TOML configuration; see `refinery config` for every key"
    )
    command.add_argument(
        "--mode",
        choices=["replace", "append"],
        default=default_mode,
        help="replace: rebuild the dataset in OUT; append: add only inputs it has not seen "
        f"(run.mode; default: {default_mode or 'from the configuration, replace'})",
    )
    command.add_argument(
        "--force",
        action="store_true",
        default=None,
        help="rebuild even when the dataset is up to date with the inputs and configuration (run.force)",
    )
    command.add_argument(
        "--index",
        metavar="DIR",
        help="dedup index shared by datasets: documents another dataset in DIR already published are "
        "rejected as duplicates (dedup.index)",
    )
    command.add_argument(
        "--workers", type=int, metavar="N", help="worker processes (default: run.workers, 0 = one per core)"
    )
    command.add_argument(
        "--runner",
        choices=["process", "dask"],
        help="where shard tasks run: a local process pool (default) or a Dask LocalCluster (run.runner)",
    )
    command.add_argument(
        "--dask-address", metavar="URL", help="run on an existing Dask scheduler, e.g. tcp://10.0.0.5:8786"
    )
    records = command.add_argument_group(
        "records of JSONL, Parquet and CSV inputs", "shortcuts for [read] keys of the configuration"
    )
    records.add_argument(
        "--text-field",
        metavar="NAME",
        help="the field or column holding the document (read.text_field; text); several, comma-separated "
        "(content,body,text): the first one each record has",
    )
    records.add_argument(
        "--url-field", metavar="NAME", help="the field or column holding its URL (read.url_field; url)"
    )
    records.add_argument(
        "--format",
        choices=typing.get_args(ReadConfig.model_fields["record_format"].annotation),
        help="what the text field holds (read.record_format; auto: a record that is a web page is "
        "read as HTML, others as text)",
    )
    policy = command.add_argument_group("what to keep")
    policy.add_argument(
        "--keep-lang",
        metavar="CODES",
        help="keep only these languages, comma-separated ISO 639-1 codes, e.g. zh or zh,en (language.keep)",
    )
    policy.add_argument(
        "--preset",
        choices=sorted(PRESETS),
        help="quality limits from a published recipe: gopher, c4, fineweb, zh (Chinese web text), or "
        "fineweb2-zh (FineWeb2's Chinese limits, with personal data redacted and flagged words); "
        "`refinery config --preset NAME` prints them with their source (filter.preset; none by default)",
    )
    policy.add_argument(
        "--tokenizer",
        metavar="FILE",
        help="count each document's tokens with this Hugging Face tokenizer.json (a model folder's file): "
        "a `tokens` column and totals in the card (tokens.tokenizer; off by default)",
    )
    policy.add_argument(
        "--decontaminate",
        action="append",
        metavar="FILE",
        help="benchmark items (JSONL or Parquet, any fields): drop documents sharing 13 words or 20 CJK "
        "characters in a row with one; repeatable (decontaminate.files; decontaminate.action = flag keeps "
        "them, marked)",
    )
    policy.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="any configuration key, as in `refinery config`; repeatable, applied last. Values are TOML: "
        "--set filter.min_chars=200 --set 'filter.thresholds.max_dup_line_share=0.3' "
        "--set script.target=keep",
    )


class _Parser(argparse.ArgumentParser):
    """A mistake on the command line is one line, like every other user mistake."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    _add_run_options(run, default_mode=None)
    serve = commands.add_parser(
        "serve",
        help="serve the flow as a Prefect deployment, on a schedule or on demand",
        description="Register a deployment of the cleaning flow with the Prefect server at PREFECT_API_URL "
        "and run its flow runs here until stopped (Ctrl-C). Scheduled runs append by default: each "
        "one adds the inputs that arrived since the last.",
        epilog=SERVE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_run_options(serve, default_mode="append")
    serve.add_argument(
        "--name", metavar="NAME", help="deployment name (default: the dataset directory's name)"
    )
    when = serve.add_mutually_exclusive_group()
    when.add_argument("--cron", metavar="EXPR", help='cron schedule, e.g. "0 * * * *" (every hour)')
    when.add_argument("--interval", type=float, metavar="SECONDS", help="run every SECONDS")
    inspect = commands.add_parser(
        "inspect",
        help="look at a dataset: counts, sample documents, one document and what was done to it",
        description="Without options: counts by outcome, rejection reason, language and script, and what "
        "each stage of the last run did. --sample shows documents with their steps; --id one document.",
        epilog="examples:\n  refinery inspect output/seeds\n"
        "  refinery inspect output/seeds --sample 3 --part rejected --where reason=near_duplicate\n"
        "  refinery inspect output/seeds --sample 5 --where lang=zh --where 'cjk_share<0.5' --seed 7\n"
        "  refinery inspect output/seeds --sample 5 --part rejected --where 'reason~quality'\n"
        "  refinery inspect output/seeds --id 5f0c...\n"
        "  refinery inspect output/seeds --plots plots/  # then open plots/signals.svg in a browser",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inspect.add_argument("out", metavar="OUT", help="the dataset directory (a run's --out)")
    shown = inspect.add_mutually_exclusive_group()
    shown.add_argument(
        "--sample", type=int, metavar="N", help="show N documents of --part drawn at random (--seed)"
    )
    shown.add_argument("--id", metavar="ID", help="show one document, wherever it ended, with its whole text")
    inspect.add_argument(
        "--part", choices=["kept", "rejected", "errors"], default="kept", help="for --sample (default: kept)"
    )
    inspect.add_argument("--reason", metavar="REASON", help="for --sample --part rejected: only this reason")
    inspect.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="COND",
        help="for --sample: only documents where COLUMN OP VALUE holds; OP is = != < <= > >= or ~ "
        "(contains): lang=zh, script=Hant, 'cjk_share<0.3', 'reason~quality', source_uri~forum; repeat "
        "to combine",
    )
    inspect.add_argument(
        "--seed",
        type=int,
        default=0,
        help="for --sample: which random draw (the same seed, the same documents)",
    )
    shown.add_argument(
        "--plots",
        metavar="DIR",
        help="draw the dataset's plots into DIR (created; outside the dataset): histograms of the quality "
        "signals and lengths of kept and rejected documents, rejections by reason, each quality limit's "
        "rate, languages and scripts (SVG; a run draws them into OUT/plots too)",
    )
    config = commands.add_parser(
        "config",
        help="print the default configuration as TOML",
        description="Print the default configuration as TOML: every key, its default, and what it does.",
    )
    config.add_argument("--preset", choices=sorted(PRESETS), help="with this preset, its limits and source")
    train = commands.add_parser(
        "train-classifier",
        help="train a fastText quality classifier from good and bad documents",
        description="Train a fastText classifier that tells --positive documents (a reference corpus: "
        "encyclopaedia, news, textbooks, a dataset you trust) from --negative ones (random crawl), as "
        "CCNet and DCLM do; print its accuracy on documents held out of training; write the model. "
        "Use it in a run with quality.classifiers; its label is `positive`.",
        epilog="example:\n"
        "  refinery train-classifier --positive wiki.jsonl --negative crawl/ --out zh_quality.bin\n"
        '  refinery run pages.jsonl --set \'quality.classifiers=[{name="zh", path="zh_quality.bin"}]\' '
        "--set filter.thresholds.min_quality_zh=0.5\n\n"
        "inputs: JSONL (--text-field), Parquet (that column), text files (one document each), folders of "
        "them, or a refinery dataset's folder (its data/)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for side, what in (("--positive", "good"), ("--negative", "bad")):
        train.add_argument(
            side, action="append", required=True, metavar="PATH", help=f"{what} documents; repeatable"
        )
    train.add_argument(
        "--out", required=True, metavar="FILE", help="the model file to write (not an existing one)"
    )
    train.add_argument(
        "--text-field", default="text", metavar="NAME", help="the text's field in JSONL/Parquet"
    )
    train.add_argument(
        "--tokenize",
        choices=["chars", "words", "none"],
        default="chars",
        help="how text is cut for fastText: chars (each CJK character a token; default), words (Jieba), "
        "none; a run's quality.classifiers entry must say the same",
    )
    train.add_argument(
        "--held-out", type=float, default=0.1, metavar="SHARE", help="share of documents kept for measuring"
    )
    train.add_argument(
        "--epoch",
        type=int,
        help="fastText epochs (default: enough for about 20 million token updates, 5 to 100: many for a "
        "small set, 5 for a large one)",
    )
    train.add_argument("--seed", type=int, default=0, help="fastText's seed (the same seed, the same model)")
    return parser


def load_config(path: str | None) -> Config:
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
        raise UserError(f"config {path}: {_first_problem(error)}") from error


def apply_settings(config: Config, assignments: list[str]) -> Config:
    """`--set section.key=value` (value in TOML, or a bare string) over `config`; raises UserError.

    Keys are checked against the whole configuration, but only the keys set so far (by a file or an
    earlier --set) are carried with the new ones, so `--set filter.preset=NAME` brings the preset's
    settings under them as a preset named in a file does (Config._preset_settings)."""
    known_keys, data = config.model_dump(mode="json"), config.model_dump(mode="json", exclude_unset=True)
    for assignment in assignments:
        key, equals, raw = assignment.partition("=")
        path = [part for part in key.strip().split(".") if part]
        if not equals or len(path) < 2:
            raise UserError(f"--set {assignment}: expected SECTION.KEY=VALUE, e.g. filter.min_chars=200")
        try:
            value = tomllib.loads(f"value = {raw}")["value"]
        except tomllib.TOMLDecodeError:
            value = raw  # a bare string: --set read.text_field=content
        known, target = known_keys, data
        for depth, part in enumerate(path[:-1]):
            if depth >= 2:  # inside a table such as filter.languages: a new entry (filter.languages.en)
                known.setdefault(part, {})
            if not isinstance(known.get(part), dict):
                where, choices = ".".join(path[: depth + 1]), ", ".join(sorted(known))
                raise UserError(f"--set {assignment}: unknown key {where} (known: {choices})")
            known, target = known[part], target.setdefault(part, {})
        target[path[-1]] = value
    try:
        return Config.model_validate(data)
    except ValidationError as error:
        raise UserError(f"--set {_first_problem(error)}") from error


def _first_problem(error: ValidationError) -> str:
    """'section.key: what is wrong' from a pydantic ValidationError."""
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"])
    return f"{key}: {'unknown key' if first['type'] == 'extra_forbidden' else first['msg']}"


def check_output(out: str) -> None:
    target = Path(out).expanduser()
    for parent in (target, *target.parents):
        if parent.exists() and not parent.is_dir():
            raise UserError(f"output path {out} is not a directory: {parent} is a file")


def default_config_toml(preset: str | None = None) -> str:
    lines = ["# refinery configuration: every key with its default. Remove what you do not change."]
    config = Config() if preset is None else Config().with_overrides({"filter": {"preset": preset}})
    for section in Config.model_fields:
        lines.append(f"\n[{section}]")
        if section == "filter" and preset is not None:
            limits = ", ".join(f"{key} = {value}" for key, value in PRESETS[preset].limits.items())
            settings = ", ".join(
                f"{section}.{key} = {_toml_value(value)}"
                for section, values in PRESETS[preset].settings.items()
                for key, value in values.items()
            )
            lines += [
                f"# preset {preset}: {limits}",
                *([f"# and sets (a key you set wins): {settings}"] if settings else []),
                *textwrap.wrap(
                    PRESETS[preset].source, 96, initial_indent="# source: ", subsequent_indent="#   "
                ),
            ]
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


def configure(args: argparse.Namespace) -> tuple[Config, list[str], str, Discovery]:
    """The run's configuration, inputs and output from the options; raises UserError on mistakes."""
    config = load_config(args.config)
    if args.workers is not None and args.workers < 0:
        raise UserError("--workers must be 0 (one per core) or more")
    run = {"workers": args.workers, "runner": args.runner, "mode": args.mode, "force": args.force}
    if args.dask_address is not None:
        run.update(runner="dask", dask_address=args.dask_address)
    dedup = {"index": str(Path(args.index).expanduser().resolve()) if args.index else None}
    read = {"text_field": args.text_field, "url_field": args.url_field, "record_format": args.format}
    keep = (
        tuple(code.strip() for code in args.keep_lang.split(",") if code.strip()) if args.keep_lang else None
    )
    overrides = {
        section: {key: value for key, value in values.items() if value is not None}
        for section, values in (
            ("run", run),
            ("dedup", dedup),
            ("read", read),
            ("language", {"keep": keep}),
            ("filter", {"preset": args.preset}),
            ("tokens", {"tokenizer": args.tokenizer}),
            ("decontaminate", {"files": tuple(args.decontaminate) if args.decontaminate else None}),
        )
    }
    try:
        config = config.with_overrides(overrides)
    except ValidationError as error:  # an option's value out of bounds, e.g. --workers 100000
        raise UserError(f"option {_first_problem(error)}") from error
    config = apply_settings(config, args.set)
    from ..corpus.index import check_index_dir
    from ..execution.environment import check_dask_address, check_prefect_api
    from ..inputs.readers import DEFAULT_INPUT, default_output, discover, local_input_roots
    from ..inputs.user_files import check_user_files, with_absolute_paths
    from ..storage.dataset import check_output_dir, check_writable

    inputs = args.inputs or [DEFAULT_INPUT]
    if args.out is not None and not args.out.strip():
        raise UserError("--out is empty: name the dataset's directory, or leave --out out for output/<input>")
    out = args.out or default_output(inputs)
    check_output(out)
    out_dir = Path(out).expanduser()
    # User mistakes fail here, before anything is written and before Prefect starts: inputs that
    # match nothing or hold nothing readable first (a glob's folder is no input then), then what
    # OUT and the index hold, then the servers the run needs; OUT is created last.
    discovery = discover(inputs, config.read)
    roots = local_input_roots(inputs)
    check_output_dir(out_dir.resolve(), roots)
    if config.dedup.index:
        check_index_dir(Path(config.dedup.index).expanduser().resolve(), out_dir.resolve(), roots)
    config = with_absolute_paths(config)
    check_user_files(config)
    check_prefect_api()
    if config.run.dask_address:
        check_dask_address(config.run.dask_address)
    check_writable(out_dir)
    return config, inputs, out, discovery


def run_command(args: argparse.Namespace, started: float) -> int:
    config, inputs, out, discovery = configure(args)
    from ..execution.environment import PrefectAPI, stop_on_signals
    from ..inputs.plan import make_plan, planned
    from ..shards.progress import ProgressDisplay
    from ..storage.dataset import STAGING, claim_output_dir, dataset_lock

    out_dir = Path(out).expanduser().resolve()
    # The lock is taken once, before Prefect starts (another run writing OUT: say so now), and held
    # for the whole run, so the plan made here stays true and its shards may start early.
    with dataset_lock(out_dir):
        plan = make_plan(inputs, out_dir, config, discovery)
        if plan.selection.up_to_date:
            if config.dedup.index:  # a run stopped after publishing may not have recorded it there
                _record_in_index(Path(config.dedup.index), out_dir, config)
            return _up_to_date(out)
        total_bytes = sum(item.size for item in plan.selection.files)
        hidden = plan.discovery.hidden
        say(
            f"{' '.join(inputs)} → {out} ({config.run.mode}): {len(plan.selection.files)} files, "
            f"{total_bytes / 1e6:.1f} MB" + (f"; {hidden} hidden files (.name) left out" if hidden else "")
        )
        stop_on_signals()
        with PrefectAPI() as api, contextlib.ExitStack() as stack:
            if api.process is not None:
                say("starting a temporary Prefect server (set PREFECT_API_URL to report to yours)")
            if config.run.runner == "process" and len(plan.shards) > 1:
                # The shards start on the workers now; the flow's shard tasks wait for them.
                from ..execution.workers import worker_count, worker_pool
                from ..storage.manifest import pipeline_version

                pool = stack.enter_context(worker_pool(worker_count(config.run), config))
                claim_output_dir(out_dir)
                (out_dir / STAGING).mkdir(exist_ok=True)
                pool.start_shards(list(plan.shards), config, str(out_dir / STAGING), pipeline_version())
            from ..flow import configured_flow

            if api.process is not None and len(plan.shards) <= 1:  # one shard runs here: load meanwhile
                from ..shards.process import load_shard_resources

                load_shard_resources(config)
            api.ready()
            say(f"Prefect ready after {time.monotonic() - started:.1f}s; running the flow")
            try:
                with ProgressDisplay(out_dir / STAGING, total_bytes), planned(plan):
                    flow = configured_flow(config)
                    state = flow(inputs=inputs, out=str(out_dir), config=config, return_state=True)
                manifest = state.result()  # a full disk ends the flow Failed with DiskFull: one line, exit 2
            except Exception:
                api.end_run_without_server()  # the server went away: one line, not Prefect's traceback
                raise
    record = manifest["runs"][-1]
    counts = record["counts"]
    reasons = ", ".join(f"{k} {v}" for k, v in counts["rejected_by_reason"].items()) or "none"
    total = manifest["counts"]
    print(
        f"done in {time.monotonic() - started:.1f}s ({manifest['seconds']:.1f}s in the flow): "
        f"{counts['documents_read']} documents read, "
        f"{counts['kept']} kept, {counts['rejected']} rejected ({reasons}), {counts['errors']} errors, "
        f"{counts['flagged'].get('spun', 0)} flagged spun\n"
        f"dataset: {manifest['out']}  ({total['kept']} documents from {len(manifest['runs'])} run(s); "
        f"see README.md there, or refinery inspect {manifest['out']})"
    )
    return _verdict(Path(manifest["out"]), record["sequence"], counts)


def _record_in_index(index_dir: Path, out_dir: Path, config: Config) -> None:
    from ..corpus.index import write_index
    from ..errors import DiskFull, is_disk_full

    try:
        write_index(index_dir, out_dir, config.dedup)
    except OSError as error:
        if is_disk_full(error):
            raise DiskFull(f"no space left on the device holding {index_dir}: free some space") from error
        raise


def _verdict(out: Path, sequence: int, counts: dict) -> int:
    """Print what went wrong, as the flow logs it; exit 1 when nothing was kept for a reason."""
    from ..storage.verdict import verdict

    warning, error = verdict(out, sequence, counts)
    if warning:
        print(f"refinery: warning: {warning}", file=sys.stderr)
    if error:
        print(f"refinery: error: {error}", file=sys.stderr)
        return 1
    return 0


def inspect_command(args: argparse.Namespace) -> int:
    from .inspect import document, overview, plots, sample

    out = Path(args.out).expanduser()
    if args.sample is not None and args.sample < 1:
        raise UserError("--sample must be 1 or more")
    if args.plots:
        print(plots(out, Path(args.plots).expanduser()))
    elif args.id:
        print(document(out, args.id))
    elif args.sample:
        print(sample(out, args.part, args.sample, args.reason, tuple(args.where), args.seed))
    else:
        print(overview(out))
    return 0


def say(message: str) -> None:
    """What the command is doing, on stderr (stdout carries the summary)."""
    print(f"refinery: {message}", file=sys.stderr, flush=True)


def _up_to_date(out: str) -> int:
    print(f"nothing to do: {out} is up to date with these inputs and this configuration")
    return 0


def serve_command(args: argparse.Namespace) -> int:
    # A background job of a shell script (`refinery serve ... &`) starts with SIGINT ignored, and
    # serving stops on SIGINT (SIGTERM becomes one, see flows.flow._Runner): take it back, also for
    # the runs it starts, which would inherit the ignoring.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    config, inputs, out, _ = configure(args)
    from ..storage.dataset import dataset_lock

    with dataset_lock(Path(out).expanduser()):  # another run writing it: say so before serving
        pass
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        raise UserError(
            "serve needs a running Prefect server: start one with `prefect server start --host 127.0.0.1` "
            "and set PREFECT_API_URL=http://127.0.0.1:4200/api"
        )
    from ..flow import serve

    name = args.name or Path(out).name
    schedule = {"cron": args.cron} if args.cron else {"interval": args.interval} if args.interval else {}
    print(f"refinery: serving deployment refinery/{name} ({config.run.mode} into {out})", file=sys.stderr)
    parameters = {
        "inputs": [str(Path(path).expanduser().resolve()) for path in inputs],
        "out": str(Path(out).expanduser().resolve()),
        "config": config.model_dump(mode="json"),
    }
    serve(config, name, parameters, schedule)
    return 0


def main(argv: list[str] | None = None) -> NoReturn:
    """The `refinery` command. It leaves without tearing the interpreter down: with Prefect,
    pydantic and the pipeline's tables loaded, that took ~0.7 s after the run had ended and did
    nothing a finished run needs. Exit handlers (Prefect's, logging's) still run first."""
    usable_output()
    code = dispatch(argv)
    # Prefect's exit handlers send the run's last events and logs; a server that died meanwhile
    # would keep them retrying for ever. They get a bounded time.
    handlers = threading.Thread(target=atexit._run_exitfuncs, daemon=True, name="exit-handlers")
    handlers.start()
    handlers.join(_EXIT_HANDLERS_SECONDS)
    if handlers.is_alive():
        print(
            "refinery: the run has ended, but its Prefect server did not take its last states and logs "
            "(is it still running?); the dataset is as the lines above say",
            file=sys.stderr,
        )
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a pipe closed by its reader
            stream.flush()
    os._exit(code)


_EXIT_HANDLERS_SECONDS = 20


def usable_output() -> None:
    """Writing output never fails a run. A standard stream closed by the caller (`refinery run >&-`)
    gets /dev/null, at the descriptor too (else the next file opened would take its number, and
    whatever a worker or the Prefect server prints would land in it); a terminal that cannot show
    a character (`PYTHONIOENCODING=ascii` and a Chinese path) gets an escape instead."""
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)  # the lowest free descriptor: this one
            os.set_inheritable(opened, True)  # the server and the workers write to it too
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115  (for the life of the process)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")


def train_command(args: argparse.Namespace) -> int:
    from .train import read_texts, train_classifier

    out = Path(args.out).expanduser()
    if out.exists():
        raise UserError(f"--out {out} exists; refinery writes a new model file, never over another file")
    if not 0 < args.held_out < 1:
        raise UserError("--held-out must be between 0 and 1, e.g. 0.1")
    if args.epoch is not None and args.epoch < 1:
        raise UserError("--epoch must be 1 or more")
    # Every input is checked before reading starts; the documents are then read one at a time.
    sides = [
        [read_texts(Path(path).expanduser(), args.text_field) for path in paths]
        for paths in (args.positive, args.negative)
    ]
    print("reading the documents and training", file=sys.stderr)
    started = time.monotonic()
    positives, negatives = (itertools.chain.from_iterable(side) for side in sides)
    result = train_classifier(positives, negatives, out, args.tokenize, args.held_out, args.epoch, args.seed)
    trained, held = result.trained, result.held_out
    print(
        f"trained on {trained.get('positive', 0):,} positive and {trained.get('negative', 0):,} negative "
        f"documents in {time.monotonic() - started:.1f}s "
        f"({result.epochs} epochs, learning rate {result.learning_rate})\n"
        f"held out {held.get('positive', 0):,} positive and {held.get('negative', 0):,} negative: "
        f"accuracy {result.accuracy:.3f}, precision {result.precision:.3f}, recall {result.recall:.3f} "
        "(of positive)\n"
        f"model: {out}\n"
        f"use it: --set 'quality.classifiers=[{_classifier_entry(out, args.tokenize)}]'"
    )
    return 0


def _classifier_entry(out: Path, tokenize: str) -> str:
    return f'{{name="quality", path="{out}", tokenize="{tokenize}"}}'


def dispatch(argv: list[str] | None = None) -> int:
    started = time.monotonic()
    apply_prefect_defaults()
    if sys.stderr.isatty():  # the progress bar shows what the flow's INFO lines would
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
    quiet_resource_tracker()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            return run_command(args, started)
        if args.command == "serve":
            return serve_command(args)
        if args.command == "inspect":
            return inspect_command(args)
        if args.command == "config":
            print(default_config_toml(args.preset), end="")
            return 0
        if args.command == "train-classifier":
            return train_command(args)
        parser.print_help()
        return 2
    except UserError as error:
        print(f"refinery: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("refinery: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader left (`refinery inspect OUT | head`): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the last flush succeeds
        return 0


if __name__ == "__main__":
    main()
