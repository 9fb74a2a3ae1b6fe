package trust

import (
	"crypto/x509"
	"slices"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/mra"
)

// A Translation is what EU DSS makes of a certificate issued under a third
// country's services through the MRA block of the pointer it followed
// (mra.md §5): the translated service periods, the certificate's QC
// statements after translation, and the mapping records.
type Translation struct {
	Periods []Period `json:"trust_services"`
	// Content is the certificate's QC content as the EU rules read it;
	// Original the certificate's own.
	Content  Content `json:"-"`
	Original Content `json:"-"`
	// Enacted: the certificate content was translated by an enacted
	// equivalence; LegalIdentifier is then that equivalence's (EU DSS
	// getMRAEnactedTrustServiceLegalIdentifier).
	Enacted         bool         `json:"enacted"`
	LegalIdentifier string       `json:"mra_legal_identifier,omitempty"`
	Contexts        []MRAContext `json:"certificate_content_equivalences,omitempty"`
	// Notes are what EU DSS only logs (several equivalences match,
	// versions disagree): the reason a translation did not happen.
	Notes []string `json:"notes,omitempty"`
}

// An MRAContext records whether one certificate content equivalence applied.
type MRAContext struct {
	URI     string `json:"uri"`
	Enacted bool   `json:"enacted"`
}

// An Evaluation is a Translation with the qualification at the certificate's
// issuance and at a time.
type Evaluation struct {
	Translation
	AtIssuance Qualification `json:"qualification_at_issuance"`
	AtTime     Qualification `json:"qualification_at_time"`
}

// Evaluate applies a to the periods of the third-country services that
// cover cert (see Periods) and qualifies the certificate at its
// notBefore and at t. It reads no clock: the same input gives the same
// answer.
func Evaluate(a *mra.Agreement, periods []Period, cert *x509.Certificate, t time.Time) Evaluation {
	return EvaluateAll([]Group{{a, periods}}, cert, t)
}

// A Group is the periods of the services one list gives for a
// certificate, with the MRA block of the pointer the list was reached
// through (nil: none, the periods are used as they are).
type Group struct {
	Agreement *mra.Agreement
	Periods   []Period
}

// EvaluateAll is Evaluate over several lists, as EU DSS judges a
// certificate with the services of every list that covers it. The
// certificate's content is the first enacted translation's.
func EvaluateAll(groups []Group, cert *x509.Certificate, t time.Time) Evaluation {
	orig := ContentOf(cert)
	r := Translation{Content: orig, Original: orig}
	for _, g := range groups {
		if g.Agreement == nil {
			r.Periods = append(r.Periods, g.Periods...)
			continue
		}
		gr := Translate(g.Agreement, g.Periods, cert)
		r.Periods = append(r.Periods, gr.Periods...)
		r.Notes = append(r.Notes, gr.Notes...)
		if gr.Enacted && !r.Enacted {
			r.Content, r.Enacted, r.LegalIdentifier, r.Contexts = gr.Content, true, gr.LegalIdentifier, gr.Contexts
		}
	}
	return Evaluation{
		Translation: r,
		AtIssuance:  Qualify(cert.NotBefore, r.Content, r.Periods, cert.NotBefore),
		AtTime:      Qualify(cert.NotBefore, r.Content, r.Periods, t),
	}
}

// version is one time-bounded version of an equivalence (EU DSS
// ServiceEquivalence).
type version struct {
	legalID    string
	terms      *mra.Terms
	start      time.Time
	end        *time.Time
	typeMap    []typePair
	statusMap  []statusPair
	qualifiers map[string]string
}

type typeKey struct{ typ, asi string }

type typePair struct{ pointed, pointing typeKey }

type statusPair struct{ pointed, pointing []string }

// versions lists an equivalence's versions newest first: the current
// terms (open-ended), then each history instance in document order, each
// ending where the previously listed one starts (TrustServiceEquivalenceConverter).
func versions(eq *mra.Equivalence) []version {
	vs := []version{newVersion(eq.LegalIdentifier, &eq.Terms, nil)}
	for i := range eq.History {
		for j := range eq.History[i].Instances {
			end := vs[len(vs)-1].start
			vs = append(vs, newVersion(eq.LegalIdentifier, &eq.History[i].Instances[j], &end))
		}
	}
	return vs
}

func newVersion(legalID string, t *mra.Terms, end *time.Time) version {
	v := version{legalID: legalID, terms: t, start: t.StatusStartingTime, end: end, qualifiers: map[string]string{}}
	// Every pointed type maps to the last pointing type (a nested loop
	// that overwrites).
	if n := len(t.Types.Pointing); n > 0 {
		last := key(t.Types.Pointing[n-1])
		for _, p := range t.Types.Pointed {
			k := key(p)
			if !slices.ContainsFunc(v.typeMap, func(tp typePair) bool { return tp.pointed == k }) {
				v.typeMap = append(v.typeMap, typePair{k, last})
			}
		}
	}
	// A map keyed by the pointed list: an invalid list equal to the valid
	// one replaces it.
	if !slices.Equal(t.Statuses.Valid.Pointed, t.Statuses.Invalid.Pointed) {
		v.statusMap = append(v.statusMap, statusPair{t.Statuses.Valid.Pointed, t.Statuses.Valid.Pointing})
	}
	v.statusMap = append(v.statusMap, statusPair{t.Statuses.Invalid.Pointed, t.Statuses.Invalid.Pointing})
	if t.Qualifiers != nil {
		for _, l := range t.Qualifiers.Lists {
			for _, p := range l {
				v.qualifiers[p.Pointed] = p.Pointing
			}
		}
	}
	return v
}

func key(st mra.ServiceType) typeKey {
	k := typeKey{typ: st.Type}
	if st.ASI != nil {
		k.asi = st.ASI.URI.Value
	}
	return k
}

// after keeps the versions still current at or after notBefore
// (TimeDependentValues.getAfter).
func after(vs []version, notBefore time.Time) []version {
	var out []version
	for _, v := range vs {
		if v.end == nil || !v.end.Before(notBefore) {
			out = append(out, v)
		}
	}
	return out
}

func (v *version) matchKey(p *Period) (typePair, bool) {
	for _, tp := range v.typeMap {
		if p.Type == tp.pointed.typ && (tp.pointed.asi == "" || slices.Contains(p.ASIs, tp.pointed.asi)) {
			return tp, true
		}
	}
	return typePair{}, false
}

func (v *version) matchStatus(status string) ([]string, bool) {
	for _, sp := range v.statusMap {
		if slices.Contains(sp.pointed, status) {
			return sp.pointing, true
		}
	}
	return nil, false
}

// Translate applies a to the periods of the services covering cert, as
// EU DSS's diagnostic data builder does (mra.md §5).
func Translate(a *mra.Agreement, periods []Period, cert *x509.Certificate) Translation {
	orig := ContentOf(cert)
	r := Translation{Content: orig, Original: orig}
	var all [][]version
	for i := range a.Equivalences {
		all = append(all, versions(&a.Equivalences[i]))
	}
	for _, p := range splitASI(periods) {
		var matches [][]version
		for _, vs := range all {
			for _, v := range after(vs, cert.NotBefore) {
				_, typeOK := v.matchKey(&p)
				_, statusOK := v.matchStatus(p.Status)
				if typeOK && statusOK {
					matches = append(matches, vs)
					break
				}
			}
		}
		if len(matches) != 1 {
			if len(matches) > 1 {
				r.Notes = append(r.Notes, "more than one MRA equivalence found for the service "+p.Service+": MRA rules are not applied")
			}
			p.MRAList = true
			r.Periods = append(r.Periods, p)
			continue
		}
		used := after(matches[0], cert.NotBefore)
		for i := range used {
			r.Periods = append(r.Periods, translateService(p, &used[i]))
		}
		r.translateCertificate(cert, used)
	}
	return r
}

// splitASI gives one copy of each period per AdditionalServiceInformation
// URI, each carrying that URI only.
func splitASI(periods []Period) []Period {
	var out []Period
	for _, p := range periods {
		if len(p.ASIs) <= 1 {
			out = append(out, p)
			continue
		}
		for _, asi := range p.ASIs {
			c := p
			c.ASIs = []string{asi}
			out = append(out, c)
		}
	}
	return out
}

// translateService is EU DSS's getEquivalent: the pointing type and ASI,
// the first pointing status, the qualifiers mapped (unmapped ones kept;
// none at all without a qualifier map).
func translateService(p Period, v *version) Period {
	t := Period{TSP: p.TSP, Service: p.Service, Start: p.Start, End: p.End, MRAList: true,
		OriginalType: p.Type, OriginalStatus: p.Status, OriginalASIs: p.ASIs, OriginalQualifiers: p.Qualifiers,
		EnactedMRA: v.terms.Status == mra.StatusEnacted, MRALegalIdentifier: v.legalID}
	start := v.start
	t.MRAEquivalenceStart, t.MRAEquivalenceEnd = &start, v.end
	if tp, ok := v.matchKey(&p); ok {
		t.Type = tp.pointing.typ
		asi := tp.pointing.asi
		if len(p.ASIs) > 0 && p.ASIs[0] != tp.pointed.asi {
			asi = p.ASIs[0]
		}
		if asi != "" {
			t.ASIs = []string{asi}
		}
	}
	if pointing, ok := v.matchStatus(p.Status); ok && len(pointing) > 0 {
		t.Status = pointing[0]
	}
	if len(v.qualifiers) > 0 {
		for _, q := range p.Qualifiers {
			if m := v.qualifiers[q]; m != "" {
				q = m
			}
			t.Qualifiers = append(t.Qualifiers, q)
		}
	}
	return t
}

// translateCertificate replaces the certificate's QC content with the
// first usable version's (enacted, issued within its period, fitting its
// pointing ASIs); versions that disagree cancel it (DDB translateCertificate).
func (r *Translation) translateCertificate(cert *x509.Certificate, used []version) {
	var got *Content
	var contexts []MRAContext
	var legalID string
	for i := range used {
		v := &used[i]
		if v.terms.Status != mra.StatusEnacted || !r.fits(cert, v) {
			continue
		}
		c, ctx, ok := applyContent(r.Content, cert, v)
		if !ok {
			continue
		}
		if got == nil {
			got, contexts, legalID = &c, ctx, v.legalID
		} else if !sameContent(*got, c) {
			r.Notes = append(r.Notes, "enacted MRA equivalences with legal identifier "+v.legalID+" lead to different certificate content: not applied")
			return
		}
	}
	if got == nil {
		return
	}
	if !r.Original.HasQcStatements {
		// EU DSS records the translation in the certificate's
		// qcStatements extension and finds it again by the extension's
		// OID; one it creates for a certificate without the extension has
		// none, so the translation is lost (DDB getQcStatements,
		// CertificateWrapper.getXmlQcStatements).
		r.Notes = append(r.Notes, "the certificate has no qcStatements extension: EU DSS does not keep the certificate content translation of "+legalID)
		return
	}
	r.Content, r.Enacted, r.LegalIdentifier, r.Contexts = *got, true, legalID, contexts
}

// fits: the certificate was issued within the version's period and fits
// its pointing ASIs (checkCertTypeAsiEquivalence).
func (r *Translation) fits(cert *x509.Certificate, v *version) bool {
	nb := cert.NotBefore
	if nb.Before(v.start) || (v.end != nil && nb.After(*v.end)) {
		return false
	}
	c := r.Content
	for _, tp := range v.typeMap {
		asi := tp.pointing.asi
		if asi == "" {
			return true
		}
		switch {
		case len(c.QcTypes) > 0:
			for _, qt := range c.QcTypes {
				if qcTypeASI[qt] == asi {
					return true
				}
			}
		case c.QcCompliance:
			if asi == model.InfoForeSignatures {
				return true
			}
		default:
			return true
		}
	}
	return false
}

var qcTypeASI = map[string]string{
	OIDQcTypeESign: model.InfoForeSignatures,
	OIDQcTypeESeal: model.InfoForeSeals,
	OIDQcTypeWeb:   model.InfoForWebSiteAuthentication,
}

func sameContent(a, b Content) bool {
	set := func(s []string) map[string]bool {
		m := map[string]bool{}
		for _, x := range s {
			m[x] = true
		}
		return m
	}
	at, bt := set(a.QcTypes), set(b.QcTypes)
	if len(at) != len(bt) {
		return false
	}
	for k := range at {
		if !bt[k] {
			return false
		}
	}
	return a.QcCompliance == b.QcCompliance && a.QcSSCD == b.QcSSCD
}

// applyContent applies a version's certificate content equivalences to c
// (applyCertContentEquivalence); false when it has none.
func applyContent(c Content, cert *x509.Certificate, v *version) (Content, []MRAContext, bool) {
	if len(v.terms.CertificateContent) == 0 {
		return c, nil, false
	}
	c.QcTypes = slices.Clone(c.QcTypes)
	c.QcCClegislation = slices.Clone(c.QcCClegislation)
	var ctxs []MRAContext
	for _, ce := range v.terms.CertificateContent {
		switch ce.Context {
		case mra.ContextQcCompliance, mra.ContextQcType, mra.ContextQcQSCD:
		default:
			continue // unknown contexts are skipped
		}
		ctx := MRAContext{URI: ce.Context}
		if CriteriaMatch(ce.Pointed, cert) {
			rep := replacement(ce.Pointing)
			switch ce.Context {
			case mra.ContextQcCompliance:
				c.QcCompliance = slices.Contains(rep.add.stmts, OIDQcCompliance)
				if len(rep.add.ccs) > 0 {
					c.QcCClegislation = slices.Clone(rep.add.ccs)
				}
				if slices.Contains(rep.remove.stmts, OIDQcCompliance) {
					c.QcCompliance = false
				}
				if slices.Contains(rep.remove.stmts, OIDQcCClegislation) {
					if len(rep.remove.ccs) > 0 {
						c.QcCClegislation = slices.DeleteFunc(c.QcCClegislation, func(s string) bool { return slices.Contains(rep.remove.ccs, s) })
					} else {
						c.QcCClegislation = nil
					}
				}
			case mra.ContextQcType:
				if len(rep.add.types) > 0 {
					c.QcTypes = slices.Clone(rep.add.types)
				}
				if slices.Contains(rep.remove.stmts, OIDQcType) {
					if len(rep.remove.types) > 0 {
						c.QcTypes = slices.DeleteFunc(c.QcTypes, func(s string) bool { return slices.Contains(rep.remove.types, s) })
					} else {
						c.QcTypes = nil
					}
				}
			case mra.ContextQcQSCD:
				c.QcSSCD = slices.Contains(rep.add.stmts, OIDQcSSCD) && !slices.Contains(rep.remove.stmts, OIDQcSSCD)
			}
			ctx.Enacted = true
		}
		ctxs = append(ctxs, ctx)
	}
	return c, ctxs, true
}

// facts are QC statement OIDs, QcType OIDs and legislation countries.
type facts struct{ stmts, types, ccs []string }

func (f *facts) merge(o facts) {
	for _, s := range o.stmts {
		if !slices.Contains(f.stmts, s) {
			f.stmts = append(f.stmts, s)
		}
	}
	for _, s := range o.types {
		if !slices.Contains(f.types, s) {
			f.types = append(f.types, s)
		}
	}
	for _, s := range o.ccs {
		if !slices.Contains(f.ccs, s) {
			f.ccs = append(f.ccs, s)
		}
	}
}

type repl struct{ add, remove facts }

// replacement extracts the QC statement facts a pointing-party
// declaration states (TrustServiceEquivalenceConverter.getQCStatementOids):
// all = every child, atLeastOne = the first child only, none = the
// children's facts with add and remove swapped. Children come in EU DSS's
// order: key usages, policy sets, otherCriteriaList items, nested lists;
// only QcStatementSet leaves state facts.
func replacement(cl model.CriteriaList) repl {
	var children []func() repl
	for range cl.KeyUsage {
		children = append(children, func() repl { return repl{} })
	}
	for range cl.PolicySets {
		children = append(children, func() repl { return repl{} })
	}
	if cl.Other != nil {
		for _, o := range cl.Other.Items {
			set := o.QcStatementSet
			children = append(children, func() repl {
				var r repl
				for _, q := range set {
					var leaf facts
					if id := oid(q.ID.Identifier); id != "" {
						leaf.stmts = []string{id}
					}
					if q.QcType != nil {
						if id := oid(q.QcType.Identifier); id != "" {
							leaf.types = []string{id}
						}
					}
					if q.QcCClegislation != nil && *q.QcCClegislation != "" {
						leaf.ccs = []string{*q.QcCClegislation}
					}
					r.add.merge(leaf)
				}
				return r
			})
		}
	}
	for i := range cl.CriteriaList {
		nested := cl.CriteriaList[i]
		children = append(children, func() repl { return replacement(nested) })
	}
	var r repl
	switch cl.Assert {
	case "atLeastOne":
		if len(children) > 0 {
			c := children[0]()
			r.add.merge(c.add)
			r.remove.merge(c.remove)
		}
	case "none":
		for _, ch := range children {
			c := ch()
			r.add.merge(c.remove)
			r.remove.merge(c.add)
		}
	default:
		for _, ch := range children {
			c := ch()
			r.add.merge(c.add)
			r.remove.merge(c.remove)
		}
	}
	return r
}

// oid normalises "urn:oid:1.2.3" and "1.2.3" (DSSUtils.getObjectIdentifierValue).
func oid(s string) string { return strings.TrimPrefix(strings.TrimSpace(s), "urn:oid:") }
