#!/usr/bin/env bash
# The server's memory on a default first start (docs/benchmarks.md, "Server memory at the first start").
#   scripts/first-start-rss.sh CHECKOUT WORKDIR PORT LOG [SECONDS]
# Runs CHECKOUT/holdout serve --port PORT in a new, empty WORKDIR (so it builds the Fashion-MNIST competition and
# trains the baselines), and every 5 s appends to LOG: seconds since start, the server's VmRSS and VmHWM (kB, from
# /proc/PID/status; the launcher execs java, so PID is the server JVM), the summed VmRSS of its child processes
# (the baseline trainings) and the load average. Stops the server once the boss baseline is registered or after
# SECONDS (default 900).
set -u
CHECKOUT=$1; WORK=$2; PORT=$3; LOG=$4; LIMIT=${5:-900}
rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"
"$CHECKOUT/holdout" serve --port "$PORT" > serve.out 2>&1 &
PID=$!
START=$(date +%s)
echo "# $(date -u +%FT%TZ) pid $PID: $CHECKOUT/holdout serve --port $PORT in $WORK" > "$LOG"
echo "# seconds server_VmRSS_kB server_VmHWM_kB children_VmRSS_kB load" >> "$LOG"
while kill -0 "$PID" 2>/dev/null; do
  NOW=$(( $(date +%s) - START ))
  RSS=$(awk '/VmRSS/{print $2}' "/proc/$PID/status"); HWM=$(awk '/VmHWM/{print $2}' "/proc/$PID/status")
  CHILDREN=0
  for c in $(pgrep -P "$PID"); do
    r=$(awk '/VmRSS/{print $2}' "/proc/$c/status" 2>/dev/null); CHILDREN=$((CHILDREN + ${r:-0}))
  done
  echo "$NOW $RSS $HWM $CHILDREN $(cut -d' ' -f1 /proc/loadavg)" >> "$LOG"
  if grep -q "baseline boss.*registered" serve.out || [ "$NOW" -gt "$LIMIT" ]; then break; fi
  sleep 5
done
sleep 10
echo "# final: $(grep -E 'VmRSS|VmHWM' "/proc/$PID/status" | tr -s ' \t' ' ' | tr '\n' ' ')" >> "$LOG"
kill "$PID"; wait "$PID"
echo "# stopped" >> "$LOG"
