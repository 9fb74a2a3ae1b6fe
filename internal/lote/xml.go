package lote

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

// Prefixes the XML encoder declares on the root.
const (
	pLoTE = "lote"
	pSIE  = "sie"
	pTIE  = "tie"
	pDS   = "ds"
)

// binding is TS 119 602's copy of TS 119 612's shared types (names,
// addresses, URI lists, digital identities): package tsl reads and writes
// them in this namespace with its own code.
var binding = tsl.Binding{NS: NS, Prefix: pLoTE, OtherID: "OtherId"}

// EncodeXML returns the unsigned XML binding of l: root
// ListOfTrustedEntities, elements in schema order, two-space indentation.
// The same list always gives the same document. An extension that came
// from the JSON binding in no known shape has no XML form: an error.
func EncodeXML(l *List) (*etree.Document, error) {
	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	root := doc.CreateElement(pLoTE + ":ListOfTrustedEntities")
	for _, ns := range [][2]string{{pLoTE, NS}, {pDS, model.NSDS}, {pSIE, NSSIE}, {pTIE, NSTIE}} {
		root.CreateAttr("xmlns:"+ns[0], ns[1])
	}
	tag := l.Tag
	if tag == "" {
		tag = Tag
	}
	root.CreateAttr("LOTETag", tag)
	if l.ID != "" {
		root.CreateAttr("Id", l.ID)
	}
	w := &xenc{f: tsl.NewFragmentEncoder(binding)}
	w.scheme(root, &l.Scheme)
	if l.Entities != nil {
		tl := w.el(root, "TrustedEntitiesList")
		for i := range l.Entities {
			w.entity(tl, &l.Entities[i])
		}
	}
	if w.err == nil {
		w.err = w.f.Err()
	}
	if w.err != nil {
		return nil, w.err
	}
	w.f.Finish(root, 0)
	doc.InsertChildAt(root.Index(), etree.NewText("\n"))
	return doc, nil
}

// MarshalXML returns the bytes of EncodeXML(l).
func MarshalXML(l *List) ([]byte, error) {
	doc, err := EncodeXML(l)
	if err != nil {
		return nil, err
	}
	return doc.WriteToBytes()
}

type xenc struct {
	f   *tsl.FragmentEncoder
	err error
}

func (w *xenc) el(parent *etree.Element, name string) *etree.Element {
	return w.f.El(parent, pLoTE, name)
}

func (w *xenc) text(parent *etree.Element, name, s string) *etree.Element {
	return w.f.Text(parent, pLoTE, name, s)
}

func (w *xenc) scheme(root *etree.Element, s *Scheme) {
	si := w.el(root, "ListAndSchemeInformation")
	w.text(si, "LoTEVersionIdentifier", strconv.Itoa(s.VersionIdentifier))
	w.text(si, "LoTESequenceNumber", strconv.Itoa(s.SequenceNumber))
	w.text(si, "LoTEType", s.Type)
	w.f.Names(si, "SchemeOperatorName", s.OperatorName)
	w.f.Address(si, "SchemeOperatorAddress", &s.OperatorAddress)
	w.f.Names(si, "SchemeName", s.Name)
	w.f.URIList(si, "SchemeInformationURI", s.InformationURI)
	w.text(si, "StatusDeterminationApproach", s.StatusDeterminationApproach)
	if s.CommunityRules != nil {
		w.f.URIList(si, "SchemeTypeCommunityRules", s.CommunityRules)
	}
	if s.Territory != "" {
		w.text(si, "SchemeTerritory", s.Territory)
	}
	if p := s.PolicyOrLegalNotice; p != nil {
		pe := w.el(si, "PolicyOrLegalNotice")
		w.f.MultiLang(pe, pLoTE, "LoTEPolicy", p.Policies)
		w.f.MultiLang(pe, pLoTE, "LoTELegalNotice", p.LegalNotices)
	}
	if s.HistoricalInformationPeriod != nil {
		w.text(si, "HistoricalInformationPeriod", strconv.Itoa(*s.HistoricalInformationPeriod))
	}
	if s.Pointers != nil {
		pe := w.el(si, "PointersToOtherLoTE")
		for i := range s.Pointers {
			w.pointer(pe, &s.Pointers[i])
		}
	}
	w.text(si, "ListIssueDateTime", w.f.Time(s.ListIssueDateTime))
	nu := w.el(si, "NextUpdate")
	if s.NextUpdate != nil {
		w.text(nu, "dateTime", w.f.Time(*s.NextUpdate))
	}
	if s.DistributionPoints != nil {
		dp := w.el(si, "DistributionPoints")
		for _, u := range s.DistributionPoints {
			w.text(dp, "URI", u)
		}
	}
	w.extensions(si, pLoTE, "SchemeExtensions", s.Extensions)
}

// pointer writes an OtherLoTEPointer. Each qualifier is one
// OtherInformation holding the LoTEQualifier's members in the JSON
// binding's order, as elements of the LoTE namespace.
func (w *xenc) pointer(parent *etree.Element, p *Pointer) {
	pe := w.el(parent, "OtherLoTEPointer")
	if p.Identities != nil {
		ids := w.el(pe, "ServiceDigitalIdentities")
		for _, id := range p.Identities {
			w.f.Identity(ids, id)
		}
	}
	w.text(pe, "LoTELocation", p.Location)
	if p.TextualInformation == nil && p.Qualifiers == nil && p.OtherInformation == nil {
		return
	}
	ai := w.el(pe, "AdditionalInformation")
	w.f.MultiLang(ai, pLoTE, "TextualInformation", p.TextualInformation)
	for _, q := range p.Qualifiers {
		oi := w.el(ai, "OtherInformation")
		w.text(oi, "LoTEType", q.LoTEType)
		w.f.Names(oi, "SchemeOperatorName", q.SchemeOperatorName)
		if q.CommunityRules != nil {
			w.f.URIList(oi, "SchemeTypeCommunityRules", q.CommunityRules)
		}
		if q.SchemeTerritory != "" {
			w.text(oi, "SchemeTerritory", q.SchemeTerritory)
		}
		w.text(oi, "MimeType", q.MimeType)
	}
	for _, x := range p.OtherInformation {
		w.f.Raw(w.el(ai, "OtherInformation"), x)
	}
}

func (w *xenc) entity(parent *etree.Element, t *Entity) {
	te := w.el(parent, "TrustedEntity")
	info := w.el(te, "TrustedEntityInformation")
	w.f.Names(info, "TEName", t.Name)
	if t.TradeName != nil {
		w.f.Names(info, "TETradeName", t.TradeName)
	}
	w.f.Address(info, "TEAddress", &t.Address)
	w.f.URIList(info, "TEInformationURI", t.InformationURI)
	w.extensions(info, pLoTE, "TEInformationExtensions", t.Extensions)
	svcs := w.el(te, "TrustedEntityServices")
	for i := range t.Services {
		w.service(svcs, &t.Services[i])
	}
}

func (w *xenc) service(parent *etree.Element, s *Service) {
	se := w.el(parent, "TrustedEntityService")
	si := w.el(se, "ServiceInformation")
	w.current(si, s.Type, s.Name, s.Identity, s.Status, s)
	if len(s.History) > 0 || s.HistoryPresent {
		he := w.el(se, "ServiceHistory")
		for i := range s.History {
			h := &s.History[i]
			hi := w.el(he, "ServiceHistoryInstance")
			w.current(hi, h.Type, h.Name, h.Identity, h.Status, nil)
			w.f.Text(hi, pLoTE, "StatusStartingTime", w.f.Time(h.StatusStartingTime))
			w.extensions(hi, pLoTE, "ServiceInformationExtensions", h.Extensions)
		}
	}
}

// current writes what ServiceInformation and ServiceHistoryInstance share,
// in their common order; s (ServiceInformation only) adds the rest.
func (w *xenc) current(parent *etree.Element, typ string, name model.MultiLang, id model.DigitalIdentity, status string, s *Service) {
	if typ != "" {
		w.text(parent, "ServiceTypeIdentifier", typ)
	}
	w.f.Names(parent, "ServiceName", name)
	w.f.Identity(parent, id)
	if status != "" {
		w.text(parent, "ServiceStatus", status)
	}
	if s == nil {
		return
	}
	if !s.StatusStartingTime.IsZero() {
		w.text(parent, "StatusStartingTime", w.f.Time(s.StatusStartingTime))
	}
	if s.SchemeServiceDefinitionURI != nil {
		w.f.URIList(parent, "SchemeServiceDefinitionURI", s.SchemeServiceDefinitionURI)
	}
	if s.SupplyPoints != nil {
		sp := w.el(parent, "ServiceSupplyPoints")
		for _, p := range s.SupplyPoints {
			e := w.text(sp, "ServiceSupplyPoint", p.URI)
			if p.Type != "" {
				e.CreateAttr("type", p.Type)
			}
		}
	}
	if s.DefinitionURI != nil {
		w.f.URIList(parent, "TEServiceDefinitionURI", s.DefinitionURI)
	}
	w.extensions(parent, pLoTE, "ServiceInformationExtensions", s.Extensions)
}

// extensions writes an ExtensionsListType element; nil writes nothing.
func (w *xenc) extensions(parent *etree.Element, prefix, name string, exts []Extension) {
	if exts == nil {
		return
	}
	le := w.f.El(parent, prefix, name)
	for i := range exts {
		x := &exts[i]
		e := w.el(le, "Extension")
		e.CreateAttr("Critical", strconv.FormatBool(x.Critical))
		switch {
		case x.ServiceUniqueIdentifier != "":
			w.f.Text(e, pSIE, "ServiceUniqueIdentifier", x.ServiceUniqueIdentifier)
		case x.AssociatedBodies != nil:
			for j := range x.AssociatedBodies {
				b := &x.AssociatedBodies[j]
				ab := w.f.El(w.f.El(e, pTIE, "OtherAssociatedBodies"), pTIE, "AssociatedBody")
				w.f.MultiLang(w.f.El(ab, pTIE, "AssociatedBodyName"), pLoTE, "Name", b.Name)
				if b.TradeName != nil {
					w.f.MultiLang(w.f.El(ab, pTIE, "AssociatedBodyTradeName"), pLoTE, "Name", b.TradeName)
				}
				w.f.AddressInto(w.f.El(ab, pTIE, "AssociatedBodyAddress"), &b.Address)
				w.f.MultiLang(w.f.El(ab, pTIE, "AssociatedBodyInformationURI"), pLoTE, "URI", b.InformationURI)
				w.extensions(ab, pTIE, "AssociatedBodyInformationExtensions", b.Extensions)
			}
		case x.JSON != nil:
			if w.err == nil {
				w.err = fmt.Errorf("%s: an extension of the JSON binding (%.60s) has no XML form", name, x.JSON)
			}
		default:
			w.f.Raw(e, x.XML)
		}
	}
}

// XMLOptions configure DecodeXML.
type XMLOptions struct {
	File   string // names the input in findings
	Limits xmldoc.Limits
}

// DecodeXML parses and decodes the XML binding. Structure problems are
// findings with element paths and lines (rule "structure"); the error is
// for input that is not well-formed XML or breaks a limit.
func DecodeXML(data []byte, opts XMLOptions) (*List, diag.List, error) {
	doc, err := tsl.Parse(data, opts.File, opts.Limits)
	if err != nil {
		return nil, nil, err
	}
	l, findings := DecodeXMLDocument(doc, opts.File)
	return l, findings, nil
}

// DecodeXMLDocument decodes a parsed document. The list holds what could be
// decoded even when there are findings; a ds:Signature is left to package
// xades.
func DecodeXMLDocument(doc *xmldoc.Document, file string) (*List, diag.List) {
	d := &xdec{f: tsl.NewFragmentIn(binding, file, doc.Line)}
	l := &List{}
	root := doc.Root()
	if root == nil || root.Tag != "ListOfTrustedEntities" || root.NamespaceURI() != NS {
		d.f.Errorf(root, "/", "root element must be {%s}ListOfTrustedEntities", NS)
		return l, d.f.Diagnostics()
	}
	const path = "/ListOfTrustedEntities"
	d.f.CheckAttrs(root, path, "LOTETag", "Id")
	l.Tag, _ = tsl.Attr(root, "LOTETag")
	if l.Tag == "" {
		d.f.Errorf(root, path, "missing LOTETag attribute")
	}
	l.ID, _ = tsl.Attr(root, "Id")
	c := d.f.Children(root, path)
	if si := c.Req(NS, "ListAndSchemeInformation"); si != nil {
		d.scheme(si, path+"/ListAndSchemeInformation", &l.Scheme)
	}
	if tl := c.Opt(NS, "TrustedEntitiesList"); tl != nil {
		p := path + "/TrustedEntitiesList"
		for i, e := range d.some(tl, p, "TrustedEntity") {
			l.Entities = append(l.Entities, d.entity(e, p+"/TrustedEntity["+strconv.Itoa(i+1)+"]"))
		}
	}
	c.Opt(model.NSDS, "Signature")
	c.Done()
	return l, d.f.Diagnostics()
}

type xdec struct{ f *tsl.Fragment }

// some returns the children of e, which are one or more NS:name elements.
func (d *xdec) some(e *etree.Element, path, name string) []*etree.Element {
	c := d.f.Children(e, path)
	out := c.Many(NS, name)
	if len(out) == 0 {
		c.Req(NS, name)
	}
	c.Done()
	return out
}

func (d *xdec) uri(c tsl.Cursor, path, name string, required bool) string {
	var x *etree.Element
	if required {
		x = c.Req(NS, name)
	} else {
		x = c.Opt(NS, name)
	}
	if x == nil {
		return ""
	}
	return d.f.URI(x, path+"/"+name)
}

func (d *xdec) scheme(e *etree.Element, path string, s *Scheme) {
	c := d.f.Children(e, path)
	if x := c.Req(NS, "LoTEVersionIdentifier"); x != nil {
		s.VersionIdentifier = d.f.Integer(x, path+"/LoTEVersionIdentifier", 0)
	}
	if x := c.Req(NS, "LoTESequenceNumber"); x != nil {
		s.SequenceNumber = d.f.Integer(x, path+"/LoTESequenceNumber", 1)
	}
	s.Type = d.uri(c, path, "LoTEType", true)
	s.OperatorName = d.f.Names(c.Req(NS, "SchemeOperatorName"), path+"/SchemeOperatorName")
	if x := c.Req(NS, "SchemeOperatorAddress"); x != nil {
		s.OperatorAddress = d.f.Address(x, path+"/SchemeOperatorAddress")
	}
	s.Name = d.f.Names(c.Req(NS, "SchemeName"), path+"/SchemeName")
	s.InformationURI = d.f.URIList(c.Req(NS, "SchemeInformationURI"), path+"/SchemeInformationURI")
	s.StatusDeterminationApproach = d.uri(c, path, "StatusDeterminationApproach", true)
	s.CommunityRules = d.f.URIList(c.Opt(NS, "SchemeTypeCommunityRules"), path+"/SchemeTypeCommunityRules")
	if x := c.Opt(NS, "SchemeTerritory"); x != nil {
		s.Territory = d.f.String(x, path+"/SchemeTerritory", false)
	}
	if x := c.Opt(NS, "PolicyOrLegalNotice"); x != nil {
		p := path + "/PolicyOrLegalNotice"
		pc := d.f.Children(x, p)
		pol := &model.PolicyOrLegalNotice{Policies: d.f.MultiLang(pc, NS, "LoTEPolicy", true, false)}
		if pol.Policies == nil {
			pol.LegalNotices = d.f.MultiLang(pc, NS, "LoTELegalNotice", false, false)
		}
		if pol.Policies == nil && pol.LegalNotices == nil {
			d.f.Errorf(x, p, "PolicyOrLegalNotice needs LoTEPolicy or LoTELegalNotice")
		}
		pc.Done()
		s.PolicyOrLegalNotice = pol
	}
	if x := c.Opt(NS, "HistoricalInformationPeriod"); x != nil {
		n := d.f.Integer(x, path+"/HistoricalInformationPeriod", 0)
		s.HistoricalInformationPeriod = &n
	}
	if x := c.Opt(NS, "PointersToOtherLoTE"); x != nil {
		p := path + "/PointersToOtherLoTE"
		for i, pe := range d.some(x, p, "OtherLoTEPointer") {
			s.Pointers = append(s.Pointers, d.pointer(pe, p+"/OtherLoTEPointer["+strconv.Itoa(i+1)+"]"))
		}
	}
	if x := c.Req(NS, "ListIssueDateTime"); x != nil {
		s.ListIssueDateTime = d.f.DateTime(x, path+"/ListIssueDateTime")
	}
	if x := c.Req(NS, "NextUpdate"); x != nil {
		p := path + "/NextUpdate"
		nc := d.f.Children(x, p)
		if dt := nc.Opt(NS, "dateTime"); dt != nil {
			t := d.f.DateTime(dt, p+"/dateTime")
			s.NextUpdate = &t
		}
		nc.Done()
	}
	if x := c.Opt(NS, "DistributionPoints"); x != nil {
		p := path + "/DistributionPoints"
		s.DistributionPoints = []string{}
		for _, u := range d.some(x, p, "URI") {
			s.DistributionPoints = append(s.DistributionPoints, d.f.URI(u, p+"/URI"))
		}
	}
	s.Extensions = d.extensions(c.Opt(NS, "SchemeExtensions"), path+"/SchemeExtensions")
	c.Done()
}

func (d *xdec) pointer(e *etree.Element, path string) Pointer {
	var p Pointer
	c := d.f.Children(e, path)
	if x := c.Opt(NS, "ServiceDigitalIdentities"); x != nil {
		pp := path + "/ServiceDigitalIdentities"
		p.Identities = []model.DigitalIdentity{}
		for _, id := range d.some(x, pp, "ServiceDigitalIdentity") {
			p.Identities = append(p.Identities, d.f.Identity(id, pp+"/ServiceDigitalIdentity"))
		}
	}
	p.Location = d.uri(c, path, "LoTELocation", true)
	if x := c.Opt(NS, "AdditionalInformation"); x != nil {
		pp := path + "/AdditionalInformation"
		ac := d.f.Children(x, pp)
		for {
			if t := d.f.MultiLang(ac, NS, "TextualInformation", false, false); t != nil {
				p.TextualInformation = append(p.TextualInformation, t...)
				continue
			}
			oi := ac.Opt(NS, "OtherInformation")
			if oi == nil {
				break
			}
			if q, ok := d.qualifier(oi, pp+"/OtherInformation"); ok {
				p.Qualifiers = append(p.Qualifiers, q)
			} else {
				p.OtherInformation = append(p.OtherInformation, tsl.InnerXML(oi))
			}
		}
		if p.TextualInformation == nil && p.Qualifiers == nil && p.OtherInformation == nil {
			ac.Req(NS, "OtherInformation")
		}
		ac.Done()
	}
	c.Done()
	return p
}

// qualifier decodes an OtherInformation that starts with LoTEType as a
// LoTEQualifier (see xenc.pointer); ok is false for any other content.
func (d *xdec) qualifier(e *etree.Element, path string) (q Qualifier, ok bool) {
	first := e.ChildElements()
	if len(first) == 0 || first[0].Tag != "LoTEType" || first[0].NamespaceURI() != NS {
		return q, false
	}
	c := d.f.Children(e, path)
	q.LoTEType = d.uri(c, path, "LoTEType", true)
	q.SchemeOperatorName = d.f.Names(c.Req(NS, "SchemeOperatorName"), path+"/SchemeOperatorName")
	q.CommunityRules = d.f.URIList(c.Opt(NS, "SchemeTypeCommunityRules"), path+"/SchemeTypeCommunityRules")
	if x := c.Opt(NS, "SchemeTerritory"); x != nil {
		q.SchemeTerritory = d.f.String(x, path+"/SchemeTerritory", true)
	}
	if x := c.Req(NS, "MimeType"); x != nil {
		q.MimeType = d.f.String(x, path+"/MimeType", true)
	}
	c.Done()
	return q, true
}

func (d *xdec) entity(e *etree.Element, path string) Entity {
	var t Entity
	c := d.f.Children(e, path)
	if x := c.Req(NS, "TrustedEntityInformation"); x != nil {
		p := path + "/TrustedEntityInformation"
		ic := d.f.Children(x, p)
		t.Name = d.f.Names(ic.Req(NS, "TEName"), p+"/TEName")
		t.TradeName = d.f.Names(ic.Opt(NS, "TETradeName"), p+"/TETradeName")
		if a := ic.Req(NS, "TEAddress"); a != nil {
			t.Address = d.f.Address(a, p+"/TEAddress")
		}
		t.InformationURI = d.f.URIList(ic.Req(NS, "TEInformationURI"), p+"/TEInformationURI")
		t.Extensions = d.extensions(ic.Opt(NS, "TEInformationExtensions"), p+"/TEInformationExtensions")
		ic.Done()
	}
	if x := c.Req(NS, "TrustedEntityServices"); x != nil {
		p := path + "/TrustedEntityServices"
		for i, se := range d.some(x, p, "TrustedEntityService") {
			t.Services = append(t.Services, d.service(se, p+"/TrustedEntityService["+strconv.Itoa(i+1)+"]"))
		}
	}
	c.Done()
	return t
}

func (d *xdec) service(e *etree.Element, path string) Service {
	var s Service
	c := d.f.Children(e, path)
	if x := c.Req(NS, "ServiceInformation"); x != nil {
		p := path + "/ServiceInformation"
		ic := d.f.Children(x, p)
		var h HistoryInstance
		d.current(ic, p, &h, false)
		s.Type, s.Name, s.Identity, s.Status, s.StatusStartingTime = h.Type, h.Name, h.Identity, h.Status, h.StatusStartingTime
		s.SchemeServiceDefinitionURI = d.f.URIList(ic.Opt(NS, "SchemeServiceDefinitionURI"), p+"/SchemeServiceDefinitionURI")
		if sp := ic.Opt(NS, "ServiceSupplyPoints"); sp != nil {
			pp := p + "/ServiceSupplyPoints/ServiceSupplyPoint"
			s.SupplyPoints = []model.SupplyPoint{}
			for _, pt := range d.some(sp, p+"/ServiceSupplyPoints", "ServiceSupplyPoint") {
				d.f.CheckAttrs(pt, pp, "type")
				point := model.SupplyPoint{URI: d.f.URI(pt, pp)}
				if t, ok := tsl.Attr(pt, "type"); ok {
					point.Type = d.f.URIValue(pt, pp+"/@type", t)
				}
				s.SupplyPoints = append(s.SupplyPoints, point)
			}
		}
		s.DefinitionURI = d.f.URIList(ic.Opt(NS, "TEServiceDefinitionURI"), p+"/TEServiceDefinitionURI")
		s.Extensions = d.extensions(ic.Opt(NS, "ServiceInformationExtensions"), p+"/ServiceInformationExtensions")
		ic.Done()
	}
	if he := c.Opt(NS, "ServiceHistory"); he != nil {
		p := path + "/ServiceHistory"
		hc := d.f.Children(he, p)
		for i, hi := range hc.Many(NS, "ServiceHistoryInstance") {
			hp := p + "/ServiceHistoryInstance[" + strconv.Itoa(i+1) + "]"
			ic := d.f.Children(hi, hp)
			var h HistoryInstance
			d.current(ic, hp, &h, true)
			h.Extensions = d.extensions(ic.Opt(NS, "ServiceInformationExtensions"), hp+"/ServiceInformationExtensions")
			ic.Done()
			s.History = append(s.History, h)
		}
		hc.Done()
		s.HistoryPresent = len(s.History) == 0
	}
	c.Done()
	return s
}

// current decodes what ServiceInformation and ServiceHistoryInstance share;
// a history instance must have its status and starting time.
func (d *xdec) current(c tsl.Cursor, path string, h *HistoryInstance, history bool) {
	h.Type = d.uri(c, path, "ServiceTypeIdentifier", false)
	h.Name = d.f.Names(c.Req(NS, "ServiceName"), path+"/ServiceName")
	if x := c.Req(NS, "ServiceDigitalIdentity"); x != nil {
		h.Identity = d.f.Identity(x, path+"/ServiceDigitalIdentity")
	}
	h.Status = d.uri(c, path, "ServiceStatus", history)
	x := c.Opt(NS, "StatusStartingTime")
	if history && x == nil {
		c.Req(NS, "StatusStartingTime")
	}
	if x != nil {
		h.StatusStartingTime = d.f.DateTime(x, path+"/StatusStartingTime")
	}
}

// extensions decodes an ExtensionsListType element (nil e: nil). An
// extension whose content is one known element is typed; anything else is
// kept verbatim.
func (d *xdec) extensions(e *etree.Element, path string) []Extension {
	if e == nil {
		return nil
	}
	var out []Extension
	for _, x := range d.some(e, path, "Extension") {
		p := path + "/Extension"
		d.f.CheckAttrs(x, p, "Critical")
		var ext Extension
		if v, ok := tsl.Attr(x, "Critical"); ok {
			ext.Critical = d.f.Boolean(x, p+"/@Critical", v)
		} else {
			d.f.Errorf(x, p, "missing Critical attribute")
		}
		kids := x.ChildElements()
		switch {
		case onlyChildren(x, NSSIE, "ServiceUniqueIdentifier") && len(kids) == 1:
			ext.ServiceUniqueIdentifier = d.f.URI(kids[0], p+"/ServiceUniqueIdentifier")
		case onlyChildren(x, NSTIE, "OtherAssociatedBodies"):
			for _, k := range kids {
				ext.AssociatedBodies = append(ext.AssociatedBodies, d.associatedBody(k, p+"/OtherAssociatedBodies"))
			}
		default:
			ext.XML = tsl.InnerXML(x)
		}
		out = append(out, ext)
	}
	return out
}

// onlyChildren reports whether e holds one or more ns:local elements and
// nothing else but white space.
func onlyChildren(e *etree.Element, ns, local string) bool {
	n := 0
	for _, t := range e.Child {
		switch k := t.(type) {
		case *etree.Element:
			if k.Tag != local || k.NamespaceURI() != ns {
				return false
			}
			n++
		case *etree.CharData:
			if strings.TrimSpace(k.Data) != "" {
				return false
			}
		}
	}
	return n > 0
}

func (d *xdec) associatedBody(e *etree.Element, path string) AssociatedBody {
	var b AssociatedBody
	oc := d.f.Children(e, path)
	x := oc.Req(NSTIE, "AssociatedBody")
	oc.Done()
	if x == nil {
		return b
	}
	p := path + "/AssociatedBody"
	c := d.f.Children(x, p)
	b.Name = d.f.Names(c.Req(NSTIE, "AssociatedBodyName"), p+"/AssociatedBodyName")
	b.TradeName = d.f.Names(c.Opt(NSTIE, "AssociatedBodyTradeName"), p+"/AssociatedBodyTradeName")
	if a := c.Req(NSTIE, "AssociatedBodyAddress"); a != nil {
		b.Address = d.f.Address(a, p+"/AssociatedBodyAddress")
	}
	b.InformationURI = d.f.URIList(c.Req(NSTIE, "AssociatedBodyInformationURI"), p+"/AssociatedBodyInformationURI")
	b.Extensions = d.extensions(c.Opt(NSTIE, "AssociatedBodyInformationExtensions"), p+"/AssociatedBodyInformationExtensions")
	c.Done()
	return b
}
