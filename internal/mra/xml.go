package mra

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// Element is the block's local name; EU DSS finds it by this name in any
// OtherInformation of a pointer.
const Element = "MutualRecognitionAgreementInformation"

// Parse decodes a document whose root is the block (as JP-pointer.xml's
// OtherInformation holds it, or a file of its own). file names the input
// in errors. Hostile input is bounded by xmldoc's limits.
func Parse(data []byte, file string) (*Agreement, error) {
	doc, err := xmldoc.ParseBytes(data, xmldoc.Limits{})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	root := doc.Root()
	if root == nil || root.Tag != Element || root.NamespaceURI() != model.NSMRA {
		return nil, fmt.Errorf("%s: root element is not mra:%s {%s}", file, Element, model.NSMRA)
	}
	a, diags := Decode(root, file, doc.Line)
	if diags.HasErrors() {
		return nil, diags
	}
	return a, nil
}

// FromPointer returns the block carried by a pointer's OtherInformation
// (the verbatim XML the list decoder keeps), or nil when there is none.
// Like EU DSS it looks for the local name only.
func FromPointer(p model.Pointer, file string) (*Agreement, error) {
	for _, info := range p.AdditionalInformation {
		if info.Other == nil || !strings.Contains(info.Other.XML, Element) {
			continue
		}
		doc, err := xmldoc.ParseBytes([]byte("<r>"+info.Other.XML+"</r>"), xmldoc.Limits{})
		if err != nil {
			return nil, fmt.Errorf("%s: pointer to %s: OtherInformation: %w", file, p.Location, err)
		}
		for _, k := range doc.Root().ChildElements() {
			if k.Tag == Element {
				a, diags := Decode(k, file+" (pointer to "+p.Location+")", nil)
				if diags.HasErrors() {
					return nil, diags
				}
				return a, nil
			}
		}
	}
	return nil, nil
}

// Decode decodes the block e strictly, in schema order, reporting every
// problem with its path (and line, when line is not nil).
func Decode(e *etree.Element, file string, line func(*etree.Element) int) (*Agreement, diag.List) {
	f := tsl.NewFragment(file, line)
	d := decoder{f}
	a := &Agreement{}
	path := "/" + Element
	f.CheckAttrs(e, path, "technicalType", "version", "pointingContractingPartyLegislation", "pointedContractingPartyLegislation", "MRADepth")
	a.TechnicalType = d.intAttr(e, path, "technicalType")
	a.Version = d.intAttr(e, path, "version")
	a.PointingLegislation = d.uriAttr(e, path, "pointingContractingPartyLegislation")
	a.PointedLegislation = d.uriAttr(e, path, "pointedContractingPartyLegislation")
	a.MRADepth = d.intAttr(e, path, "MRADepth")
	list := d.f.Some(e, path, model.NSMRA, "TrustServiceEquivalenceInformation")
	for i, x := range list {
		p := fmt.Sprintf("%s/TrustServiceEquivalenceInformation[%d]", path, i+1)
		var eq Equivalence
		ec := f.Children(x, p)
		if k := ec.Req(model.NSMRA, "TrustServiceLegalIdentifier"); k != nil {
			eq.LegalIdentifier = f.String(k, p+"/TrustServiceLegalIdentifier", true)
		}
		eq.Terms = d.terms(ec, p)
		for j, h := range ec.Many(model.NSMRA, "TrustServiceEquivalenceHistory") {
			hp := fmt.Sprintf("%s/TrustServiceEquivalenceHistory[%d]", p, j+1)
			var hist History
			for k, in := range d.f.Some(h, hp, model.NSMRA, "TrustServiceEquivalenceHistoryInstance") {
				ip := fmt.Sprintf("%s/TrustServiceEquivalenceHistoryInstance[%d]", hp, k+1)
				ic := f.Children(in, ip)
				hist.Instances = append(hist.Instances, d.terms(ic, ip))
				ic.Done()
			}
			eq.History = append(eq.History, hist)
		}
		ec.Done()
		a.Equivalences = append(a.Equivalences, eq)
	}
	return a, f.Diagnostics()
}

type decoder struct{ f *tsl.Fragment }

func (d decoder) intAttr(e *etree.Element, path, name string) int {
	a := e.SelectAttr(name)
	if a == nil {
		d.f.Errorf(e, path+"/@"+name, "missing required attribute %s", name)
		return 0
	}
	n, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(a.Value), "+"))
	if err != nil {
		d.f.Errorf(e, path+"/@"+name, "%q is not an xsd:integer", a.Value)
	}
	return n
}

func (d decoder) uriAttr(e *etree.Element, path, name string) string {
	a := e.SelectAttr(name)
	if a == nil {
		d.f.Errorf(e, path+"/@"+name, "missing required attribute %s", name)
		return ""
	}
	return d.f.URIValue(e, path+"/@"+name, a.Value)
}

// terms decodes the sequence shared by the current terms and a history
// instance, from the cursor's position on.
func (d decoder) terms(c tsl.Cursor, path string) Terms {
	f := d.f
	var t Terms
	if x := c.Req(model.NSMRA, "TrustServiceTSLTypeEquivalenceList"); x != nil {
		p := path + "/TrustServiceTSLTypeEquivalenceList"
		tc := f.Children(x, p)
		t.Types.Pointing = d.types(tc.Req(model.NSMRA, "TrustServiceTSLTypeListPointingParty"), p+"/TrustServiceTSLTypeListPointingParty")
		t.Types.Pointed = d.types(tc.Req(model.NSMRA, "TrustServiceTSLTypeListPointedParty"), p+"/TrustServiceTSLTypeListPointedParty")
		tc.Done()
	}
	if x := c.Req(model.NSMRA, "TrustServiceEquivalenceStatus"); x != nil {
		t.Status = f.URI(x, path+"/TrustServiceEquivalenceStatus")
	}
	if x := c.Req(model.NSMRA, "TrustServiceEquivalenceStatusStartingTime"); x != nil {
		t.StatusStartingTime = f.DateTime(x, path+"/TrustServiceEquivalenceStatusStartingTime")
	}
	if x := c.Req(model.NSMRA, "TrustServiceTSLStatusEquivalenceList"); x != nil {
		p := path + "/TrustServiceTSLStatusEquivalenceList"
		sc := f.Children(x, p)
		t.Statuses.Valid = d.statusPair(sc.Req(model.NSMRA, "TrustServiceTSLStatusValidEquivalence"), p+"/TrustServiceTSLStatusValidEquivalence")
		t.Statuses.Invalid = d.statusPair(sc.Req(model.NSMRA, "TrustServiceTSLStatusInvalidEquivalence"), p+"/TrustServiceTSLStatusInvalidEquivalence")
		sc.Done()
	}
	if x := c.Opt(model.NSMRA, "CertificateContentReferencesEquivalenceList"); x != nil {
		p := path + "/CertificateContentReferencesEquivalenceList"
		t.CertificateContent = []ContentEquivalence{}
		for i, y := range d.f.Some(x, p, model.NSMRA, "CertificateContentReferenceEquivalence") {
			yp := fmt.Sprintf("%s/CertificateContentReferenceEquivalence[%d]", p, i+1)
			yc := f.Children(y, yp)
			var ce ContentEquivalence
			if z := yc.Req(model.NSMRA, "CertificateContentReferenceEquivalenceContext"); z != nil {
				ce.Context = f.URI(z, yp+"/CertificateContentReferenceEquivalenceContext")
			}
			if z := yc.Req(model.NSMRA, "CertificateContentDeclarationPointingParty"); z != nil {
				ce.Pointing = f.CriteriaList(z, yp+"/CertificateContentDeclarationPointingParty")
			}
			if z := yc.Req(model.NSMRA, "CertificateContentDeclarationPointedParty"); z != nil {
				ce.Pointed = f.CriteriaList(z, yp+"/CertificateContentDeclarationPointedParty")
			}
			yc.Done()
			t.CertificateContent = append(t.CertificateContent, ce)
		}
	}
	if x := c.Opt(model.NSMRA, "TrustServiceTSLQualificationExtensionEquivalenceList"); x != nil {
		p := path + "/TrustServiceTSLQualificationExtensionEquivalenceList"
		qc := f.Children(x, p)
		q := &QualifierEquivalence{}
		if n := qc.Req(model.NSMRA, "TrustServiceTSLQualificationExtensionName"); n != nil {
			np := p + "/TrustServiceTSLQualificationExtensionName"
			nc := f.Children(n, np)
			if k := nc.Req(model.NSMRA, "TrustServiceTSLQualificationExtensionNamePointingParty"); k != nil {
				q.NamePointing = f.String(k, np+"/TrustServiceTSLQualificationExtensionNamePointingParty", false)
			}
			if k := nc.Req(model.NSMRA, "TrustServiceTSLQualificationExtensionNamePointedParty"); k != nil {
				q.NamePointed = f.String(k, np+"/TrustServiceTSLQualificationExtensionNamePointedParty", false)
			}
			nc.Done()
		}
		lists := qc.Many(model.NSMRA, "QualifierEquivalenceList")
		if len(lists) == 0 {
			qc.Req(model.NSMRA, "QualifierEquivalenceList")
		}
		qc.Done()
		for i, l := range lists {
			lp := fmt.Sprintf("%s/QualifierEquivalenceList[%d]", p, i+1)
			pairs := []QualifierPair{}
			for _, qe := range d.f.Some(l, lp, model.NSMRA, "QualifierEquivalence") {
				qp := lp + "/QualifierEquivalence"
				ec := f.Children(qe, qp)
				var pair QualifierPair
				pair.Pointing = d.qualifier(ec.Req(model.NSMRA, "QualifierPointingParty"), qp+"/QualifierPointingParty")
				pair.Pointed = d.qualifier(ec.Req(model.NSMRA, "QualifierPointedParty"), qp+"/QualifierPointedParty")
				ec.Done()
				pairs = append(pairs, pair)
			}
			q.Lists = append(q.Lists, pairs)
		}
		t.Qualifiers = q
	}
	return t
}

func (d decoder) types(e *etree.Element, path string) []ServiceType {
	if e == nil {
		return nil
	}
	out := []ServiceType{}
	for i, x := range d.f.Some(e, path, model.NSMRA, "TrustServiceTSLType") {
		p := fmt.Sprintf("%s/TrustServiceTSLType[%d]", path, i+1)
		tc := d.f.Children(x, p)
		var st ServiceType
		if k := tc.Req(model.NSTSL, "ServiceTypeIdentifier"); k != nil {
			st.Type = d.f.URI(k, p+"/ServiceTypeIdentifier")
		}
		if k := tc.Opt(model.NSTSL, "AdditionalServiceInformation"); k != nil {
			asi := d.f.AdditionalServiceInformation(k, p+"/AdditionalServiceInformation")
			st.ASI = &asi
		}
		tc.Done()
		out = append(out, st)
	}
	return out
}

func (d decoder) statusPair(e *etree.Element, path string) StatusPair {
	var sp StatusPair
	if e == nil {
		return sp
	}
	c := d.f.Children(e, path)
	sp.Pointing = d.statuses(c.Req(model.NSMRA, "TrustServiceTSLStatusListPointingParty"), path+"/TrustServiceTSLStatusListPointingParty")
	sp.Pointed = d.statuses(c.Req(model.NSMRA, "TrustServiceTSLStatusListPointedParty"), path+"/TrustServiceTSLStatusListPointedParty")
	c.Done()
	return sp
}

func (d decoder) statuses(e *etree.Element, path string) []string {
	if e == nil {
		return nil
	}
	out := []string{}
	for _, x := range d.f.Some(e, path, model.NSTSL, "ServiceStatus") {
		out = append(out, d.f.URI(x, path+"/ServiceStatus"))
	}
	return out
}

// qualifier decodes an ecc:QualifierType element: its uri attribute.
func (d decoder) qualifier(e *etree.Element, path string) string {
	if e == nil {
		return ""
	}
	d.f.CheckAttrs(e, path, "uri")
	d.f.Children(e, path).Done()
	return d.uriAttr(e, path, "uri")
}

// Marshal encodes the block as a self-contained element (every namespace
// it uses declared on it), two-space indented, the same bytes for the same
// value: the verbatim XML a pointer's OtherInformation holds
// (model.OtherInformation.XML). It refuses a block the MRA schema would
// refuse.
func Marshal(a *Agreement) (string, error) {
	if err := a.check(); err != nil {
		return "", err
	}
	doc := etree.NewDocument()
	root := doc.CreateElement("mra:" + Element)
	for _, p := range tsl.FragmentPrefixes {
		root.CreateAttr("xmlns:"+p.Prefix, p.NS)
	}
	root.CreateAttr("technicalType", strconv.Itoa(a.TechnicalType))
	root.CreateAttr("version", strconv.Itoa(a.Version))
	root.CreateAttr("pointingContractingPartyLegislation", a.PointingLegislation)
	root.CreateAttr("pointedContractingPartyLegislation", a.PointedLegislation)
	root.CreateAttr("MRADepth", strconv.Itoa(a.MRADepth))
	w := &tsl.FragmentEncoder{}
	for i := range a.Equivalences {
		eq := &a.Equivalences[i]
		ee := w.El(root, "mra", "TrustServiceEquivalenceInformation")
		w.Text(ee, "mra", "TrustServiceLegalIdentifier", eq.LegalIdentifier)
		encodeTerms(w, ee, &eq.Terms)
		for _, h := range eq.History {
			he := w.El(ee, "mra", "TrustServiceEquivalenceHistory")
			for j := range h.Instances {
				encodeTerms(w, w.El(he, "mra", "TrustServiceEquivalenceHistoryInstance"), &h.Instances[j])
			}
		}
	}
	w.Finish(root, 0)
	if err := w.Err(); err != nil {
		return "", fmt.Errorf("MRA block: %w", err)
	}
	return doc.WriteToString()
}

func encodeTerms(w *tsl.FragmentEncoder, parent *etree.Element, t *Terms) {
	tl := w.El(parent, "mra", "TrustServiceTSLTypeEquivalenceList")
	encodeTypes(w, w.El(tl, "mra", "TrustServiceTSLTypeListPointingParty"), t.Types.Pointing)
	encodeTypes(w, w.El(tl, "mra", "TrustServiceTSLTypeListPointedParty"), t.Types.Pointed)
	w.Text(parent, "mra", "TrustServiceEquivalenceStatus", t.Status)
	w.Text(parent, "mra", "TrustServiceEquivalenceStatusStartingTime", w.Time(t.StatusStartingTime))
	sl := w.El(parent, "mra", "TrustServiceTSLStatusEquivalenceList")
	for _, sp := range []struct {
		name string
		p    StatusPair
	}{{"TrustServiceTSLStatusValidEquivalence", t.Statuses.Valid}, {"TrustServiceTSLStatusInvalidEquivalence", t.Statuses.Invalid}} {
		se := w.El(sl, "mra", sp.name)
		pe := w.El(se, "mra", "TrustServiceTSLStatusListPointingParty")
		for _, s := range sp.p.Pointing {
			w.Text(pe, "tsl", "ServiceStatus", s)
		}
		de := w.El(se, "mra", "TrustServiceTSLStatusListPointedParty")
		for _, s := range sp.p.Pointed {
			w.Text(de, "tsl", "ServiceStatus", s)
		}
	}
	if t.CertificateContent != nil {
		cl := w.El(parent, "mra", "CertificateContentReferencesEquivalenceList")
		for i := range t.CertificateContent {
			ce := &t.CertificateContent[i]
			e := w.El(cl, "mra", "CertificateContentReferenceEquivalence")
			w.Text(e, "mra", "CertificateContentReferenceEquivalenceContext", ce.Context)
			w.CriteriaList(w.El(e, "mra", "CertificateContentDeclarationPointingParty"), &ce.Pointing)
			w.CriteriaList(w.El(e, "mra", "CertificateContentDeclarationPointedParty"), &ce.Pointed)
		}
	}
	if q := t.Qualifiers; q != nil {
		qe := w.El(parent, "mra", "TrustServiceTSLQualificationExtensionEquivalenceList")
		ne := w.El(qe, "mra", "TrustServiceTSLQualificationExtensionName")
		w.Text(ne, "mra", "TrustServiceTSLQualificationExtensionNamePointingParty", q.NamePointing)
		w.Text(ne, "mra", "TrustServiceTSLQualificationExtensionNamePointedParty", q.NamePointed)
		for _, l := range q.Lists {
			le := w.El(qe, "mra", "QualifierEquivalenceList")
			for _, p := range l {
				pe := w.El(le, "mra", "QualifierEquivalence")
				w.El(pe, "mra", "QualifierPointingParty").CreateAttr("uri", p.Pointing)
				w.El(pe, "mra", "QualifierPointedParty").CreateAttr("uri", p.Pointed)
			}
		}
	}
}

func encodeTypes(w *tsl.FragmentEncoder, parent *etree.Element, types []ServiceType) {
	for _, st := range types {
		te := w.El(parent, "mra", "TrustServiceTSLType")
		w.Text(te, "tsl", "ServiceTypeIdentifier", st.Type)
		if st.ASI != nil {
			w.AdditionalServiceInformation(te, st.ASI)
		}
	}
}

// check refuses what the MRA schema requires and the value lacks, naming
// the element.
func (a *Agreement) check() error {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	if a.PointingLegislation == "" || a.PointedLegislation == "" {
		bad("pointingContractingPartyLegislation and pointedContractingPartyLegislation must not be empty")
	}
	if len(a.Equivalences) == 0 {
		bad("at least one TrustServiceEquivalenceInformation is required")
	}
	for i, eq := range a.Equivalences {
		p := fmt.Sprintf("TrustServiceEquivalenceInformation[%d]", i+1)
		if strings.TrimSpace(eq.LegalIdentifier) == "" {
			bad("%s: TrustServiceLegalIdentifier must not be empty", p)
		}
		eq.Terms.check(p, bad)
		for j, h := range eq.History {
			hp := fmt.Sprintf("%s/TrustServiceEquivalenceHistory[%d]", p, j+1)
			if len(h.Instances) == 0 {
				bad("%s: at least one TrustServiceEquivalenceHistoryInstance is required", hp)
			}
			for k, in := range h.Instances {
				in.check(fmt.Sprintf("%s/TrustServiceEquivalenceHistoryInstance[%d]", hp, k+1), bad)
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("MRA block: %s", strings.Join(errs, "; "))
	}
	return nil
}

func (t *Terms) check(p string, bad func(string, ...any)) {
	if len(t.Types.Pointing) == 0 || len(t.Types.Pointed) == 0 {
		bad("%s: TrustServiceTSLTypeEquivalenceList needs pointing and pointed service types", p)
	}
	for _, st := range append(append([]ServiceType{}, t.Types.Pointing...), t.Types.Pointed...) {
		if st.Type == "" {
			bad("%s: empty ServiceTypeIdentifier", p)
		}
		if st.ASI != nil && st.ASI.URI.Value == "" {
			bad("%s: AdditionalServiceInformation without URI", p)
		}
	}
	if t.Status == "" {
		bad("%s: TrustServiceEquivalenceStatus must not be empty", p)
	}
	if t.StatusStartingTime.IsZero() {
		bad("%s: TrustServiceEquivalenceStatusStartingTime is required", p)
	}
	if len(t.Statuses.Valid.Pointing) == 0 || len(t.Statuses.Valid.Pointed) == 0 {
		bad("%s: TrustServiceTSLStatusValidEquivalence needs pointing and pointed statuses", p)
	}
	if len(t.Statuses.Invalid.Pointing) == 0 || len(t.Statuses.Invalid.Pointed) == 0 {
		bad("%s: TrustServiceTSLStatusInvalidEquivalence needs pointing and pointed statuses", p)
	}
	if t.CertificateContent != nil && len(t.CertificateContent) == 0 {
		bad("%s: CertificateContentReferencesEquivalenceList needs at least one CertificateContentReferenceEquivalence", p)
	}
	for i, ce := range t.CertificateContent {
		if ce.Context == "" {
			bad("%s: CertificateContentReferenceEquivalence[%d]: empty context", p, i+1)
		}
	}
	if q := t.Qualifiers; q != nil {
		if len(q.Lists) == 0 {
			bad("%s: TrustServiceTSLQualificationExtensionEquivalenceList needs a QualifierEquivalenceList", p)
		}
		for _, l := range q.Lists {
			if len(l) == 0 {
				bad("%s: a QualifierEquivalenceList needs at least one QualifierEquivalence", p)
			}
		}
	}
}
