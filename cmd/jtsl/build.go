package main

import (
	"github.com/urfave/cli/v2"
)

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:  "build",
		Usage: "compile and sign the sources into a trusted list in the output folder",
		Action: func(c *cli.Context) error {
			return usagef("build: not wired yet")
		},
	}
}
