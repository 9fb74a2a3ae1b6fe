package diff

import (
	"fmt"
	"strings"
)

// Markdown renders the report for review, e.g. as a pull-request comment.
func (r *Report) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Trusted list changes (%s)\n\n", r.New.Territory)
	if r.Old.Sequence > 0 {
		fmt.Fprintf(&b, "Against sequence %d", r.Old.Sequence)
		if r.Old.IssueTime != "" {
			fmt.Fprintf(&b, " (issued %s)", r.Old.IssueTime)
		}
		b.WriteString(".\n\n")
	}
	if r.Empty() {
		b.WriteString("No change.\n")
		return b.String()
	}
	if len(r.Scheme) > 0 {
		b.WriteString("### Scheme information\n\n")
		for _, f := range r.Scheme {
			fmt.Fprintf(&b, "- **%s**: `%s` → `%s`\n", f.Field, f.Old, f.New)
		}
		b.WriteString("\n")
	}
	for _, t := range r.TSPs {
		id := ""
		if t.ID != "" {
			id = " (" + t.ID + ")"
		}
		fmt.Fprintf(&b, "### TSP %s: %s%s\n\n", t.Change, t.Name, id)
		for _, f := range t.Fields {
			fmt.Fprintf(&b, "- **%s**: `%s` → `%s`\n", f.Field, f.Old, f.New)
		}
		for _, s := range t.Services {
			fmt.Fprintf(&b, "- service %s: **%s** (`%s`)\n", s.Change, s.Name, s.Type)
			if s.Status != nil {
				fmt.Fprintf(&b, "  - status `%s` → `%s` since %s\n", s.Status.From, s.Status.To, s.Status.Since)
			}
			if s.Certificate != nil {
				fmt.Fprintf(&b, "  - certificate SHA-256 `%s` → `%s`\n", s.Certificate.Old, s.Certificate.New)
			}
			for _, f := range s.Fields {
				fmt.Fprintf(&b, "  - %s: `%s` → `%s`\n", f.Field, f.Old, f.New)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}
