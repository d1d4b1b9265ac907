"""Write a run's results: bench/results/<date>-<size>.json and its section of
bench/README.md, between the markers for its size.
"""

import contextlib
import json
import os
import platform
import re
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
README = BENCH_DIR / "README.md"


def machine() -> dict:
    """Describe the machine and the software the run measured."""
    import django
    from django.db import connection

    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": postgres,
        "os": platform.platform(),
    }


def fmt(value, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def markdown(results: dict) -> str:
    """Return the README section for a run."""
    lines = [
        *_heading(results),
        "",
        *_page_table(results),
        "",
        "Queries per page as rendered, long beside short: "
        + "; ".join(f"{name}: {n}" for name, n in results["fixed_queries"].items())
        + ".",
        "",
        *_scenarios(results),
        "",
        *(_mixed_table(results["mixed"]) if "mixed" in results else []),
        *_target_tables(results["targets"]),
    ]
    for name, plan in results["search_plans"].items():
        lines += [
            "",
            f"Search plan, {name} (`{plan['terms']}`):",
            "",
            "```",
            plan["plan"],
            "```",
        ]
    return "\n".join(lines) + "\n"


def _heading(results: dict) -> list[str]:
    m, seed, load = results["machine"], results["seed"], results["load"]
    if seed["reused"]:
        seeding = (
            f"reused data seeded at {seed['seeded_at']} "
            f"(it took {seed['seconds']:.0f} s)"
        )
    else:
        seeding = f"{seed['seconds']:.0f} s"
    lines = [
        f"### {results['size'].capitalize()} size: {results['date']}",
        "",
        f"- Command: `{results['command']}`",
        f"- Machine: {m['cpus']} CPUs ({m['cpu']}), {m['memory']} RAM; "
        f"load average at start {', '.join(map(str, m['load_average_at_start']))}",
        f"- Software: Python {m['python']}, Django {m['django']}, "
        f"PostgreSQL {m['postgresql']}",
        f"- Data: {results['data']}",
        f"- Seeding: {seeding}",
        f"- Load: {load['client']}, {load['connections']} connections, "
        f"{load['duration']} s per page; gunicorn {load['workers']} sync workers; "
        "cache: Redis",
    ]
    if results["note"]:
        lines.append(f"- **Note:** {results['note']}")
    return lines


def _page_table(results: dict) -> list[str]:
    floor = results["floor"]
    lines = [
        f"Floor (p50): pooled single-query {floor['pk_p50_ms']} ms "
        f"(runs: {', '.join(map(str, floor['pk_runs_ms']))}); new connection per "
        f"request {floor['pk_new_connection_p50_ms']} ms; prebuilt "
        f"{floor['bytes_size']:,}-byte body {floor['bytes_p50_ms']} ms.",
        "",
        "| page | status | queries: served, rendered (cold) | writes | bytes "
        "| p50 ms | p95 ms | req/s | errors | p50 / floor |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in results["pages"]:
        queries = f"{row['queries']}, {row['queries_rendered']} ({row['queries_cold']})"
        writes = row["writes"] + row["writes_rendered"]
        lines.append(
            f"| {row['name']} | {row['status']} | {queries} | {writes} "
            f"| {_bytes(row)} | {_latency(row)} |"
        )
    for row in results["floors"]:
        lines.append(
            f"| {row['name']} | {row['status']} | – | – | {row['bytes']:,} "
            f"| {_latency(row)} |"
        )
    return lines


def _bytes(row: dict) -> str:
    if "bytes_gzip" not in row:
        return f"{row['bytes']:,}"
    return f"{row['bytes']:,} ({row['bytes_gzip']:,} gzip)"


def _latency(row: dict) -> str:
    return (
        f"{fmt(row['p50_ms'])} | {fmt(row['p95_ms'])} | {fmt(row['rps'], 0)} "
        f"| {row['errors']} | {fmt(row['ratio'])}×"
    )


def _scenarios(results: dict) -> list[str]:
    votes, memory = results["votes"], results["memory"]
    workers = "; ".join(
        f"{w['before_kib'] / 1024:.1f} → {w['after_kib'] / 1024:.1f} MiB"
        for w in memory["workers"]
    )
    return [
        f"Helpful votes: {votes['clients']} members voting at once for "
        f"{votes['seconds']} s on the long thread: {votes['requests']:,} votes, "
        f"{votes['rps']} per second, p50 {votes['p50_ms']} ms, p95 "
        f"{votes['p95_ms']} ms, statuses {votes['statuses']}, "
        f"{votes['errors']} errors; counters equal a recount: "
        f"{'yes' if votes['counters_equal_recount'] else 'NO'} (rate limit "
        f"raised to {votes['rate_limit']} for the run; the site's default "
        f"is {votes['default_rate_limit']}).",
        "",
        f"Memory: {memory['requests']:,} requests to the thread page, "
        f"rendered; worker RSS {workers} (largest growth "
        f"{memory['max_growth_percent']}%).",
    ]


def mixed_markdown(results: dict) -> str:
    """Return the README section of a mixed-only run."""
    m = results["machine"]
    lines = [
        f"### Mixed traffic, {results['size']} size: {results['date']}",
        "",
        f"- Command: `{results['command']}`",
        f"- Machine: {m['cpus']} CPUs ({m['cpu']}), {m['memory']} RAM; "
        f"load average at start {', '.join(map(str, m['load_average_at_start']))}",
        f"- Data: {results['data']}",
        f"- Load: {results['load']['client']}, {results['load']['connections']} "
        f"connections; gunicorn {results['load']['workers']} sync workers",
    ]
    if results["note"]:
        lines.append(f"- **Note:** {results['note']}")
    return "\n".join([*lines, "", *_mixed_table(results["mixed"])]) + "\n"


def _mixed_table(mixed: dict) -> list[str]:
    mix = mixed["mix"]
    reads = ", ".join(f"{kind} {n}%" for kind, n in mix["read_mix"].items())
    lines = [
        f"Mixed traffic ({mixed['seconds']:.0f} s each way, after a warm-up): "
        f"{100 - mix['signed_in_share'] * 100:.0f}% visitors, "
        f"{mix['signed_in_share'] * 100:.0f}% signed-in members; reads: {reads}; "
        f"threads drawn from {mix['thread_pool']:,} by a Zipf law (exponent "
        f"{mix['zipf_exponent']}); {mix['write_share_of_signed_in'] * 100:.0f}% of "
        "members' requests are writes (votes and replies, 3 to 1) to the hottest "
        "threads.",
        "",
    ]
    for label in ("page cache on", "page cache off"):
        run = mixed.get(label)
        if not run:
            continue
        ratio = "n/a" if run["hit_ratio"] is None else f"{run['hit_ratio']:.1%}"
        lines += [
            f"**{label.capitalize()}**: {run['requests']:,} requests, "
            f"{run['rps']} per second; p50 {run['p50_ms']} ms, p95 "
            f"{run['p95_ms']} ms, p99 {run['p99_ms']} ms; {run['errors']} errors; "
            f"page cache hit ratio for visitors' reads {ratio} "
            f"({run['cache']['hit']:,} hits, {run['cache']['miss']:,} misses, "
            f"{run['cache']['none']:,} not cacheable).",
            "",
            "| kind | requests | share | p50 ms | p95 ms | p99 ms | errors |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for row in run["kinds"]:
            lines.append(
                f"| {row['kind']} | {row['requests']:,} | {row['share_percent']}% "
                f"| {fmt(row['p50_ms'])} | {fmt(row['p95_ms'])} "
                f"| {fmt(row['p99_ms'])} | {row['errors']} |"
            )
        lines.append("")
    return lines


def _target_tables(targets: list[dict]) -> list[str]:
    lines = [
        "Targets on anonymous pages, judged on the stored page and on the "
        "rendered one; each passes only if both do:",
        "",
        "| target | limit | stored | rendered | result |",
        "| --- | --- | --- | --- | --- |",
    ]
    for item in targets:
        if "stored" in item:
            lines.append(
                f"| {item['target']} | {item['limit']} | {_judged(item, 'stored')} "
                f"| {_judged(item, 'rendered')} | {_verdict(item)} |"
            )
    lines += [
        "",
        "Other targets:",
        "",
        "| target | value | limit | result |",
        "| --- | --- | --- | --- |",
    ]
    for item in targets:
        if "stored" not in item:
            lines.append(
                f"| {item['target']} | {fmt(item['value'])} | {item['limit']} "
                f"| {_verdict(item)} |"
            )
    return lines


def _judged(item: dict, way: str) -> str:
    value = fmt(item[way])
    return value if item[f"{way}_pass"] else f"**{value}**"


def _verdict(item: dict) -> str:
    verdict = "pass" if item["pass"] else "**miss**"
    return verdict + (f" ({item['note']})" if item["note"] else "")


def update_readme(size: str, section: str) -> None:
    """Replace the README's section for size (or append it)."""
    begin = f"<!-- bench:{size}:begin -->"
    end = f"<!-- bench:{size}:end -->"
    text = README.read_text()
    block = f"{begin}\n{section}{end}"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    README.write_text(text)


def write_results(results: dict, suffix: str = "") -> Path:
    """Write the run's JSON to bench/results/<date>-<size>.json; return its path."""
    RESULTS_DIR.mkdir(exist_ok=True)
    name = "-".join(filter(None, [results["date"][:10], results["size"], suffix]))
    out = RESULTS_DIR / f"{name}.json"
    out.write_text(json.dumps(results, indent=2, default=str) + "\n")
    return out
