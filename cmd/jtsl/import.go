package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

func importCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "write a sources folder (YAML + certificates) from any trusted list",
		UsageText: "jtsl import FILE.xml --out DIR [--force] [--lenient]",
		Description: `Decodes a TS 119 612 list (version 4, 5 or 6) and writes scheme.yaml,
tsps/*.yaml and certs/*.pem so that building them yields the same list
(signature, sequence number and issue time aside). Nothing is dropped: unknown
extensions are kept verbatim. The signature is not checked here: run
jtsl verify first.

--lenient imports a list whose only structure errors are malformed URIs
(the 2015 German list writes "http://https://…"): each is kept as written,
with a warning naming its line, so the sources still mean the original list.
Such sources do not build until the URIs are fixed (jtsl validate shows
them as JTSL021): build is never lenient.

## EXIT CODES
0 written; 1 the list cannot be decoded or DIR cannot be written; 2 usage error.

## EXAMPLES
  jtsl import FR.xml --out /tmp/fr && jtsl validate --sources /tmp/fr

## STANDARDS
ETSI TS 119 612 v2.4.1.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Required: true, Usage: "sources `DIR` to create"},
			&cli.BoolFlag{Name: "force", Usage: "write into DIR even if it is not empty"},
			&cli.BoolFlag{Name: "lenient", Usage: "keep malformed URIs as written, with a warning (the sources will not build until they are fixed)"},
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
	lenient := c.Bool("lenient")
	l, findings, err := tsl.Decode(data, tsl.DecodeOptions{File: file, Lenient: lenient})
	if err != nil {
		return err
	}
	if findings.HasErrors() {
		for _, d := range findings.Errors() {
			fmt.Fprintln(c.App.ErrWriter, d.String())
		}
		err := fmt.Errorf("%s does not decode as a trusted list", file)
		if _, f, lerr := tsl.Decode(data, tsl.DecodeOptions{File: file, Lenient: true}); !lenient && lerr == nil && !f.HasErrors() {
			err = fmt.Errorf("%w: its only errors are malformed URIs; --lenient keeps them as written, with a warning", err)
		}
		return &exitError{code: exitInvalid, err: err}
	}
	kept := 0
	for _, d := range findings {
		if lenient && d.Severity == diag.Warning {
			fmt.Fprintln(c.App.ErrWriter, d.String())
			kept++
		}
	}
	if err := source.Write(out, l); err != nil {
		return fmt.Errorf("write sources: %w", err)
	}
	fmt.Fprintf(c.App.ErrWriter, "imported %s (%s, sequence %d, %d TSPs) into %s\n", file,
		l.Scheme.Territory, l.Scheme.SequenceNumber, len(l.Providers), out)
	if kept > 0 {
		fmt.Fprintf(c.App.ErrWriter, "%d value(s) kept as written: fix them before building (jtsl validate --sources %s lists them)\n", kept, out)
	}
	return nil
}
