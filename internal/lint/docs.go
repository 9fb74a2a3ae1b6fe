package lint

//go:generate go test -run TestRulesDoc -update-docs

import (
	"fmt"
	"strings"
)

// Markdown renders the rule reference, docs/rules.md, from the registry.
func Markdown() string {
	var b strings.Builder
	b.WriteString(`# jtsl validate: rules

Generated from the registry of ` + "`internal/lint`" + ` by ` + "`go generate ./internal/lint`" + `
(` + "`go test ./internal/lint -update-docs`" + `); do not edit by hand.

` + "`jtsl validate`" + ` loads the sources, checks every file against the JSON Schemas of ` + "`schema/`" + `,
then runs the rules below, which say what a schema cannot: the requirements of ETSI TS 119 612 v2.4.1,
the checks of the EC TL Manager and the J-TSL's own policy (marked *J-TSL policy*, applied only when the
territory is JP). ` + "`jtsl build`" + ` runs the same rules and publishes nothing while an error remains.
The rules from JTSL060 judge the lists of trusted entities of ` + "`sources/lote`" + ` (ETSI TS 119 602 v1.1.1:
one folder per list, its ` + "`scheme.yaml`" + ` and ` + "`entities/*.yaml`" + `, and ` + "`lote/vocabulary.yaml`" + `), the profile
rules among them as ` + "`lote-check --profile`" + ` encodes the EU's, for a list whose ` + "`profile:`" + ` names one.
Rule IDs are stable: never renumbered, never reused. ` + "`jtsl validate --explain JTSL016`" + ` prints one rule.

## Output

Text (the default): one finding per line on stdout, in the form editors and CI annotators read,
then a summary on stderr:

    tsps/seiko.yaml:7:7: error JTSL016: trade_name.en: "NTRJP-6010401045679": the check digit … (fix: …)
    sources: 1 error(s), 0 warning(s)

` + "`--format json`" + ` prints one object, version 1. Fields are only ever added to a version; a change
of meaning gets a new version.

` + "```json" + `
{
  "version": 1,
  "sources": "sources",
  "diagnostics": [
    {
      "rule": "JTSL020",
      "severity": "error",
      "pos": {"file": "tsps/seiko-timestamp.yaml", "line": 4, "col": 7},
      "path": "name.en",
      "message": "the TSP with the name Seiko Solutions Inc. is already listed in …",
      "fix": {"message": "merge the two files into one TSP"},
      "related": [{"pos": {"file": "tsps/seiko-solutions.yaml", "line": 4, "col": 7}, "message": "first listed here"}]
    }
  ],
  "summary": {"errors": 1, "warnings": 0}
}
` + "```" + `

- ` + "`rule`" + `: a rule ID below, or for problems found before the rules run ` + "`schema`" + `, ` + "`yaml`" + `,
  ` + "`pem`" + `, ` + "`certificate`" + `, ` + "`encoding`" + `, ` + "`file`" + ` or ` + "`xml`" + `.
- ` + "`severity`" + `: ` + "`error`" + ` or ` + "`warning`" + `; only errors make the exit status 1.
- ` + "`pos`" + `: file relative to the sources folder, 1-based line and column; ` + "`path`" + `: the YAML path
  (keys joined by dots, sequence indexes in brackets).
- ` + "`fix`" + ` (optional): what to do, and ` + "`value`" + `, the replacement value, where there is one.
- ` + "`related`" + ` (optional): other positions that explain the finding.
- ` + "`diagnostics`" + ` is sorted by file, line, column and rule, and is ` + "`[]`" + ` when there is none.

Exit status: 0 when there is no error (warnings allowed), 1 when there is one, 2 for a usage error.
When a file fails its schema the rules do not run (they would judge an incomplete list).

## Rules

| ID | severity | title |
| --- | --- | --- |
`)
	for _, r := range Rules {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s |\n", r.ID, strings.ToLower(r.ID), r.Severity, r.Title)
	}
	for _, r := range Rules {
		fmt.Fprintf(&b, "\n### %s\n\n**%s** — %s, since %s.\n\n%s\n", r.ID, r.Title, r.Severity, r.Since, r.Doc)
	}
	return b.String()
}
