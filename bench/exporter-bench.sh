#!/usr/bin/env bash
# Benchmarks the opsbook exporter against N host aliases that all point at one real OpenSSH
# server on loopback. It starts /usr/sbin/sshd on a free port of 127.0.0.1 and further
# 127.0.0.x addresses. It writes a spec with N hosts and real check targets: filesystems, a PEM
# certificate, tar.gz backups and a journal file from systemd-journal-remote. Then it runs the
# exporter for a bounded time and prints cycle, CPU, memory, thread and scrape figures.
#
# Usage: bench/exporter-bench.sh [--hosts N] [--duration SECONDS] [--interval SECONDS]
#          [--addresses K] [--workers N] [--scrapes N] [--user-home] [--results FILE] [--keep]
# sshd sets HOME to an empty temporary directory for the logins, because bash sources
# ~/.bashrc for every command sshd starts and a heavy one would dominate the figures;
# --user-home keeps the user's real HOME instead.
# JAVA_OPTS adds JVM options to the exporter, such as JAVA_OPTS='-Xmx256m -XX:+UseSerialGC'.
# docs/benchmarks.md explains every figure. Needs root (sshd runs as the current user and
# needs /run/sshd), openssh-server, openssh-client, systemd-journal-remote, openssl, curl.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/exporter/target/exporter.jar"

hosts=200
duration=120
interval=30
addresses=4
workers=""
scrapes=200
results=""
keep=0
user_home=0

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
}

die() {
  echo "exporter-bench: $*" >&2
  exit 2
}

require_number() {
  [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 must be a positive integer, not '$2'"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --hosts) require_number "$1" "${2:-}"; hosts="$2"; shift 2 ;;
    --duration) require_number "$1" "${2:-}"; duration="$2"; shift 2 ;;
    --interval) require_number "$1" "${2:-}"; interval="$2"; shift 2 ;;
    --addresses) require_number "$1" "${2:-}"; addresses="$2"; shift 2 ;;
    --workers) require_number "$1" "${2:-}"; workers="$2"; shift 2 ;;
    --scrapes) require_number "$1" "${2:-}"; scrapes="$2"; shift 2 ;;
    --results) [ -n "${2:-}" ] || die "--results needs a file"; results="$2"; shift 2 ;;
    --user-home) user_home=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1'; see --help" ;;
  esac
done
[ "$hosts" -le 9999 ] || die "--hosts must be at most 9999, not $hosts"
[ "$addresses" -le 254 ] || die "--addresses must be at most 254, not $addresses"

for tool in /usr/sbin/sshd:openssh-server /usr/bin/ssh-keygen:openssh-client \
    /lib/systemd/systemd-journal-remote:systemd-journal-remote /usr/bin/openssl:openssl \
    /usr/bin/curl:curl /usr/bin/tar:tar; do
  [ -x "${tool%%:*}" ] || die "${tool%%:*} not found: apt-get install ${tool##*:}"
done
command -v java >/dev/null || die "java not found: apt-get install openjdk-17-jre-headless"

clk_tck="$(getconf CLK_TCK)"
user="$(id -un)"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

work="$(mktemp -d /tmp/opsbook-bench.XXXXXX)"
sshd_pid=""
exporter_pid=""
appender_pid=""

# Prints the pids of every descendant of a process, one per line.
descendants() {
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END {
      found[root] = 1
      changed = 1
      while (changed) {
        changed = 0
        for (p in parent) if (!(p in found) && (parent[p] in found)) { found[p] = 1; changed = 1 }
      }
      for (p in found) if (p != root) print p
    }'
}

stop_process() {
  local pid="$1" name="$2" wait_tenths="$3"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < wait_tenths; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "exporter-bench: $name (pid $pid) still running, sending KILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  stop_process "$appender_pid" "journal appender" 20
  stop_process "$exporter_pid" "exporter" 150
  if [ -n "$sshd_pid" ]; then
    # sshd -D leaves its per-connection processes running when the listener stops.
    local children
    children="$(descendants "$sshd_pid" || true)"
    stop_process "$sshd_pid" "sshd" 30
    for child in $children; do
      kill -KILL "$child" 2>/dev/null || true
    done
  fi
  if [ "$keep" = 1 ]; then
    echo "exporter-bench: kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now() {
  date +%s.%N
}

# Prints a TCP port on which nothing listens on loopback.
free_port() {
  local port
  for ((i = 0; i < 50; i++)); do
    port="$(shuf -i 20000-60999 -n 1)"
    if [ -z "$(ss -Htln "sport = :$port")" ]; then
      echo "$port"
      return 0
    fi
  done
  die "no free TCP port found in 50 attempts"
}

# Prints utime+stime of a process in clock ticks.
cpu_ticks() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || { echo 0; return; }
  # The command name in field 2 may contain spaces, so count fields after its ')'.
  stat="${stat##*) }"
  # shellcheck disable=SC2086
  set -- $stat
  echo $(( ${12} + ${13} ))
}

# Prints the CPU ticks of sshd and every process below it, including reaped commands.
sshd_tree_ticks() {
  local total=0 pid
  for pid in "$sshd_pid" $(descendants "$sshd_pid"); do
    local stat
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
    stat="${stat##*) }"
    # shellcheck disable=SC2086
    set -- $stat
    total=$(( total + ${12} + ${13} + ${14} + ${15} ))
  done
  echo "$total"
}

# Prints the busy and total ticks of all CPUs from /proc/stat.
machine_ticks() {
  awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6 }' /proc/stat
}

status_field() {
  awk -v field="$2:" '$1 == field { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}

scrape() {
  curl -sS --max-time 20 -o "$1" "http://127.0.0.1:$listen_port/metrics"
}

# --- build -------------------------------------------------------------------------------
if [ ! -f "$jar" ]; then
  echo "exporter-bench: building $jar" >&2
  (cd "$root" && mvn -q -pl exporter -am package -DskipTests) || die "maven build failed"
fi

# --- sshd ------------------------------------------------------------------------------------
mkdir -p /run/sshd "$work/sshd" "$work/data" "$work/home"
ssh-keygen -q -t ed25519 -N '' -C opsbook-bench-host -f "$work/sshd/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -C opsbook-bench-client -f "$work/client_ed25519"
cp "$work/client_ed25519.pub" "$work/sshd/authorized_keys"

write_sshd_config() {
  {
    for ((a = 1; a <= addresses; a++)); do
      echo "ListenAddress 127.0.0.$a:$ssh_port"
    done
    cat <<EOF
HostKey $work/sshd/host_ed25519
PidFile $work/sshd/sshd.pid
AuthorizedKeysFile $work/sshd/authorized_keys
StrictModes no
UsePAM no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PrintMotd no
UseDNS no
LogLevel ERROR
MaxSessions 20
MaxStartups 1000:30:1000
EOF
    # SetEnv comes after sshd sets HOME from the password database, so it overrides it.
    [ "$user_home" = 1 ] || echo "SetEnv HOME=$work/home"
  } >"$work/sshd/sshd_config"
}

start_sshd() {
  for ((attempt = 0; attempt < 3; attempt++)); do
    ssh_port="$(free_port)"
    write_sshd_config
    /usr/sbin/sshd -D -e -f "$work/sshd/sshd_config" >>"$work/sshd/sshd.log" 2>&1 &
    sshd_pid=$!
    for ((i = 0; i < 100; i++)); do
      kill -0 "$sshd_pid" 2>/dev/null || break
      if (exec 3<>"/dev/tcp/127.0.0.$addresses/$ssh_port") 2>/dev/null; then
        return 0
      fi
      sleep 0.1
    done
    # The port may have been taken between probing and binding: try another one.
    stop_process "$sshd_pid" sshd 20
    sshd_pid=""
  done
  die "sshd did not start: $(tail -n 5 "$work/sshd/sshd.log")"
}
start_sshd

host_key="$(cut -d' ' -f1,2 "$work/sshd/host_ed25519.pub")"
for ((a = 1; a <= addresses; a++)); do
  echo "[127.0.0.$a]:$ssh_port $host_key"
done >"$work/known_hosts"

# --- check targets ---------------------------------------------------------------------------
mkdir -p "$work/data/backups" "$work/data/journal" "$work/data/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 90 \
  -subj "/CN=bench.opsbook.test" -keyout "$work/data/tls/bench.key" \
  -out "$work/data/tls/bench.crt" 2>/dev/null
for name in production_daily_1 production_daily_2 production_daily_3 \
    production_weekly_1 production_weekly_2; do
  head -c 65536 /dev/urandom >"$work/data/$name.bin"
  tar -czf "$work/data/backups/$name.tar.gz" -C "$work/data" "$name.bin"
  rm "$work/data/$name.bin"
done

journal="$work/data/journal/bench.journal"
# Writes $1 entries in journal export format to stdout; every tenth is an error, every 50th
# matches a critical pattern.
journal_entries() {
  local count="$1" start_usec
  start_usec="$(( $(date +%s%N) / 1000 ))"
  for ((e = 0; e < count; e++)); do
    local priority=6 message="request served in $((e % 97)) ms"
    if ((e % 10 == 0)); then priority=3; message="upstream connection reset"; fi
    if ((e % 50 == 0)); then priority=2; message="CRITICAL scene store unavailable"; fi
    printf '__REALTIME_TIMESTAMP=%s\n__MONOTONIC_TIMESTAMP=%s\n' \
      "$((start_usec + e))" "$((start_usec + e - 1700000000000000))"
    printf '_BOOT_ID=0123456789abcdef0123456789abcdef\nPRIORITY=%s\n' "$priority"
    printf '_SYSTEMD_UNIT=bench.service\nMESSAGE=%s\n\n' "$message"
  done
}
append_journal() {
  local batch="$work/data/journal/batch.export"
  journal_entries "$1" >"$batch"
  timeout 30 /lib/systemd/systemd-journal-remote --output="$journal" "$batch" \
    >>"$work/data/journal/remote.log" 2>&1 || die "systemd-journal-remote failed: \
$(tail -n 3 "$work/data/journal/remote.log")"
  rm -f "$batch"
}
append_journal 1000

# --- spec ------------------------------------------------------------------------------------
spec="$work/bench-spec.yaml"
{
  cat <<EOF
version: 1
service: exporter-bench
runbook_url: https://runbooks.example.com/exporter-bench
hosts:
EOF
  for ((h = 1; h <= hosts; h++)); do
    printf '  - name: bench-%03d\n    address: 127.0.0.%d\n    port: %d\n    user: %s\n' \
      "$h" "$(( (h - 1) % addresses + 1 ))" "$ssh_port" "$user"
  done
  cat <<EOF
checks:
  disk:
    paths: [/, /tmp, $work/data]
    warning_percent: 80
    critical_percent: 90
    interval: ${interval}s
  certificates:
    files: [$work/data/tls/bench.crt]
    min_validity: 14d
    interval: ${interval}s
  backups:
    directory: $work/data/backups
    interval: ${interval}s
    verify_interval: ${interval}s
    tiers:
      - {name: daily, pattern: production_daily_*.tar.gz, min_count: 3, max_age: 26h}
      - {name: weekly, pattern: production_weekly_*.tar.gz, min_count: 2, max_age: 8d}
  journal:
    file: $journal
    units: [bench.service]
    max_errors_per_day: 100
    critical_patterns: [CRITICAL, FATAL]
    patterns:
      connection_reset: upstream connection reset
    interval: ${interval}s
  uptime:
    min_uptime: 1h
    interval: ${interval}s
  capacity:
    cpu_high_percent: 70
    memory_high_percent: 80
    high_for: 7d
    cpu_low_percent: 30
    memory_low_percent: 50
    low_for: 30d
    interval: ${interval}s
EOF
} >"$spec"
# filesystem, certificate_files, backups, backup_integrity, journal, host
checks_per_host=6
expected_keys=$((hosts * checks_per_host))

# --- exporter --------------------------------------------------------------------------------
listen_port="$(free_port)"
exporter_args=(--spec "$spec" --known-hosts "$work/known_hosts" --identity "$work/client_ed25519"
  --listen "127.0.0.1:$listen_port" --log-level WARN)
[ -n "$workers" ] && exporter_args+=(--workers "$workers")
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$jar" "${exporter_args[@]}" >"$work/exporter.log" 2>&1 &
exporter_pid=$!
t_launch="$(now)"

ready=0
for ((i = 0; i < 600; i++)); do
  kill -0 "$exporter_pid" 2>/dev/null || die "exporter exited: $(tail -n 5 "$work/exporter.log")"
  if curl -sf --max-time 2 -o /dev/null "http://127.0.0.1:$listen_port/healthz"; then
    ready=1
    break
  fi
  sleep 0.1
done
[ "$ready" = 1 ] || die "exporter did not answer /healthz within 60 s"
t_ready="$(now)"
t_end="$(awk -v t="$t_ready" -v d="$duration" 'BEGIN { printf "%.3f", t + d }')"

# Starts a background loop that appends 20 journal entries every 10 s until the end, so the
# journal check parses new lines on each run instead of returning an empty read.
(
  for ((i = 0; i < duration / 10 + 1; i++)); do
    sleep 10
    append_journal 20
  done
) &
appender_pid=$!

threads_max=0
sample_threads() {
  local threads
  threads="$(status_field "$exporter_pid" Threads)"
  [ "${threads:-0}" -gt "$threads_max" ] && threads_max="$threads"
  return 0
}

# First round: until every host check has reported once, success or failure. It includes the
# random start offset of each check (up to 10 s) and every SSH connect.
mkdir -p "$work/scrapes"
first_round=""
while awk -v t="$(now)" -v e="$t_end" 'BEGIN { exit !(t < e) }'; do
  sample_threads
  if scrape "$work/scrapes/poll.txt" 2>/dev/null; then
    reported="$(grep -c '^opsbook_check_success{' "$work/scrapes/poll.txt" || true)"
    if [ "$reported" -ge "$expected_keys" ]; then
      first_round="$(awk -v t="$(now)" -v r="$t_ready" 'BEGIN { printf "%.1f", t - r }')"
      break
    fi
  fi
  sleep 1
done
[ -n "$first_round" ] || first_round="not done"

# Steady-state window: from the end of the first round to the end of --duration. Every few
# seconds a scrape records the last-success timestamps, so that the number of completed runs per check
# can be counted from the distinct values.
t_window="$(now)"
exporter_ticks_0="$(cpu_ticks "$exporter_pid")"
sshd_ticks_0="$(sshd_tree_ticks)"
read -r machine_busy_0 machine_total_0 < <(machine_ticks)
# Polls at most every third of the interval, so no run's timestamp is overwritten unseen.
poll_sleep=$(( interval / 3 < 1 ? 1 : (interval / 3 > 5 ? 5 : interval / 3) ))
poll=0
while awk -v t="$(now)" -v e="$t_end" 'BEGIN { exit !(t < e) }' && [ "$poll" -lt 10000 ]; do
  sample_threads
  poll=$((poll + 1))
  if scrape "$work/scrapes/poll.txt" 2>/dev/null; then
    grep '^opsbook_check_last_success_timestamp_seconds{' "$work/scrapes/poll.txt" \
      >>"$work/scrapes/last_success.txt" || true
  fi
  sleep "$poll_sleep"
done
t_window_end="$(now)"
exporter_ticks_1="$(cpu_ticks "$exporter_pid")"
sshd_ticks_1="$(sshd_tree_ticks)"
read -r machine_busy_1 machine_total_1 < <(machine_ticks)
rss_end_kib="$(status_field "$exporter_pid" VmRSS)"
rss_peak_window_kib="$(status_field "$exporter_pid" VmHWM)"
scrape "$work/scrapes/final.txt" ||
  die "final scrape of /metrics failed or timed out after 20 s; rerun with --keep and read \
exporter.log in the kept directory"
t_final="$(now)"
grep '^opsbook_check_last_success_timestamp_seconds{' "$work/scrapes/final.txt" \
  >>"$work/scrapes/last_success.txt" || true

# --- scrape latency --------------------------------------------------------------------------
: >"$work/scrapes/latency.txt"
t_scrapes="$(now)"
exporter_ticks_2="$(cpu_ticks "$exporter_pid")"
for ((s = 0; s < scrapes; s++)); do
  curl -sS --max-time 20 -o /dev/null -w '%{time_total} %{size_download}\n' \
    "http://127.0.0.1:$listen_port/metrics" >>"$work/scrapes/latency.txt" || true
  ((s % 20 == 0)) && sample_threads
done
sample_threads
rss_peak_kib="$(status_field "$exporter_pid" VmHWM)"
exporter_ticks_total="$(cpu_ticks "$exporter_pid")"
t_stop="$(now)"
# CPU per scrape: the exporter's CPU during the scrapes less what the checks used in the same
# time at the steady window's rate.
cpu_per_scrape="$(awk -v a="$exporter_ticks_2" -v b="$exporter_ticks_total" -v hz="$clk_tck" \
  -v t0="$t_scrapes" -v t1="$t_stop" -v c0="$exporter_ticks_0" -v c1="$exporter_ticks_1" \
  -v w0="$t_window" -v w1="$t_window_end" -v n="$scrapes" 'BEGIN {
    background = (w1 > w0) ? (c1 - c0) / (w1 - w0) * (t1 - t0) : 0
    printf "%.1f", ((b - a) - background) / hz / n * 1000 }')"
stop_process "$appender_pid" "journal appender" 20
appender_pid=""
stop_process "$exporter_pid" "exporter" 150
exporter_pid=""
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- results ---------------------------------------------------------------------------------
window="$(awk -v a="$t_window" -v b="$t_window_end" 'BEGIN { printf "%.1f", b - a }')"

percentile() {
  sort -n | awk -v p="$1" 'NF { v[++n] = $1 } END {
    if (n == 0) { print "n/a"; exit }
    i = int(p * n + 0.999999); if (i < 1) i = 1; if (i > n) i = n; print v[i] }'
}

scrape_p50="$(awk '{ print $1 * 1000 }' "$work/scrapes/latency.txt" | percentile 0.50)"
scrape_p99="$(awk '{ print $1 * 1000 }' "$work/scrapes/latency.txt" | percentile 0.99)"
scrape_max="$(awk '{ print $1 * 1000 }' "$work/scrapes/latency.txt" | percentile 1.0)"
scrape_bytes="$(awk '{ print $2 }' "$work/scrapes/latency.txt" | percentile 0.50)"
scrape_ok="$(grep -c . "$work/scrapes/latency.txt" || true)"

final="$work/scrapes/final.txt"
ok="$(grep -c '^opsbook_check_success{.*} 1' "$final" || true)"
failed="$(grep -c '^opsbook_check_success{.*} 0' "$final" || true)"
reasons="$({ grep '^opsbook_check_failure_info{' "$final" || true; } |
  sed -n 's/.*check="\([^"]*\)".*reason="\([^"]*\)".*/\1:\2/p' | sort | uniq -c |
  awk '{ printf "%s%s=%s", sep, $2, $1; sep = "," }')"
[ -n "$reasons" ] || reasons="none"
skipped="$(awk '/^opsbook_exporter_skipped_runs_total\{/ { s += $NF } END { print s + 0 }' "$final")"
hosts_up="$(grep -c '^opsbook_host_up{.*} 1' "$final" || true)"

durations="$({ grep '^opsbook_check_duration_seconds{' "$final" || true; } | awk '{ print $NF }')"
duration_p50="$(percentile 0.50 <<<"$durations")"
duration_p99="$(percentile 0.99 <<<"$durations")"
duration_max="$(percentile 1.0 <<<"$durations")"
duration_sum="$(awk '{ s += $1 } END { printf "%.1f", s }' <<<"$durations")"
workers_used="${workers:-16}"
utilisation="$(awk -v s="$duration_sum" -v w="$workers_used" -v i="$interval" \
  'BEGIN { printf "%.0f", 100 * s / (w * i) }')"

# Staleness: how long ago each check last succeeded, at the final scrape. A check that keeps
# its cycle is at most one interval plus its own run time stale.
staleness="$({ grep '^opsbook_check_last_success_timestamp_seconds{' "$final" || true; } |
  awk -v t="$t_final" '{ print t - $NF }')"
stale_max="$(percentile 1.0 <<<"$staleness" | awk '{ printf "%.1f", $1 }')"
never_succeeded=$((expected_keys - $(grep -c . <<<"$staleness" || true)))

# Completed runs from the start of the window to the final scrape, from the distinct
# last-success values per check. Runs start at a fixed rate, so after a check's first success
# in the window one more is due every interval; the longest run time is allowed as slack. A
# check is behind when it completed fewer runs than were due, or none. The first runs of all
# checks start within 10 s, so the phases are not spread over the interval and the plain
# product checks x window / interval would overstate the runs due.
read -r runs_done runs_due checks_behind < <(awk -v start="$t_window" -v end="$t_final" \
  -v i="$interval" -v d="$duration_max" -v keys="$expected_keys" '
  $NF > start && !(($1 " " $NF) in seen) {
    seen[$1 " " $NF] = 1
    runs[$1]++
    if (!($1 in first) || $NF < first[$1]) first[$1] = $NF
  }
  END {
    done = 0; due = 0; ok = 0
    for (k in runs) {
      need = int((end - first[k] - d) / i) + 1
      if (need < 1) need = 1
      done += runs[k]; due += need
      if (runs[k] >= need) ok++
    }
    print done, due + (keys - length(runs)), keys - ok
  }' "$work/scrapes/last_success.txt")

exporter_cpu="$(awk -v a="$exporter_ticks_0" -v b="$exporter_ticks_1" -v hz="$clk_tck" \
  'BEGIN { printf "%.1f", (b - a) / hz }')"
exporter_cpu_cycle="$(awk -v c="$exporter_cpu" -v w="$window" -v i="$interval" \
  'BEGIN { if (w > 0) printf "%.1f", c * i / w; else print "n/a" }')"
exporter_cores="$(awk -v c="$exporter_cpu" -v w="$window" \
  'BEGIN { if (w > 0) printf "%.2f", c / w; else print "n/a" }')"
exporter_cpu_total="$(awk -v t="$exporter_ticks_total" -v hz="$clk_tck" \
  'BEGIN { printf "%.1f", t / hz }')"
sshd_cores="$(awk -v a="$sshd_ticks_0" -v b="$sshd_ticks_1" -v hz="$clk_tck" -v w="$window" \
  'BEGIN { if (w > 0) printf "%.2f", (b - a) / hz / w; else print "n/a" }')"
machine_cores="$(awk -v a="$machine_busy_0" -v b="$machine_busy_1" -v hz="$clk_tck" \
  -v w="$window" 'BEGIN { if (w > 0) printf "%.2f", (b - a) / hz / w; else print "n/a" }')"
wall="$(awk -v a="$t_launch" -v b="$t_stop" 'BEGIN { printf "%.0f", b - a }')"

row() {
  printf '%-34s %s\n' "$1" "$2"
}
{
  row "hosts x checks" "$hosts x $checks_per_host = $expected_keys (sshd on $addresses addresses)"
  row "interval, workers, JAVA_OPTS" "${interval} s, $workers_used, ${JAVA_OPTS:-(none)}"
  row "login HOME" "$([ "$user_home" = 1 ] && echo "the user's own" || echo "empty temporary")"
  row "load average start / end" "$load_start / $load_end"
  row "first round (s after ready)" "$first_round"
  row "steady window (s)" "$window"
  row "runs done / due in window" "$runs_done / $runs_due (checks behind: $checks_behind)"
  row "max staleness at end (s)" "$stale_max (never succeeded: $never_succeeded)"
  row "skipped runs" "$skipped"
  row "check duration p50/p99/max (s)" "$duration_p50 / $duration_p99 / $duration_max"
  row "worker-seconds per round" "$duration_sum (${utilisation}% of $workers_used workers)"
  row "checks ok / failed" "$ok / $failed (reasons: $reasons)"
  row "hosts up" "$hosts_up / $hosts"
  row "exporter CPU per cycle (s)" "$exporter_cpu_cycle (${exporter_cores} cores; total ${exporter_cpu_total} s)"
  row "sshd + commands CPU (cores)" "$sshd_cores"
  row "machine busy (cores)" "$machine_cores of $(nproc)"
  row "peak RSS (VmHWM, MiB)" "$((rss_peak_kib / 1024)) (before the scrape test: \
$((rss_peak_window_kib / 1024)); RSS at end of window: $((rss_end_kib / 1024)))"
  row "threads (max)" "$threads_max"
  row "scrape p50/p99/max (ms)" "$scrape_p50 / $scrape_p99 / $scrape_max ($scrape_ok scrapes)"
  row "scrape size (bytes)" "$scrape_bytes"
  row "exporter CPU per scrape (ms)" "$cpu_per_scrape"
  row "bench wall time (s)" "$wall"
} | tee "$work/result.txt"

if [ -n "$results" ]; then
  printf 'hosts=%s user_home=%s interval=%s workers=%s java_opts="%s" first_round=%s runs_done=%s runs_due=%s' \
    "$hosts" "$user_home" "$interval" "$workers_used" "${JAVA_OPTS:-}" "$first_round" "$runs_done" \
    "$runs_due" >>"$results"
  printf ' behind=%s stale_max=%s skipped=%s dur_p50=%s dur_p99=%s dur_max=%s worker_s=%s ok=%s failed=%s' \
    "$checks_behind" "$stale_max" "$skipped" "$duration_p50" "$duration_p99" "$duration_max" "$duration_sum" \
    "$ok" "$failed" >>"$results"
  printf ' cpu_cycle=%s exp_cores=%s sshd_cores=%s machine_cores=%s rss_peak_mib=%s' \
    "$exporter_cpu_cycle" "$exporter_cores" "$sshd_cores" "$machine_cores" \
    "$((rss_peak_kib / 1024))" >>"$results"
  printf ' rss_window_mib=%s first_round_s=%s' "$((rss_peak_window_kib / 1024))" \
    "$first_round" >>"$results"
  printf ' threads=%s scrape_p50=%s scrape_p99=%s scrape_bytes=%s scrape_cpu_ms=%s' \
    "$threads_max" "$scrape_p50" "$scrape_p99" "$scrape_bytes" "$cpu_per_scrape" >>"$results"
  printf ' load="%s / %s"\n' "$load_start" "$load_end" >>"$results"
fi
