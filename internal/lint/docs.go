package lint

import (
	"fmt"
	"strings"
)

// Markdown renders the rule reference (docs/rules.md) from the registry.
func Markdown() string {
	var b strings.Builder
	b.WriteString("# jtsl validate: rules\n\n")
	b.WriteString("Generated from `internal/lint` (`go test ./internal/lint -update-docs`); do not edit by hand.\n\n")
	b.WriteString("`jtsl validate` runs the JSON Schemas of `schema/` and then these rules. Each finding is printed as\n")
	b.WriteString("`file:line:col: severity RULE: path: message (fix: …)`. Rules marked *JP policy* apply only when the\n")
	b.WriteString("territory is JP. IDs are never renumbered or reused.\n\n")
	b.WriteString("## JSON output (`--format json`, version 1)\n\n")
	b.WriteString("```json\n{\"version\": 1, \"sources\": \"sources\",\n \"diagnostics\": [{\"rule\": \"JTSL016\", \"severity\": \"error\",\n   \"pos\": {\"file\": \"tsps/x.yaml\", \"line\": 7, \"col\": 7}, \"path\": \"trade_name\",\n   \"message\": \"…\", \"fix\": {\"message\": \"…\", \"value\": \"…\"}}],\n \"summary\": {\"errors\": 1, \"warnings\": 0}}\n```\n\n")
	b.WriteString("Schema and file problems use the rule names `schema`, `yaml`, `pem`, `certificate`, `encoding`, `file` and `xml`.\n\n")
	b.WriteString("| ID | severity | title |\n| --- | --- | --- |\n")
	for _, r := range Rules {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s |\n", r.ID, strings.ToLower(r.ID), r.Severity, r.Title)
	}
	for _, r := range Rules {
		fmt.Fprintf(&b, "\n## %s\n\n**%s** — %s, since %s.\n\n%s\n", r.ID, r.Title, r.Severity, r.Since, r.Doc)
	}
	return b.String()
}
