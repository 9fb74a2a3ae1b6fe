package diag

import (
	"fmt"
	"strings"
)

// A Status is the outcome of one named check.
type Status int

// Check outcomes. Only Fail makes a verification fail.
const (
	Pass Status = iota
	Warn
	Fail
	Skipped // not applicable to this input
)

func (s Status) String() string {
	switch s {
	case Pass:
		return "pass"
	case Warn:
		return "warn"
	case Fail:
		return "fail"
	default:
		return "skip"
	}
}

// MarshalText renders the status as its lowercase name in JSON output.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// A Check is the result of one named check of a verification, in the
// shape EU DSS reports them: a stable name, the rule it implements, the
// outcome and why. The names and rules are those of the registry in
// package verify (docs/checks.md).
type Check struct {
	// Name is stable, CamelCase: an ID of verify.Checks.
	Name string `json:"name"`
	// Rule names the requirement: an EU DSS rule ID or a clause.
	Rule   string `json:"rule,omitempty"`
	Status Status `json:"status"`
	// Detail says why, with the expected and the found value.
	Detail string `json:"detail,omitempty"`
	// Line is the 1-based line in the checked document, when known.
	Line int `json:"line,omitempty"`
}

// String renders the check as every report and error shows it:
// "Name [Rule]: detail (line N)".
func (c Check) String() string {
	s := c.Name
	if c.Rule != "" {
		s += " [" + c.Rule + "]"
	}
	s += ": " + c.Detail
	if c.Line > 0 {
		s += fmt.Sprintf(" (line %d)", c.Line)
	}
	return s
}

// Checks is an ordered list of check results.
type Checks []Check

// String renders the checks as every report and error lists them: each
// as Check.String renders it, separated by "; ".
func (cs Checks) String() string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.String()
	}
	return strings.Join(s, "; ")
}

// Failed reports whether any check failed.
func (cs Checks) Failed() bool {
	for _, c := range cs {
		if c.Status == Fail {
			return true
		}
	}
	return false
}
