package diff

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/jtsl/jtsl/internal/model"
)

// The functions below render the parts of a list that have no single
// value as one line each, so that a change is a line that differs. Every
// field of the model is rendered: nothing a list carries can change
// unseen.

// postal renders PostalAddress elements (one per language) as one
// multilingual value each: street, locality, state, postal code, country.
func postal(ps []model.PostalAddress) model.MultiLang {
	var m model.MultiLang
	for _, p := range ps {
		m = append(m, model.LangString{Lang: p.Lang,
			Value: join(", ", p.StreetAddress, p.Locality, p.StateOrProvince, p.PostalCode, p.CountryName)})
	}
	return m
}

// identity renders the DigitalId elements other than X509Certificate,
// which the report lists by SHA-256 (clause 5.5.3).
func identity(id model.DigitalIdentity) []string {
	var out []string
	for _, d := range id {
		switch {
		case d.Certificate != nil:
		case d.SubjectName != "":
			out = append(out, "X509SubjectName "+d.SubjectName)
		case d.SKI != nil:
			out = append(out, "X509SKI "+base64.StdEncoding.EncodeToString(d.SKI))
		case d.KeyValue != "":
			out = append(out, "KeyValue "+collapse(d.KeyValue))
		case d.OtherPresent:
			out = append(out, "Other "+collapse(d.Other))
		}
	}
	return out
}

// identityAll renders every DigitalId, certificates by SHA-256 (a history
// entry should carry none, clause 5.6, but a real list may).
func identityAll(id model.DigitalIdentity) []string {
	var out []string
	for _, s := range certSums(id) {
		out = append(out, "X509Certificate SHA-256 "+s)
	}
	return append(out, identity(id)...)
}

// supplyPoints renders ServiceSupplyPoint URIs with their type (clause
// 5.5.7).
func supplyPoints(ps []model.SupplyPoint) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.URI
		if p.Type != "" {
			out[i] += " (type " + p.Type + ")"
		}
	}
	return out
}

// pointer renders the parts of an OtherTSLPointer (clause 5.3.13) but its
// TSLLocation: the signers (ServiceDigitalIdentities) and the
// AdditionalInformation.
func pointer(p *model.Pointer) []string {
	var parts []string
	for _, id := range p.Identities {
		for _, s := range certSums(id) {
			parts = append(parts, "signer SHA-256 "+s)
		}
		parts = append(parts, identity(id)...)
	}
	for _, a := range p.AdditionalInformation {
		switch o := a.Other; {
		case a.Textual != nil:
			parts = append(parts, "TextualInformation["+a.Textual.Lang+"] "+a.Textual.Value)
		case o == nil:
		case o.TSLType != "":
			parts = append(parts, "TSLType "+o.TSLType)
		case o.SchemeOperatorName != nil:
			parts = append(parts, "SchemeOperatorName "+multi(o.SchemeOperatorName))
		case o.SchemeTypeCommunityRules != nil:
			parts = append(parts, "SchemeTypeCommunityRules "+multi(o.SchemeTypeCommunityRules))
		case o.SchemeTerritory != "":
			parts = append(parts, "SchemeTerritory "+o.SchemeTerritory)
		case o.MimeType != "":
			parts = append(parts, "MimeType "+o.MimeType)
		default:
			parts = append(parts, "OtherInformation "+collapse(o.XML))
		}
	}
	return parts
}

// pointedList names the list a pointer points to by its qualifiers:
// TSLType, SchemeTerritory and MimeType; "" when it has none of them.
func pointedList(p *model.Pointer) string {
	var typ, territory, mime string
	for _, a := range p.AdditionalInformation {
		o := a.Other
		switch {
		case o == nil:
		case o.TSLType != "":
			typ = o.TSLType
		case o.SchemeTerritory != "":
			territory = o.SchemeTerritory
		case o.MimeType != "":
			mime = o.MimeType
		}
	}
	if typ+territory+mime == "" {
		return ""
	}
	return typ + " " + territory + " " + mime
}

// pointerLine renders a whole pointer on one line.
func pointerLine(p *model.Pointer) string {
	return p.Location + " (" + strings.Join(pointer(p), "; ") + ")"
}

// extensions renders Extension elements (clauses 5.3.17, 5.4.5, 5.5.9).
func extensions(es []model.Extension) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = extension(&e)
	}
	return out
}

func extension(e *model.Extension) string {
	var s string
	switch {
	case e.AdditionalServiceInformation != nil: // 5.5.9.4
		a := e.AdditionalServiceInformation
		s = "AdditionalServiceInformation " + a.URI.Value + " [" + a.URI.Lang + "]"
		if a.InformationValue != "" {
			s += " InformationValue " + strconv.Quote(a.InformationValue)
		}
		if a.OtherPresent {
			s += " OtherInformation " + collapse(a.OtherInformation)
		}
	case e.Qualifications != nil: // 5.5.9.2
		parts := make([]string, len(e.Qualifications))
		for i, q := range e.Qualifications {
			parts[i] = "Qualifiers(" + strings.Join(q.Qualifiers, ", ") + ") if " + criteria(&q.Criteria)
		}
		s = "Qualifications: " + strings.Join(parts, "; ")
	case e.TakenOverBy != nil: // 5.5.9.3
		t := e.TakenOverBy
		s = "TakenOverBy " + t.URI.Value + " [" + t.URI.Lang + "] TSPName " + multi(t.TSPName) +
			" SchemeOperatorName " + multi(t.SchemeOperatorName) + " SchemeTerritory " + t.SchemeTerritory
		for _, o := range t.OtherQualifiers {
			s += " OtherQualifier " + collapse(o)
		}
	case e.ExpiredCertsRevocationInfo != nil: // 5.5.9.1
		s = "ExpiredCertsRevocationInfo " + stamp(*e.ExpiredCertsRevocationInfo)
	default:
		s = collapse(e.XML)
	}
	if e.Critical {
		return "critical " + s
	}
	return s
}

// criteria renders an ecc:CriteriaList as assert(criterion, …).
func criteria(c *model.CriteriaList) string {
	var parts []string
	for _, ku := range c.KeyUsage {
		bits := make([]string, len(ku))
		for i, b := range ku {
			bits[i] = b.Name + "=" + strconv.FormatBool(b.Value)
		}
		parts = append(parts, "KeyUsage("+strings.Join(bits, ", ")+")")
	}
	for _, ps := range c.PolicySets {
		parts = append(parts, "PolicySet("+oids(ps)+")")
	}
	for i := range c.CriteriaList {
		parts = append(parts, criteria(&c.CriteriaList[i]))
	}
	if c.Description != "" {
		parts = append(parts, "Description "+strconv.Quote(c.Description))
	}
	if c.Other != nil {
		for _, o := range c.Other.Items {
			switch {
			case o.ExtendedKeyUsage != nil:
				parts = append(parts, "ExtendedKeyUsage("+oids(o.ExtendedKeyUsage)+")")
			case o.CertSubjectDNAttribute != nil:
				parts = append(parts, "CertSubjectDNAttribute("+oids(o.CertSubjectDNAttribute)+")")
			case o.QcStatementSet != nil:
				parts = append(parts, "QcStatementSet("+qcStatements(o.QcStatementSet)+")")
			default:
				parts = append(parts, "otherCriteria "+collapse(o.XML))
			}
		}
	}
	return c.Assert + "(" + strings.Join(parts, ", ") + ")"
}

func qcStatements(set []model.QcStatement) string {
	out := make([]string, len(set))
	for i, q := range set {
		out[i] = oids([]model.ObjectIdentifier{q.ID})
		if q.QcType != nil {
			out[i] += " QcType " + oids([]model.ObjectIdentifier{*q.QcType})
		}
		if q.QcCClegislation != nil {
			out[i] += " QcCClegislation " + strconv.Quote(*q.QcCClegislation)
		}
	}
	return strings.Join(out, ", ")
}

func oids(os []model.ObjectIdentifier) string {
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = join(" ", o.Identifier, o.Qualifier, quote(o.Description), strings.Join(o.DocumentationReferences, " "))
	}
	return strings.Join(out, ", ")
}

// multi renders a multilingual value on one line: "en: …; ja: …".
func multi(m model.MultiLang) string {
	parts := make([]string, len(m))
	for i, s := range m {
		parts[i] = s.Lang + ": " + s.Value
	}
	return strings.Join(parts, "; ")
}

// collapse puts verbatim XML on one line.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func quote(s string) string {
	if s == "" {
		return ""
	}
	return strconv.Quote(s)
}

// join joins the non-empty strings.
func join(sep string, ss ...string) string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}
