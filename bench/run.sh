#!/usr/bin/env bash
# Compares `mvn acme:issue` with lego and certbot against one local Pebble CA: wall time of a
# first issuance and of a "not due" re-run, peak memory, and the ACME requests each sends.
# Writes bench/results/<date>.md (and the raw figures in <date>.json) and refreshes the figures
# in bench/README.md.
#
#   bench/run.sh
#
# Environment (all optional):
#   RUNS=10          timed runs per command (hyperfine)
#   ROUNDS=2         rounds the timed runs are spread over, every command in each round
#   WARMUP=1         untimed warm-up runs per command, in the first round
#   PROBES=3         extra runs per command under /usr/bin/time -v, for peak memory and requests
#   BENCH_SOURCE=auto  what to build: `worktree` (the repository as it is), `head` (the last
#                    commit, exported to a temporary folder), or `auto`: the working tree, and the
#                    last commit if the working tree does not build
#   BENCH_M2=~/.m2/repository   the local repository to take dependencies from (never written to)
#   BENCH_KEEP=1     keep the temporary work folder (logs, stores, raw exports)
#   FLEET=100        certificates in the fleet measurement (ours in one run, the peers one process each)
#   PEER_FLEET=$FLEET  certificates the peers issue in the fleet measurement, one process each (lego
#                    takes about 13 s a certificate here: fewer keeps the run short; the table then
#                    compares time per certificate)
#   LATENCY_RUNS=50  in-process issuances whose median is the latency (after 5 warm-up issuances)
#   SCAN=10000       stored certificates in the renewal scan (median of 5 scans)
#   TUNED=1          also time our commands with start-up options a user can put in
#                    .mvn/jvm.config (TUNED_OPTS): separate rows, beside the default ones; 0 skips them
#   TUNED_OPTS="-XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=<work>/ours/maven.jsa"
#                    the options of the tuned rows; the class-data archive is made by one issuance
#                    run with -XX:ArchiveClassesAtExit before measuring
#
# Needs Java 17+, Maven, hyperfine, python3, openssl and Debian's pebble, lego and certbot
# packages; /usr/bin/time comes from Debian's `time` package, installed when missing.
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)
RUNS=${RUNS:-10}
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-1}
PROBES=${PROBES:-3}
SOURCE=${BENCH_SOURCE:-auto}
M2=${BENCH_M2:-$HOME/.m2/repository}

NAME1=bench1.example.test
NAME2=www.bench1.example.test
EMAIL=bench@example.test

say() { printf '\n==> %s\n' "$*" >&2; }
fail() { printf 'bench: %s\n' "$*" >&2; exit 1; }

case "$SOURCE" in auto|worktree|head) ;; *) fail "BENCH_SOURCE must be auto, worktree or head, not '$SOURCE'" ;; esac
FLEET=${FLEET:-100}
PEER_FLEET=${PEER_FLEET:-$FLEET}
LATENCY_RUNS=${LATENCY_RUNS:-50}
SCAN=${SCAN:-10000}
TUNED=${TUNED:-1}
case "$TUNED" in 0|1) ;; *) fail "TUNED must be 0 or 1, not '$TUNED'" ;; esac
for n in RUNS ROUNDS PROBES FLEET PEER_FLEET LATENCY_RUNS SCAN; do
  [[ ${!n} =~ ^[1-9][0-9]*$ ]] || fail "$n must be a whole number of at least 1, not '${!n}'"
done
[[ $WARMUP =~ ^[0-9]+$ ]] || fail "WARMUP must be a whole number, not '$WARMUP'"
[ "$ROUNDS" -le "$RUNS" ] || fail "ROUNDS ($ROUNDS) cannot exceed RUNS ($RUNS)"

# --- Tools -------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  command -v apt-get >/dev/null || fail "/usr/bin/time is missing: install the 'time' package"
  say "Installing Debian's time package (for /usr/bin/time -v)"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get install -y -qq time >/dev/null 2>&1 \
    || { $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq time; }
fi
for tool in java mvn hyperfine python3 openssl git pebble pebble-challtestsrv lego certbot; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (Debian: apt-get install -y pebble lego certbot hyperfine)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/acme-bench.XXXXXX")
raw="$work/raw"
mkdir -p "$raw"
ca_pid=""
cleanup() {
  if [ -n "$ca_pid" ]; then
    kill -TERM "$ca_pid" 2>/dev/null || true
    wait "$ca_pid" 2>/dev/null || true
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    echo "Work folder kept: $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cat /proc/loadavg > "$raw/loadavg-start"

# --- Private local repository -------------------------------------------------------------
# The plugin is installed into a private copy of the local repository, so that other builds
# installing the same snapshot cannot swap it in the middle of the benchmark. Artifacts are
# hard links (cheap, never rewritten by Maven); the small bookkeeping files Maven rewrites in
# place are real copies, so the original repository is never modified.
say "Preparing a private local Maven repository"
repo="$work/m2"
if [ -d "$M2" ]; then
  cp -al "$M2" "$repo" 2>/dev/null || { rm -rf "$repo"; cp -a "$M2" "$repo"; }
  rm -rf "$repo/io/github/acmecertificate"
  find "$repo" -type f \( -name '_remote.repositories' -o -name '*.lastUpdated' \
      -o -name 'resolver-status.properties' -o -name 'maven-metadata*.xml' \) \
      -exec sh -c 'for f; do cp -p "$f" "$f.copy" && mv -f "$f.copy" "$f"; done' sh {} +
else
  mkdir -p "$repo"
fi

# --- Build ----------------------------------------------------------------------------------
build() { # folder log
  (cd "$1" && mvn -B -q -ntp -o -Dmaven.repo.local="$repo" install -DskipTests) >"$2" 2>&1 && return 0
  echo "--- offline build failed; trying online ---" >>"$2"
  (cd "$1" && mvn -B -q -ntp -Dmaven.repo.local="$repo" install -DskipTests) >>"$2" 2>&1
}
head_sha=$(git -C "$root" rev-parse --short HEAD)
changes=$(git -C "$root" status --porcelain --untracked-files=no -- . ':!bench' | wc -l)
src=""
if [ "$SOURCE" != head ]; then
  say "Building the working tree (mvn -o install -DskipTests)"
  if build "$root" "$raw/build-worktree.log"; then
    src="$root"
    if [ "$changes" -eq 0 ]; then
      source_note="working tree at commit $head_sha, no uncommitted changes"
    else
      source_note="working tree at commit $head_sha with $changes uncommitted changed file(s)"
    fi
  elif [ "$SOURCE" = worktree ]; then
    tail -20 "$raw/build-worktree.log" >&2
    fail "the working tree does not build"
  else
    echo "The working tree does not build; last lines of the log:" >&2
    grep -E '^\[ERROR\]' "$raw/build-worktree.log" | head -5 >&2 || true
  fi
fi
if [ -z "$src" ]; then
  say "Building the last commit ($head_sha) in a temporary folder"
  src="$work/src"
  mkdir -p "$src"
  git -C "$root" archive --format=tar HEAD | tar -x -C "$src"
  build "$src" "$raw/build-head.log" || { tail -20 "$raw/build-head.log" >&2; fail "commit $head_sha does not build"; }
  if [ "$SOURCE" = head ]; then
    source_note="commit $head_sha (BENCH_SOURCE=head)"
  else
    source_note="commit $head_sha; the working tree, with $changes uncommitted changed file(s), did not build at the time"
  fi
fi
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$src/pom.xml" | head -1)
plugin="io.github.acmecertificate:acme-maven-plugin:$version"

# --- Pebble -------------------------------------------------------------------------------
say "Starting a local Pebble CA"
testca_jar="$repo/io/github/acmecertificate/acme-test-ca/$version/acme-test-ca-$version.jar"
[ -f "$testca_jar" ] || fail "the build did not install $testca_jar"
(cd "$src" && mvn -B -q -ntp -o -Dmaven.repo.local="$repo" -f test-ca/pom.xml dependency:build-classpath \
  -Dmdep.outputFile="$work/testca.classpath") >"$raw/classpath.log" 2>&1 \
  || (cd "$src" && mvn -B -q -ntp -Dmaven.repo.local="$repo" -f test-ca/pom.xml dependency:build-classpath \
  -Dmdep.outputFile="$work/testca.classpath") >>"$raw/classpath.log" 2>&1 \
  || { tail -20 "$raw/classpath.log" >&2; fail "cannot resolve the test CA's class path"; }
java -cp "$testca_jar:$(cat "$work/testca.classpath")" io.github.acmecertificate.testca.TestCaMain \
  --dir "$work/pebble" --wait-for-signal >"$work/pebble.out" 2>&1 &
ca_pid=$!
for _ in $(seq 1 300); do
  [ -f "$work/pebble/pebble.env" ] && break
  kill -0 "$ca_pid" 2>/dev/null || { cat "$work/pebble.out" >&2; fail "Pebble did not start"; }
  sleep 0.1
done
[ -f "$work/pebble/pebble.env" ] || fail "Pebble did not start within 30 s"
# shellcheck disable=SC1091
. "$work/pebble/pebble.env"
pebble_log="$work/pebble/pebble.log"
export LEGO_CA_CERTIFICATES="$ACME_SERVER_TRUST"   # lego trusts the test CA's HTTPS root
export REQUESTS_CA_BUNDLE="$ACME_SERVER_TRUST"     # and so does certbot
grep -E 'VA sleeps|nonces|authz reuse|validity period' "$pebble_log" | sed 's/^Pebble [0-9/]* [0-9:]* //' >"$raw/pebble-settings"

# --- Commands -----------------------------------------------------------------------------
mkdir -p "$work/ours/empty" "$work/lego" "$work/certbot"
mvn_issue="mvn -B -ntp -o -Dmaven.repo.local=$repo $plugin:issue -Dacme.server=$ACME_SERVER \
-Dacme.serverTrust=$ACME_SERVER_TRUST -Dacme.acceptTermsOfService=true -Dacme.email=$EMAIL \
-Dacme.domains=$NAME1,$NAME2 -Dacme.http.address=127.0.0.1 -Dacme.http.port=$ACME_HTTP_PORT"
lego_base="lego --server $ACME_SERVER --accept-tos --email $EMAIL --domains $NAME1 --domains $NAME2 \
--http --http.port 127.0.0.1:$ACME_HTTP_PORT"
certbot_dirs() { echo "--config-dir $1/config --work-dir $1/work --logs-dir $1/logs"; }

ours_first="cd $work/ours/empty && $mvn_issue -Dacme.store=$work/ours/first"
ours_first_prep="rm -rf $work/ours/first"
ours_again="cd $work/ours/empty && $mvn_issue -Dacme.store=$work/ours/again"
ours_floor="cd $work/ours/empty && $mvn_issue -Dacme.store=$work/ours/again -Dacme.skip=true"
lego_first="$lego_base --path $work/lego/first run"
lego_first_prep="rm -rf $work/lego/first"
lego_again="$lego_base --path $work/lego/again renew --days 30"
certbot_first="certbot certonly --standalone --http-01-port $ACME_HTTP_PORT --http-01-address 127.0.0.1 \
--server $ACME_SERVER --agree-tos -m $EMAIL -d $NAME1 -d $NAME2 $(certbot_dirs "$work/certbot/first") --non-interactive"
certbot_first_prep="rm -rf $work/certbot/first"
certbot_again="certbot renew --no-random-sleep-on-renew $(certbot_dirs "$work/certbot/again") --non-interactive"
# The seed runs that issue the certificates the re-runs find not due.
certbot_seed="certbot certonly --standalone --http-01-port $ACME_HTTP_PORT --http-01-address 127.0.0.1 \
--server $ACME_SERVER --agree-tos -m $EMAIL -d $NAME1 -d $NAME2 $(certbot_dirs "$work/certbot/again") --non-interactive"

# The tuned rows: the same commands with JVM start-up options that a user can put in the
# project's .mvn/jvm.config (C1 only, and an application class-data archive). They are
# reported beside the default rows, which run with no options, never instead of them.
cds_archive="$work/ours/maven.jsa"
TUNED_OPTS=${TUNED_OPTS:-"-XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=$cds_archive"}
ours_first_tuned="cd $work/ours/empty && MAVEN_OPTS='$TUNED_OPTS' $mvn_issue -Dacme.store=$work/ours/first-tuned"
ours_first_tuned_prep="rm -rf $work/ours/first-tuned"
ours_again_tuned="cd $work/ours/empty && MAVEN_OPTS='$TUNED_OPTS' $mvn_issue -Dacme.store=$work/ours/again"
ours_floor_tuned="cd $work/ours/empty && MAVEN_OPTS='$TUNED_OPTS' $mvn_issue -Dacme.store=$work/ours/again -Dacme.skip=true"

cat >"$raw/commands.tsv" <<EOF
ours-first	$ours_first
lego-first	$lego_first
certbot-first	$certbot_first
ours-again	$ours_again
lego-again	$lego_again
certbot-again	$certbot_again
ours-floor	$ours_floor
EOF
if [ "$TUNED" = 1 ]; then
  printf 'ours-first-tuned\t%s\nours-again-tuned\t%s\nours-floor-tuned\t%s\n' \
    "$ours_first_tuned" "$ours_again_tuned" "$ours_floor_tuned" >>"$raw/commands.tsv"
  echo "$TUNED_OPTS" >"$raw/tuned-opts"
fi

# --- Measuring helpers --------------------------------------------------------------------
log_lines() { wc -l <"$pebble_log"; }
# The ACME requests Pebble logged after line $1, one "METHOD /path/" a line.
requests_since() { tail -n +"$(($1 + 1))" "$pebble_log" | sed -n 's/.* \([A-Z][A-Z]* \/[^ ]*\) -> calling handler().*/\1/p'; }
cpu_busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat; }
# CPU ticks used so far by the CA's processes (Pebble, its mock DNS, the Java launcher).
ca_ticks() {
  local total=0 pid
  for pid in "$ca_pid" $(pgrep -P "$ca_pid" || true); do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14+$15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
# CPU seconds (user+system) of this shell's finished children, from the `times` output in $1.
# `times` must run in this shell itself: a subshell starts with no children.
children_cpu() { tail -1 "$1" | awk '{ for (i = 1; i <= 2; i++) { split($i, p, "m"); s += p[1] * 60 + p[2] } } END { printf "%.2f", s }'; }

# san <cert.pem>: the DNS names of a certificate, sorted, comma-separated.
san() { openssl x509 -in "$1" -noout -ext subjectAltName 2>/dev/null | grep -o 'DNS:[^,]*' | sed 's/DNS://' | sort | paste -sd, -; }
serial() { openssl x509 -in "$1" -noout -serial | sed 's/serial=//'; }
expect_cert() { # label cert.pem
  [ -f "$2" ] || fail "$1: no certificate at $2"
  [ "$(san "$2")" = "$NAME1,$NAME2" ] || fail "$1: $2 covers $(san "$2"), not $NAME1,$NAME2"
}

# snapshot <file>: what the load accounting needs: the time, the machine's busy CPU ticks, the
# CA's ticks, and (from `times`, which must run in this shell) the CPU time of our children.
snapshot() {
  echo "$(date +%s.%N) $(cpu_busy) $(ca_ticks)" >"$1.stat"
  times >"$1.times"
}

# timed <id> <round> <runs> <warm-up runs> <prepare or ""> <command>: one hyperfine block,
# with the requests it sent and how busy the rest of the machine was meanwhile.
timed() {
  local id=$1 round=$2 runs=$3 warmup=$4 prepare=$5 cmd=$6 before
  local -a prep=()
  [ -n "$prepare" ] && prep=(--prepare "$prepare")
  say "hyperfine: $id, round $round ($warmup warm-up + $runs runs)"
  before=$(log_lines)
  snapshot "$raw/$id.r$round.before"
  hyperfine --style basic --runs "$runs" --warmup "$warmup" "${prep[@]}" \
    --export-json "$raw/$id.r$round.json" --export-markdown "$raw/$id.r$round.md" \
    --command-name "$id" "$cmd" >&2 \
    || fail "$id failed under hyperfine; run it by hand: $cmd"
  snapshot "$raw/$id.r$round.after"
  requests_since "$before" >>"$raw/$id.timed-requests"
}

# probed <id> <n> <prepare or ""> <command> <expected output pattern>: one run under
# /usr/bin/time -v, with the requests it sent; its output must match the pattern.
probed() {
  local id=$1 i=$2 prepare=$3 cmd=$4 pattern=$5 before
  [ -n "$prepare" ] && sh -c "$prepare"
  before=$(log_lines)
  /usr/bin/time -v -o "$raw/$id.time.$i" sh -c "$cmd" >"$raw/$id.out.$i" 2>&1 \
    || { tail -20 "$raw/$id.out.$i" >&2; fail "$id failed: $cmd"; }
  requests_since "$before" >"$raw/$id.requests.$i"
  grep -qE "$pattern" "$raw/$id.out.$i" || { tail -20 "$raw/$id.out.$i" >&2; fail "$id: output lacks /$pattern/"; }
}

# --- Seed the re-run stores ---------------------------------------------------------------
say "Issuing the certificates that the re-runs will find not due"
sh -c "$ours_again" >"$raw/seed-ours.out" 2>&1 || { tail "$raw/seed-ours.out" >&2; fail "mvn acme:issue failed"; }
sh -c "$lego_base --path $work/lego/again run" >"$raw/seed-lego.out" 2>&1 || { tail "$raw/seed-lego.out" >&2; fail "lego failed"; }
sh -c "$certbot_seed" >"$raw/seed-certbot.out" 2>&1 || { tail "$raw/seed-certbot.out" >&2; fail "certbot failed"; }
ours_again_cert="$work/ours/again/certificates/$NAME1/cert.pem"
lego_again_cert="$work/lego/again/certificates/$NAME1.crt"
certbot_again_cert="$work/certbot/again/config/live/$NAME1/cert.pem"
for c in "ours:$ours_again_cert" "lego:$lego_again_cert" "certbot:$certbot_again_cert"; do
  expect_cert "${c%%:*} (seed)" "${c#*:}"
done
serials_before="$(serial "$ours_again_cert") $(serial "$lego_again_cert") $(serial "$certbot_again_cert")"
if [ "$TUNED" = 1 ] && [[ $TUNED_OPTS == *"$cds_archive"* ]]; then
  # The class-data archive of the tuned rows, as a user would make it: one issuance run that
  # writes it at exit (into a scratch store, so the measured stores are not touched).
  say "Making the class-data archive of the tuned rows"
  sh -c "cd $work/ours/empty && MAVEN_OPTS='-XX:ArchiveClassesAtExit=$cds_archive' $mvn_issue -Dacme.store=$work/ours/cds" \
    >"$raw/cds-archive.out" 2>&1 || { tail "$raw/cds-archive.out" >&2; fail "making the class-data archive failed"; }
  [ -f "$cds_archive" ] || fail "no class-data archive at $cds_archive"
fi

# --- Measure ------------------------------------------------------------------------------
cat /proc/loadavg >"$raw/loadavg-before"
times >"$raw/times-before"; t0=$(date +%s.%N); busy0=$(cpu_busy); ca0=$(ca_ticks)
( while sleep 5; do cut -d' ' -f1 /proc/loadavg; done ) >"$raw/loadavg-samples" 2>/dev/null &
sampler=$!

# The timed runs are split into rounds that each run every command, so that a change in the
# machine's load affects all of them alike rather than one tool.
for round in $(seq 1 "$ROUNDS"); do
  runs=$((RUNS / ROUNDS + (round <= RUNS % ROUNDS ? 1 : 0)))
  warmup=$([ "$round" -eq 1 ] && echo "$WARMUP" || echo 0)
  [ "$runs" -gt 0 ] || continue
  timed ours-first "$round" "$runs" "$warmup" "$ours_first_prep" "$ours_first"
  expect_cert "mvn acme:issue" "$work/ours/first/certificates/$NAME1/cert.pem"
  timed lego-first "$round" "$runs" "$warmup" "$lego_first_prep" "$lego_first"
  expect_cert lego "$work/lego/first/certificates/$NAME1.crt"
  timed certbot-first "$round" "$runs" "$warmup" "$certbot_first_prep" "$certbot_first"
  expect_cert certbot "$work/certbot/first/config/live/$NAME1/cert.pem"
  timed ours-again "$round" "$runs" "$warmup" "" "$ours_again"
  timed lego-again "$round" "$runs" "$warmup" "" "$lego_again"
  timed certbot-again "$round" "$runs" "$warmup" "" "$certbot_again"
  timed ours-floor "$round" "$runs" "$warmup" "" "$ours_floor"
  if [ "$TUNED" = 1 ]; then
    timed ours-first-tuned "$round" "$runs" "$warmup" "$ours_first_tuned_prep" "$ours_first_tuned"
    expect_cert "mvn acme:issue (tuned)" "$work/ours/first-tuned/certificates/$NAME1/cert.pem"
    timed ours-again-tuned "$round" "$runs" "$warmup" "" "$ours_again_tuned"
    timed ours-floor-tuned "$round" "$runs" "$warmup" "" "$ours_floor_tuned"
  fi
done

say "/usr/bin/time -v: every command, $PROBES times"
for i in $(seq 1 "$PROBES"); do
  probed ours-first "$i" "$ours_first_prep" "$ours_first" ": issued for "
  probed lego-first "$i" "$lego_first_prep" "$lego_first" "Server responded with a certificate"
  probed certbot-first "$i" "$certbot_first_prep" "$certbot_first" "Successfully received certificate"
  probed ours-again "$i" "" "$ours_again" ": not due "
  probed lego-again "$i" "" "$lego_again" "no renewal"
  probed certbot-again "$i" "" "$certbot_again" "No renewals were attempted"
  probed ours-floor "$i" "" "$ours_floor" "Skipping"
  if [ "$TUNED" = 1 ]; then
    probed ours-first-tuned "$i" "$ours_first_tuned_prep" "$ours_first_tuned" ": issued for "
    probed ours-again-tuned "$i" "" "$ours_again_tuned" ": not due "
    probed ours-floor-tuned "$i" "" "$ours_floor_tuned" "Skipping"
  fi
done

# --- Fleet, in-process latency, renewal scan -------------------------------------------------
# (c) FLEET certificates: ours in one run (';' between certificates), the peers one process each.
fleet_names() { for i in $(seq 1 "$FLEET"); do echo "f$i.fleet.example.test"; done; }
ours_fleet_domains=$(fleet_names | paste -sd';' -)
say "Fleet: $FLEET certificates, ours in one run"
probed ours-fleet 1 "rm -rf $work/ours/fleet" \
  "cd $work/ours/empty && mvn -B -ntp -o -Dmaven.repo.local=$repo $plugin:issue -Dacme.server=$ACME_SERVER \
-Dacme.serverTrust=$ACME_SERVER_TRUST -Dacme.acceptTermsOfService=true -Dacme.email=$EMAIL \
-Dacme.domains='$ours_fleet_domains' -Dacme.http.address=127.0.0.1 -Dacme.http.port=$ACME_HTTP_PORT \
-Dacme.store=$work/ours/fleet" \
  "$FLEET certificates: $FLEET issued"
if [ "$TUNED" = 1 ]; then
  say "Fleet: $FLEET certificates, ours in one run, tuned JVM"
  probed ours-fleet-tuned 1 "rm -rf $work/ours/fleet-tuned" \
    "cd $work/ours/empty && MAVEN_OPTS='$TUNED_OPTS' mvn -B -ntp -o -Dmaven.repo.local=$repo $plugin:issue -Dacme.server=$ACME_SERVER \
-Dacme.serverTrust=$ACME_SERVER_TRUST -Dacme.acceptTermsOfService=true -Dacme.email=$EMAIL \
-Dacme.domains='$ours_fleet_domains' -Dacme.http.address=127.0.0.1 -Dacme.http.port=$ACME_HTTP_PORT \
-Dacme.store=$work/ours/fleet-tuned" \
    "$FLEET certificates: $FLEET issued"
fi
say "Fleet: $PEER_FLEET certificates, lego one process each"
for i in $(seq 1 "$PEER_FLEET"); do echo "f$i.fleet.example.test"; done >"$work/fleet-names"
probed lego-fleet 1 "rm -rf $work/lego/fleet" \
  "while read n; do lego --server $ACME_SERVER --accept-tos --email $EMAIL --domains \$n --http --http.port 127.0.0.1:$ACME_HTTP_PORT --path $work/lego/fleet run || exit 1; done <$work/fleet-names; echo fleet-done" \
  "fleet-done"
say "Fleet: $PEER_FLEET certificates, certbot one process each"
probed certbot-fleet 1 "rm -rf $work/certbot/fleet" \
  "while read n; do certbot certonly --standalone --http-01-port $ACME_HTTP_PORT --http-01-address 127.0.0.1 --server $ACME_SERVER --agree-tos -m $EMAIL -d \$n $(certbot_dirs "$work/certbot/fleet") --non-interactive || exit 1; done <$work/fleet-names; echo fleet-done" \
  "fleet-done"

# (d) and (e) run in one JVM from the core's test classes (bench entry points, not tests).
(cd "$src" && mvn -B -q -ntp -o -Dmaven.repo.local="$repo" -f shared-core/pom.xml dependency:build-classpath \
  -Dmdep.outputFile="$work/core.classpath") >"$raw/core-classpath.log" 2>&1 \
  || { tail -20 "$raw/core-classpath.log" >&2; fail "cannot resolve the core's class path"; }
core_cp="$src/shared-core/target/test-classes:$src/shared-core/target/classes:$(cat "$work/core.classpath")"
say "In-process issuance latency, median of $LATENCY_RUNS"
probed ours-latency 1 "" "ACME_SERVER=$ACME_SERVER ACME_SERVER_TRUST=$ACME_SERVER_TRUST ACME_HTTP_PORT=$ACME_HTTP_PORT \
java -cp $core_cp io.github.acmecertificate.core.bench.BenchMain latency $work/ours/latency $LATENCY_RUNS 5" "^latency "
say "Renewal scan over $SCAN stored certificates"
probed ours-scan 1 "" "java -cp $core_cp io.github.acmecertificate.core.bench.BenchMain scan $work/ours/scan $SCAN 5" "scanned=$SCAN "
echo "fleet=$FLEET" >"$raw/extra"
echo "peer_fleet=$PEER_FLEET" >>"$raw/extra"
echo "latency_runs=$LATENCY_RUNS" >>"$raw/extra"
echo "scan=$SCAN" >>"$raw/extra"

kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
times >"$raw/times-after"; t1=$(date +%s.%N); busy1=$(cpu_busy); ca1=$(ca_ticks)
cat /proc/loadavg >"$raw/loadavg-after"

serials_after="$(serial "$ours_again_cert") $(serial "$lego_again_cert") $(serial "$certbot_again_cert")"
[ "$serials_before" = "$serials_after" ] || fail "a not-due re-run replaced a certificate ($serials_before -> $serials_after)"

# --- Machine and versions -----------------------------------------------------------------
pkg() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }
{
  echo "nproc=$(nproc)"
  echo "memory=$(awk '/^MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "maven=$(mvn -v 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | head -1)"
  echo "maven_opts=${MAVEN_OPTS:-(unset)}"
  echo "plugin=$plugin"
  echo "source=$source_note"
  echo "lego=lego $(pkg lego) (Debian)"
  echo "certbot=$(certbot --version 2>&1 | head -1) ($(pkg certbot), Debian)"
  echo "pebble=pebble $(pkg pebble) (Debian)"
  echo "hyperfine=$(hyperfine --version)"
  echo "runs=$RUNS"
  echo "rounds=$ROUNDS"
  echo "warmup=$WARMUP"
  echo "probes=$PROBES"
  echo "elapsed=$(python3 -c "print(round($t1 - $t0, 2))")"
  echo "busy_ticks=$((busy1 - busy0))"
  echo "ca_ticks=$((ca1 - ca0))"
  echo "own_cpu=$(python3 -c "print(round($(children_cpu "$raw/times-after") - $(children_cpu "$raw/times-before"), 2))")"
  echo "clk_tck=$(getconf CLK_TCK)"
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$raw/machine"

# --- Report -------------------------------------------------------------------------------
mkdir -p "$bench/results"
day=$(date +%F)
result="$bench/results/$day.md"
[ -e "$result" ] && result="$bench/results/$day-$(date +%H%M).md"
python3 "$bench/summarize.py" "$raw" "$result" "$bench/README.md"
python3 "$bench/benchmarks_md.py" "$raw" "$root/docs/benchmarks.md"
say "Results written to ${result#"$root"/}; bench/README.md updated"
say "The table is in $root/docs/benchmarks.md"
