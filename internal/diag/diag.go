// Package diag defines the one diagnostic type shared by source loading,
// lint rules, list verification and the command line: a finding with a
// position, a stable rule or check name, a severity, a message and an
// optional fix. It is modelled on golang.org/x/tools/go/analysis.Diagnostic.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity orders findings; only Error makes a run fail.
type Severity int

// Severities, weakest first.
const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "info"
	}
}

// MarshalText renders the severity as its lowercase name in JSON output.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// A Pos is a 1-based position in a source file. A zero Line means the
// finding concerns the file (or no file) as a whole.
type Pos struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
}

// A Fix is a suggested correction: a verb phrase and, where one exists,
// the replacement value.
type Fix struct {
	Message string `json:"message"`
	Value   string `json:"value,omitempty"`
}

// A Related is a secondary position that helps explain a finding
// ("first declared here").
type Related struct {
	Pos     Pos    `json:"pos"`
	Message string `json:"message"`
}

// A Diagnostic is one finding.
type Diagnostic struct {
	// Rule is a lint rule ID (JTSL012), a verify check name or a source
	// error class (schema, yaml).
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Pos      Pos      `json:"pos"`
	// Path is the field path inside the file, such as services[0].status.
	Path    string    `json:"path,omitempty"`
	Message string    `json:"message"`
	Fix     *Fix      `json:"fix,omitempty"`
	Related []Related `json:"related,omitempty"`
}

// String renders the diagnostic in the file:line:col: form that editors and
// CI annotators parse.
func (d Diagnostic) String() string {
	var b strings.Builder
	if p := d.Pos.String(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	if d.Rule != "" {
		b.WriteString(" ")
		b.WriteString(d.Rule)
	}
	b.WriteString(": ")
	if d.Path != "" {
		b.WriteString(d.Path)
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	if d.Fix != nil {
		b.WriteString(" (fix: ")
		b.WriteString(d.Fix.Message)
		if d.Fix.Value != "" {
			b.WriteString(": ")
			b.WriteString(d.Fix.Value)
		}
		b.WriteString(")")
	}
	return b.String()
}

// List is a set of diagnostics. As an error it reports every finding.
type List []Diagnostic

// Error implements error: one finding per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// HasErrors reports whether any finding is of Error severity.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns the Error-severity findings, or nil.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders findings by file, line, column, then rule, so that output is
// stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Rule < b.Rule
	})
}

// Distance is the Levenshtein distance of a and b, or max when it is at
// least max (the search stops early): how far a typo is from the word
// meant, for "did you mean" suggestions.
func Distance(a, b string, max int) int {
	if len(a)-len(b) >= max || len(b)-len(a) >= max {
		return max
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], max)
}
