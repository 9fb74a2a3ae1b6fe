// Package diff compares two trusted lists semantically — scheme fields,
// TSPs and services added, removed or changed, status and certificate
// changes — for review (Markdown) and for machines (JSON). A change report
// is what a supervisory body approves before a release.
//
// TSPs are matched by their registration identifier (TSPTradeName, TS 119
// 612 clause 5.4.2), else by English name; services by the SHA-256 of
// their certificate, else by type and English name.
package diff

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/jtsl/jtsl/internal/model"
)

// A Report is the change report. Its JSON shape is stable (Version 1).
type Report struct {
	Version int           `json:"version"`
	Old     ListInfo      `json:"old"`
	New     ListInfo      `json:"new"`
	Scheme  []FieldChange `json:"scheme,omitempty"`
	TSPs    []TSPChange   `json:"tsps,omitempty"`
}

// ListInfo identifies one side of the comparison.
type ListInfo struct {
	Territory string `json:"territory"`
	Sequence  int    `json:"sequence,omitempty"`
	IssueTime string `json:"issue_time,omitempty"`
}

// A FieldChange is one changed field.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old,omitempty"`
	New   string `json:"new,omitempty"`
}

// A TSPChange describes one TSP that was added, removed or changed.
type TSPChange struct {
	Name     string          `json:"name"`
	ID       string          `json:"id,omitempty"` // registration identifier
	Change   string          `json:"change"`       // added | removed | changed
	Fields   []FieldChange   `json:"fields,omitempty"`
	Services []ServiceChange `json:"services,omitempty"`
}

// A ServiceChange describes one service that was added, removed or changed.
type ServiceChange struct {
	Name        string        `json:"name"`
	Type        string        `json:"type"`
	Change      string        `json:"change"`
	Status      *StatusChange `json:"status,omitempty"`
	Certificate *CertChange   `json:"certificate,omitempty"`
	Fields      []FieldChange `json:"fields,omitempty"`
}

// A StatusChange is a new ServiceStatus.
type StatusChange struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Since string `json:"since"`
}

// A CertChange is a changed service certificate, by SHA-256.
type CertChange struct {
	Old string `json:"old,omitempty"`
	New string `json:"new,omitempty"`
}

// Empty reports whether nothing changed.
func (r *Report) Empty() bool { return len(r.Scheme) == 0 && len(r.TSPs) == 0 }

func info(l *model.List) ListInfo {
	li := ListInfo{Territory: l.Scheme.Territory, Sequence: l.Scheme.SequenceNumber}
	if !l.Scheme.ListIssueDateTime.IsZero() {
		li.IssueTime = l.Scheme.ListIssueDateTime.Format(model.TimeLayout)
	}
	return li
}

// Compare returns what changed from old to new. Sequence number, issue
// time and NextUpdate, which every release changes, are not reported.
func Compare(old, new *model.List) *Report {
	r := &Report{Version: 1, Old: info(old), New: info(new)}
	r.Scheme = schemeChanges(&old.Scheme, &new.Scheme)
	oldT := indexTSPs(old.Providers)
	seen := map[string]bool{}
	for i := range new.Providers {
		t := &new.Providers[i]
		k := tspKey(t)
		seen[k] = true
		o, ok := oldT[k]
		if !ok {
			r.TSPs = append(r.TSPs, TSPChange{Name: name(t.Name), ID: regID(t), Change: "added", Services: allServices(t, "added")})
			continue
		}
		if c := tspChange(o, t); c != nil {
			r.TSPs = append(r.TSPs, *c)
		}
	}
	for i := range old.Providers {
		t := &old.Providers[i]
		if !seen[tspKey(t)] {
			r.TSPs = append(r.TSPs, TSPChange{Name: name(t.Name), ID: regID(t), Change: "removed", Services: allServices(t, "removed")})
		}
	}
	return r
}

func schemeChanges(a, b *model.Scheme) []FieldChange {
	x, y := *a, *b
	x.SequenceNumber, y.SequenceNumber = 0, 0
	x.ListIssueDateTime = y.ListIssueDateTime
	x.NextUpdate, y.NextUpdate = nil, nil
	return fieldChanges(reflect.ValueOf(x), reflect.ValueOf(y), "")
}

// fieldChanges compares the fields of two structs one level deep.
func fieldChanges(a, b reflect.Value, prefix string) []FieldChange {
	var out []FieldChange
	for i := 0; i < a.NumField(); i++ {
		fa, fb := a.Field(i), b.Field(i)
		if reflect.DeepEqual(fa.Interface(), fb.Interface()) {
			continue
		}
		out = append(out, FieldChange{Field: prefix + a.Type().Field(i).Name, Old: short(fa.Interface()), New: short(fb.Interface())})
	}
	return out
}

// short renders a value for a report line.
func short(v any) string {
	var s string
	switch x := v.(type) {
	case model.MultiLang:
		var parts []string
		for _, l := range x {
			parts = append(parts, l.Lang+": "+l.Value)
		}
		s = strings.Join(parts, "; ")
	case string:
		s = x
	default:
		s = fmt.Sprintf("%v", v)
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

var regIDRe = regexp.MustCompile(`^(VAT|NTR|PAS|IDC|PNO|TIN)[A-Z]{2}-`)

func regID(t *model.TSP) string {
	for _, n := range t.TradeName {
		if regIDRe.MatchString(n.Value) {
			return n.Value
		}
	}
	return ""
}

func name(m model.MultiLang) string {
	if v := m.Get("en"); v != "" {
		return v
	}
	if len(m) > 0 {
		return m[0].Value
	}
	return ""
}

func tspKey(t *model.TSP) string {
	if id := regID(t); id != "" {
		return "id:" + id
	}
	return "name:" + name(t.Name)
}

func indexTSPs(ts []model.TSP) map[string]*model.TSP {
	m := map[string]*model.TSP{}
	for i := range ts {
		m[tspKey(&ts[i])] = &ts[i]
	}
	return m
}

func certSum(s *model.Service) string {
	for _, d := range s.Identity {
		if d.Certificate != nil {
			sum := sha256.Sum256(d.Certificate)
			return hex.EncodeToString(sum[:])
		}
	}
	return ""
}

func svcKey(s *model.Service) string {
	if c := certSum(s); c != "" {
		return "cert:" + c
	}
	return "svc:" + s.Type + "|" + name(s.Name)
}

func allServices(t *model.TSP, change string) []ServiceChange {
	var out []ServiceChange
	for i := range t.Services {
		s := &t.Services[i]
		out = append(out, ServiceChange{Name: name(s.Name), Type: s.Type, Change: change})
	}
	return out
}

func tspChange(o, n *model.TSP) *TSPChange {
	c := &TSPChange{Name: name(n.Name), ID: regID(n), Change: "changed"}
	a, b := *o, *n
	a.Services, b.Services = nil, nil
	c.Fields = fieldChanges(reflect.ValueOf(a), reflect.ValueOf(b), "")
	old := map[string]*model.Service{}
	for i := range o.Services {
		old[svcKey(&o.Services[i])] = &o.Services[i]
	}
	// Also match by type and name, so that a new certificate on a
	// service shows as a certificate change, not as remove + add.
	byName := map[string]*model.Service{}
	for i := range o.Services {
		byName[o.Services[i].Type+"|"+name(o.Services[i].Name)] = &o.Services[i]
	}
	used := map[*model.Service]bool{}
	for i := range n.Services {
		s := &n.Services[i]
		os, ok := old[svcKey(s)]
		if !ok {
			os, ok = byName[s.Type+"|"+name(s.Name)]
		}
		if !ok || used[os] {
			c.Services = append(c.Services, ServiceChange{Name: name(s.Name), Type: s.Type, Change: "added"})
			continue
		}
		used[os] = true
		if sc := serviceChange(os, s); sc != nil {
			c.Services = append(c.Services, *sc)
		}
	}
	for i := range o.Services {
		if !used[&o.Services[i]] {
			c.Services = append(c.Services, ServiceChange{Name: name(o.Services[i].Name), Type: o.Services[i].Type, Change: "removed"})
		}
	}
	if len(c.Fields) == 0 && len(c.Services) == 0 {
		return nil
	}
	return c
}

func serviceChange(o, n *model.Service) *ServiceChange {
	c := &ServiceChange{Name: name(n.Name), Type: n.Type, Change: "changed"}
	if o.Status != n.Status || !o.StatusStartingTime.Equal(n.StatusStartingTime) {
		c.Status = &StatusChange{From: o.Status, To: n.Status, Since: n.StatusStartingTime.Format(model.TimeLayout)}
	}
	if a, b := certSum(o), certSum(n); a != b {
		c.Certificate = &CertChange{Old: a, New: b}
	}
	x, y := *o, *n
	x.Status, y.Status = "", ""
	x.StatusStartingTime = y.StatusStartingTime
	x.History, y.History = nil, nil
	x.Identity, y.Identity = nil, nil
	c.Fields = fieldChanges(reflect.ValueOf(x), reflect.ValueOf(y), "")
	if c.Status == nil && c.Certificate == nil && len(c.Fields) == 0 {
		return nil
	}
	return c
}
