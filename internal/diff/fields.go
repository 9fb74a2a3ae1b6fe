package diff

import (
	"strconv"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/model"
)

// schemeChanges compares the TSLTag (clause 5.2.1) and SchemeInformation
// field by field (clause 5.3), leaving out what every release changes
// (see the package doc).
func schemeChanges(x, y *model.List) []FieldChange {
	var f fields
	f.value("TSLTag", x.Tag, y.Tag)
	a, b := &x.Scheme, &y.Scheme
	f.value("TSLVersionIdentifier", strconv.Itoa(a.VersionIdentifier), strconv.Itoa(b.VersionIdentifier))
	f.value("TSLType", a.Type, b.Type)
	f.multi("SchemeOperatorName", a.OperatorName, b.OperatorName)
	f.address("SchemeOperatorAddress", &a.OperatorAddress, &b.OperatorAddress)
	f.multi("SchemeName", a.Name, b.Name)
	f.multi("SchemeInformationURI", a.InformationURI, b.InformationURI)
	f.value("StatusDeterminationApproach", a.StatusDeterminationApproach, b.StatusDeterminationApproach)
	f.multi("SchemeTypeCommunityRules", a.CommunityRules, b.CommunityRules)
	f.value("SchemeTerritory", a.Territory, b.Territory)
	var pa, pb model.PolicyOrLegalNotice
	if a.PolicyOrLegalNotice != nil {
		pa = *a.PolicyOrLegalNotice
	}
	if b.PolicyOrLegalNotice != nil {
		pb = *b.PolicyOrLegalNotice
	}
	f.multi("PolicyOrLegalNotice/TSLPolicy", pa.Policies, pb.Policies)
	f.multi("PolicyOrLegalNotice/TSLLegalNotice", pa.LegalNotices, pb.LegalNotices)
	f.value("HistoricalInformationPeriod", strconv.Itoa(a.HistoricalInformationPeriod), strconv.Itoa(b.HistoricalInformationPeriod))
	f.pointers(a.Pointers, b.Pointers)
	// The date moves with every release; closing the list does not.
	if (a.NextUpdate == nil) != (b.NextUpdate == nil) {
		f.value("NextUpdate", nextUpdate(a.NextUpdate), nextUpdate(b.NextUpdate))
	}
	f.set("DistributionPoints", a.DistributionPoints, b.DistributionPoints)
	f.set("SchemeExtensions", extensions(a.Extensions), extensions(b.Extensions))
	return f
}

func nextUpdate(t *time.Time) string {
	switch {
	case t == nil:
		return "none (closed list)"
	case t.IsZero():
		return "open, date set at build" // a sources folder
	}
	return stamp(*t)
}

// tspFields compares TSPInformation (clause 5.4) without the services.
func tspFields(a, b *model.TSP) []FieldChange {
	var f fields
	f.multi("TSPName", a.Name, b.Name)
	f.multi("TSPTradeName", a.TradeName, b.TradeName)
	f.address("TSPAddress", &a.Address, &b.Address)
	f.multi("TSPInformationURI", a.InformationURI, b.InformationURI)
	f.set("TSPInformationExtensions", extensions(a.Extensions), extensions(b.Extensions))
	return f
}

// serviceFields compares ServiceInformation (clause 5.5) and ServiceHistory
// (clause 5.6), without status and certificates, which have their own
// place in the report.
func serviceFields(a, b *model.Service) []FieldChange {
	var f fields
	f.value("ServiceTypeIdentifier", a.Type, b.Type)
	f.multi("ServiceName", a.Name, b.Name)
	f.set("ServiceDigitalIdentity", identity(a.Identity), identity(b.Identity))
	f.multi("SchemeServiceDefinitionURI", a.SchemeServiceDefinitionURI, b.SchemeServiceDefinitionURI)
	f.set("ServiceSupplyPoints", supplyPoints(a.SupplyPoints), supplyPoints(b.SupplyPoints))
	f.multi("TSPServiceDefinitionURI", a.TSPServiceDefinitionURI, b.TSPServiceDefinitionURI)
	f.set("ServiceInformationExtensions", extensions(a.Extensions), extensions(b.Extensions))
	f.history(a, b)
	return f
}

// history compares ServiceHistory (clause 5.6). Entries are named by
// status, starting time and type; real lists repeat a name (for example
// when only an extension changed), so the n-th entry of a name in one list
// pairs with the n-th in the other. A status change moves the previous
// status into history: that entry is expected and not reported. Any other
// entry added or removed rewrites history, which clause 5.3.12
// (HistoricalInformationPeriod 65535) keeps for ever; an entry kept shows
// changes of its name, identity and extensions.
func (f *fields) history(a, b *model.Service) {
	key := func(status string, since time.Time, typ string) string {
		return status + " since " + stamp(since) + " as " + typ
	}
	number := func(hs []model.HistoryInstance, skip string) (keys []string, nth map[string][]*model.HistoryInstance) {
		nth = map[string][]*model.HistoryInstance{}
		for i := range hs {
			h := &hs[i]
			k := key(h.Status, h.StatusStartingTime, h.Type)
			if k == skip {
				skip = "" // expected once
				continue
			}
			keys = append(keys, k)
			nth[k] = append(nth[k], h)
		}
		return keys, nth
	}
	ka, oldNth := number(a.History, "")
	rolled := key(a.Status, a.StatusStartingTime, a.Type)
	if len(oldNth[rolled]) > 0 {
		rolled = "" // the current status was already in history
	}
	kb, newNth := number(b.History, rolled)
	seen := map[string]bool{}
	for _, k := range kb {
		if seen[k] {
			continue
		}
		seen[k] = true
		for n, h := range newNth[k] {
			if n >= len(oldNth[k]) {
				break
			}
			o := oldNth[k][n]
			p := "ServiceHistory[" + k + "]"
			f.multi(p+"/ServiceName", o.Name, h.Name)
			f.set(p+"/ServiceDigitalIdentity", identityAll(o.Identity), identityAll(h.Identity))
			f.set(p+"/ServiceInformationExtensions", extensions(o.Extensions), extensions(h.Extensions))
		}
	}
	f.set("ServiceHistory", ka, kb)
}

// fields collects field changes.
type fields []FieldChange

// value compares a single-valued field.
func (f *fields) value(name, a, b string) {
	if a != b {
		*f = append(*f, FieldChange{Field: name, Old: a, New: b})
	}
}

// set compares an unordered list of values, counting duplicates: each value
// removed and each value added, except that a value removed and a value
// added of the same kind (first word) — or the only ones — read as one
// value changed. A change of order alone is not reported.
func (f *fields) set(name string, a, b []string) {
	removed, added := minus(a, b), minus(b, a)
	kinds := func(vs []string) map[string]int {
		n := map[string]int{}
		for _, v := range vs {
			n[kind(v)]++
		}
		return n
	}
	kr, ka := kinds(removed), kinds(added)
	pair := map[string]string{} // removed value → added value
	for _, r := range removed {
		if k := kind(r); kr[k] == 1 && ka[k] == 1 {
			for _, x := range added {
				if kind(x) == k {
					pair[r] = x
				}
			}
		}
	}
	if len(removed) == 1 && len(added) == 1 {
		pair[removed[0]] = added[0]
	}
	paired := map[string]bool{}
	for _, r := range removed {
		if x, ok := pair[r]; ok {
			paired[x] = true
			*f = append(*f, FieldChange{Field: name, Old: r, New: x})
		} else {
			*f = append(*f, FieldChange{Field: name, Old: r})
		}
	}
	for _, x := range added {
		if !paired[x] {
			*f = append(*f, FieldChange{Field: name, New: x})
		}
	}
}

// minus returns the values of a that are not in b, as multisets, in order.
func minus(a, b []string) []string {
	left := map[string]int{}
	for _, v := range b {
		left[v]++
	}
	var out []string
	for _, v := range a {
		if left[v] > 0 {
			left[v]--
			continue
		}
		out = append(out, v)
	}
	return out
}

func kind(v string) string {
	k, _, _ := strings.Cut(v, " ")
	return k
}

// pointers compares PointersToOtherTSL (clause 5.3.13), matched one to
// one by TSLLocation, then by the qualifiers that name the pointed list
// (TSLType, SchemeTerritory, MimeType) so that a list that moved keeps its
// identity. A pointer kept shows what changed in it (a new signer
// certificate at a key roll-over, docs/checks.md R30); a pointer added or
// removed shows whole.
func (f *fields) pointers(a, b []model.Pointer) {
	const name = "PointersToOtherTSL"
	p := match(len(a), len(b),
		func(i int) []string { return []string{a[i].Location} },
		func(j int) []string { return []string{b[j].Location} },
	).then(
		func(i int) []string { return nonEmpty(pointedList(&a[i])) },
		func(j int) []string { return nonEmpty(pointedList(&b[j])) },
	)
	for j := range b {
		i := p.of[j]
		if i < 0 {
			*f = append(*f, FieldChange{Field: name, New: pointerLine(&b[j])})
			continue
		}
		n := name + "[" + b[j].Location + "]"
		f.value(n+"/TSLLocation", a[i].Location, b[j].Location)
		f.set(n, pointer(&a[i]), pointer(&b[j]))
	}
	for i := range a {
		if !p.paired[i] {
			*f = append(*f, FieldChange{Field: name, Old: pointerLine(&a[i])})
		}
	}
}

// multi compares a multilingual field language by language (clause
// 5.1.4): one value per language is a change from old to new, several
// (lists of URIs) a set.
func (f *fields) multi(name string, a, b model.MultiLang) {
	for _, lang := range languages(a, b) {
		va, vb := values(a, lang), values(b, lang)
		n := name + "[" + lang + "]"
		if len(va) == 1 && len(vb) == 1 {
			f.value(n, va[0], vb[0])
		} else {
			f.set(n, va, vb)
		}
	}
}

// address compares an AddressType (clauses 5.3.5, 5.4.3): one
// PostalAddress per language, and the ElectronicAddress URIs.
func (f *fields) address(name string, a, b *model.Address) {
	f.multi(name+"/PostalAddress", postal(a.Postal), postal(b.Postal))
	f.multi(name+"/ElectronicAddress", a.Electronic, b.Electronic)
}

func languages(ms ...model.MultiLang) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range ms {
		for _, s := range m {
			if !seen[s.Lang] {
				seen[s.Lang] = true
				out = append(out, s.Lang)
			}
		}
	}
	return out
}

func values(m model.MultiLang, lang string) []string {
	var out []string
	for _, s := range m {
		if s.Lang == lang {
			out = append(out, s.Value)
		}
	}
	return out
}

// stamp renders a time in the form of clause 5.1.3; "" for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(model.TimeLayout)
}
