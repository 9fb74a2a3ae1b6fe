package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

func importCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "write a sources folder (YAML + certificates) from any trusted list",
		UsageText: "jtsl import FILE.xml --out DIR [--force]",
		Description: `Decodes a TS 119 612 list (version 4, 5 or 6) and writes scheme.yaml,
tsps/*.yaml and certs/*.pem so that building them yields the same list
(signature, sequence number and issue time aside). Nothing is dropped: unknown
extensions are kept verbatim. The signature is not checked here: run
jtsl verify first.

## EXIT CODES
0 written; 1 the list cannot be decoded or DIR cannot be written; 2 usage error.

## EXAMPLES
  jtsl import FR.xml --out /tmp/fr && jtsl validate --sources /tmp/fr

## STANDARDS
ETSI TS 119 612 v2.4.1.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Required: true, Usage: "sources `DIR` to create"},
			&cli.BoolFlag{Name: "force", Usage: "write into DIR even if it is not empty"},
		},
		Action: runImport,
	}
}

func runImport(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("import takes one FILE.xml")
	}
	file, out := c.Args().First(), c.String("out")
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 && !c.Bool("force") {
		return usagef("%s is not empty (use --force)", out)
	}
	data, err := readLimited(file, xmldoc.DefaultLimits.MaxBytes)
	if err != nil {
		return err
	}
	l, findings, err := tsl.Decode(data, tsl.DecodeOptions{File: file})
	if err != nil {
		return err
	}
	if findings.HasErrors() {
		for _, d := range findings.Errors() {
			fmt.Fprintln(c.App.ErrWriter, d.String())
		}
		return &exitError{code: exitInvalid, err: fmt.Errorf("%s does not decode as a trusted list", file)}
	}
	if err := source.Write(out, l); err != nil {
		return fmt.Errorf("write sources: %w", err)
	}
	fmt.Fprintf(c.App.ErrWriter, "imported %s (%s, sequence %d, %d TSPs) into %s\n", file,
		l.Scheme.Territory, l.Scheme.SequenceNumber, len(l.Providers), out)
	return nil
}
