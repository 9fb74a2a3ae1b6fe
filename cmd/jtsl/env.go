package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
)

// An envVar is one environment variable jtsl reads. Every one is declared
// here, once; the README and `jtsl env` are made from this table.
type envVar struct {
	Name        string
	Description string
	Sensitive   bool // value is a secret: never printed
}

var envVars = []envVar{
	{"JTSL_PKCS11_PIN", "user PIN of the PKCS#11 token (or pin-source=file:… in the URI)", true},
	{"JTSL_PKCS12_PASSWORD", "password of the --pkcs12 file (or --pkcs12-password-file)", true},
	{"SOURCE_DATE_EPOCH", "issue time as Unix seconds, for reproducible builds (--issue-time wins)", false},
	{"JTSL_DEVKEY_DIR", "folder of the development key used with --dev-key (default .devkey)", false},
	{"JTSL_DEBUG", "1 prints the full error chain and the build's stage timings", false},
}

func envCommand() *cli.Command {
	return &cli.Command{
		Name:      "env",
		Usage:     "print the environment variables jtsl reads (secrets masked)",
		UsageText: "jtsl env",
		Description: `Lists every environment variable jtsl reads, whether it is set, and its value
unless it is a secret.

## EXIT CODES
0 always.

## EXAMPLES
  jtsl env`,
		Action: func(c *cli.Context) error {
			for _, v := range envVars {
				val, ok := os.LookupEnv(v.Name)
				switch {
				case !ok:
					val = "(unset)"
				case v.Sensitive:
					val = "(set, hidden)"
				}
				fmt.Fprintf(c.App.Writer, "%-22s %-16s %s\n", v.Name, val, v.Description)
			}
			return nil
		},
	}
}

// issueTime picks the issue time: the flag, else SOURCE_DATE_EPOCH, else
// now; whole seconds, UTC (TS 119 612 clause 5.1.3).
func issueTime(c *cli.Context) (time.Time, error) { return timeFlag(c, "issue-time") }

// timeFlag reads an RFC 3339 time flag, defaulting to SOURCE_DATE_EPOCH,
// else now, in whole seconds.
func timeFlag(c *cli.Context, name string) (time.Time, error) {
	if s := c.String(name); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return time.Time{}, usagef("--%s: %q is not an RFC 3339 time such as 2026-07-01T00:00:00Z", name, s)
		}
		return t.UTC().Truncate(time.Second), nil
	}
	if s := strings.TrimSpace(os.Getenv("SOURCE_DATE_EPOCH")); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, usagef("SOURCE_DATE_EPOCH: %q is not a whole number of seconds", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Now().UTC().Truncate(time.Second), nil
}

// atTime reads the --at evaluation time (RFC 3339), default now.
func atTime(c *cli.Context) (time.Time, error) { return flagTime(c, "at") }

// flagTime reads a time flag (RFC 3339), default now.
func flagTime(c *cli.Context, name string) (time.Time, error) {
	s := c.String(name)
	if s == "" {
		return time.Now().UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, usagef("--%s: %q is not an RFC 3339 time (for example 2026-04-01T00:00:00Z)", name, s)
	}
	return t.UTC(), nil
}

// debugWriter returns w when JTSL_DEBUG=1, else nil.
func debugWriter(w io.Writer) io.Writer {
	if os.Getenv("JTSL_DEBUG") == "1" {
		return w
	}
	return nil
}

// gcPercent is tuneGC's GOGC.
const gcPercent = 400

// defaultMemoryLimit is the garbage collector's soft memory limit unless
// GOMEMLIMIT sets one; a command raises it for a large input.
const defaultMemoryLimit = 256 << 20

// tuneGC sets how the garbage collector paces a run of jtsl, each part
// unless its environment variable (GOGC, GOMEMLIMIT) does: collect when
// the heap has grown by 400 % rather than 100 % (a run is short and its
// data mostly live to the end: verifying the largest corpus list takes
// a third less time), within a soft limit of 256 MiB near which the
// collector works harder, never beyond half the CPU. Measured: a
// 10 000-service build stays under 300 MB, a tenth faster.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}

// smallRun is the most a command sized by its one input (sign) may need
// for the collector to stay off: a run that small frees little.
const smallRun = 32 << 20

// collectNear turns the collector off up to a soft limit of limit bytes
// (no less than 4 × smallRun), unless GOGC or GOMEMLIMIT is set; it
// reports whether it did. For a command whose whole run fits in that:
// verifying a 3 MB list collected once at 16 MB (GOGC 400's first goal),
// a sixth of its CPU time, and a 23 MB list once in the middle of its
// decoding, marking 100 MB of tree beside it, for nothing freed.
func collectNear(limit int64) bool {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return false
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(max(limit, 4*smallRun))
	return true
}

// pacedUntilReturn returns a function that puts the collector's pacing
// back as it is now. A command that paces by its input (sign, verify),
// lowering the limit or turning collection off, defers it: commands run
// one after another in one process (the tests) must not inherit that.
func pacedUntilReturn() func() {
	gc, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(gc)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}

// memoryLimit raises the soft memory limit to n bytes unless GOMEMLIMIT
// is set; it never lowers it (a build sizes it before loading, from the
// files, and again for each part loaded: the one-service J-TSL of a
// build with a 10 000-entity list lowered it to the default while the
// list loaded, a second of collection).
func memoryLimit(n int64) {
	if os.Getenv("GOMEMLIMIT") == "" && n > debug.SetMemoryLimit(-1) {
		debug.SetMemoryLimit(n)
	}
}
