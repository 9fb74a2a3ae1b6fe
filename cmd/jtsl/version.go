package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/version"
)

func init() {
	// jtsl --version prints the same as jtsl version.
	cli.VersionPrinter = func(c *cli.Context) { printVersion(c.App.Writer) }
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Usage: "print the version, commit and build date"}
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:      "version",
		Usage:     "print the version, commit and build date of this jtsl",
		UsageText: "jtsl version\njtsl --version",
		Description: `Prints what the Go toolchain recorded in the binary: the module version (a
release tag, or a pseudo-version made from the commit), the commit, its date (the
build date of a reproducible build: no other time is recorded) and the Go
version. manifest.json records the same line for every release.

## EXIT CODES
0 always.

## EXAMPLES
  jtsl version
  jtsl --version

## STANDARDS
Semantic Versioning 2.0.0, as Go module versions use it.`,
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("version takes no arguments, got %q", c.Args().First())
			}
			printVersion(c.App.Writer)
			return nil
		},
	}
}

func printVersion(w io.Writer) {
	in := version.Get()
	fmt.Fprintf(w, "jtsl %s\n", in.Version)
	commit, date := in.Commit, in.Date
	if commit == "" {
		commit = "unknown (built without version control information)"
	} else if in.Modified {
		commit += " (with uncommitted changes)"
	}
	if date == "" {
		date = "unknown"
	}
	fmt.Fprintf(w, "commit: %s\nbuilt:  %s (commit date)\ngo:     %s\n", commit, date, in.Go)
}
