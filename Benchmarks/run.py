#!/usr/bin/env python3
"""chiso against DuckDB and sqlite3 on generated data: timings, memory and answers.

    python3 Benchmarks/run.py [--sizes 1M,10M] [--runs 7] [--keep-data]
                              [--engines chiso,duckdb,sqlite3]

Run from anywhere; paths are relative to the repository. See Benchmarks/README.md.
"""

import argparse
import csv
import importlib.util
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCRATCH = os.path.join(ROOT, ".build-bench")
CHISO = os.path.join(SCRATCH, "release", "chiso")
DATA_ROOT = os.path.join(ROOT, "bench-data")
CHISO_QUERIES = os.path.join(HERE, "queries.chiso")
SQL_QUERIES = os.path.join(HERE, "queries.sql")
ENGINES = ("chiso", "duckdb", "sqlite3")


def load_generator():
    sys.dont_write_bytecode = True  # no __pycache__ in Benchmarks/
    spec = importlib.util.spec_from_file_location("bench_generate", os.path.join(HERE, "generate.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def say(text=""):
    print(text, flush=True)


# --- queries -----------------------------------------------------------------------------

def chiso_statements():
    with open(CHISO_QUERIES, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.strip().startswith("--")]


def sql_statements():
    """The statements of queries.sql: whole-line comments dropped, split at `;`."""
    with open(SQL_QUERIES, encoding="utf-8") as f:
        kept = [line for line in f if not line.strip().startswith("--")]
    return [s.strip() for s in "".join(kept).split(";") if s.strip()]


# --- answers -----------------------------------------------------------------------------

def cell_text(value):
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value)).strip()


def as_number(text):
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number else None  # NaN is no number


def same_cell(a, b):
    a, b = cell_text(a), cell_text(b)
    x, y = as_number(a), as_number(b)
    if x is not None and y is not None:
        # to 6 decimals: chiso prints a number rounded to 6, so the exact value may lie up to
        # half a unit of the 6th decimal away from it
        return abs(x - y) <= 5.000001e-7 + 1e-12 * max(abs(x), abs(y))
    return a == b


def compare_answers(expected, found, columns, names):
    """expected/found: (header, rows), named `names`. Compares `columns` (by name) row by
    row. Returns None when they agree, else a description of the first difference."""
    picked = []
    for name, (header, rows) in zip(names, (expected, found)):
        missing = [c for c in columns if c not in header]
        if missing:
            return f"{name} answer has no column {', '.join(missing)} (columns: {', '.join(header)})"
        index = [header.index(c) for c in columns]
        picked.append([[row[i] if i < len(row) else None for i in index] for row in rows])
    ref, oth = picked
    for n, (r, o) in enumerate(zip(ref, oth), start=1):
        if not all(same_cell(a, b) for a, b in zip(r, o)):
            width = max(len(x) for x in names)
            return (f"row {n} differs ({', '.join(columns)})\n      {names[0]:<{width}}: {format_row(r)}"
                    f"\n      {names[1]:<{width}}: {format_row(o)}")
    if len(ref) != len(oth):
        n = min(len(ref), len(oth))
        extra = ref[n] if len(ref) > n else oth[n]
        whose = names[0] if len(ref) > n else names[1]
        return (f"{names[0]}: {len(ref)} rows, {names[1]}: {len(oth)} rows; "
                f"row {n + 1}, only in {whose}'s: {format_row(extra)}")
    return None


def format_row(row):
    return " | ".join(cell_text(c) for c in row)


def parse_csv(text):
    rows = list(csv.reader(io.StringIO(text)))
    return (rows[0], rows[1:]) if rows else ([], [])


# --- data --------------------------------------------------------------------------------

def count_lines(path):
    lines = 0
    with open(path, "rb") as f:
        while True:
            block = f.read(1 << 24)
            if not block:
                return lines
            lines += block.count(b"\n")


def ensure_data(label, generator):
    rows = generator.parse_rows(label)
    expected = generator.expected_rows(rows)
    folder = os.path.join(DATA_ROOT, label)
    obs = os.path.join(folder, "observations.csv")
    present = all(os.path.exists(os.path.join(folder, f)) for f in ("facilities.csv", "indicators.csv", "observations.csv"))
    if present and count_lines(obs) - 1 == expected:
        say(f"data: {folder} is present ({expected:,} observations)")
        return folder, expected, False
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    say(f"data: generating {label} into {folder} …")
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(rows), folder], check=True)
    return folder, expected, True


# --- chiso -------------------------------------------------------------------------------

def build_chiso():
    say("build: swift build -c release --scratch-path .build-bench …")
    started = time.perf_counter()
    for attempt in range(3):
        done = subprocess.run(["swift", "build", "-c", "release", "--scratch-path", SCRATCH], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if done.returncode == 0 or "was modified during the build" not in done.stdout:
            break
        say("build: a source changed during the build; building again …")
    if done.returncode != 0:
        say(done.stdout[-4000:])
        raise SystemExit("build failed")
    say(f"build: done in {time.perf_counter() - started:.0f} s")


def run_chiso(folder, runs, statements):
    result = {"queries": {}, "answers": {}, "wall": {}, "errors": []}
    command = [CHISO, "--data", folder, "--bench", CHISO_QUERIES, "--runs", str(runs), "-q"]
    say("chiso: --bench …")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        result["errors"].append(f"--bench exited {done.returncode}: {done.stderr.strip()[:500]}")
    for line in done.stdout.splitlines():
        parts = line.split("\t")
        if parts[0] == "load":
            result["load_ms"], result["rows"] = float(parts[1]), int(parts[2])
        elif parts[0] == "phase":
            result.setdefault("phases", []).append((parts[1], float(parts[2])))
        elif parts[0] == "memory":
            result["rss"], result["hwm"] = int(parts[1]), int(parts[2])
        elif parts[0] == "query":
            statement = parts[4].strip()
            if statement in statements:
                number = statements.index(statement) + 1
                result["queries"][number] = (float(parts[2]), float(parts[3]))
    for number, statement in enumerate(statements, start=1):
        say(f"chiso: process for query {number} …")
        started = time.perf_counter()
        done = subprocess.run([CHISO, "--data", folder, "--format", "csv", "-c", statement], cwd=ROOT,
                              capture_output=True, text=True)
        result["wall"][number] = (time.perf_counter() - started) * 1000
        if done.returncode != 0:
            result["errors"].append(f"query {number} exited {done.returncode}: {done.stderr.strip()[:500]}")
            continue
        result["answers"][number] = parse_csv(done.stdout)
    return result


def chiso_startup(runs):
    times = []
    for n in range(runs + 1):
        started = time.perf_counter()
        done = subprocess.run([CHISO, "-c", "list datasets"], cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            return None
        if n:
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


# --- DuckDB (in a child process, for its memory figures) ---------------------------------

def proc_status():
    """VmRSS and VmHWM of this process in bytes, or (None, None)."""
    try:
        with open("/proc/self/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return tuple(int(fields[k].split()[0]) * 1024 for k in ("VmRSS", "VmHWM"))
    except (OSError, KeyError, ValueError):
        return None, None


def duckdb_worker(folder, runs):
    import duckdb

    statements = sql_statements()
    con = duckdb.connect()
    con.execute("SET threads=2")
    obs = os.path.join(folder, "observations.csv").replace("'", "''")
    fac = os.path.join(folder, "facilities.csv").replace("'", "''")
    started = time.perf_counter()
    con.execute(f"""CREATE TABLE obs AS SELECT * FROM read_csv('{obs}', header = true, columns = {{
        'facility': 'VARCHAR', 'period': 'VARCHAR', 'indicator': 'VARCHAR', 'value': 'DOUBLE'}})""")
    con.execute(f"""CREATE TABLE fac AS SELECT * FROM read_csv('{fac}', header = true, columns = {{
        'facility': 'VARCHAR', 'name': 'VARCHAR', 'level': 'VARCHAR', 'parent': 'VARCHAR'}})""")
    out = {"version": duckdb.__version__, "load_ms": (time.perf_counter() - started) * 1000}
    out["rss"], out["hwm"] = proc_status()
    out["rows"] = con.execute("SELECT count(*) FROM obs").fetchone()[0]

    def time_queries():
        timings, answers = {}, {}
        for number, statement in enumerate(statements, start=1):
            cursor = con.execute(statement)
            rows = cursor.fetchall()
            answers[number] = ([d[0] for d in cursor.description], [[cell_text(c) if not isinstance(c, (int, float)) else c for c in r] for r in rows])
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                con.execute(statement).fetchall()
                times.append((time.perf_counter() - t) * 1000)
            timings[number] = (statistics.median(times), min(times))
        return timings, answers

    out["loaded"], out["answers"] = time_queries()
    started = time.perf_counter()
    con.execute("CREATE TABLE obs_sorted AS SELECT * FROM obs ORDER BY indicator, period")
    out["sort_ms"] = (time.perf_counter() - started) * 1000
    con.execute("ALTER TABLE obs RENAME TO obs_loaded")
    con.execute("ALTER TABLE obs_sorted RENAME TO obs")
    out["sorted"], out["answers_sorted"] = time_queries()
    out["rss_sorted"], out["hwm_end"] = proc_status()
    json.dump(out, sys.stdout)


def duckdb_importable():
    try:
        import duckdb  # noqa: F401
    except ImportError:
        return False
    return True


def run_duckdb(folder, runs):
    if not duckdb_importable():
        say("DuckDB absent (the duckdb Python module cannot be imported; pip install duckdb)")
        return None
    say("duckdb: load, queries, sorted copy, queries …")
    done = subprocess.run([sys.executable, os.path.abspath(__file__), "--duckdb-worker", folder, "--runs", str(runs)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        say(f"DuckDB absent (the worker failed: {done.stderr.strip()[-500:]})")
        return None
    out = json.loads(done.stdout)
    for key in ("loaded", "sorted", "answers", "answers_sorted"):
        out[key] = {int(k): v for k, v in out[key].items()}
    return out


# --- sqlite3 -----------------------------------------------------------------------------

def sqlite_load_script(folder):
    def quoted(name):
        return '"' + os.path.join(folder, name).replace('"', '""') + '"'
    return "\n".join([
        ".bail on",
        "CREATE TABLE obs(facility TEXT, period TEXT, indicator TEXT, value REAL);",
        "CREATE TABLE fac(facility TEXT PRIMARY KEY, name TEXT, level TEXT, parent TEXT);",
        f".import --csv --skip 1 {quoted('observations.csv')} obs",
        f".import --csv --skip 1 {quoted('facilities.csv')} fac",
        "CREATE INDEX obs_cover ON obs(indicator, period, facility, value);",
    ]) + "\n"


def with_time_v(command):
    if os.path.exists("/usr/bin/time"):
        return ["/usr/bin/time", "-v"] + command, True
    return command, False


def max_rss(stderr):
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    return int(match.group(1)) * 1024 if match else None


def run_sqlite(folder, runs):
    binary = shutil.which("sqlite3")
    if binary is None:
        say("sqlite3 absent (no sqlite3 on PATH)")
        return None
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.split()[0]
    statements = sql_statements()
    load = sqlite_load_script(folder)
    say("sqlite3: load …")
    command, timed = with_time_v([binary])
    started = time.perf_counter()
    done = subprocess.run(command, input=load, capture_output=True, text=True)
    load_ms = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        say(f"sqlite3: load failed: {done.stderr.strip()[-500:]}")
        return None
    out = {"version": version, "load_ms": load_ms, "load_peak": max_rss(done.stderr) if timed else None}

    say("sqlite3: load again, queries …")
    script = [load, ".print @@count", "SELECT count(*) FROM obs;",
              ".print @@memory", ".system grep -e VmRSS -e VmHWM /proc/$PPID/status",
              ".mode csv"]
    for number, statement in enumerate(statements, start=1):
        script += [f".print @@answer {number}", ".headers on", statement + ";", ".headers off",
                   f".print @@timing {number}", ".output /dev/null", ".timer on"]
        script += [statement + ";"] * runs
        script += [".timer off", ".output stdout"]
    done = subprocess.run(command, input="\n".join(script) + "\n", capture_output=True, text=True)
    if done.returncode != 0:
        say(f"sqlite3: queries failed: {done.stderr.strip()[-500:]}")
        return None
    out["peak"] = max_rss(done.stderr) if timed else None
    sections, current = {}, None
    for line in done.stdout.splitlines():
        if line.startswith("@@"):
            current = line[2:]
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    out["rows"] = int(sections["count"][0])
    memory = {k.strip(): int(v.split()[0]) * 1024 for k, v in (l.split(":", 1) for l in sections.get("memory", []) if ":" in l)}
    out["rss"], out["hwm"] = memory.get("VmRSS"), memory.get("VmHWM")
    out["queries"], out["answers"] = {}, {}
    for number in range(1, len(statements) + 1):
        out["answers"][number] = parse_csv("\n".join(sections[f"answer {number}"]) + "\n")
        times = [float(m.group(1)) * 1000 for l in sections[f"timing {number}"]
                 for m in [re.match(r"Run Time: real ([0-9.]+)", l)] if m]
        out["queries"][number] = (statistics.median(times), min(times))
    return out


def sqlite_startup(runs):
    binary = shutil.which("sqlite3")
    times = []
    for n in range(runs + 1):
        started = time.perf_counter()
        subprocess.run([binary, ":memory:", "SELECT 1"], capture_output=True)
        if n:
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def duckdb_startup(runs):
    times = []
    for n in range(runs + 1):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import duckdb; duckdb.connect().execute('SELECT 1').fetchall()"],
                       capture_output=True)
        if n:
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


# --- report ------------------------------------------------------------------------------

def ms(value):
    if value is None:
        return "—"
    if value >= 100:
        return f"{value:,.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def per_obs(value, rows):
    if value is None or not rows:
        return "—"
    return f"{value / rows:,.0f} B ({value / 1e6:,.0f} MB)"


def ratio(a, b):
    if a is None or b is None or b <= 0:
        return "—"
    return f"{a / b:.2f}×"


def table(label, expected, data_bytes, chiso, duck, lite, statements, startups, machine):
    lines = [f"## {label}: {expected:,} observations ({data_bytes / 1e6:,.0f} MB of CSV)", "",
             machine, "",
             "| | chiso | DuckDB (loaded order) | DuckDB (sorted) | sqlite3 | chiso ÷ DuckDB sorted | chiso ÷ sqlite3 |",
             "|---|---:|---:|---:|---:|---:|---:|"]

    def row(name, c, dl, ds, s, shown=ms):
        lines.append(f"| {name} | {shown(c)} | {shown(dl)} | {shown(ds)} | {shown(s)} | {ratio(c, ds)} | {ratio(c, s)} |")

    c = chiso or {}
    d = duck or {}
    s = lite or {}
    sorted_load = d["load_ms"] + d["sort_ms"] if duck else None
    lines.append(f"| load | {ms(c.get('load_ms'))} | {ms(d.get('load_ms'))} | "
                 f"{ms(sorted_load) + (' (+sort ' + ms(d['sort_ms']) + ')' if duck else '')} | "
                 f"{ms(s.get('load_ms'))} | {ratio(c.get('load_ms'), sorted_load)} | {ratio(c.get('load_ms'), s.get('load_ms'))} |")
    # The target: no slower than DuckDB loading the CSV (as loaded, two threads).
    phases = ", ".join(f"{name} {ms(t)}" for name, t in c.get("phases", []))
    lines.append(f"| load ÷ DuckDB as loaded (chiso: {phases or 'no phases'}) | {ratio(c.get('load_ms'), d.get('load_ms'))} | — | — | — | — | — |")
    for number, statement in enumerate(statements, start=1):
        pick = lambda engine, key="queries": (engine or {}).get(key, {}).get(number, (None,))[0]
        row(f"q{number} `{statement}`", pick(chiso), pick(duck, "loaded"), pick(duck, "sorted"), pick(lite))
    rows = expected
    mem = lambda v: per_obs(v, rows)
    row("memory after load (per observation)", c.get("rss"), d.get("rss"), d.get("rss_sorted"), s.get("rss"), mem)
    lite_peak = max([v for v in (s.get("load_peak"), s.get("peak")) if v] or [None]) if lite else None
    row("peak memory (per observation)", c.get("hwm"), d.get("hwm"), d.get("hwm_end"), lite_peak, mem)
    for number in range(1, len(statements) + 1):
        wall = c.get("wall", {}).get(number)
        lines.append(f"| q{number} whole process (start → exit) | {ms(wall)} | — | — | — | — | — |")
    row("start-up → first answer", startups.get("chiso"), startups.get("duckdb"), None, startups.get("sqlite3"))
    lines += ["",
              "Query times: median of the runs after one warm-up, in-process (chiso `--bench`, DuckDB "
              "`time.perf_counter` around execute+fetchall, sqlite3 `.timer` real, 1 ms resolution). "
              "Load: chiso reads the folder; DuckDB `CREATE TABLE … AS SELECT * FROM read_csv(…)` for obs and "
              "fac (the sorted column adds `CREATE TABLE … ORDER BY indicator, period`); sqlite3 `.import` into "
              "an in-memory database (fac keyed by facility) plus the covering index on obs(indicator, period, facility, value), "
              "timed as a whole process. Memory: resident set of the whole process (DuckDB's includes "
              "Python); the DuckDB (sorted) figures are with both copies in memory; sqlite3's peak is `/usr/bin/time -v`. "
              "Whole process: `chiso --data … --format csv -c '<query>'`, once each. Start-up: chiso "
              "`-c 'list datasets'` on the bundled Datasets/; DuckDB is `python3 -c 'import duckdb; …SELECT 1'`; "
              "sqlite3 `sqlite3 :memory: 'SELECT 1'`. Ratios above 1: chiso is slower (or larger)."]
    return "\n".join(lines) + "\n"


def check_answers(statements, chiso, duck, lite):
    """Prints PASS/FAIL per query and engine; returns Markdown lines for the results file."""
    columns_from = lambda engine, n: engine["answers"][n][0]
    out = []
    for number in range(1, len(statements) + 1):
        checks = []
        if chiso is not None:
            reference = chiso["answers"].get(number)
            for name, engine, key in (("DuckDB", duck, "answers"), ("DuckDB sorted", duck, "answers_sorted"), ("sqlite3", lite, "answers")):
                if engine is None:
                    continue
                if reference is None:
                    checks.append((name, "vs chiso", "chiso gave no answer"))
                    continue
                answer = engine[key][number]
                checks.append((name, "vs chiso", compare_answers(answer, reference, answer[0], (name, "chiso"))))
        if duck is not None and lite is not None:
            checks.append(("DuckDB", "vs sqlite3", compare_answers(lite["answers"][number], duck["answers"][number], columns_from(lite, number), ("sqlite3", "DuckDB"))))
        for name, against, problem in checks:
            verdict = "PASS" if problem is None else "FAIL"
            text = f"q{number} {name} {against}: {verdict}"
            say("  " + text + ("" if problem is None else "\n    " + problem))
            out.append("- " + text + ("" if problem is None else "\n\n  ```\n  " + problem.replace("\n", "\n  ") + "\n  ```"))
    return out


def machine_line(duck, lite):
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    parts = [f"{time.strftime('%Y-%m-%d %H:%M')}", f"{cpu}, {os.cpu_count()} CPUs", f"chiso {commit or '?'}"]
    if duck:
        parts.append(f"DuckDB {duck['version']} (threads=2)")
    if lite:
        parts.append(f"sqlite3 {lite['version']}")
    return "Machine: " + "; ".join(parts) + "."


def main():
    parser = argparse.ArgumentParser(description="chiso against DuckDB and sqlite3 on generated data.")
    parser.add_argument("--sizes", default="1M,10M", help="data sizes, comma-separated (default 1M,10M)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per query after one warm-up (default 7)")
    parser.add_argument("--keep-data", action="store_true", help="keep bench-data/<size>/ for the next run")
    parser.add_argument("--engines", default=",".join(ENGINES), help="which to run (default chiso,duckdb,sqlite3)")
    parser.add_argument("--duckdb-worker", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    runs = max(1, args.runs)
    if args.duckdb_worker:
        duckdb_worker(args.duckdb_worker, runs)
        return 0

    engines = [e.strip().lower() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        parser.error(f"unknown engine {', '.join(unknown)}; engines: {', '.join(ENGINES)}")
    generator = load_generator()
    statements = chiso_statements()
    if len(statements) != len(sql_statements()):
        raise SystemExit(f"queries.chiso has {len(statements)} statements, queries.sql {len(sql_statements())}")
    if "chiso" in engines:
        build_chiso()
    os.makedirs(DATA_ROOT, exist_ok=True)
    startups = {}
    if "chiso" in engines:
        startups["chiso"] = chiso_startup(runs)
    if "sqlite3" in engines and shutil.which("sqlite3"):
        startups["sqlite3"] = sqlite_startup(runs)
    if "duckdb" in engines and duckdb_importable():
        startups["duckdb"] = duckdb_startup(runs)

    failures = 0
    for label in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        say(f"\n=== {label} ===")
        folder, expected, _ = ensure_data(label, generator)
        data_bytes = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
        chiso = run_chiso(folder, runs, statements) if "chiso" in engines else None
        duck = run_duckdb(folder, runs) if "duckdb" in engines else None
        lite = run_sqlite(folder, runs) if "sqlite3" in engines else None
        for name, engine in (("chiso", chiso), ("DuckDB", duck), ("sqlite3", lite)):
            if engine is not None and engine.get("rows") != expected:
                say(f"warning: {name} loaded {engine.get('rows')} observations, the data has {expected}")
            for error in (engine or {}).get("errors", []):
                say(f"warning: chiso {error}")
        say("answers:")
        verdicts = check_answers(statements, chiso, duck, lite)
        failures += sum("FAIL" in v.splitlines()[0] for v in verdicts)
        report = table(label, expected, data_bytes, chiso, duck, lite, statements, startups, machine_line(duck, lite))
        report += "\nAnswers (chiso's `--format csv` against queries.sql, the SQL's columns, numbers to 6 decimals):\n\n"
        report += "\n".join(verdicts) + "\n"
        path = os.path.join(DATA_ROOT, f"results-{label}.md")
        with open(path, "w", encoding="utf-8") as f:
            f.write(report)
        say("")
        say(report)
        say(f"(written to {os.path.relpath(path, ROOT)})")
        if not args.keep_data:
            shutil.rmtree(folder)
            say(f"data: removed {os.path.relpath(folder, ROOT)} (--keep-data keeps it)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
