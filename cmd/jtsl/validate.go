package main

import (
	"encoding/json"
	"fmt"

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
		Description: `Loads the sources, validates every file against the JSON Schemas and runs the
semantic rules of docs/rules.md. Text output is one line per finding,
file:line:col: severity RULE: path: message (fix: …), the form editors and CI
annotators read; --format json prints {"version":1,"sources","diagnostics":[…],
"summary":{"errors","warnings"}} (documented in docs/rules.md). --explain prints
a rule's documentation.

## EXIT CODES
0 no error-level finding (warnings allowed); 1 at least one error; 2 usage error.

## EXAMPLES
  jtsl validate
  jtsl validate --format json > findings.json
  jtsl validate --explain JTSL016

## STANDARDS
ETSI TS 119 612 v2.4.1.`,
		Flags: []cli.Flag{sourcesFlag, formatFlag, issueTimeFlag,
			&cli.StringFlag{Name: "explain", Usage: "print the documentation of rule `ID`"}},
		Action: runValidate,
	}
}

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
	if id := c.String("explain"); id != "" {
		r := lint.Lookup(id)
		if r == nil {
			return usagef("no rule %q (see docs/rules.md)", id)
		}
		fmt.Fprintf(c.App.Writer, "%s: %s (%s, since %s)\n\n%s\n", r.ID, r.Title, r.Severity, r.Since, r.Doc)
		return nil
	}
	format := c.String("format")
	if format != "text" && format != "json" {
		return usagef("--format must be text or json, got %q", format)
	}
	at, err := issueTime(c)
	if err != nil {
		return err
	}
	set, findings, err := source.Load(c.String("sources"))
	if err != nil {
		return err
	}
	if !findings.HasErrors() {
		findings = append(findings, lint.Check(set, lint.Options{IssueTime: at})...)
	}
	findings.Sort()
	rep := validateReport{Version: 1, Sources: c.String("sources"), Diagnostics: findings}
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
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		for _, d := range findings {
			fmt.Fprintln(c.App.Writer, d.String())
		}
		fmt.Fprintf(c.App.ErrWriter, "%s: %d error(s), %d warning(s)\n", c.String("sources"), rep.Summary.Errors, rep.Summary.Warnings)
	}
	if rep.Summary.Errors > 0 {
		return &exitError{code: exitInvalid}
	}
	return nil
}
