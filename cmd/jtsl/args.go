package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// interspersed moves a subcommand's flags before its positional arguments,
// so that `jtsl verify FILE.xml --cert PIN.pem` works as documented:
// urfave/cli v2 stops reading flags at the first positional argument.
// "--" still ends flag parsing.
func interspersed(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	var cmd *cli.Command
	for _, c := range app.Commands {
		if c.HasName(args[1]) {
			cmd = c
		}
	}
	head := 2 // jtsl COMMAND
	if cmd != nil && len(cmd.Subcommands) > 0 {
		// A command group (jtsl keys check …): reorder the subcommand's.
		var sub *cli.Command
		for _, c := range cmd.Subcommands {
			if len(args) > 2 && c.HasName(args[2]) {
				sub = c
			}
		}
		cmd, head = sub, 3
	}
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, pos []string
	rest := args[head:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			pos = append(pos, rest[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if !strings.Contains(name, "=") && takesValue[name] && i+1 < len(rest) {
			flags = append(flags, rest[i+1])
			i++
		}
	}
	out := append(append([]string{}, args[:head]...), flags...)
	if len(pos) > 0 {
		out = append(out, "--")
		out = append(out, pos...)
	}
	return out
}
