# Renders infra/bench's results.json as its text table (jq -r -f bench-table.jq results.json).
def pad(n): tostring | if length >= n then . else . + (" " * (n - length)) end;
def lpad(n): tostring | if length >= n then . else (" " * (n - length)) + . end;
def ms: if . == null then "-" else (. * 10 | round / 10 | tostring) end;
def ratio(a; b): if a == null or b == null or b == 0 then "-" else ((a / b * 100 | round | tostring) + " %") end;
def row(section; figure; value; reference; r):
  "\(section | pad(30)) \(figure | pad(34)) \(value | lpad(22)) \(reference | lpad(20)) \(r | lpad(8))";
. as $r
| ($r.postgres.inserts // []) as $inserts
| def insertsAt($c): ($inserts | map(select(.clients == $c)) | first // null);
[
  "ICR benchmark \($r.machine.ranAt): \($r.machine.cores) cores, \($r.machine.ramGb) GB RAM, \($r.machine.java), PostgreSQL \($r.machine.postgres // "-")",
  row("section"; "figure"; "value"; "PostgreSQL"; "ratio"),
  row("-" * 30; "-" * 34; "-" * 22; "-" * 20; "-" * 8),
  ($inserts[] | row("1 PostgreSQL insert"; "\(.clients) clients: /s, p50/p99 ms";
      "\(.insertsPerSecond | round) \(.p50Ms | ms)/\(.p99Ms | ms)"; "-"; "-")),
  (if $r.postgres then row("1 PostgreSQL sequential read"; "events/s in global order";
      $r.postgres.sequentialRead.rowsPerSecond; "-"; "-") else empty end),
  ($r.commands.levels // [] | .[] | .clients as $c | insertsAt($c) as $pg
    | row("2 commands (raise..close)"; "\(.clients) clients: /s, p50/p95/p99 ms";
      "\(.commandsPerSecond | round) \(.p50Ms | ms)/\(.p95Ms | ms)/\(.p99Ms | ms)";
      (if $pg then "\($pg.insertsPerSecond | round) inserts/s" else "-" end); ratio(.commandsPerSecond; $pg.insertsPerSecond))),
  ($r.commands.levels // [] | .[] | select(.cpuMsPerCommand)
    | row("2 CPU per command"; "\(.clients) clients: ms command/query side/PostgreSQL";
      "\(.cpuMsPerCommand.commandSide)/\(.cpuMsPerCommand.querySide)/\(.cpuMsPerCommand.postgres)"; "-"; "-")),
  ($r.commands.apiFloorLevels // [] | .[] | .clients as $c | insertsAt($c) as $pg
    | row("2 API floor (refused, no bus)"; "\(.clients) clients: /s, p50/p95/p99 ms";
      "\(.requestsPerSecond | round) \(.p50Ms | ms)/\(.p95Ms | ms)/\(.p99Ms | ms)";
      (if $pg then "\($pg.insertsPerSecond | round) inserts/s" else "-" end); ratio(.requestsPerSecond; $pg.insertsPerSecond))),
  (if $r.readYourWrite then row("3 read-your-write lag"; "\($r.readYourWrite.referrals) referrals: p50/p99 ms";
      "\($r.readYourWrite.p50Ms | ms)/\($r.readYourWrite.p99Ms | ms)"; "-"; "-") else empty end),
  (if $r.queries.serviceTime then
     ($r.queries.serviceTime as $s
      | row("4 inbox query"; "service time at \($s.requestsPerSecond)/s: p50/p99 ms";
          "\($s.inbox.p50Ms | ms)/\($s.inbox.p99Ms | ms)"; "-"; "-"),
        row("4 referral detail query"; "service time at \($s.requestsPerSecond)/s: p50/p99 ms";
          "\($s.detail.p50Ms | ms)/\($s.detail.p99Ms | ms)"; "-"; "-"))
   else empty end),
  ($r.queries.levels // [] | .[] | .requestsPerSecond as $rate
    | row("4 inbox query"; "at \($rate)/s: p50/p99 ms"; "\(.inbox.p50Ms | ms)/\(.inbox.p99Ms | ms)"; "-"; "-"),
      row("4 referral detail query"; "at \($rate)/s: p50/p99 ms"; "\(.detail.p50Ms | ms)/\(.detail.p99Ms | ms)"; "-"; "-")),
  (if $r.replay then row("5 replay, all projections"; "\($r.replay.events) events: events/s";
      ($r.replay.eventsPerSecond | round); "\($r.postgres.sequentialRead.rowsPerSecond // "-") read/s";
      ratio($r.replay.eventsPerSecond; $r.postgres.sequentialRead.rowsPerSecond)) else empty end),
  ($r.aggregateLoad.loads // [] | .[] | row("6 aggregate load"; "\(.events) events: ms without/with snapshot";
      "\(.withoutSnapshotMs | ms)/\(.withSnapshotMs | ms)"; "-"; "-")),
  (if $r.memory then row("7 peak RSS (heap max \($r.memory.maxHeapMb) MB)"; "command side / query side, MB";
      "\($r.memory.commandSidePeakRssMb)/\($r.memory.querySidePeakRssMb)"; "-"; "-") else empty end)
] | .[]
