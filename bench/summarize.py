#!/usr/bin/env python3
"""Turns the raw measurements of bench/run.sh into bench/results/<date>.json (the figures) and
bench/results/<date>.md (the report), and refreshes the generated block of bench/README.md.

    summarize.py RAW_DIR RESULT_MD README_MD      collect RAW_DIR, write RESULT.json, render
    summarize.py --render RESULT_JSON RESULT_MD README_MD    render saved figures again
"""
import json
import os
import re
import statistics
import sys

TOOLS = [("ours", "`mvn acme:issue`"), ("lego", "lego"), ("certbot", "certbot")]
SCENARIOS = [("first", "First issuance"), ("again", "Re-run, not due")]
IDS = [f"{tool}-{scenario}" for scenario, _ in SCENARIOS for tool, _ in TOOLS] + ["ours-floor"]
ENDPOINTS = ["GET /dir", "HEAD /nonce-plz", "POST /sign-me-up", "POST /my-account/", "POST /order-plz",
             "POST /authZ/", "POST /chalZ/", "POST /my-order/", "POST /finalize-order/", "POST /certZ/"]
START, END = "<!-- results:start -->", "<!-- results:end -->"
LOADED_CORES = 0.25


# --- Collecting ---------------------------------------------------------------------------

def read_kv(path):
    values = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            values[key] = value
    return values


def read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.strip() for line in f if line.strip()]


def parse_time_v(path):
    out = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("Maximum resident set size (kbytes):"):
                out["rss_kb"] = int(line.rsplit(":", 1)[1])
            elif line.startswith("User time (seconds):"):
                out["user_s"] = float(line.rsplit(":", 1)[1])
            elif line.startswith("System time (seconds):"):
                out["system_s"] = float(line.rsplit(":", 1)[1])
            elif line.startswith("Elapsed (wall clock) time"):
                seconds = 0.0
                for part in line.split("):", 1)[1].strip().split(":"):
                    seconds = seconds * 60 + float(part)
                out["wall_s"] = seconds
    return out


def minutes_seconds(text):
    """Seconds from a `times` field such as 1m2.345s."""
    minutes, _, seconds = text.rstrip("s").partition("m")
    return int(minutes) * 60 + float(seconds)


def collect(raw):
    machine = read_kv(os.path.join(raw, "machine"))
    work = os.path.dirname(os.path.abspath(raw))

    def shorten(text):
        text = text.replace(work, "$WORK")
        text = re.sub(r"https://localhost:\d+/dir", "https://localhost:$PORT/dir", text)
        return re.sub(r"(acme\.http\.port=|http\.port 127\.0\.0\.1:|--http-01-port )\d+", r"\1$HTTP_PORT", text)

    commands = {}
    for line in read_lines(os.path.join(raw, "commands.tsv")):
        ident, _, command = line.partition("\t")
        commands[ident] = shorten(command)

    clk = int(machine["clk_tck"])

    def snapshot(prefix):
        when, busy, ca = (float(x) for x in read_lines(prefix + ".stat")[0].split())
        with open(prefix + ".times") as f:
            own = sum(minutes_seconds(x) for x in f.read().split()[2:4])
        return when, busy / clk, ca / clk, own

    measures = {}
    for ident in IDS:
        times, user, system, others_cpu, span = [], 0.0, 0.0, 0.0, 0.0
        round_number = 1
        while os.path.exists(os.path.join(raw, f"{ident}.r{round_number}.json")):
            with open(os.path.join(raw, f"{ident}.r{round_number}.json")) as f:
                result = json.load(f)["results"][0]
            n = len(result["times"])
            times += result["times"]
            user += result["user"] * n
            system += result["system"] * n
            t0, busy0, ca0, own0 = snapshot(os.path.join(raw, f"{ident}.r{round_number}.before"))
            t1, busy1, ca1, own1 = snapshot(os.path.join(raw, f"{ident}.r{round_number}.after"))
            others_cpu += (busy1 - busy0) - (ca1 - ca0) - (own1 - own0)
            span += t1 - t0
            round_number += 1
        probes = []
        i = 1
        while os.path.exists(os.path.join(raw, f"{ident}.time.{i}")):
            probe = parse_time_v(os.path.join(raw, f"{ident}.time.{i}"))
            probe["requests"] = read_lines(os.path.join(raw, f"{ident}.requests.{i}"))
            probes.append(probe)
            i += 1
        measures[ident] = {
            "command": commands.get(ident, ""),
            "times_s": times,
            "user_s": user / len(times),
            "system_s": system / len(times),
            "other_processes_cores": round(max(0.0, others_cpu) / span, 3),
            "timed_requests": len(read_lines(os.path.join(raw, ident + ".timed-requests"))),
            "probes": probes,
        }

    elapsed = float(machine["elapsed"])
    others = (int(machine["busy_ticks"]) / clk - float(machine["own_cpu"]) - int(machine["ca_ticks"]) / clk) / elapsed
    return {
        "date": machine["date"],
        "machine": {key: machine[key] for key in
                    ("nproc", "memory", "cpu", "os", "java", "maven", "maven_opts", "plugin", "source",
                     "lego", "certbot", "pebble", "hyperfine")},
        "settings": {"runs": int(machine["runs"]), "rounds": int(machine["rounds"]),
                     "warmup": int(machine["warmup"]),
                     "probes": int(machine["probes"]),
                     "pebble": read_lines(os.path.join(raw, "pebble-settings"))},
        "load": {
            "measuring_minutes": round(elapsed / 60, 2),
            "other_processes_cores": round(others, 3),
            "loadavg_before_build": read_lines(os.path.join(raw, "loadavg-start"))[0].split()[:3],
            "loadavg_1min_samples": [float(x) for x in read_lines(os.path.join(raw, "loadavg-samples"))],
        },
        "measures": measures,
    }


# --- Rendering ----------------------------------------------------------------------------

def fmt_s(seconds):
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def fmt_mb(kb):
    return f"{kb / 1024:.0f} MB"


class Measure:
    def __init__(self, ident, data, runs_total):
        self.ident = ident
        self.command = data["command"]
        self.times = data["times_s"]
        self.median = statistics.median(self.times)
        self.mean = statistics.mean(self.times)
        self.stdev = statistics.stdev(self.times) if len(self.times) > 1 else 0.0
        self.min, self.max = min(self.times), max(self.times)
        self.cpu = data["user_s"] + data["system_s"]
        self.others = data.get("other_processes_cores")  # absent from the first recorded runs
        self.probes = data["probes"]
        self.rss_kb = statistics.median(p["rss_kb"] for p in self.probes)
        self.request_counts = sorted({len(p["requests"]) for p in self.probes})
        self.timed_requests_per_run = data["timed_requests"] / runs_total

    def requests(self):
        counts = self.request_counts
        text = str(counts[0]) if len(counts) == 1 else f"{counts[0]}–{counts[-1]}"
        if len(counts) > 1 or abs(self.timed_requests_per_run - counts[0]) > 0.05:
            text += f" (timed runs: {self.timed_requests_per_run:.1f} on average)"
        return text

    def breakdown(self):
        counts = {}
        for request in self.probes[0]["requests"]:
            counts[request] = counts.get(request, 0) + 1
        return counts

    def other_load(self):
        return "–" if self.others is None else f"{self.others:.2f}"

    def spread(self):
        return f"{fmt_s(self.min)}–{fmt_s(self.max)}"


def load_note(data, measures):
    load = data["load"]
    nproc = data["machine"]["nproc"]
    others = load["other_processes_cores"]
    shown = "less than 0.05" if others < 0.05 else f"{others:.2f}"
    text = (f"Other processes kept {shown} of the {nproc} cores busy on average during the "
            f"{load['measuring_minutes']:.1f} minutes of measurement (all CPU time on the machine, minus "
            f"that of the benchmarked commands, hyperfine and the CA). Load average before the build: "
            f"{' '.join(load['loadavg_before_build'])}")
    samples = load["loadavg_1min_samples"]
    if samples:
        text += f"; 1-minute load average while measuring: {min(samples):.2f} to {max(samples):.2f}"
    text += "."
    busy = [x.ident for x in measures.values() if x.others is not None and x.others > LOADED_CORES]
    if others > LOADED_CORES or busy:
        text += (" **The machine was shared with other work during this run, so wall times are noisier "
                 "and higher than on an idle machine"
                 + (f", most for {', '.join(f'`{b}`' for b in busy)}" if busy else "")
                 + "; see the \"Other load\" column.**")
    else:
        text += " The machine was otherwise idle."
    return text


def render(data, result_path, readme_path):
    settings = data["settings"]
    machine = data["machine"]
    runs_total = settings["runs"] + settings["warmup"]
    measures = {ident: Measure(ident, data["measures"][ident], runs_total) for ident in IDS}
    m = {(t, s): measures[f"{t}-{s}"] for s, _ in SCENARIOS for t, _ in TOOLS}
    floor = measures["ours-floor"]
    date = data["date"]
    load_text = load_note(data, measures)

    rows = ["| Scenario | Tool | Median wall time | Mean ± σ | Min–max | Max RSS | CPU (user+sys) | ACME requests | Other load |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|"]

    def row(scenario_label, tool_label, x):
        rows.append(f"| {scenario_label} | {tool_label} | **{fmt_s(x.median)}** | {fmt_s(x.mean)} ± {fmt_s(x.stdev)} | "
                    f"{x.spread()} | {fmt_mb(x.rss_kb)} | {fmt_s(x.cpu)} | {x.requests()} | {x.other_load()} |")

    for scenario, scenario_label in SCENARIOS:
        for tool, tool_label in TOOLS:
            row(scenario_label, tool_label, m[tool, scenario])
    row("Start-up floor", "`mvn acme:issue -Dacme.skip=true`", floor)
    main_table = "\n".join(rows)

    ours_first, ours_again = m["ours", "first"], m["ours", "again"]
    derived = "\n".join([
        f"- Maven start-up with the plugin loaded and doing nothing (`-Dacme.skip=true`) takes "
        f"{fmt_s(floor.median)}: {100 * floor.median / ours_first.median:.0f} % of our first issuance and "
        f"{100 * floor.median / ours_again.median:.0f} % of our not-due run.",
        f"- What the plugin adds on top of that floor: {fmt_s(ours_first.median - floor.median)} for a first "
        f"issuance (account, order, two HTTP-01 validations, finalize, download, store) and "
        f"{fmt_s(ours_again.median - floor.median)} for a not-due run (reading the store and deciding).",
        f"- First issuance: ours {fmt_s(ours_first.median)}, certbot {fmt_s(m['certbot', 'first'].median)}, "
        f"lego {fmt_s(m['lego', 'first'].median)}.",
        f"- Not-due re-run: ours sends {ours_again.request_counts[-1]} requests, certbot "
        f"{m['certbot', 'again'].request_counts[-1]}, lego {m['lego', 'again'].request_counts[-1]}; wall time "
        f"ours {fmt_s(ours_again.median)}, certbot {fmt_s(m['certbot', 'again'].median)}, lego "
        f"{fmt_s(m['lego', 'again'].median)}.",
    ])

    def breakdown_table(scenario):
        lines = ["| Request | " + " | ".join(label for _, label in TOOLS) + " |", "|---|" + "---:|" * len(TOOLS)]
        counts = {tool: m[tool, scenario].breakdown() for tool, _ in TOOLS}
        seen = [e for e in ENDPOINTS if any(e in c for c in counts.values())]
        seen += sorted({e for c in counts.values() for e in c} - set(seen))
        for endpoint in seen:
            lines.append(f"| `{endpoint}` | " + " | ".join(str(counts[t].get(endpoint, 0)) for t, _ in TOOLS) + " |")
        lines.append("| **total** | " + " | ".join(f"**{sum(counts[t].values())}**" for t, _ in TOOLS) + " |")
        return "\n".join(lines)

    every = ["| Command | Wall times of the timed runs (s) | Max RSS of the probes (MB) | Requests per probe |",
             "|---|---|---|---|"]
    for x in measures.values():
        walls = " ".join(f"{t:.3f}" for t in x.times)
        rss = " ".join(f"{p['rss_kb'] / 1024:.0f}" for p in x.probes)
        reqs = " ".join(str(len(p["requests"])) for p in x.probes)
        every.append(f"| `{x.ident}` | {walls} | {rss} | {reqs} |")
    commands = "\n".join(f"- `{x.ident}`: `{x.command}`" for x in measures.values())

    machine_table = "\n".join([
        "| | |", "|---|---|",
        f"| CPU | {machine['nproc']} cores ({machine['cpu']}) |",
        f"| Memory | {machine['memory']} |",
        f"| OS | {machine['os']} |",
        f"| Java | {machine['java']} |",
        f"| Maven | {machine['maven']} (MAVEN_OPTS: {machine['maven_opts']}) |",
        f"| Plugin | {machine['plugin']}, built from the {machine['source']} |",
        f"| lego | {machine['lego']} |",
        f"| certbot | {machine['certbot']} |",
        f"| CA | {machine['pebble']}: {'; '.join(settings['pebble'])} |",
        f"| Runs | {machine['hyperfine']}: {settings['warmup']} warm-up + {settings['runs']} timed runs per command "
        f"in {settings.get('rounds', 1)} rounds, then {settings['probes']} runs under `/usr/bin/time -v` |",
    ])

    result = f"""# Benchmark results, {date[:10]}

Recorded by `bench/run.sh` at {date}; the raw figures are in the `.json` file of the same name.
See [the README](../README.md) for what is measured and how.

## Machine

{machine_table}

{load_text}

## Figures

Wall time from hyperfine (timed runs); max RSS is the median of the `/usr/bin/time -v` runs (the
largest process of a run: the JVM for Maven, Python for certbot); CPU is hyperfine's mean
user+system time per run; ACME requests are counted in Pebble's log for each `/usr/bin/time` run
and, as a check, averaged over the timed runs. "Other load" is how many of the cores other
processes kept busy, on average, while that command was timed.

{main_table}

{derived}

## ACME requests of a first issuance, by endpoint

{breakdown_table("first")}

## ACME requests of a not-due re-run, by endpoint

{breakdown_table("again")}

## Every run

{chr(10).join(every)}

## Commands

`$WORK` is the temporary work folder, `$PORT` Pebble's ACME port and `$HTTP_PORT` the port on which
it validates HTTP-01. The environment has `LEGO_CA_CERTIFICATES` and `REQUESTS_CA_BUNDLE` set to the
test CA's HTTPS root.

{commands}
"""
    with open(result_path, "w") as f:
        f.write(result)

    rel = os.path.relpath(result_path, os.path.dirname(os.path.abspath(readme_path)))
    block = f"""{START}
Last recorded run: [{rel}]({rel}), {date}.

- Machine: {machine['nproc']} cores ({machine['cpu']}), {machine['memory']}, {machine['os']}.
- Java: {machine['java']}; Maven: {machine['maven']}; MAVEN_OPTS: {machine['maven_opts']}.
- Plugin {machine['plugin'].rsplit(':', 1)[1]}, built from the {machine['source']}.
- {machine['lego']}; {machine['certbot']}; {machine['pebble']}; {machine['hyperfine']}.
- {settings['warmup']} warm-up and {settings['runs']} timed runs per command in {settings.get('rounds', 1)} rounds, then {settings['probes']} under `/usr/bin/time -v`.
- {load_text}

{main_table}

{derived}
{END}"""
    readme = "# Benchmark\n"
    if os.path.exists(readme_path):
        with open(readme_path) as f:
            readme = f.read()
    if START in readme and END in readme:
        head, rest = readme.split(START, 1)
        readme = head + block + rest.split(END, 1)[1]
    else:
        readme = readme.rstrip("\n") + "\n\n" + block + "\n"
    with open(readme_path, "w") as f:
        f.write(readme)


def main(argv):
    if len(argv) == 4 and argv[0] == "--render":
        with open(argv[1]) as f:
            data = json.load(f)
        render(data, argv[2], argv[3])
    elif len(argv) == 3:
        data = collect(argv[0])
        with open(os.path.splitext(argv[1])[0] + ".json", "w") as f:
            json.dump(data, f, indent=1)
            f.write("\n")
        render(data, argv[1], argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
