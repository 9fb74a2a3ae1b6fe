package lote

import (
	"fmt"
	"strconv"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl"
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
	w.party(w.el(te, "TrustedEntityInformation"), entityParty, t.info())
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

// party writes the five fields of an entity's information or an
// associated body into parent.
func (w *xenc) party(parent *etree.Element, n party, b *AssociatedBody) {
	w.f.MultiLang(w.f.El(parent, n.prefix, n.name), pLoTE, "Name", b.Name)
	if b.TradeName != nil {
		w.f.MultiLang(w.f.El(parent, n.prefix, n.trade), pLoTE, "Name", b.TradeName)
	}
	w.f.AddressInto(w.f.El(parent, n.prefix, n.addr), &b.Address)
	w.f.MultiLang(w.f.El(parent, n.prefix, n.uri), pLoTE, "URI", b.InformationURI)
	w.extensions(parent, n.prefix, n.ext, b.Extensions)
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
				w.party(w.f.El(w.f.El(e, pTIE, "OtherAssociatedBodies"), pTIE, "AssociatedBody"), bodyParty, b)
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
