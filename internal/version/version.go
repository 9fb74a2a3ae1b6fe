// Package version tells which jtsl this is, from the build information
// the Go toolchain records in every binary: the module version (a tag, or
// a pseudo-version made from the commit), the commit and its time. No
// build-time stamp is involved, so the same sources give the same bytes.
package version

import (
	"fmt"
	"runtime/debug"
	"time"
)

// Info identifies a jtsl binary.
type Info struct {
	Version  string // module version: v1.2.3, a pseudo-version, or "(devel)"
	Commit   string // VCS revision, empty when unknown
	Date     string // commit time (RFC 3339), empty when unknown: the build date of a reproducible build
	Modified bool   // built from a working tree with uncommitted changes
	Go       string // toolchain version
}

// Get reads the running binary's build information.
func Get() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Info{Version: "(unknown)"}
	}
	return fromBuildInfo(bi)
}

func fromBuildInfo(bi *debug.BuildInfo) Info {
	in := Info{Version: bi.Main.Version, Go: bi.GoVersion}
	if in.Version == "" {
		in.Version = "(devel)"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			in.Commit = s.Value
		case "vcs.time":
			if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
				in.Date = t.UTC().Format(time.RFC3339)
			}
		case "vcs.modified":
			in.Modified = s.Value == "true"
		}
	}
	return in
}

// String is the one-line form the manifest records:
// "v1.2.3 (commit 0123456789ab, 2026-04-01T00:00:00Z)".
func (in Info) String() string {
	s := in.Version
	if in.Commit == "" {
		return s
	}
	c := in.Commit
	if len(c) > 12 {
		c = c[:12]
	}
	if in.Modified {
		c += "+modified"
	}
	if in.Date != "" {
		return fmt.Sprintf("%s (commit %s, %s)", s, c, in.Date)
	}
	return fmt.Sprintf("%s (commit %s)", s, c)
}
