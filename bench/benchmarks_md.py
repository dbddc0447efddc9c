#!/usr/bin/env python3
"""Writes the table of docs/benchmarks.md from the raw measurements of bench/run.sh.

    benchmarks_md.py RAW_DIR DOCS_BENCHMARKS_MD

Only the block between the markers is replaced; the rest of the page (where the time goes,
what moved it) is kept as written.
"""
import glob
import json
import os
import re
import statistics
import sys

START, END = "<!-- table:start -->", "<!-- table:end -->"


def read_kv(path):
    values = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                key, _, value = line.rstrip("\n").partition("=")
                values[key] = value
    return values


def peak_mib(raw, ident):
    peaks = []
    for path in glob.glob(os.path.join(raw, ident + ".time.*")):
        with open(path) as f:
            for line in f:
                if "Maximum resident set size" in line:
                    peaks.append(int(line.rsplit(":", 1)[1]) / 1024)
    return max(peaks) if peaks else None


def wall_s(raw, ident):
    walls = []
    for path in glob.glob(os.path.join(raw, ident + ".time.*")):
        with open(path) as f:
            for line in f:
                if "Elapsed (wall clock) time" in line:
                    seconds = 0.0
                    for part in line.split("):", 1)[1].strip().split(":"):
                        seconds = seconds * 60 + float(part)
                    walls.append(seconds)
    return walls


def probe_cpu(raw, ident):
    """User+system CPU seconds of the `/usr/bin/time -v` runs (the median, when there are several)."""
    cpu = []
    for path in glob.glob(os.path.join(raw, ident + ".time.*")):
        user = system = None
        with open(path) as f:
            for line in f:
                if "User time (seconds)" in line:
                    user = float(line.rsplit(":", 1)[1])
                elif "System time (seconds)" in line:
                    system = float(line.rsplit(":", 1)[1])
        if user is not None and system is not None:
            cpu.append(user + system)
    return statistics.median(cpu) if cpu else None


def hyperfine_cpu(raw, ident):
    """Mean user+system CPU seconds per run, over the timed rounds."""
    cpu = []
    for path in sorted(glob.glob(os.path.join(raw, ident + ".r*.json"))):
        with open(path) as f:
            result = json.load(f)["results"][0]
            cpu.append(result["user"] + result["system"])
    return statistics.mean(cpu) if cpu else None


def load_note(raw):
    """The machine's load average around and during the measurements, as recorded by run.sh."""
    def first(name):
        path = os.path.join(raw, name)
        if not os.path.exists(path):
            return None
        with open(path) as f:
            return f.read().split()[:3]
    parts = []
    before = first("loadavg-before")
    if before:
        parts.append("before the measurements " + " ".join(before))
    samples_path = os.path.join(raw, "loadavg-samples")
    if os.path.exists(samples_path):
        with open(samples_path) as f:
            samples = [float(x) for x in f.read().split()]
        if samples:
            parts.append(f"1-minute load while measuring {min(samples):.2f} to {max(samples):.2f} "
                         f"(median {statistics.median(samples):.2f}, {len(samples)} samples every 5 s)")
    after = first("loadavg-after")
    if after:
        parts.append("after " + " ".join(after))
    return "; ".join(parts)


def hyperfine_times(raw, ident):
    times = []
    for path in sorted(glob.glob(os.path.join(raw, ident + ".r*.json"))):
        with open(path) as f:
            times.extend(json.load(f)["results"][0]["times"])
    return times


def in_process(raw, ident):
    path = os.path.join(raw, ident + ".out.1")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        for line in f:
            m = re.search(r"median_ms=([\d.]+) min_ms=([\d.]+) max_ms=([\d.]+)", line)
            if m:
                return [float(x) / 1000 for x in m.groups()]
    return None


def fmt_s(value):
    if value is None:
        return "-"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def row(label, stats, peak, ratios=""):
    if not stats:
        return f"| {label} | - | - | - | - | {ratios} |"
    median, low, high = stats
    mib = "-" if peak is None else f"{peak:.0f} MiB"
    return f"| {label} | {fmt_s(median)} | {fmt_s(low)} | {fmt_s(high)} | {mib} | {ratios} |"


def stats_of(times):
    return (statistics.median(times), min(times), max(times)) if times else None


def ratio(ours, peer, name):
    if not ours or not peer:
        return ""
    return f"{ours[0] / peer[0]:.2f} of {name}"


def main(raw, target):
    machine = read_kv(os.path.join(raw, "machine"))
    extra = read_kv(os.path.join(raw, "extra"))
    s = {ident: stats_of(hyperfine_times(raw, ident)) for ident in
         ["ours-first", "lego-first", "certbot-first", "ours-again", "lego-again", "certbot-again", "ours-floor",
          "ours-first-tuned", "ours-again-tuned", "ours-floor-tuned"]}
    for ident in ["ours-fleet", "lego-fleet", "certbot-fleet", "ours-fleet-tuned"]:
        s[ident] = stats_of(wall_s(raw, ident))
    s["ours-latency"] = in_process(raw, "ours-latency")
    s["ours-scan"] = in_process(raw, "ours-scan")

    floor_gap = ""
    if s["ours-again"] and s["ours-floor"]:
        floor_gap = f"{(s['ours-again'][0] - s['ours-floor'][0]) * 1000:+.0f} ms over the floor"
    fleet = extra.get("fleet", "?")
    peer_fleet = extra.get("peer_fleet", fleet)
    fleet_ratio = ""
    if s["ours-fleet"] and fleet.isdigit() and peer_fleet.isdigit():
        # Per certificate when the peers ran fewer certificates than ours (one process each).
        per_ours = s["ours-fleet"][0] / int(fleet)
        parts = []
        for ident, name in [("certbot-fleet", "certbot"), ("lego-fleet", "lego")]:
            if s[ident]:
                parts.append(f"{per_ours / (s[ident][0] / int(peer_fleet)):.3f} of {name} per certificate")
        fleet_ratio = "; ".join(parts)
    tuned_opts = ""
    if os.path.exists(os.path.join(raw, "tuned-opts")):
        with open(os.path.join(raw, "tuned-opts")) as f:
            tuned_opts = f.read().strip()
    work = os.path.dirname(os.path.abspath(raw))
    tuned_opts = tuned_opts.replace(work, "$WORK")
    tuned_gap = ""
    if s["ours-again-tuned"] and s["ours-floor-tuned"]:
        tuned_gap = f"{(s['ours-again-tuned'][0] - s['ours-floor-tuned'][0]) * 1000:+.0f} ms over its floor"

    def tuned(label, ident, ratios=""):
        # Only when the run measured them (TUNED=1); never in place of the default row.
        return [row(label + ", tuned JVM", s[ident], peak_mib(raw, ident), ratios)] if s[ident] else []

    yardstick = hyperfine_cpu(raw, "certbot-again")
    ours_cpu = hyperfine_cpu(raw, "ours-again")
    floor_cpu = hyperfine_cpu(raw, "ours-floor")
    first_cpu = hyperfine_cpu(raw, "ours-first")
    first_tuned_cpu = hyperfine_cpu(raw, "ours-first-tuned")
    again_tuned_cpu = hyperfine_cpu(raw, "ours-again-tuned")
    floor_tuned_cpu = hyperfine_cpu(raw, "ours-floor-tuned")
    fleet_cpu = probe_cpu(raw, "ours-fleet")
    fleet_tuned_cpu = probe_cpu(raw, "ours-fleet-tuned")
    lines = [
        START,
        f"Measured {machine.get('date', '?')} on {machine.get('cpu', '?')} ({machine.get('nproc', '?')} cores, "
        f"{machine.get('memory', '?')}), {machine.get('os', '?')}; {machine.get('java', '?')}; "
        f"{machine.get('maven', '?')}; {machine.get('lego', 'lego')}; {machine.get('certbot', 'certbot')}; "
        f"{machine.get('pebble', 'pebble')} with `PEBBLE_VA_NOSLEEP=1`, `PEBBLE_AUTHZREUSE=0`. "
        f"Whole-process rows: {machine.get('runs', '?')} hyperfine runs each; peak memory from `/usr/bin/time -v`. "
        f"Source: {machine.get('source', '?')}.",
        "",
        "| Measurement | Median | Min | Max | Peak memory | Ratio |",
        "|---|---|---|---|---|---|",
        row("(a) one issuance, `mvn acme:issue`", s["ours-first"], peak_mib(raw, "ours-first"),
            "; ".join(x for x in [ratio(s["ours-first"], s["certbot-first"], "certbot"),
                                  ratio(s["ours-first"], s["lego-first"], "lego")] if x)),
        *tuned("(a) one issuance, `mvn acme:issue`", "ours-first-tuned",
               ratio(s["ours-first-tuned"], s["certbot-first"], "certbot")),
        row("(a) one issuance, certbot", s["certbot-first"], peak_mib(raw, "certbot-first")),
        row("(a) one issuance, lego", s["lego-first"], peak_mib(raw, "lego-first")),
        row("(b) not due, `mvn acme:issue`", s["ours-again"], peak_mib(raw, "ours-again"), floor_gap),
        row("(b) floor, same command with `-Dacme.skip=true`", s["ours-floor"], peak_mib(raw, "ours-floor")),
        *tuned("(b) not due, `mvn acme:issue`", "ours-again-tuned", tuned_gap),
        *tuned("(b) floor, same command with `-Dacme.skip=true`", "ours-floor-tuned"),
        row("(b) not due, certbot renew", s["certbot-again"], peak_mib(raw, "certbot-again")),
        row("(b) not due, lego renew", s["lego-again"], peak_mib(raw, "lego-again")),
        row(f"(c) {fleet} certificates, ours in one run", s["ours-fleet"], peak_mib(raw, "ours-fleet"), fleet_ratio),
        *tuned(f"(c) {fleet} certificates, ours in one run", "ours-fleet-tuned"),
        row(f"(c) {peer_fleet} certificates, certbot one process each", s["certbot-fleet"],
            peak_mib(raw, "certbot-fleet")),
        row(f"(c) {peer_fleet} certificates, lego one process each", s["lego-fleet"], peak_mib(raw, "lego-fleet")),
        row(f"(d) in-process issuance, median of {extra.get('latency_runs', '?')}", s["ours-latency"],
            peak_mib(raw, "ours-latency")),
        row(f"(e) renewal scan over {extra.get('scan', '?')} stored certificates (median of 5)", s["ours-scan"],
            peak_mib(raw, "ours-scan")),
        "",
        "Targets: (a) at most 0.7 of certbot's time; (b) within 0.1 s of the floor; (c) under 10 s; "
        "(d) under 100 ms; (e) under 1 s. (c), (d) and (e) are single runs; (c)'s peak memory is that of "
        "the largest process."
        + (f" The peers ran {peer_fleet} certificates in (c) (`PEER_FLEET`), one process each, and their "
           f"ratio is per certificate." if peer_fleet != fleet else "")
        + (f" Rows marked \"tuned JVM\" ran the same command with `MAVEN_OPTS=\"{tuned_opts}\"`: start-up "
           f"options a user can put in the project's `.mvn/jvm.config` (C1 compiler only; a class-data archive "
           f"that one earlier issuance run wrote with `-XX:ArchiveClassesAtExit`). Every other row ran with no "
           f"JVM options; the targets are read from those." if tuned_opts and any(
               s[i] for i in ["ours-first-tuned", "ours-again-tuned", "ours-floor-tuned", "ours-fleet-tuned"])
           else ""),
        "",
        "Load: " + (load_note(raw) or "not recorded") + ". CPU time per run (user+system; hyperfine's mean, "
        "the fleet's from `/usr/bin/time`): "
        + ", ".join(x for x in [
            f"not-due `mvn acme:issue` {ours_cpu:.2f} s" if ours_cpu is not None else "",
            f"its `acme.skip` floor {floor_cpu:.2f} s" if floor_cpu is not None else "",
            f"tuned JVM: one issuance {first_tuned_cpu:.2f} s (default {first_cpu:.2f} s)"
            if first_tuned_cpu is not None and first_cpu is not None else "",
            f"tuned not due {again_tuned_cpu:.2f} s, tuned floor {floor_tuned_cpu:.2f} s"
            if again_tuned_cpu is not None and floor_tuned_cpu is not None else "",
            f"{fleet}-certificate run {fleet_cpu:.2f} s" if fleet_cpu is not None else "",
            f"the same, tuned JVM {fleet_tuned_cpu:.2f} s" if fleet_tuned_cpu is not None else "",
            f"`certbot renew` (not due; a yardstick of the machine's speed, as its work is the same "
            f"from run to run) {yardstick:.2f} s" if yardstick is not None else ""] if x) + ".",
        END,
    ]
    block = "\n".join(lines)
    if os.path.exists(target):
        with open(target) as f:
            text = f.read()
    else:
        text = "# Benchmarks\n\n" + START + "\n" + END + "\n"
    if START in text and END in text:
        text = text[:text.index(START)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## Results\n\n" + block + "\n"
    with open(target, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
