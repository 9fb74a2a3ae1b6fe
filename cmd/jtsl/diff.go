package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/diff"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

func diffCommand() *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "report what changed between two lists or sources folders",
		UsageText: "jtsl diff OLD NEW [--format markdown|json]",
		Description: `OLD and NEW are each a trusted list (XML) or a sources folder. The report lists
scheme fields, TSPs and services added, removed or changed, status changes and
certificate changes; sequence number, issue time and NextUpdate are left out.
Markdown is for review (e.g. a pull-request comment); JSON (version 1) for
machines: {"version":1,"old":{…},"new":{…},"scheme":[{"field","old","new"}],
"tsps":[{"name","id","change","fields","services":[{"name","type","change",
"status":{"from","to","since"},"certificate":{"old","new"},"fields"}]}]}.

## EXIT CODES
0 the report was written (changes or not); 1 an input cannot be read; 2 usage error.

## EXAMPLES
  jtsl diff out/JP-TSL.xml sources
  jtsl diff old.xml new.xml --format json

## STANDARDS
ETSI TS 119 612 v2.4.1.`,
		Flags: []cli.Flag{&cli.StringFlag{Name: "format", Value: "markdown", Usage: "output `FORMAT`: markdown or json"}},
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usagef("diff takes OLD and NEW")
			}
			format := c.String("format")
			if format != "markdown" && format != "json" {
				return usagef("--format must be markdown or json, got %q", format)
			}
			old, err := readList(c.Args().Get(0))
			if err != nil {
				return err
			}
			nw, err := readList(c.Args().Get(1))
			if err != nil {
				return err
			}
			r := diff.Compare(old, nw)
			if format == "json" {
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				return enc.Encode(r)
			}
			fmt.Fprint(c.App.Writer, r.Markdown())
			return nil
		},
	}
}

// readList reads a list from an XML file or a sources folder.
func readList(p string) (*model.List, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		set, diags, err := source.Load(p)
		if err != nil {
			return nil, err
		}
		if diags.HasErrors() {
			return nil, fmt.Errorf("%s: %w", p, diags.Errors())
		}
		return set.List, nil
	}
	data, err := readLimited(p, xmldoc.DefaultLimits.MaxBytes)
	if err != nil {
		return nil, err
	}
	l, diags, err := tsl.Decode(data, tsl.DecodeOptions{File: p})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s: %w", p, diags.Errors())
	}
	return l, nil
}
