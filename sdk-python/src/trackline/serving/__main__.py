"""``python -m trackline.serving``: the scoring server and ``predict`` without the ``trackline``
command (used inside a model's virtualenv, where only this SDK is installed).

::

    python -m trackline.serving serve -m ./model -p 5001
    python -m trackline.serving serve --models-json '[{"name": "a", "uri": "u", "path": "/m", "weight": 1}]'
    python -m trackline.serving predict -m ./model -i input.json
"""

from __future__ import annotations

import argparse
import json
import sys

from ._commands import ServeOptions, predict, run_server, serve
from ._errors import CommandError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m trackline.serving")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("serve", help="serve models", add_help=False)
    run.add_argument("-m", "--model-uri", action="append", default=[], help="[NAME=]URI, repeatable")
    run.add_argument("--models-json", help="models already downloaded: [{name, uri, path, version, weight}]")
    run.add_argument("-h", "--host", default="127.0.0.1")
    run.add_argument("-p", "--port", type=int, default=5001)
    run.add_argument("-w", "--workers", type=int, default=1)
    run.add_argument("--threads", type=int, default=4)
    run.add_argument("-t", "--timeout", type=float, default=60.0)
    run.add_argument("--split")
    run.add_argument("--batch-max-rows", type=int, default=0)
    run.add_argument("--batch-window-ms", type=float, default=2.0)
    run.add_argument("--max-body-size", type=int)
    run.add_argument("--help", action="help")
    one = commands.add_parser("predict", help="predict for one input file")
    one.add_argument("-m", "--model-uri", required=True)
    one.add_argument("-i", "--input-path")
    one.add_argument("-o", "--output-path")
    one.add_argument("-t", "--content-type", default="json", choices=("json", "csv"))
    return parser


def _serve_downloaded(models_json: str, options: ServeOptions) -> int:
    from trackline.pyfunc import load_model  # noqa: PLC0415

    from ._served import served_model  # noqa: PLC0415

    served = []
    for entry in json.loads(models_json):
        try:
            model = load_model(entry["path"])
        except Exception as exc:
            print(f"trackline models serve: cannot load model {entry['uri']!r}: {exc}", file=sys.stderr)
            return 1
        served.append(served_model(entry["name"], entry["uri"], model, entry.get("version"), float(entry["weight"])))
    return run_server(served, options)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "predict":
        return predict(args.model_uri, args.input_path, args.output_path, args.content_type)
    options = ServeOptions(
        models=args.model_uri,
        host=args.host,
        port=args.port,
        workers=args.workers,
        threads=args.threads,
        timeout=args.timeout,
        split=args.split,
        batch_max_rows=args.batch_max_rows,
        batch_window_ms=args.batch_window_ms,
        max_body_size=args.max_body_size,
    )
    try:
        if args.models_json:
            return _serve_downloaded(args.models_json, options)
        return serve(options)
    except CommandError as exc:
        print(f"trackline models serve: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
