"""Run the benchmark suite end to end: `make bench` (BENCH_SIZE=small|large).

Seeds a dedicated PostgreSQL database (once per size), serves the site with
gunicorn exactly as in production, counts each page's queries in-process,
loads each page with wrk (or a small Python client), stored and rendered,
measures the floor views in the same run, votes from many members at once,
watches worker memory, judges the figures against the targets, and writes
bench/results/<date>-<size>.json and the table in bench/README.md. See
bench/README.md for what each figure means.
"""

import argparse
import logging
import os
import shlex
import shutil
import signal
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
# Run as a script, Python puts bench/ on the path, where its modules would
# pass for top-level ones; the project's root belongs there instead.
sys.path = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR)]

from bench import database, servers  # noqa: E402
from bench.load import Loader, get  # noqa: E402

logger = logging.getLogger("bench")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(database.SEED_ARGS), default="small")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", database.DEFAULT_DATABASE_URL),
        help="a PostgreSQL database for the benchmark only, whose name contains "
        '"bench"; its data is replaced',
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--warmup", type=float, default=2, help="seconds before each")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--vote-clients", type=int, default=8)
    parser.add_argument("--vote-seconds", type=float, default=15)
    parser.add_argument("--memory-requests", type=int, default=10_000)
    parser.add_argument(
        "--mixed-seconds",
        type=float,
        default=60,
        help="seconds of the mixed run, with the page cache on and again off",
    )
    parser.add_argument(
        "--mixed-warmup", type=float, default=15, help="seconds of mix before each"
    )
    parser.add_argument(
        "--mixed-only",
        action="store_true",
        help="only the mixed run (its own section of bench/README.md)",
    )
    parser.add_argument("--reseed", action="store_true", help="seed even if seeded")
    parser.add_argument(
        "--python-client", action="store_true", help="use the Python client, not wrk"
    )
    parser.add_argument("--no-readme", action="store_true", help="JSON only")
    parser.add_argument("--note", default="", help="a remark printed with the table")
    return parser.parse_args(argv)


def setup_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("[bench] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def setup_django() -> None:
    import django

    django.setup()
    # gunicorn's workers log every request; the in-process pass need not.
    logging.getLogger("healthforum.requests").setLevel(logging.WARNING)


def prepare(args) -> tuple[dict, dict]:
    """Create, migrate and seed the database; return the environment and seed."""
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("The benchmark runs on PostgreSQL: give a postgres:// URL.")
    name = database.database_name(args.database_url)
    if not database.is_bench_database(name):
        raise SystemExit(
            f'The database "{name}" is replaced by the benchmark: its name must '
            'contain "bench" (the default is healthforum_bench).'
        )
    env = servers.bench_env(args.database_url)
    os.environ.clear()
    os.environ.update(env)
    database.ensure_database(args.database_url)
    logger.info("Migrating")
    database.manage(env, "migrate", "--no-input", "-v0")
    seed = database.seed_if_needed(
        args.database_url, args.size, reseed=args.reseed, env=env
    )
    return env, seed


def main(argv=None) -> int:
    setup_logging()
    args = parse_args(argv)
    # The note is printed on its own line; the command shows what to rerun.
    shown = [a for a in (argv or sys.argv[1:]) if a not in ("--note", args.note)]
    command = shlex.join(["python", "bench/run.py", *shown])
    started = time.perf_counter()
    env, seed = prepare(args)
    workdir = Path(tempfile.mkdtemp(prefix="healthforum-bench-"))
    env["DJANGO_STATIC_ROOT"] = os.environ["DJANGO_STATIC_ROOT"] = str(
        workdir / "static"
    )
    logger.info("Collecting static files")
    database.manage(env, "collectstatic", "--no-input", "-v0")
    setup_django()

    from django.core.cache import cache
    from django.db import connection

    from accounts.models import User
    from bench import pages, report, scenarios, targets
    from bench.seed import USERNAME_PREFIX
    from forum.models import Forum, HelpfulVote, Reply, Thread

    # The benchmark's own Redis database: start from a cold, empty cache.
    cache.clear()
    results = {
        "size": args.size,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": command,
        "machine": report.machine(),
        "seed": seed,
        "note": args.note,
        "data": (
            f"{Forum.objects.count()} forums, {Thread.objects.count():,} threads, "
            f"{Reply.objects.count():,} replies, {HelpfulVote.objects.count():,} "
            f"votes, {User.objects.count():,} members"
        ),
    }
    if args.mixed_only:
        return mixed_only(args, env, workdir, results)
    found = pages.find_pages()
    results["pages_found"] = found
    members = User.objects.filter(username__startswith=USERNAME_PREFIX)
    member, reader = members.order_by("pk")[0], members.order_by("-pk")[0]
    logger.info("Counting queries in-process")
    rows = pages.page_rows(found, reader)
    results["fixed_queries"] = pages.fixed_queries(found)
    results["search_plans"] = pages.search_plans()
    thread_path = found["paths"]["thread, helpful"]
    thread_bytes = next(r["bytes"] for r in rows if r["name"] == "thread, helpful")
    floor_paths = pages.floor_paths(thread_bytes, member.pk)
    connection.close()

    server = servers.Server(env, workdir / "gunicorn.log")

    def interrupted(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGTERM, interrupted)
    try:
        server.start()
        loader = Loader(
            server.port,
            connections=args.connections,
            duration=args.duration,
            warmup=args.warmup,
            wrk_threads=args.wrk_threads,
            python_client=args.python_client,
        )
        results["load"] = {
            "client": loader.name,
            "connections": args.connections,
            "threads": args.wrk_threads,
            "duration": args.duration,
            "workers": servers.WORKERS,
        }
        floors = {}
        for name, path in floor_paths.items():
            logger.info(f"Loading {name}")
            status, body = get(server.port, path)
            floors[name] = {
                "name": name,
                "path": path,
                "status": status,
                "bytes": len(body),
            } | loader.measure(path)
        for row in rows:
            logger.info(f"Loading {row['name']}")
            row.update(loader.measure(row["path"], row.get("headers")))
        logger.info("Loading the pooled floor again")
        again = loader.measure(floor_paths["floor: pk query, pooled"])
        pk_runs = [floors["floor: pk query, pooled"]["p50_ms"], again["p50_ms"]]
        floor_p50 = round(statistics.mean(pk_runs), 3)
        results["floor"] = {
            "pk_p50_ms": floor_p50,
            "pk_runs_ms": pk_runs,
            "pk_new_connection_p50_ms": floors["floor: pk query, new connection"][
                "p50_ms"
            ],
            "bytes_p50_ms": floors["floor: prebuilt bytes"]["p50_ms"],
            "bytes_size": thread_bytes,
        }
        for row in [*rows, *floors.values()]:
            row["ratio"] = round(row["p50_ms"] / floor_p50, 2)
        results["floors"] = list(floors.values())
        results["pages"] = rows
        logger.info("Voting")
        results["votes"] = scenarios.vote(
            server.port,
            found["long_thread"]["pk"],
            clients=args.vote_clients,
            seconds=args.vote_seconds,
        )
        logger.info(f"Memory: {args.memory_requests:,} requests to the thread page")
        # Rendered, not served from the page cache: the memory a page's
        # rendering might leak is what is watched.
        results["memory"] = scenarios.watch_memory(
            server,
            thread_path,
            headers=pages.stale_session_headers(),
            connections=args.connections,
            requests=args.memory_requests,
        )
    finally:
        server.stop()
    try:
        results["mixed"] = mixed_runs(args, env, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for row in rows:
        row.pop("headers", None)
    results["targets"] = targets.evaluate(results)
    results["seconds"] = round(time.perf_counter() - started, 1)
    out = report.write_results(results)
    section = report.markdown(results)
    if not args.no_readme:
        report.update_readme(args.size, section)
    sys.stdout.write(section)
    written = "" if args.no_readme else " and bench/README.md"
    logger.info(f"Wrote {out.relative_to(ROOT)}{written}")
    return 0


def mixed_runs(args, env: dict, workdir: Path) -> dict:
    """The mixed traffic, with the page cache on and then off."""
    from django.core.cache import cache
    from django.db import connection

    from bench import mixed

    logger.info("Mixed run: gathering the pools")
    pools = mixed.gather()
    connection.close()
    figures = {"mix": mixed.describe(), "seconds": args.mixed_seconds}
    for label, page_cache in (("page cache on", "1"), ("page cache off", "0")):
        cache.clear()
        server = servers.Server(
            {**env, "DJANGO_PAGE_CACHE": page_cache},
            workdir / f"gunicorn-mixed-{page_cache}.log",
        )
        try:
            server.start()
            options = {"connections": args.connections, "seed": 1}
            if args.mixed_warmup:
                logger.info(f"Mixed run, {label}: warming up")
                mixed.run(server.port, pools, seconds=args.mixed_warmup, **options)
            logger.info(f"Mixed run, {label}: {args.mixed_seconds:.0f} s")
            options["seed"] = 2
            figures[label] = mixed.run(
                server.port, pools, seconds=args.mixed_seconds, **options
            )
        finally:
            server.stop()
    return figures


def mixed_only(args, env: dict, workdir: Path, results: dict) -> int:
    """Run only the mixed traffic; write its JSON and README section."""
    from bench import report

    try:
        results["load"] = {
            "client": "python http.client (threads, keep-alive)",
            "connections": args.connections,
            "workers": servers.WORKERS,
        }
        results["mixed"] = mixed_runs(args, env, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results["seconds"] = 0
    out = report.write_results(results, suffix="mixed")
    section = report.mixed_markdown(results)
    if not args.no_readme:
        report.update_readme(f"mixed-{args.size}", section)
    sys.stdout.write(section)
    logger.info(f"Wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
