package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/version"
)

// Exit codes shared by every command.
const (
	exitOK      = 0
	exitInvalid = 1 // invalid input or a failed check
	exitUsage   = 2 // bad flags or arguments
)

// A usageError is a mistake in how jtsl was called; it exits 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// exitError carries an exit code with an error that was already reported
// (for example a failed verification whose report is on stdout).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func newApp(stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:    "jtsl",
		Version: version.Get().Version,
		Usage:   "compile, sign, verify and publish the Japanese trusted list (ETSI TS 119 612)",
		Description: `jtsl turns reviewed YAML sources into a signed ETSI TS 119 612 v2.4.1 trusted
list, and reads any real trusted list (verify, import, diff).`,
		Writer:         stdout,
		ErrWriter:      stderr,
		ExitErrHandler: func(*cli.Context, error) {}, // run() owns exit codes
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return &usageError{err.Error()}
		},
		Commands: commands(),
	}
	setUsageErrors(app.Commands, "")
	return app
}

// setUsageErrors makes a bad flag one line that names the command and
// points to its --help, instead of the whole help text.
func setUsageErrors(cmds []*cli.Command, prefix string) {
	for _, c := range cmds {
		name := strings.TrimSpace(prefix + " " + c.Name)
		c.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
			msg := err.Error()
			// The flag package names "--bogus" as "-bogus".
			if f, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
				if len(f) > 1 {
					f = "-" + f
				}
				msg = "unknown flag -" + f
			}
			return usagef("%s: %s (see \"jtsl %s --help\")", name, msg, name)
		}
		setUsageErrors(c.Subcommands, name)
	}
}

// commands lists every subcommand, one file each.
func commands() []*cli.Command {
	return []*cli.Command{
		buildCommand(),
		signCommand(),
		publishCommand(),
		validateCommand(),
		statusCommand(),
		verifyCommand(),
		trustCommand(),
		diffCommand(),
		importCommand(),
		keysCommand(),
		mraCommand(),
		envCommand(),
		versionCommand(),
		completionCommand(),
	}
}

func run(args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	err := app.Run(interspersed(app, args))
	if err == nil {
		return exitOK
	}
	var ue *usageError
	var ee *exitError
	switch {
	case errors.As(err, &ee):
		if ee.err != nil {
			fmt.Fprintf(stderr, "jtsl: %v\n", ee.err)
		}
		return ee.code
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "jtsl: %v\n", err)
		return exitUsage
	case isCLIUsage(err):
		fmt.Fprintf(stderr, "jtsl: %v\n", err)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "jtsl: %v\n", err)
		if os.Getenv("JTSL_DEBUG") == "1" {
			fmt.Fprintf(stderr, "%+v\n", err)
		}
		return exitInvalid
	}
}

// isCLIUsage reports errors that urfave/cli raises for a bad command line
// without going through OnUsageError.
func isCLIUsage(err error) bool {
	var ec cli.ExitCoder
	if errors.As(err, &ec) && ec.ExitCode() == 3 { // unknown help topic
		return true
	}
	msg := err.Error()
	for _, s := range []string{"Required flag", "Required flags", "flag provided but not defined", "No help topic"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
