# fuzz-figures.awk - read a Go fuzz coordinator's log and print its
# executions, executions per second over the whole run, new interesting
# inputs and longest stall (seconds without a new execution).
#
# The coordinator logs "elapsed: D, execs: N (R/sec), new interesting: K
# (total: T)" every few seconds, D a Go duration: 59s, then 1m0s, 1h0m3s.
# The figures are the last line's; the stall is the longest run of lines
# with no new execution.
function secs(d,   n, u, s) { # Go duration: 59s, 1m0s, 1h2m3s
  s = 0
  while (match(d, /^[0-9]+[hms]/)) {
    n = substr(d, 1, RLENGTH - 1) + 0; u = substr(d, RLENGTH, 1)
    s += (u == "h" ? 3600 : u == "m" ? 60 : 1) * n
    d = substr(d, RLENGTH + 1)
  }
  return s
}
# A count budget smaller than the corpus in the fuzz cache (after a
# campaign) ends while the coordinator gathers baseline coverage, which
# it logs as "gathering baseline coverage: N/M completed": those are
# executions too.
/elapsed: [0-9hms]+, (execs: |gathering baseline coverage: [0-9]+\/)/ {
  t = $0; sub(/.*elapsed: /, "", t); sub(/,.*/, "", t); t = secs(t)
  if ($0 ~ /execs: /) {
    e = $0; sub(/.*execs: /, "", e); sub(/ .*/, "", e)
    r = $0; sub(/.*execs: [0-9]+ \(/, "", r); sub(/\/sec.*/, "", r)
    n = 0; if ($0 ~ /new interesting: /) { n = $0; sub(/.*new interesting: /, "", n); sub(/ .*/, "", n) }
  } else {
    e = $0; sub(/.*baseline coverage: /, "", e); sub(/\/.*/, "", e)
    r = 0; n = ni + 0
  }
  if (seen && e + 0 == last + 0) { if (t - since > stall) stall = t - since } else { since = t }
  seen = 1; last = e; el = t; rt = r; ni = n
}
END {
  if (!seen) { print "0 0 0 0"; exit }
  print last, (el > 0 ? int(last / el) : rt), ni, stall + 0
}
