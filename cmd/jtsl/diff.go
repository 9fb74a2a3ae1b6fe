package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/diag"
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
		Description: `OLD and NEW are each a trusted list (XML, any TS 119 612 version) or a sources
folder. The report lists scheme information, TSPs and services added, removed
or changed: status changes (from, to, starting time), certificate changes (old
and new SHA-256), names, types, addresses, URIs, extensions, and history
entries that were removed or rewritten. Sequence number, issue time, the date
of NextUpdate and the root Id, which every release changes, are shown but not
counted as changes.

TSPs are matched by registration identifier (TSPTradeName, e.g. NTRJP-…), then
by English name; services by certificate SHA-256 and type, then by type and
English name, so a new certificate on a service shows as a certificate change.

Markdown is for review (a pull-request comment); JSON is for machines, a stable
shape with "version": 1:
  {"version":1, "old":{…}, "new":{…}, "summary":{…}, "scheme":[field…],
   "tsps":[{"change","name","id","fields":[field…],"services":[{"change","name",
   "type","status":{"from","from_since","to","since"},
   "certificates":{"old":[…],"new":[…]},"fields":[field…]}]}]}
where a field is {"field","old","new"}; the package doc of internal/diff
describes every key.

## POSITIONAL ARGUMENTS
OLD, NEW  a list file (.xml, .xtsl) or a sources folder (scheme.yaml, tsps/)

## EXIT CODES
0 the report was written, whether or not anything changed; 1 OLD or NEW cannot
be read or does not decode as a trusted list (the findings go to stderr);
2 usage error.

## EXAMPLES
  jtsl diff out/JP-TSL.xml sources
  jtsl diff history/7/JP-TSL.xml out/JP-TSL.xml --format json

## STANDARDS
ETSI TS 119 612 v2.4.1 (clauses 5.3-5.6).`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "markdown", Category: "Output", Usage: "output `FORMAT`: markdown or json"},
		},
		Action: runDiff,
	}
}

func runDiff(c *cli.Context) error {
	if c.NArg() != 2 {
		return usagef("diff takes OLD and NEW, got %d arguments", c.NArg())
	}
	format, err := outputFormat(c, "markdown", "json")
	if err != nil {
		return err
	}
	old, err := readList(c.Args().Get(0), c.App.ErrWriter)
	if err != nil {
		return err
	}
	nw, err := readList(c.Args().Get(1), c.App.ErrWriter)
	if err != nil {
		return err
	}
	r := diff.Compare(old, nw)
	if format == "json" {
		return writeJSON(c.App.Writer, r)
	}
	_, err = io.WriteString(c.App.Writer, r.Markdown())
	return err
}

// readList reads a list from an XML file or a sources folder. Error-level
// findings make the input unreadable, as for jtsl import: a list decoded
// in part would show what is missing as removed. They go to stderr.
func readList(path string, stderr io.Writer) (*model.List, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read %w", err)
	}
	var l *model.List
	var findings diag.List
	if fi.IsDir() {
		set, diags, err := source.Load(path)
		if err != nil {
			return nil, err
		}
		l, findings = set.List, diags
		if l != nil && set.NextUpdateMonths > 0 {
			// The build dates NextUpdate; the sources only say the list
			// is not closed (clause 5.3.15), which a zero date means here.
			l.Scheme.NextUpdate = new(time.Time)
		}
	} else {
		data, err := readLimited(path, xmldoc.DefaultLimits.MaxBytes)
		if err != nil {
			return nil, err
		}
		l, findings, err = tsl.Decode(data, tsl.DecodeOptions{File: path})
		if err != nil {
			return nil, err
		}
	}
	if findings.HasErrors() {
		for _, d := range findings.Errors() {
			fmt.Fprintln(stderr, d.String())
		}
		return nil, &exitError{code: exitInvalid, err: fmt.Errorf("%s does not decode as a trusted list", path)}
	}
	return l, nil
}
