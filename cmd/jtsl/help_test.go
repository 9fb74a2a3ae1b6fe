package main

import (
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// TestHelpQuality: every command has a usage line, a synopsis and a
// description with EXIT CODES and EXAMPLES (and STANDARDS where a standard
// applies), so that --help is the reference.
func TestHelpQuality(t *testing.T) {
	var walk func(prefix string, cs []*cli.Command)
	walk = func(prefix string, cs []*cli.Command) {
		for _, c := range cs {
			name := prefix + c.Name
			if len(c.Subcommands) > 0 {
				walk(name+" ", c.Subcommands)
				continue
			}
			if c.Usage == "" || c.UsageText == "" {
				t.Errorf("%s: no usage or synopsis", name)
			}
			for _, h := range []string{"## EXIT CODES", "## EXAMPLES"} {
				if !strings.Contains(c.Description, h) {
					t.Errorf("%s: help lacks %s", name, h)
				}
			}
			if c.Name != "env" && !strings.Contains(c.Description, "## STANDARDS") {
				t.Errorf("%s: help lacks ## STANDARDS", name)
			}
			if strings.Contains(c.Description, "TODO") {
				t.Errorf("%s: TODO in help", name)
			}
		}
	}
	walk("", newApp(nil, nil).Commands)
}
