package mirror

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/model"
)

// Encode returns the JSON mirror of l: deterministic bytes, 2-space
// indentation, no HTML escaping.
func Encode(l *model.List) ([]byte, error) {
	s := &l.Scheme
	si := schemeInfo{
		VersionIdentifier: 1, SequenceNumber: s.SequenceNumber, Type: s.Type,
		OperatorName:    lote.LangValues(s.OperatorName),
		OperatorAddress: operatorAddress{Postal: lote.Postals(s.OperatorAddress.Postal), Electronic: lote.LangURIs(s.OperatorAddress.Electronic)},
		Name:            lote.LangValues(s.Name), InformationURI: lote.LangURIs(s.InformationURI),
		StatusDeterminationApproach: s.StatusDeterminationApproach,
		CommunityRules:              lote.LangURIs(s.CommunityRules), Territory: s.Territory,
		HistoricalInformationPeriod: s.HistoricalInformationPeriod,
		ListIssueDateTime:           ts(s.ListIssueDateTime), DistributionPoints: s.DistributionPoints,
	}
	if p := s.PolicyOrLegalNotice; p != nil {
		for _, u := range p.Policies {
			si.Policy = append(si.Policy, policyItem{Policy: &langURI{Lang: u.Lang, URIValue: u.Value}})
		}
		for _, n := range p.LegalNotices {
			v := n.Value
			si.Policy = append(si.Policy, policyItem{LegalNotice: &v, Lang: n.Lang})
		}
	}
	for _, p := range s.Pointers {
		si.Pointers = append(si.Pointers, encodePointer(p))
	}
	info := listInfo{TSLVersionIdentifier: s.VersionIdentifier, TSLTag: l.Tag, ID: l.ID,
		Closed: s.NextUpdate == nil, NoProviderList: l.Providers == nil, Extensions: s.Extensions != nil}
	if s.NextUpdate != nil {
		si.NextUpdate = ts(*s.NextUpdate)
	} else {
		si.NextUpdate = si.ListIssueDateTime // the JSON binding requires a date; Closed says there is none
	}
	si.Extensions = append(extensions(s.Extensions), extension{ListInformation: &info})

	// The document is {"LoTE": lote} (types.go), marshalled here one
	// trusted entity at a time (by writer, write.go) into compact pieces, then indented into one
	// exactly sized buffer. A whole-list json.Encoder with SetIndent grew
	// list-sized buffers by doubling (twice, for the compact and the
	// indented text) and that dominated the time and garbage of a large
	// list.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	parts := make([][]byte, 0, len(l.Providers)+2)
	put := func(prefix string, v any) error {
		b.Reset()
		b.WriteString(prefix)
		if err := enc.Encode(v); err != nil {
			return err
		}
		// Without the newline Encode ends each value with.
		parts = append(parts, bytes.Clone(b.Bytes()[:b.Len()-1]))
		return nil
	}
	if err := put(`{"LoTE":{"ListAndSchemeInformation":`, si); err != nil {
		return nil, err
	}
	end := "}}\n"
	w := newWriter()
	for i := range l.Providers {
		w.b = w.b[:0]
		if i == 0 {
			w.raw(`,"TrustedEntitiesList":[`)
			end = "]" + end
		} else {
			w.raw(",")
		}
		te := encodeEntity(&l.Providers[i])
		if err := w.entity(&te); err != nil {
			return nil, err
		}
		parts = append(parts, bytes.Clone(w.b))
	}
	return indent(append(parts, []byte(end))), nil
}

func encodeEntity(t *model.TSP) trustedEntity {
	te := trustedEntity{Information: teInfo{
		Name: lote.LangValues(t.Name), TradeName: lote.LangValues(t.TradeName),
		Address:        teAddress{Postal: lote.Postals(t.Address.Postal), Electronic: lote.LangURIs(t.Address.Electronic)},
		InformationURI: lote.LangURIs(t.InformationURI), Extensions: extensions(t.Extensions),
	}}
	if len(t.Services) > 0 {
		te.Services = make([]teService, 0, len(t.Services))
	}
	for _, sv := range t.Services {
		te.Services = append(te.Services, encodeService(sv))
	}
	return te
}

func ts(t time.Time) string { return t.UTC().Format(model.TimeLayout) }

// identity groups DigitalIds by kind as TS 119 602 does and records their
// order in jtslOrder.
func identity(id model.DigitalIdentity) sdi {
	var s sdi
	order := make([]byte, 0, len(id))
	for _, d := range id {
		switch {
		case d.Certificate != nil:
			s.X509Certificates = append(s.X509Certificates, pkiOb{Val: base64.StdEncoding.EncodeToString(d.Certificate)})
			order = append(order, 'C')
		case d.SubjectName != "":
			s.X509SubjectNames = append(s.X509SubjectNames, d.SubjectName)
			order = append(order, 'N')
		case d.KeyValue != "":
			s.PublicKeyValues = append(s.PublicKeyValues, lote.JWKOf(d.KeyValue))
			s.KeyValues = append(s.KeyValues, d.KeyValue)
			order = append(order, 'K')
		case d.SKI != nil:
			s.X509SKIs = append(s.X509SKIs, base64.StdEncoding.EncodeToString(d.SKI))
			order = append(order, 'S')
		case d.OtherPresent:
			s.OtherIds = append(s.OtherIds, d.Other)
			order = append(order, 'O')
		default:
			order = append(order, 'E') // an empty DigitalId
		}
	}
	s.Order = string(order)
	return s
}

func encodePointer(p model.Pointer) pointer {
	out := pointer{Location: p.Location}
	for _, id := range p.Identities {
		out.Identities = append(out.Identities, identity(id))
	}
	if len(out.Identities) == 0 {
		out.Identities = []sdi{{NoIdentities: p.Identities == nil}}
	}
	// One LoTEQualifier with what the pointer qualifies; every item kept
	// in jtslAdditionalInformation for a lossless round trip.
	q := qualifier{}
	items := []infoItem{}
	for _, a := range p.AdditionalInformation {
		if a.Textual != nil {
			items = append(items, infoItem{Textual: &langValue{Lang: a.Textual.Lang, Value: a.Textual.Value}})
			continue
		}
		o := a.Other
		it := infoItem{TSLType: o.TSLType, SchemeOperatorName: lote.LangValues(o.SchemeOperatorName),
			SchemeTypeCommunityRules: lote.LangURIs(o.SchemeTypeCommunityRules), SchemeTerritory: o.SchemeTerritory, MimeType: o.MimeType}
		if o.XML != "" || (o.TSLType == "" && o.SchemeOperatorName == nil && o.SchemeTypeCommunityRules == nil && o.SchemeTerritory == "" && o.MimeType == "") {
			x := o.XML
			it.XML = &x
		}
		items = append(items, it)
		if o.TSLType != "" && q.LoTEType == "" {
			q.LoTEType = o.TSLType
		}
		if o.SchemeOperatorName != nil && q.SchemeOperatorName == nil {
			q.SchemeOperatorName = lote.LangValues(o.SchemeOperatorName)
		}
		if o.SchemeTypeCommunityRules != nil && q.SchemeTypeCommunityRules == nil {
			q.SchemeTypeCommunityRules = lote.LangURIs(o.SchemeTypeCommunityRules)
		}
		if o.SchemeTerritory != "" && q.SchemeTerritory == "" {
			q.SchemeTerritory = o.SchemeTerritory
		}
		if o.MimeType != "" && q.MimeType == "" {
			q.MimeType = o.MimeType
		}
	}
	if q.SchemeOperatorName == nil {
		q.SchemeOperatorName = []langValue{}
	}
	out.Qualifiers = []qualifier{q}
	if p.AdditionalInformation != nil {
		out.Identities[0].AdditionalInfo = items
		if len(items) == 0 {
			out.Identities[0].AdditionalInfo = []infoItem{}
		}
	}
	return out
}

func encodeService(sv model.Service) teService {
	s := teService{Information: serviceInfo{
		Name: lote.LangValues(sv.Name), Identity: identity(sv.Identity), Type: sv.Type, Status: sv.Status,
		StatusStartingTime:         ts(sv.StatusStartingTime),
		SchemeServiceDefinitionURI: lote.LangURIs(sv.SchemeServiceDefinitionURI),
		TSPServiceDefinitionURI:    lote.LangURIs(sv.TSPServiceDefinitionURI),
		Extensions:                 extensions(sv.Extensions),
	}}
	if sv.SupplyPoints != nil {
		s.Information.SupplyPoints = []supplyPoint{}
		for _, p := range sv.SupplyPoints {
			s.Information.SupplyPoints = append(s.Information.SupplyPoints, supplyPoint{ServiceType: p.Type, URIValue: p.URI})
		}
	}
	for _, h := range sv.History {
		s.History = append(s.History, historyInstance{
			Name: lote.LangValues(h.Name), Identity: identity(h.Identity), Status: h.Status,
			StatusStartingTime: ts(h.StatusStartingTime), Type: h.Type, Extensions: extensions(h.Extensions),
		})
	}
	if sv.HistoryPresent && len(sv.History) == 0 {
		s.Information.Identity.Order += "-" // an empty ServiceHistory element
	}
	return s
}

func extensions(exts []model.Extension) []extension {
	if exts == nil {
		return nil
	}
	out := make([]extension, 0, len(exts))
	for _, x := range exts {
		c := x.Critical
		e := extension{Critical: &c}
		switch {
		case x.AdditionalServiceInformation != nil:
			a := x.AdditionalServiceInformation
			e.AdditionalServiceInformation = &additionalInfo{URI: langURI{Lang: a.URI.Lang, URIValue: a.URI.Value}, InformationValue: a.InformationValue}
			if a.OtherPresent {
				v := a.OtherInformation
				e.AdditionalServiceInformation.OtherInformation = &v
			}
		case x.Qualifications != nil:
			e.Qualifications = []qualification{}
			for _, q := range x.Qualifications {
				e.Qualifications = append(e.Qualifications, qualification{Qualifiers: q.Qualifiers, Criteria: encodeCriteria(q.Criteria)})
			}
		case x.TakenOverBy != nil:
			t := x.TakenOverBy
			e.TakenOverBy = &takenOverBy{langURI{Lang: t.URI.Lang, URIValue: t.URI.Value}, lote.LangValues(t.TSPName), lote.LangValues(t.SchemeOperatorName), t.SchemeTerritory, t.OtherQualifiers}
		case x.ExpiredCertsRevocationInfo != nil:
			e.ExpiredCertsRevocationInfo = ts(*x.ExpiredCertsRevocationInfo)
		default:
			v := x.XML
			e.XML = &v
		}
		out = append(out, e)
	}
	return out
}

func encodeCriteria(cl model.CriteriaList) criteria {
	c := criteria{Assert: cl.Assert, Description: cl.Description}
	for _, ku := range cl.KeyUsage {
		bits := []keyUsageBit{}
		for _, b := range ku {
			bits = append(bits, keyUsageBit{b.Name, b.Value})
		}
		c.KeyUsage = append(c.KeyUsage, bits)
	}
	for _, ps := range cl.PolicySets {
		c.PolicySets = append(c.PolicySets, oids(ps))
	}
	for _, n := range cl.CriteriaList {
		c.CriteriaList = append(c.CriteriaList, encodeCriteria(n))
	}
	if cl.Other != nil {
		items := []otherCrit{}
		for _, o := range cl.Other.Items {
			oc := otherCrit{ExtendedKeyUsage: oids(o.ExtendedKeyUsage), CertSubjectDNAttribute: oids(o.CertSubjectDNAttribute)}
			if o.ExtendedKeyUsage == nil && o.CertSubjectDNAttribute == nil {
				v := o.XML
				oc.XML = &v
			}
			items = append(items, oc)
		}
		c.Other = &items
	}
	return c
}

func oids(ids []model.ObjectIdentifier) []oid {
	if ids == nil {
		return nil
	}
	out := []oid{}
	for _, id := range ids {
		o := oid{Identifier: id.Identifier, Qualifier: id.Qualifier, Description: id.Description}
		if id.DocumentationReferences != nil {
			r := id.DocumentationReferences
			o.DocumentationReferences = &r
		}
		out = append(out, o)
	}
	return out
}
