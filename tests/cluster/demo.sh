#!/usr/bin/env bash
# make cluster-demo: three replicas of 3700kvstore in cluster mode on
# loopback, driven with kvctl. Puts and gets keys, kills the leader with
# SIGKILL, shows a new leader answering the same keys, restarts the killed
# replica from its data directory and shows it caught up, moves the
# leader with kvctl move-leader, then stops everything it started (also when a step fails or it is interrupted).
#
#   tests/cluster/demo.sh [WORKDIR]     (default build/cluster-demo)
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$here/build/cluster-demo}
store=$here/3700kvstore
kvctl=$here/kvctl
ids=(0001 0002 0003)
pids=()

say() { printf '\n== %s\n' "$*"; }
die() { printf 'cluster-demo: %s\n' "$*" >&2; exit 1; }

stop_all() {
	local pid
	for pid in "${pids[@]}"; do
		[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		[ -n "$pid" ] && wait "$pid" 2>/dev/null || true
	done
}
trap stop_all EXIT INT TERM

# Six ports the kernel says are free now (peer and client port of each).
mapfile -t ports < <(python3 - <<'PY'
import socket
socks = []
for _ in range(6):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
for s in socks:
    print(s.getsockname()[1])
PY
)
members=""
clients=""
for i in 0 1 2; do
	members+="${members:+,}${ids[$i]}=127.0.0.1:${ports[$i]}"
	clients+="${clients:+,}127.0.0.1:${ports[$((i + 3))]}"
done
export KVCTL_CLUSTER=$clients

start() { # index
	local i=$1
	"$store" --name "${ids[$i]}" --initial-cluster "$members" --listen-client "127.0.0.1:${ports[$((i + 3))]}" \
		--data-dir "$work/${ids[$i]}" >>"$work/${ids[$i]}.log" 2>&1 &
	pids[$i]=$!
}

# kvctl status, a line per member (a member that does not answer is a
# line too, and no failure here).
status_lines() { "$kvctl" -w simple status 2>/dev/null || true; }

# The id of the member that says it leads (empty while none does).
leader() { status_lines | awk -F', ' '$3 == "leader" { print $2; exit }'; }

wait_for_leader() { # seconds
	local until=$((SECONDS + $1)) l
	while [ $SECONDS -lt "$until" ]; do
		l=$(leader)
		[ -n "$l" ] && { echo "$l"; return 0; }
		sleep 0.1
	done
	return 1
}

now_ms() { date +%s%3N; }

rm -rf "$work"
mkdir -p "$work"
say "starting three replicas (data and logs in $work)"
echo "  members: $members"
echo "  clients: $clients"
for i in 0 1 2; do start "$i"; done
first=$(wait_for_leader 10) || die "no leader within 10 s"
echo "  leader: $first"
"$kvctl" status

say "put and get through kvctl"
for k in alpha beta gamma; do
	echo "  kvctl put $k value-of-$k: $("$kvctl" put "$k" "value-of-$k")"
done
echo "  kvctl del beta: $("$kvctl" del beta)"
for k in alpha beta gamma; do
	echo "  kvctl get $k: '$("$kvctl" get "$k")'"
done

say "killing the leader $first with SIGKILL"
for i in 0 1 2; do [ "${ids[$i]}" = "$first" ] && victim=$i; done
kill -9 "${pids[$victim]}"
wait "${pids[$victim]}" 2>/dev/null || true
pids[$victim]=""
killed_at=$(now_ms)
value=$("$kvctl" --timeout 10 get alpha) || die "no answer after the leader died"
answered_at=$(now_ms)
second=$(wait_for_leader 10) || die "no new leader within 10 s"
echo "  new leader: $second; the first get after the kill answered in $((answered_at - killed_at)) ms"
[ "$value" = "value-of-alpha" ] || die "alpha reads '$value' after the kill"
for k in alpha beta gamma; do
	echo "  kvctl get $k: '$("$kvctl" get "$k")'"
done
echo "  kvctl put delta written-while-$first-was-down: $("$kvctl" put delta "written-while-$first-was-down")"
"$kvctl" status || true

say "restarting $first from its data directory"
start "$victim"
until=$((SECONDS + 10))
while [ $SECONDS -lt $until ]; do
	lines=$(status_lines)
	applied=$(echo "$lines" | awk -F', ' -v id="$first" '$2 == id { print $7 }')
	commit=$(echo "$lines" | awk -F', ' '$3 == "leader" { print $6 }')
	[ -n "$applied" ] && [ "$applied" = "$commit" ] && break
	sleep 0.2
done
[ $SECONDS -lt $until ] || die "$first did not catch up within 10 s"
"$kvctl" status
[ "$("$kvctl" get delta)" = "written-while-$first-was-down" ] || die "delta is not readable"
[ -z "$("$kvctl" get beta)" ] || die "beta is back after its delete"

say "moving the leader off $second (kvctl move-leader), as before maintenance"
for i in 0 1 2; do [ "${ids[$i]}" != "$second" ] && target=${ids[$i]}; done
moved_at=$(now_ms)
"$kvctl" move-leader "$target" || die "move-leader $target failed"
echo "  kvctl put after-move on $target: $("$kvctl" put after-move yes) ($(($(now_ms) - moved_at)) ms after the command)"
[ "$(leader)" = "$target" ] || die "$target does not lead after move-leader"
[ "$("$kvctl" get delta)" = "written-while-$first-was-down" ] || die "delta is not readable after the move"
"$kvctl" move-leader 0ABC && die "move-leader to a member that does not exist succeeded"
"$kvctl" status

say "stopping every replica"
stop_all
pids=()
echo "  done: every answer was right, and $first caught up after its restart"
