package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/lint"
	"github.com/jtsl/jtsl/internal/source"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check the sources (JSON Schema and lint rules) without signing",
		UsageText: "jtsl validate [--sources DIR] [--format text|json] [--issue-time TIME] [--explain JTSLnnn]",
		Description: `Loads the sources (the J-TSL's, and the lists of trusted entities under
lote/ when there are any), validates every file against the JSON Schemas
and, when they pass, runs the semantic rules of docs/rules.md at the issue time
(--issue-time, else SOURCE_DATE_EPOCH, else now). Nothing is built or signed.

Text output is one line per finding on stdout,
  file:line:col: severity RULE: path: message (fix: what to do: value)
the form editors and CI annotators read, and a summary on stderr.
--format json prints one object, version 1 (described in docs/rules.md):
  {"version": 1, "sources": DIR,
   "diagnostics": [{"rule", "severity", "pos": {"file", "line", "col"},
                    "path", "message", "fix"?: {"message", "value"?},
                    "related"?: [{"pos", "message"}]}…],
   "summary": {"errors": N, "warnings": N}}
--explain ID prints the documentation of one rule and checks nothing.

## EXIT CODES
0 no error-level finding (warnings allowed); 1 at least one error, or the
sources cannot be read; 2 usage error (bad flag, unknown rule ID).

## EXAMPLES
  jtsl validate
  jtsl validate --sources sources --format json > findings.json
  jtsl validate --explain JTSL016

## STANDARDS
ETSI TS 119 612 v2.4.1 (trusted lists); RFC 3339 (times); RFC 5646
(language tags); ISO 3166-1 (country codes).`,
		Flags: []cli.Flag{sourcesFlag, formatFlag, issueTimeFlag,
			&cli.StringFlag{Name: "explain", Category: "Output", Usage: "print the documentation of rule `ID` (such as JTSL016, yaml or schema)"}},
		Action: runValidate,
	}
}

// validateReport is the JSON output of jtsl validate, version 1.
type validateReport struct {
	Version     int       `json:"version"`
	Sources     string    `json:"sources"`
	Diagnostics diag.List `json:"diagnostics"`
	Summary     struct {
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
	} `json:"summary"`
}

func runValidate(c *cli.Context) error {
	if c.Args().Present() {
		return usagef("validate takes no arguments, got %q (use --sources DIR)", c.Args().First())
	}
	if id := c.String("explain"); id != "" {
		r := lint.Lookup(strings.ToUpper(id))
		if r == nil {
			if title, doc := source.Explain(id); title != "" {
				fmt.Fprintf(c.App.Writer, "%s: %s (error)\n\n%s\n", strings.ToLower(id), title, doc)
				return nil
			}
			return usagef("--explain: no rule %q (docs/rules.md lists them; yaml, schema, encoding and file are the loader's)", id)
		}
		fmt.Fprintf(c.App.Writer, "%s: %s (%s, since %s)\n\n%s\n", r.ID, r.Title, r.Severity, r.Since, r.Doc)
		return nil
	}
	format, err := outputFormat(c, "text", "json")
	if err != nil {
		return err
	}
	at, err := issueTime(c)
	if err != nil {
		return err
	}
	dir := c.String("sources")
	set, findings, err := source.Load(dir)
	if err != nil {
		return err
	}
	// The rules judge a complete list; schema errors leave gaps in it.
	if !findings.HasErrors() {
		findings = append(findings, lint.Check(set, lint.Options{IssueTime: at})...)
	}
	// The lists of trusted entities beside it (sources/lote), if any.
	lotes, lf, err := source.LoadLoTE(dir)
	if err != nil {
		return err
	}
	if findings = append(findings, lf...); lotes != nil && !lf.HasErrors() {
		findings = append(findings, lint.CheckLoTE(lotes, lint.Options{IssueTime: at})...)
	}
	findings.Sort()
	rep := validateReport{Version: 1, Sources: dir, Diagnostics: findings}
	if rep.Diagnostics == nil {
		rep.Diagnostics = diag.List{}
	}
	for _, d := range findings {
		switch d.Severity {
		case diag.Error:
			rep.Summary.Errors++
		case diag.Warning:
			rep.Summary.Warnings++
		}
	}
	if format == "json" {
		if err := writeJSON(c.App.Writer, rep); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	} else {
		for _, d := range findings {
			fmt.Fprintln(c.App.Writer, d.String())
		}
		fmt.Fprintf(c.App.ErrWriter, "%s: %d error(s), %d warning(s)\n", dir, rep.Summary.Errors, rep.Summary.Warnings)
	}
	if rep.Summary.Errors > 0 {
		return &exitError{code: exitInvalid}
	}
	return nil
}
