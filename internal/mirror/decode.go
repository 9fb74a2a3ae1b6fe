package mirror

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/model"
)

// Decode reads a mirror written by Encode back into the model.
func Decode(data []byte) (*model.List, error) {
	var doc document
	dec := json.NewDecoder(strings.NewReader(string(data)))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("JSON mirror: %w", err)
	}
	d := &decoder{}
	l := d.list(&doc.LoTE)
	return l, d.err
}

type decoder struct{ err error }

func (d *decoder) time(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil && d.err == nil {
		d.err = fmt.Errorf("bad date-time %q", s)
	}
	return t.UTC()
}

func (d *decoder) list(lt *loteMember) *model.List {
	si := &lt.ListAndSchemeInformation
	l := &model.List{}
	s := &l.Scheme
	var info *listInfo
	exts := si.Extensions
	if n := len(exts); n > 0 && exts[n-1].ListInformation != nil {
		info = exts[n-1].ListInformation
		exts = exts[:n-1]
	}
	if info == nil {
		info = &listInfo{TSLVersionIdentifier: model.Version6, TSLTag: model.TSLTag}
	}
	l.Tag, l.ID = info.TSLTag, info.ID
	s.VersionIdentifier = info.TSLVersionIdentifier
	s.SequenceNumber, s.Type = si.SequenceNumber, si.Type
	s.OperatorName = lote.Multi(si.OperatorName)
	s.OperatorAddress = model.Address{Postal: lote.PostalsOf(si.OperatorAddress.Postal), Electronic: lote.MultiURI(si.OperatorAddress.Electronic)}
	s.Name, s.InformationURI = lote.Multi(si.Name), lote.MultiURI(si.InformationURI)
	s.StatusDeterminationApproach = si.StatusDeterminationApproach
	s.CommunityRules, s.Territory = lote.MultiURI(si.CommunityRules), si.Territory
	if si.Policy != nil {
		p := &model.PolicyOrLegalNotice{}
		for _, it := range si.Policy {
			if it.Policy != nil {
				p.Policies = append(p.Policies, model.LangString{Lang: it.Policy.Lang, Value: it.Policy.URIValue})
			} else if it.LegalNotice != nil {
				p.LegalNotices = append(p.LegalNotices, model.LangString{Lang: it.Lang, Value: *it.LegalNotice})
			}
		}
		s.PolicyOrLegalNotice = p
	}
	s.HistoricalInformationPeriod = si.HistoricalInformationPeriod
	for _, p := range si.Pointers {
		s.Pointers = append(s.Pointers, d.pointer(p))
	}
	s.ListIssueDateTime = d.time(si.ListIssueDateTime)
	if !info.Closed {
		t := d.time(si.NextUpdate)
		s.NextUpdate = &t
	}
	s.DistributionPoints = si.DistributionPoints
	if info.Extensions {
		s.Extensions = d.extensions(exts)
	}
	if !info.NoProviderList {
		l.Providers = []model.TSP{}
	}
	for _, te := range lt.TrustedEntitiesList {
		t := model.TSP{Name: lote.Multi(te.Information.Name), TradeName: lote.Multi(te.Information.TradeName),
			Address:        model.Address{Postal: lote.PostalsOf(te.Information.Address.Postal), Electronic: lote.MultiURI(te.Information.Address.Electronic)},
			InformationURI: lote.MultiURI(te.Information.InformationURI), Extensions: d.extensions(te.Information.Extensions)}
		for _, sv := range te.Services {
			t.Services = append(t.Services, d.service(sv))
		}
		l.Providers = append(l.Providers, t)
	}
	if len(l.Providers) == 0 && info.NoProviderList {
		l.Providers = nil
	}
	return l
}

func (d *decoder) identity(s sdi) (model.DigitalIdentity, bool) {
	id := model.DigitalIdentity{}
	var c, n, k, sk, o int
	emptyHistory := strings.HasSuffix(s.Order, "-")
	for _, kind := range strings.TrimSuffix(s.Order, "-") {
		var x model.DigitalID
		switch kind {
		case 'C':
			if c < len(s.X509Certificates) {
				b, err := base64.StdEncoding.DecodeString(s.X509Certificates[c].Val)
				if err != nil && d.err == nil {
					d.err = err
				}
				x.Certificate = b
				c++
			}
		case 'N':
			if n < len(s.X509SubjectNames) {
				x.SubjectName = s.X509SubjectNames[n]
				n++
			}
		case 'K':
			if k < len(s.KeyValues) {
				x.KeyValue = s.KeyValues[k]
				k++
			}
		case 'S':
			if sk < len(s.X509SKIs) {
				b, err := base64.StdEncoding.DecodeString(s.X509SKIs[sk])
				if err != nil && d.err == nil {
					d.err = err
				}
				x.SKI = b
				sk++
			}
		case 'O':
			if o < len(s.OtherIds) {
				x.Other, x.OtherPresent = s.OtherIds[o], true
				o++
			}
		}
		id = append(id, x)
	}
	return id, emptyHistory
}

func (d *decoder) pointer(p pointer) model.Pointer {
	out := model.Pointer{Location: p.Location}
	if len(p.Identities) > 0 && !p.Identities[0].NoIdentities {
		out.Identities = []model.DigitalIdentity{}
		for _, s := range p.Identities {
			id, _ := d.identity(s)
			out.Identities = append(out.Identities, id)
		}
	}
	if len(p.Identities) > 0 && p.Identities[0].AdditionalInfo != nil {
		out.AdditionalInformation = []model.PointerInfo{}
		for _, it := range p.Identities[0].AdditionalInfo {
			if it.Textual != nil {
				out.AdditionalInformation = append(out.AdditionalInformation, model.PointerInfo{Textual: &model.LangString{Lang: it.Textual.Lang, Value: it.Textual.Value}})
				continue
			}
			o := &model.OtherInformation{TSLType: it.TSLType, SchemeOperatorName: lote.Multi(it.SchemeOperatorName),
				SchemeTypeCommunityRules: lote.MultiURI(it.SchemeTypeCommunityRules), SchemeTerritory: it.SchemeTerritory, MimeType: it.MimeType}
			if it.XML != nil {
				o.XML = *it.XML
			}
			out.AdditionalInformation = append(out.AdditionalInformation, model.PointerInfo{Other: o})
		}
	}
	return out
}

func (d *decoder) service(sv teService) model.Service {
	in := &sv.Information
	id, emptyHistory := d.identity(in.Identity)
	s := model.Service{Type: in.Type, Name: lote.Multi(in.Name), Identity: id, Status: in.Status,
		StatusStartingTime:         d.time(in.StatusStartingTime),
		SchemeServiceDefinitionURI: lote.MultiURI(in.SchemeServiceDefinitionURI),
		TSPServiceDefinitionURI:    lote.MultiURI(in.TSPServiceDefinitionURI),
		Extensions:                 d.extensions(in.Extensions), HistoryPresent: emptyHistory}
	if in.SupplyPoints != nil {
		s.SupplyPoints = []model.SupplyPoint{}
		for _, p := range in.SupplyPoints {
			s.SupplyPoints = append(s.SupplyPoints, model.SupplyPoint{URI: p.URIValue, Type: p.ServiceType})
		}
	}
	for _, h := range sv.History {
		hid, _ := d.identity(h.Identity)
		s.History = append(s.History, model.HistoryInstance{Type: h.Type, Name: lote.Multi(h.Name), Identity: hid,
			Status: h.Status, StatusStartingTime: d.time(h.StatusStartingTime), Extensions: d.extensions(h.Extensions)})
	}
	return s
}

func (d *decoder) extensions(exts []extension) []model.Extension {
	if exts == nil {
		return nil
	}
	out := []model.Extension{}
	for _, e := range exts {
		x := model.Extension{Critical: e.Critical != nil && *e.Critical}
		switch {
		case e.AdditionalServiceInformation != nil:
			a := e.AdditionalServiceInformation
			x.AdditionalServiceInformation = &model.AdditionalServiceInformation{URI: model.LangString{Lang: a.URI.Lang, Value: a.URI.URIValue}, InformationValue: a.InformationValue}
			if a.OtherInformation != nil {
				x.AdditionalServiceInformation.OtherInformation, x.AdditionalServiceInformation.OtherPresent = *a.OtherInformation, true
			}
		case e.Qualifications != nil:
			x.Qualifications = []model.QualificationElement{}
			for _, q := range e.Qualifications {
				x.Qualifications = append(x.Qualifications, model.QualificationElement{Qualifiers: q.Qualifiers, Criteria: decodeCriteria(q.Criteria)})
			}
		case e.TakenOverBy != nil:
			t := e.TakenOverBy
			x.TakenOverBy = &model.TakenOverBy{URI: model.LangString{Lang: t.URI.Lang, Value: t.URI.URIValue}, TSPName: lote.Multi(t.TSPName),
				SchemeOperatorName: lote.Multi(t.SchemeOperatorName), SchemeTerritory: t.SchemeTerritory, OtherQualifiers: t.OtherQualifiers}
		case e.ExpiredCertsRevocationInfo != "":
			t := d.time(e.ExpiredCertsRevocationInfo)
			x.ExpiredCertsRevocationInfo = &t
		case e.XML != nil:
			x.XML = *e.XML
		}
		out = append(out, x)
	}
	return out
}

func decodeCriteria(c criteria) model.CriteriaList {
	cl := model.CriteriaList{Assert: c.Assert, Description: c.Description}
	for _, ku := range c.KeyUsage {
		bits := model.KeyUsage{}
		for _, b := range ku {
			bits = append(bits, model.KeyUsageBit{Name: b.Name, Value: b.Value})
		}
		cl.KeyUsage = append(cl.KeyUsage, bits)
	}
	for _, ps := range c.PolicySets {
		cl.PolicySets = append(cl.PolicySets, decodeOIDs(ps))
	}
	for _, n := range c.CriteriaList {
		cl.CriteriaList = append(cl.CriteriaList, decodeCriteria(n))
	}
	if c.Other != nil {
		cl.Other = &model.OtherCriteria{Items: []model.OtherCriterion{}}
		for _, o := range *c.Other {
			oc := model.OtherCriterion{ExtendedKeyUsage: decodeOIDs(o.ExtendedKeyUsage), CertSubjectDNAttribute: decodeOIDs(o.CertSubjectDNAttribute)}
			if o.XML != nil {
				oc.XML = *o.XML
			}
			cl.Other.Items = append(cl.Other.Items, oc)
		}
	}
	return cl
}

func decodeOIDs(ids []oid) []model.ObjectIdentifier {
	if ids == nil {
		return nil
	}
	out := []model.ObjectIdentifier{}
	for _, o := range ids {
		id := model.ObjectIdentifier{Identifier: o.Identifier, Qualifier: o.Qualifier, Description: o.Description}
		if o.DocumentationReferences != nil {
			id.DocumentationReferences = *o.DocumentationReferences
		}
		out = append(out, id)
	}
	return out
}
