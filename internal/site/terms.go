package site

import (
	"fmt"
	"strings"
	"time"
)

// Terms are what a release says of the scheme's own vocabulary and of its
// equivalences with the EU's trust services: the page shows them as
// tables and out/mra/equivalences.json holds them, one value for both so
// that the two never differ.
type Terms struct {
	Vocabulary   []Term        `json:"vocabulary"`
	Recognitions []Recognition `json:"recognitions,omitempty"`
}

// A Term is one URI the scheme defines.
type Term struct {
	Kind       string `json:"kind"` // service_types, statuses or service_information
	URI        string `json:"uri"`
	Label      Text   `json:"label"`
	Definition Text   `json:"definition"`
	// InForce is set for a status: whether a service with it is approved.
	InForce *bool `json:"in_force,omitempty"`
	// EU names the EU legal identifiers whose equivalence (in the EU's
	// recognition of Japanese services) lists this URI on Japan's side.
	EU []string `json:"eu_equivalent,omitempty"`
}

// A Text is a value in Japanese and in English.
type Text struct {
	Ja string `json:"ja,omitempty"`
	En string `json:"en"`
}

// A Recognition is one direction of the mapping.
type Recognition struct {
	// Direction is recognition_by_eu (the EU recognises Japanese
	// services: the EC's pointer to the J-TSL) or recognition_by_japan.
	Direction string `json:"direction"`
	// Parties names the parties of a foreign list's mapping (mra.yaml
	// parties:); nil for Japan and the EU. Its List stands where Japan
	// does in the fields below, its Other where the EU does.
	Parties          *Parties      `json:"parties,omitempty"`
	JapanLegislation string        `json:"japan_legislation"`
	EULegislation    string        `json:"eu_legislation"`
	Equivalences     []Equivalence `json:"equivalences"`
}

// Parties are the names of a mapping's parties as mra.yaml writes them.
type Parties struct {
	List  string `json:"list"`
	Other string `json:"other"`
}

// ByOther says that the block is the other party's recognition of the
// list (the EU's, for the J-TSL).
func (r Recognition) ByOther() bool {
	if r.Parties != nil {
		return r.Direction == "recognition_by_"+r.Parties.Other
	}
	return r.Direction == "recognition_by_eu"
}

// An Equivalence is one legal identifier's current terms, and the status
// of its earlier versions.
type Equivalence struct {
	LegalIdentifier string    `json:"legal_identifier"`
	Status          string    `json:"status"` // enacted or repealed
	From            time.Time `json:"from"`
	Japan           Side      `json:"japan"`
	EU              Side      `json:"eu"`
	History         []Version `json:"history,omitempty"`
}

// A Side is one party's service types and statuses in an equivalence.
type Side struct {
	Types           []string `json:"types"` // type URI, then " + " and the additional information URI when one is given
	ValidStatuses   []string `json:"valid_statuses"`
	InvalidStatuses []string `json:"invalid_statuses"`
}

// A Version is an earlier version of an equivalence.
type Version struct {
	Status string    `json:"status"`
	From   time.Time `json:"from"`
}

// vocabulary finds the scheme's own terms by URI, for the labels of the
// services that use them.
type vocabulary map[string]*Term

func newVocabulary(t *Terms) vocabulary {
	v := vocabulary{}
	if t != nil {
		for i := range t.Vocabulary {
			v[t.Vocabulary[i].URI] = &t.Vocabulary[i]
		}
	}
	return v
}

func (v vocabulary) label(uri string, fallback func(string) label) label {
	if t, ok := v[uri]; ok {
		return label{t.Label.Ja, t.Label.En}
	}
	return fallback(uri)
}

func (v vocabulary) status(uri string, since time.Time) statusView {
	t, ok := v[uri]
	if !ok || t.InForce == nil {
		return statusOf(uri, since)
	}
	class := "bad"
	if *t.InForce {
		class = "ok"
	}
	return statusView{Label: label{t.Label.Ja, t.Label.En}, URI: uri, Class: class, Since: stampOf(since)}
}

// Markdown renders t as docs/vocabulary.md shows it: the same tables as
// the page, for readers of the repository.
func Markdown(t *Terms) string {
	var b strings.Builder
	cell := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	b.WriteString("# The J-TSL's vocabulary and mutual recognition mapping\n\n")
	b.WriteString("Generated from `sources/vocabulary.yaml` and `sources/mra.yaml` (`go generate ./internal/publish`); a release carries the same as `mra/equivalences.json` and on its page.\n\n")
	b.WriteString("## Vocabulary\n\n| URI | 日本語 | English | Definition | EU equivalent |\n| --- | --- | --- | --- | --- |\n")
	for _, v := range t.Vocabulary {
		eu := "—"
		if len(v.EU) > 0 {
			eu = "`" + strings.Join(v.EU, "`, `") + "`"
		}
		def := cell(v.Definition.En)
		if v.Definition.Ja != "" {
			def += "<br>" + cell(v.Definition.Ja)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", v.URI, cell(v.Label.Ja), cell(v.Label.En), def, eu)
	}
	list := func(us []string) string {
		if len(us) == 0 {
			return ""
		}
		return "`" + strings.Join(us, "`<br>`") + "`"
	}
	for _, r := range t.Recognitions {
		title := "Recognition by the EU (the block of the EC's pointer to the J-TSL, `mra/JP-pointer.xml`)"
		if !r.ByOther() {
			title = "Recognition by Japan (the block of the J-TSL's pointer to the EU list)"
		}
		fmt.Fprintf(&b, "\n## %s\n\nJapan's legislation `%s`; the EU's `%s`.\n\n", title, r.JapanLegislation, r.EULegislation)
		b.WriteString("| Legal identifier | Status | Japanese types | EU types | Valid statuses (Japan ⇔ EU) | Invalid statuses (Japan ⇔ EU) |\n| --- | --- | --- | --- | --- | --- |\n")
		for _, e := range r.Equivalences {
			status := e.Status + " from " + e.From.Format("2006-01-02")
			for _, h := range e.History {
				status += "<br>" + h.Status + " from " + h.From.Format("2006-01-02")
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s ⇔ %s | %s ⇔ %s |\n", e.LegalIdentifier, status, list(e.Japan.Types), list(e.EU.Types),
				list(e.Japan.ValidStatuses), list(e.EU.ValidStatuses), list(e.Japan.InvalidStatuses), list(e.EU.InvalidStatuses))
		}
	}
	return b.String()
}
