package lote

import (
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

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
	return d.f.Some(e, path, NS, name)
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
		t.setInfo(d.party(x, path+"/TrustedEntityInformation", entityParty))
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
	oc := d.f.Children(e, path)
	x := oc.Req(NSTIE, "AssociatedBody")
	oc.Done()
	if x == nil {
		return AssociatedBody{}
	}
	return d.party(x, path+"/AssociatedBody", bodyParty)
}

// party reads the five fields of an entity's information or an associated
// body, the children of e.
func (d *xdec) party(e *etree.Element, path string, n party) AssociatedBody {
	var b AssociatedBody
	c := d.f.Children(e, path)
	b.Name = d.f.Names(c.Req(n.ns, n.name), path+"/"+n.name)
	b.TradeName = d.f.Names(c.Opt(n.ns, n.trade), path+"/"+n.trade)
	if a := c.Req(n.ns, n.addr); a != nil {
		b.Address = d.f.Address(a, path+"/"+n.addr)
	}
	b.InformationURI = d.f.URIList(c.Req(n.ns, n.uri), path+"/"+n.uri)
	b.Extensions = d.extensions(c.Opt(n.ns, n.ext), path+"/"+n.ext)
	c.Done()
	return b
}
