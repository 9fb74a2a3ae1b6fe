package version

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	tests := []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"tagged", debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
			{Key: "vcs.time", Value: "2026-04-01T09:00:00+09:00"},
			{Key: "vcs.modified", Value: "false"},
		}}, "v1.2.3 (commit 0123456789ab, 2026-04-01T00:00:00Z)"},
		{"dirty tree", debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20260401000000-0123456789ab+dirty"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
			{Key: "vcs.modified", Value: "true"},
		}}, "v0.0.0-20260401000000-0123456789ab+dirty (commit 0123456789ab+modified)"},
		{"go run, no VCS", debug.BuildInfo{}, "(devel)"},
	}
	for _, tt := range tests {
		if got := fromBuildInfo(&tt.bi).String(); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
