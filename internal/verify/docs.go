package verify

//go:generate go test -run TestChecksDoc -update-docs

import (
	"fmt"
	"strings"
)

// Markdown renders the check reference, docs/checks.md, from the registry.
func Markdown() string {
	var b strings.Builder
	b.WriteString(`# jtsl verify: checks

Generated from the registry of ` + "`internal/verify`" + ` by ` + "`go generate ./internal/verify`" + `
(` + "`go test ./internal/verify -update-docs`" + `); do not edit by hand.

` + "`jtsl verify`" + ` checks a trusted list the way a consumer does, EU DSS above all, and reports every
check below by name with ` + "`pass`" + `, ` + "`warn`" + `, ` + "`fail`" + ` or ` + "`skip`" + ` and why. The same checks, by the same code,
verify what ` + "`jtsl build`" + ` and ` + "`jtsl sign`" + ` have just signed, the previous release a build continues
from, and every list ` + "`jtsl trust`" + ` reads. Only ` + "`fail`" + ` makes a list invalid. Check names are stable.
` + "`jtsl verify --explain SignatureValue`" + ` prints one check.

Each check cites the requirement it implements: an EU DSS rule (R1…R31, below), a clause of
ETSI TS 119 612 v2.4.1, or XSW for a defence against signature wrapping.

## Checks

| check | title | rules |
| --- | --- | --- |
`)
	for _, c := range Checks {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s |\n", c.ID, strings.ToLower(c.ID), c.Title, strings.Join(c.Rules, ", "))
	}
	for _, c := range Checks {
		fmt.Fprintf(&b, "\n### %s\n\n%s\n", c.ID, explain(c))
	}
	b.WriteString(`
## EU DSS rules

What EU DSS 6.4 requires of a trusted list it loads (its TL validation job, the structure verifier,
the TL validation policy and the TL analysis block of its reports), numbered as the checks cite it.
Rules that concern a download or a list of lists are not checks of one file; they say where jtsl
takes care of them.

| rule | requirement |
| --- | --- |
`)
	for _, r := range DSSRules {
		fmt.Fprintf(&b, "| %s | **%s.** %s |\n", r.ID, r.Title, r.Doc)
	}
	return b.String()
}

// explain is one check's documentation, as --explain prints it.
func explain(c Definition) string {
	rules := "none (a condition of jtsl itself)"
	if len(c.Rules) > 0 {
		rules = strings.Join(c.Rules, ", ")
	}
	return fmt.Sprintf("**%s** — rules: %s.\n\n%s", c.Title, rules, c.Doc)
}

// Explain is the text `jtsl verify --explain` prints for a check: its
// documentation, then the EU DSS rules it cites.
func (c *Definition) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n%s\n", c.ID, c.Title, c.Doc)
	for _, id := range c.Rules {
		for _, r := range DSSRules {
			if r.ID == id {
				fmt.Fprintf(&b, "\n%s — %s: %s\n", r.ID, r.Title, r.Doc)
			}
		}
	}
	return b.String()
}
