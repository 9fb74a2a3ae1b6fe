package lint

import (
	"fmt"
	"sort"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/source"
)

// A Rule is one semantic check.
type Rule struct {
	ID       string // JTSLnnn
	Title    string
	Doc      string // what and why, with a bad and a good example
	Severity diag.Severity
	Since    string
	Check    func(*Pass)
}

// Options give the build-time values the rules need. Time is injected.
type Options struct {
	IssueTime  time.Time
	NextUpdate time.Time // zero: IssueTime + the sources' next_update_months
}

// A Pass is one rule's run over a sources set.
type Pass struct {
	Set   *source.Set
	Opts  Options
	rule  *Rule
	diags diag.List
	svcs  *[]svcRef // shared by every rule of one Check: certificates parsed once
}

// services returns every service of the sources, computed once per Check.
func (p *Pass) services() []svcRef {
	if *p.svcs == nil {
		*p.svcs = services(p.Set)
	}
	return *p.svcs
}

// at reports a finding at a YAML path of a file.
func (p *Pass) at(f *source.File, path string, fix *diag.Fix, format string, args ...any) {
	p.diags = append(p.diags, diag.Diagnostic{
		Rule: p.rule.ID, Severity: p.rule.Severity, Pos: f.Pos(path), Path: path,
		Message: fmt.Sprintf(format, args...), Fix: fix,
	})
}

// Check runs every rule and returns their findings, sorted.
func Check(s *source.Set, opts Options) diag.List {
	if opts.NextUpdate.IsZero() && s.NextUpdateMonths > 0 && !opts.IssueTime.IsZero() {
		opts.NextUpdate = opts.IssueTime.AddDate(0, s.NextUpdateMonths, 0)
	}
	var all diag.List
	var svcs []svcRef
	for i := range Rules {
		p := &Pass{Set: s, Opts: opts, rule: &Rules[i], svcs: &svcs}
		Rules[i].Check(p)
		all = append(all, p.diags...)
	}
	all.Sort()
	return all
}

// Lookup returns the rule with an ID, or nil.
func Lookup(id string) *Rule {
	i := sort.Search(len(Rules), func(i int) bool { return Rules[i].ID >= id })
	if i < len(Rules) && Rules[i].ID == id {
		return &Rules[i]
	}
	return nil
}
