package lint

import (
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/source"
)

// A Rule is one semantic check with a stable identity and documentation.
type Rule struct {
	// ID is JTSLnnn: stable, never renumbered or reused.
	ID string
	// Title says in a few words what is wrong when the rule fires.
	Title string
	// Doc explains the rule and its source (TS 119 612 clause, DSS rule,
	// TL Manager check) and gives a bad and a good YAML example.
	Doc      string
	Severity diag.Severity
	// Since is the jtsl version that introduced the rule.
	Since string
	// Check judges the J-TSL's sources; LoTE, one list of trusted
	// entities (CheckLoTE); LoTESet, what the lists share (their
	// vocabulary and mra.yaml's correspondence), once. A rule has one of
	// the three.
	Check   func(*Pass)
	LoTE    func(*LoTEPass)
	LoTESet func(*LoTEPass)
}

// Options give the build-time values the rules need. Rules that depend on
// a time are skipped when it is zero.
type Options struct {
	// IssueTime is the ListIssueDateTime the list will carry.
	IssueTime time.Time
	// NextUpdate is the NextUpdate the list will carry. If zero, it is
	// IssueTime plus the sources' next_update_months (none for a closed
	// list).
	NextUpdate time.Time
}

// A Pass is one rule's run over a sources set.
type Pass struct {
	Set   *source.Set
	Opts  Options
	rule  *Rule
	diags diag.List
	cache *cache // shared by every rule of one Check
}

// cache holds what several rules derive from the sources, computed once
// per Check before the rules run (concurrently), so that they only read
// it.
type cache struct {
	svcs  []svcRef
	langs []langField
	uris  []uriRef
}

// services returns every service of the sources with its certificates
// parsed.
func (p *Pass) services() []svcRef { return p.cache.svcs }

// uris returns every URI value of the sources.
func (p *Pass) uris() []uriRef { return p.cache.uris }

// langFields returns every multilingual field of the sources.
func (p *Pass) langFields() []langField { return p.cache.langs }

// report adds a finding of the running rule at a location of the
// sources.
func (p *Pass) report(at source.Loc, fix *diag.Fix, related []diag.Related, format string, args ...any) {
	p.diags = append(p.diags, diag.Diagnostic{
		Rule: p.rule.ID, Severity: p.rule.Severity, Pos: at.Pos(), Path: at.Path(),
		Message: fmt.Sprintf(format, args...), Fix: fix, Related: related,
	})
}

// at reports a finding without related positions.
func (p *Pass) at(at source.Loc, fix *diag.Fix, format string, args ...any) {
	p.report(at, fix, nil, format, args...)
}

// loc returns where the model value v was written (see source.Set.Loc).
func (p *Pass) loc(v any) source.Loc { return p.Set.Loc(v) }

// fix builds a suggested fix: a verb phrase and, where one exists, the
// replacement value.
func fix(msg, value string) *diag.Fix { return &diag.Fix{Message: msg, Value: value} }

// Check runs every rule over a loaded sources set and returns the findings,
// sorted by position.
func Check(s *source.Set, opts Options) diag.List {
	if opts.NextUpdate.IsZero() && s.NextUpdateMonths > 0 && !opts.IssueTime.IsZero() {
		opts.NextUpdate = opts.IssueTime.AddDate(0, s.NextUpdateMonths, 0)
	}
	c := newCache(s)
	// Rules only read the sources and the cache: they run on every core.
	passes := make([]*Pass, len(Rules))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				passes[i] = &Pass{Set: s, Opts: opts, rule: &Rules[i], cache: c}
				if Rules[i].Check != nil {
					Rules[i].Check(passes[i])
				}
			}
		})
	}
	for i := range Rules {
		next <- i
	}
	close(next)
	wg.Wait()
	var all diag.List
	for _, p := range passes {
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
