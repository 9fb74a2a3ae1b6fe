package lote

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl"
)

// The JSON binding ({"LoTE": …}, 1960201_json_schema.json) is written and
// read member by member, in the order of the XML binding, rather than
// through tagged structs: the encoder leaves out what the model has not,
// and the decoder refuses any member the schema does not name, with the
// path of the value it judges (LoTE.TrustedEntitiesList[2]…).
//
// Extensions, which the schema leaves free-form, are written as objects
// {"Critical": bool, <kind>: …} with kind ServiceUniqueIdentifier,
// OtherAssociatedBodies (the tie schema's shape) or XML (an extension of
// the XML binding, verbatim); any other item is kept as it is.

// A member is one name and value of a JSON object.
type member struct {
	k string
	v any
}

// obj is a JSON object whose members keep their order.
type obj []member

func (o *obj) put(k string, v any) { *o = append(*o, member{k, v}) }

// MarshalJSON writes the members in order.
func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.k)
		b.Write(k)
		b.WriteByte(':')
		v, err := marshal(m.v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", m.k, err)
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal is json.Marshal without HTML escaping (the bindings' text is
// written as it is).
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// EncodeJSON returns the JSON binding of l: {"LoTE": …}, two-space
// indentation, no HTML escaping, a final newline; the same list always
// gives the same bytes. What only the XML binding can say (a closed list,
// a pointer's textual or other information, verbatim-only extensions) is
// an error rather than lost: the two bindings of one list must hold the
// same information.
func EncodeJSON(l *List) ([]byte, error) {
	s := &l.Scheme
	var si obj
	si.put("LoTEVersionIdentifier", s.VersionIdentifier)
	si.put("LoTESequenceNumber", s.SequenceNumber)
	optStr(&si, "LoTEType", s.Type)
	si.put("SchemeOperatorName", LangValues(s.OperatorName))
	si.put("SchemeOperatorAddress", OperatorAddress{
		Postal: Postals(s.OperatorAddress.Postal), Electronic: LangURIs(s.OperatorAddress.Electronic)})
	si.put("SchemeName", LangValues(s.Name))
	si.put("SchemeInformationURI", LangURIs(s.InformationURI))
	optStr(&si, "StatusDeterminationApproach", s.StatusDeterminationApproach)
	if s.CommunityRules != nil {
		si.put("SchemeTypeCommunityRules", LangURIs(s.CommunityRules))
	}
	optStr(&si, "SchemeTerritory", s.Territory)
	if p := s.PolicyOrLegalNotice; p != nil {
		var items []obj
		for _, u := range p.Policies {
			items = append(items, obj{{"LoTEPolicy", LangURI{Lang: u.Lang, URIValue: u.Value}}})
		}
		for _, n := range p.LegalNotices {
			items = append(items, obj{{"LoTELegalNotice", n.Value}, {"lang", n.Lang}})
		}
		si.put("PolicyOrLegalNotice", items)
	}
	if s.HistoricalInformationPeriod != nil {
		si.put("HistoricalInformationPeriod", *s.HistoricalInformationPeriod)
	}
	if s.Pointers != nil {
		var ps []obj
		for i := range s.Pointers {
			p, err := pointerJSON(&s.Pointers[i])
			if err != nil {
				return nil, fmt.Errorf("PointersToOtherLoTE[%d]: %w", i, err)
			}
			ps = append(ps, p)
		}
		si.put("PointersToOtherLoTE", ps)
	}
	si.put("ListIssueDateTime", timeJSON(s.ListIssueDateTime))
	if s.NextUpdate == nil {
		return nil, fmt.Errorf("NextUpdate: a closed list (no next update) has no JSON form")
	}
	si.put("NextUpdate", timeJSON(*s.NextUpdate))
	if s.DistributionPoints != nil {
		si.put("DistributionPoints", s.DistributionPoints)
	}
	if err := putExtensions(&si, "SchemeExtensions", s.Extensions); err != nil {
		return nil, err
	}
	lo := obj{{"ListAndSchemeInformation", si}}
	if l.Entities != nil {
		es := make([]obj, 0, len(l.Entities))
		for i := range l.Entities {
			e, err := entityJSON(&l.Entities[i])
			if err != nil {
				return nil, fmt.Errorf("TrustedEntitiesList[%d]: %w", i, err)
			}
			es = append(es, e)
		}
		lo.put("TrustedEntitiesList", es)
	}
	compact, err := marshal(obj{{"LoTE", lo}})
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(2 * len(compact))
	if err := json.Indent(&out, compact, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func optStr(o *obj, k, v string) {
	if v != "" {
		o.put(k, v)
	}
}

func timeJSON(t time.Time) string { return t.UTC().Format(model.TimeLayout) }

func pointerJSON(p *Pointer) (obj, error) {
	if p.TextualInformation != nil || p.OtherInformation != nil {
		return nil, fmt.Errorf("AdditionalInformation other than LoTE qualifiers has no JSON form")
	}
	o := obj{{"LoTELocation", p.Location}}
	ids := make([]obj, 0, len(p.Identities))
	for _, id := range p.Identities {
		ids = append(ids, identityJSON(id))
	}
	o.put("ServiceDigitalIdentities", ids)
	qs := make([]obj, 0, len(p.Qualifiers))
	for _, q := range p.Qualifiers {
		qo := obj{{"LoTEType", q.LoTEType}, {"SchemeOperatorName", LangValues(q.SchemeOperatorName)}}
		if q.CommunityRules != nil {
			qo.put("SchemeTypeCommunityRules", LangURIs(q.CommunityRules))
		}
		optStr(&qo, "SchemeTerritory", q.SchemeTerritory)
		qo.put("MimeType", q.MimeType)
		qs = append(qs, qo)
	}
	o.put("LoTEQualifiers", qs)
	return o, nil
}

// identityJSON groups the DigitalIds by kind, as the JSON binding does.
func identityJSON(id model.DigitalIdentity) obj {
	var certs []PkiOb
	var names, skis, others []string
	var keys []map[string]any
	for _, d := range id {
		switch {
		case d.Certificate != nil:
			certs = append(certs, PkiOb{Val: base64.StdEncoding.EncodeToString(d.Certificate)})
		case d.SubjectName != "":
			names = append(names, d.SubjectName)
		case d.KeyValue != "":
			keys = append(keys, JWKOf(d.KeyValue))
		case d.SKI != nil:
			skis = append(skis, base64.StdEncoding.EncodeToString(d.SKI))
		case d.OtherPresent:
			others = append(others, d.Other)
		}
	}
	o := obj{}
	for _, m := range []member{{"X509Certificates", certs}, {"X509SubjectNames", names},
		{"PublicKeyValues", keys}, {"X509SKIs", skis}, {"OtherIds", others}} {
		if !isNil(m.v) {
			o = append(o, m)
		}
	}
	return o
}

func isNil(v any) bool {
	switch x := v.(type) {
	case []PkiOb:
		return x == nil
	case []string:
		return x == nil
	case []map[string]any:
		return x == nil
	}
	return v == nil
}

func entityJSON(t *Entity) (obj, error) {
	var info obj
	info.put("TEName", LangValues(t.Name))
	if t.TradeName != nil {
		info.put("TETradeName", LangValues(t.TradeName))
	}
	info.put("TEAddress", TEAddress{Postal: Postals(t.Address.Postal), Electronic: LangURIs(t.Address.Electronic)})
	info.put("TEInformationURI", LangURIs(t.InformationURI))
	if err := putExtensions(&info, "TEInformationExtensions", t.Extensions); err != nil {
		return nil, err
	}
	svcs := make([]obj, 0, len(t.Services))
	for i := range t.Services {
		s, err := serviceJSON(&t.Services[i])
		if err != nil {
			return nil, fmt.Errorf("TrustedEntityServices[%d]: %w", i, err)
		}
		svcs = append(svcs, s)
	}
	return obj{{"TrustedEntityInformation", info}, {"TrustedEntityServices", svcs}}, nil
}

func serviceJSON(s *Service) (obj, error) {
	si := currentJSON(s.Type, s.Name, s.Identity, s.Status, s.StatusStartingTime)
	if s.SchemeServiceDefinitionURI != nil {
		si.put("SchemeServiceDefinitionURI", LangURIs(s.SchemeServiceDefinitionURI))
	}
	if s.SupplyPoints != nil {
		sps := make([]SupplyPoint, 0, len(s.SupplyPoints))
		for _, p := range s.SupplyPoints {
			sps = append(sps, SupplyPoint{ServiceType: p.Type, URIValue: p.URI})
		}
		si.put("ServiceSupplyPoints", sps)
	}
	if s.DefinitionURI != nil {
		si.put("ServiceDefinitionURI", LangURIs(s.DefinitionURI))
	}
	if err := putExtensions(&si, "ServiceInformationExtensions", s.Extensions); err != nil {
		return nil, err
	}
	o := obj{{"ServiceInformation", si}}
	if s.HistoryPresent && len(s.History) == 0 {
		return nil, fmt.Errorf("an empty ServiceHistory has no JSON form")
	}
	if len(s.History) > 0 {
		hs := make([]obj, 0, len(s.History))
		for i := range s.History {
			h := &s.History[i]
			ho := currentJSON(h.Type, h.Name, h.Identity, h.Status, h.StatusStartingTime)
			if err := putExtensions(&ho, "ServiceInformationExtensions", h.Extensions); err != nil {
				return nil, fmt.Errorf("ServiceHistory[%d]: %w", i, err)
			}
			hs = append(hs, ho)
		}
		o.put("ServiceHistory", hs)
	}
	return o, nil
}

// currentJSON writes what ServiceInformation and ServiceHistoryInstance
// share.
func currentJSON(typ string, name model.MultiLang, id model.DigitalIdentity, status string, since time.Time) obj {
	var o obj
	optStr(&o, "ServiceTypeIdentifier", typ)
	o.put("ServiceName", LangValues(name))
	o.put("ServiceDigitalIdentity", identityJSON(id))
	optStr(&o, "ServiceStatus", status)
	if !since.IsZero() {
		o.put("StatusStartingTime", timeJSON(since))
	}
	return o
}

func putExtensions(o *obj, name string, exts []Extension) error {
	if exts == nil {
		return nil
	}
	items := make([]any, 0, len(exts))
	for i := range exts {
		x := &exts[i]
		switch {
		case x.ServiceUniqueIdentifier != "":
			items = append(items, obj{{"Critical", x.Critical}, {"ServiceUniqueIdentifier", x.ServiceUniqueIdentifier}})
		case x.AssociatedBodies != nil:
			var bodies []obj
			for j := range x.AssociatedBodies {
				b, err := associatedBodyJSON(&x.AssociatedBodies[j])
				if err != nil {
					return fmt.Errorf("%s[%d]: %w", name, i, err)
				}
				bodies = append(bodies, b)
			}
			items = append(items, obj{{"Critical", x.Critical}, {"OtherAssociatedBodies", bodies}})
		case x.JSON != nil:
			items = append(items, x.JSON)
		default:
			items = append(items, obj{{"Critical", x.Critical}, {"XML", x.XML}})
		}
	}
	o.put(name, items)
	return nil
}

// associatedBodyJSON writes the tie schema's AssociatedBody, whose postal
// address is one object: one language only.
func associatedBodyJSON(b *AssociatedBody) (obj, error) {
	if len(b.Address.Postal) != 1 {
		return nil, fmt.Errorf("an associated body has one postal address in JSON, not %d", len(b.Address.Postal))
	}
	o := obj{{"AssociatedBodyName", LangValues(b.Name)}}
	if b.TradeName != nil {
		o.put("AssociatedBodyTradeName", LangValues(b.TradeName))
	}
	o.put("AssociatedBodyAddress", obj{{"AssociatedBodyPostalAddress", Postals(b.Address.Postal)[0]},
		{"AssociatedBodyElectronicAddress", LangURIs(b.Address.Electronic)}})
	o.put("AssociatedBodyInformationURI", LangURIs(b.InformationURI))
	if err := putExtensions(&o, "AssociatedBodyInformationExtensions", b.Extensions); err != nil {
		return nil, err
	}
	return o, nil
}

// DecodeJSON decodes the JSON binding. Structure problems (a member the
// schema does not name, a missing required one, a value of the wrong
// type, a malformed URI or date) are findings with the JSON path of the
// value and rule "structure"; the error is for text that is not JSON.
// file names the input in findings.
func DecodeJSON(data []byte, file string) (*List, diag.List, error) {
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		return nil, nil, fmt.Errorf("%s: not JSON: %v", file, err)
	}
	d := &jdec{file: file}
	l := &List{}
	root := d.object(data, "")
	lo := d.object(root.req("LoTE"), "LoTE")
	root.done()
	d.scheme(lo.req("ListAndSchemeInformation"), "LoTE.ListAndSchemeInformation", &l.Scheme)
	for i, e := range lo.array("TrustedEntitiesList", false) {
		l.Entities = append(l.Entities, d.entity(e, fmt.Sprintf("LoTE.TrustedEntitiesList[%d]", i)))
	}
	lo.done()
	return l, d.diags, nil
}

// jdec collects findings while reading the JSON binding.
type jdec struct {
	file  string
	diags diag.List
}

func (d *jdec) errorf(path, format string, args ...any) {
	d.diags = append(d.diags, diag.Diagnostic{Rule: "structure", Severity: diag.Error,
		Pos: diag.Pos{File: d.file}, Path: path, Message: fmt.Sprintf(format, args...)})
}

// A jobj is one JSON object being read; done reports the members left.
type jobj struct {
	d    *jdec
	path string
	m    map[string]json.RawMessage
	keys []string // in document order, for done's messages
}

func (d *jdec) object(raw json.RawMessage, path string) *jobj {
	o := &jobj{d: d, path: path}
	if raw == nil {
		return o
	}
	if err := json.Unmarshal(raw, &o.m); err != nil || o.m == nil {
		d.errorf(path, "expected an object")
		return o
	}
	o.keys = objectKeys(raw)
	return o
}

// objectKeys lists the member names of a JSON object in order.
func objectKeys(raw json.RawMessage) []string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return keys
		}
		if k, ok := t.(string); ok {
			keys = append(keys, k)
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return keys
		}
	}
	return keys
}

func (o *jobj) at(k string) string {
	if o.path == "" {
		return k
	}
	return o.path + "." + k
}

// get takes member k (nil when absent); a required one must be there.
func (o *jobj) get(k string, required bool) json.RawMessage {
	v, ok := o.m[k]
	if ok {
		delete(o.m, k)
		if string(v) == "null" {
			o.d.errorf(o.at(k), "null is not a value here")
			return nil
		}
		return v
	}
	if required && o.m != nil {
		o.d.errorf(o.at(k), "missing required member %s", k)
	}
	return nil
}

func (o *jobj) req(k string) json.RawMessage { return o.get(k, true) }

// done reports the members nobody took: unknown to the schema (or
// repeated, which a JSON object may not be).
func (o *jobj) done() {
	seen := map[string]bool{}
	for _, k := range o.keys {
		if seen[k] {
			o.d.errorf(o.at(k), "member %s appears twice", k)
		}
		seen[k] = true
		if _, left := o.m[k]; left {
			o.d.errorf(o.at(k), "unknown member %s", k)
			delete(o.m, k)
		}
	}
}

// into decodes member k into v, strictly.
func (o *jobj) into(k string, required bool, v any) bool {
	raw := o.get(k, required)
	if raw == nil {
		return false
	}
	return o.d.strict(raw, o.at(k), v)
}

func (d *jdec) strict(raw json.RawMessage, path string, v any) bool {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		d.errorf(path, "%s", strings.TrimPrefix(err.Error(), "json: "))
		return false
	}
	return true
}

func (o *jobj) str(k string, required bool) string {
	var s string
	o.into(k, required, &s)
	return s
}

func (o *jobj) uri(k string, required bool) string {
	s := o.str(k, required)
	o.d.checkURI(o.at(k), s)
	return s
}

func (d *jdec) checkURI(path, s string) {
	if s == "" {
		return
	}
	if err := tsl.CheckURI(s); err != nil || !strings.Contains(s, ":") {
		d.errorf(path, "%q is not an absolute URI", s)
	}
}

func (o *jobj) integer(k string, required bool) (int, bool) {
	var n int
	return n, o.into(k, required, &n)
}

func (o *jobj) time(k string, required bool) time.Time {
	s := o.str(k, required)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		o.d.errorf(o.at(k), "%q is not an RFC 3339 date-time", s)
	}
	return t.UTC()
}

// names reads an array of multiLangString (at least one).
func (o *jobj) names(k string, required bool) model.MultiLang {
	var v []LangValue
	if !o.into(k, required, &v) {
		return nil
	}
	o.d.nonEmpty(o.at(k), len(v))
	m := Multi(v)
	for i, s := range m {
		if s.Lang == "" || s.Value == "" {
			o.d.errorf(fmt.Sprintf("%s[%d]", o.at(k), i), "lang and value must not be empty")
		}
	}
	return m
}

// uris reads an array of NonEmptyMultiLangURI (at least one).
func (o *jobj) uris(k string, required bool) model.MultiLang {
	var v []LangURI
	if !o.into(k, required, &v) {
		return nil
	}
	o.d.nonEmpty(o.at(k), len(v))
	m := MultiURI(v)
	for i, s := range m {
		p := fmt.Sprintf("%s[%d]", o.at(k), i)
		if s.Lang == "" {
			o.d.errorf(p, "lang must not be empty")
		}
		if s.Value == "" {
			o.d.errorf(p, "uriValue must not be empty")
		}
		o.d.checkURI(p+".uriValue", s.Value)
	}
	return m
}

func (d *jdec) nonEmpty(path string, n int) {
	if n == 0 {
		d.errorf(path, "must hold at least one item")
	}
}

// array reads member k as an array of at least one item.
func (o *jobj) array(k string, required bool) []json.RawMessage {
	var v []json.RawMessage
	if !o.into(k, required, &v) {
		return nil
	}
	o.d.nonEmpty(o.at(k), len(v))
	return v
}

func (d *jdec) scheme(raw json.RawMessage, path string, s *Scheme) {
	o := d.object(raw, path)
	s.VersionIdentifier, _ = o.integer("LoTEVersionIdentifier", true)
	s.SequenceNumber, _ = o.integer("LoTESequenceNumber", true)
	s.Type = o.uri("LoTEType", false)
	s.OperatorName = o.names("SchemeOperatorName", true)
	if a := o.get("SchemeOperatorAddress", false); a != nil {
		s.OperatorAddress = d.address(a, path+".SchemeOperatorAddress", "SchemeOperator")
	}
	s.Name = o.names("SchemeName", false)
	s.InformationURI = o.uris("SchemeInformationURI", false)
	s.StatusDeterminationApproach = o.uri("StatusDeterminationApproach", false)
	s.CommunityRules = o.uris("SchemeTypeCommunityRules", false)
	s.Territory = o.str("SchemeTerritory", false)
	if s.Territory != "" && len(s.Territory) != 2 {
		d.errorf(o.at("SchemeTerritory"), "%q is not two characters", s.Territory)
	}
	for i, raw := range o.array("PolicyOrLegalNotice", false) {
		d.policy(raw, fmt.Sprintf("%s.PolicyOrLegalNotice[%d]", path, i), s)
	}
	if n, ok := o.integer("HistoricalInformationPeriod", false); ok {
		s.HistoricalInformationPeriod = &n
	}
	for i, raw := range o.array("PointersToOtherLoTE", false) {
		s.Pointers = append(s.Pointers, d.pointer(raw, fmt.Sprintf("%s.PointersToOtherLoTE[%d]", path, i)))
	}
	s.ListIssueDateTime = o.time("ListIssueDateTime", true)
	if t := o.time("NextUpdate", true); !t.IsZero() {
		s.NextUpdate = &t
	}
	if o.into("DistributionPoints", false, &s.DistributionPoints) {
		d.nonEmpty(o.at("DistributionPoints"), len(s.DistributionPoints))
		for i, u := range s.DistributionPoints {
			d.checkURI(fmt.Sprintf("%s[%d]", o.at("DistributionPoints"), i), u)
		}
	}
	s.Extensions = d.extensions(o, "SchemeExtensions")
	o.done()
}

// policy reads one PolicyOrLegalNotice item: all items are policies or all
// are legal notices (the schema's oneOf).
func (d *jdec) policy(raw json.RawMessage, path string, s *Scheme) {
	if s.PolicyOrLegalNotice == nil {
		s.PolicyOrLegalNotice = &model.PolicyOrLegalNotice{}
	}
	p := s.PolicyOrLegalNotice
	o := d.object(raw, path)
	var u LangURI
	if o.into("LoTEPolicy", false, &u) {
		d.checkURI(path+".LoTEPolicy.uriValue", u.URIValue)
		p.Policies = append(p.Policies, model.LangString{Lang: u.Lang, Value: u.URIValue})
	} else if n := o.str("LoTELegalNotice", true); n != "" {
		p.LegalNotices = append(p.LegalNotices, model.LangString{Lang: o.str("lang", false), Value: n})
	}
	if p.Policies != nil && p.LegalNotices != nil {
		d.errorf(path, "policies and legal notices cannot be mixed")
	}
	o.done()
}

// address reads SchemeOperatorAddress or TEAddress: prefix names their
// members (SchemeOperatorPostalAddress, TEPostalAddress…).
func (d *jdec) address(raw json.RawMessage, path, prefix string) model.Address {
	o := d.object(raw, path)
	var a model.Address
	var ps []Postal
	if o.into(prefix+"PostalAddress", true, &ps) {
		d.nonEmpty(o.at(prefix+"PostalAddress"), len(ps))
		a.Postal = PostalsOf(ps)
	}
	for i, p := range a.Postal {
		if p.Lang == "" || p.StreetAddress == "" || p.CountryName == "" {
			d.errorf(fmt.Sprintf("%s[%d]", o.at(prefix+"PostalAddress"), i), "lang, StreetAddress and Country are required")
		}
	}
	a.Electronic = o.uris(prefix+"ElectronicAddress", true)
	o.done()
	return a
}

func (d *jdec) pointer(raw json.RawMessage, path string) Pointer {
	o := d.object(raw, path)
	p := Pointer{Location: o.uri("LoTELocation", true)}
	for i, id := range o.array("ServiceDigitalIdentities", true) {
		p.Identities = append(p.Identities, d.identity(id, fmt.Sprintf("%s.ServiceDigitalIdentities[%d]", path, i)))
	}
	for i, raw := range o.array("LoTEQualifiers", true) {
		qp := fmt.Sprintf("%s.LoTEQualifiers[%d]", path, i)
		qo := d.object(raw, qp)
		p.Qualifiers = append(p.Qualifiers, Qualifier{
			LoTEType: qo.uri("LoTEType", true), SchemeOperatorName: qo.names("SchemeOperatorName", true),
			CommunityRules: qo.uris("SchemeTypeCommunityRules", false), SchemeTerritory: qo.str("SchemeTerritory", false),
			MimeType: qo.str("MimeType", true),
		})
		qo.done()
	}
	o.done()
	return p
}

// identity reads a ServiceDigitalIdentity: certificates, subject names,
// public keys (JWK, kept as the ds:KeyValue of the XML binding), SKIs and
// other ids, in that order.
func (d *jdec) identity(raw json.RawMessage, path string) model.DigitalIdentity {
	o := d.object(raw, path)
	id := model.DigitalIdentity{}
	var certs []PkiOb
	o.into("X509Certificates", false, &certs)
	for i, c := range certs {
		der, err := base64.StdEncoding.DecodeString(c.Val)
		if err != nil || len(der) == 0 {
			d.errorf(fmt.Sprintf("%s.X509Certificates[%d].val", path, i), "not base64 DER")
		}
		id = append(id, model.DigitalID{Certificate: der})
	}
	var names []string
	o.into("X509SubjectNames", false, &names)
	for _, n := range names {
		id = append(id, model.DigitalID{SubjectName: n})
	}
	var jwks []map[string]any
	o.into("PublicKeyValues", false, &jwks)
	for i, k := range jwks {
		kv, err := keyValueOf(k)
		if err == nil {
			kv, err = tsl.NormalizeXML(kv) // as the XML binding's decoder keeps it
		}
		if err != nil {
			d.errorf(fmt.Sprintf("%s.PublicKeyValues[%d]", path, i), "%v", err)
		}
		id = append(id, model.DigitalID{KeyValue: kv})
	}
	var skis []string
	o.into("X509SKIs", false, &skis)
	for i, s := range skis {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil || len(b) == 0 {
			d.errorf(fmt.Sprintf("%s.X509SKIs[%d]", path, i), "not base64")
		}
		id = append(id, model.DigitalID{SKI: b})
	}
	var others []string
	o.into("OtherIds", false, &others)
	for _, x := range others {
		id = append(id, model.DigitalID{Other: x, OtherPresent: true})
	}
	o.done()
	return id
}

func (d *jdec) entity(raw json.RawMessage, path string) Entity {
	var t Entity
	o := d.object(raw, path)
	ip := path + ".TrustedEntityInformation"
	info := d.object(o.req("TrustedEntityInformation"), ip)
	t.Name = info.names("TEName", true)
	t.TradeName = info.names("TETradeName", false)
	if a := info.req("TEAddress"); a != nil {
		t.Address = d.address(a, ip+".TEAddress", "TE")
	}
	t.InformationURI = info.uris("TEInformationURI", true)
	t.Extensions = d.extensions(info, "TEInformationExtensions")
	info.done()
	for i, s := range o.array("TrustedEntityServices", true) {
		t.Services = append(t.Services, d.service(s, fmt.Sprintf("%s.TrustedEntityServices[%d]", path, i)))
	}
	o.done()
	return t
}

func (d *jdec) service(raw json.RawMessage, path string) Service {
	var s Service
	o := d.object(raw, path)
	ip := path + ".ServiceInformation"
	si := d.object(o.req("ServiceInformation"), ip)
	h := d.current(si, ip, false)
	s.Type, s.Name, s.Identity, s.Status, s.StatusStartingTime = h.Type, h.Name, h.Identity, h.Status, h.StatusStartingTime
	s.SchemeServiceDefinitionURI = si.uris("SchemeServiceDefinitionURI", false)
	var sps []SupplyPoint
	if si.into("ServiceSupplyPoints", false, &sps) {
		d.nonEmpty(si.at("ServiceSupplyPoints"), len(sps))
		s.SupplyPoints = []model.SupplyPoint{}
		for i, p := range sps {
			pp := fmt.Sprintf("%s[%d]", si.at("ServiceSupplyPoints"), i)
			d.checkURI(pp+".uriValue", p.URIValue)
			d.checkURI(pp+".ServiceType", p.ServiceType)
			if p.URIValue == "" {
				d.errorf(pp, "uriValue must not be empty")
			}
			s.SupplyPoints = append(s.SupplyPoints, model.SupplyPoint{URI: p.URIValue, Type: p.ServiceType})
		}
	}
	s.DefinitionURI = si.uris("ServiceDefinitionURI", false)
	s.Extensions = d.extensions(si, "ServiceInformationExtensions")
	si.done()
	for i, raw := range o.array("ServiceHistory", false) {
		hp := fmt.Sprintf("%s.ServiceHistory[%d]", path, i)
		ho := d.object(raw, hp)
		h := d.current(ho, hp, true)
		h.Extensions = d.extensions(ho, "ServiceInformationExtensions")
		ho.done()
		s.History = append(s.History, h)
	}
	o.done()
	return s
}

// current reads what ServiceInformation and ServiceHistoryInstance share;
// a history instance must have its status and starting time.
func (d *jdec) current(o *jobj, path string, history bool) HistoryInstance {
	var h HistoryInstance
	h.Type = o.uri("ServiceTypeIdentifier", false)
	h.Name = o.names("ServiceName", true)
	if id := o.req("ServiceDigitalIdentity"); id != nil {
		h.Identity = d.identity(id, path+".ServiceDigitalIdentity")
	}
	h.Status = o.uri("ServiceStatus", history)
	h.StatusStartingTime = o.time("StatusStartingTime", history)
	return h
}

// extensions reads the extension array k of o (nil when absent).
func (d *jdec) extensions(o *jobj, k string) []Extension {
	items := o.array(k, false)
	if items == nil {
		return nil
	}
	out := make([]Extension, 0, len(items))
	for i, raw := range items {
		out = append(out, d.extension(raw, fmt.Sprintf("%s[%d]", o.at(k), i)))
	}
	return out
}

// extension reads one item: one of the shapes putExtensions writes, else
// kept verbatim (compacted, so that decoding what EncodeJSON wrote gives
// the same model back).
func (d *jdec) extension(raw json.RawMessage, path string) Extension {
	var probe map[string]json.RawMessage
	if json.Unmarshal(raw, &probe) == nil && len(probe) == 2 && probe["Critical"] != nil {
		o := d.object(raw, path)
		var x Extension
		o.into("Critical", true, &x.Critical)
		switch {
		case probe["ServiceUniqueIdentifier"] != nil:
			x.ServiceUniqueIdentifier = o.uri("ServiceUniqueIdentifier", true)
		case probe["OtherAssociatedBodies"] != nil:
			for i, b := range o.array("OtherAssociatedBodies", true) {
				x.AssociatedBodies = append(x.AssociatedBodies, d.associatedBody(b, fmt.Sprintf("%s.OtherAssociatedBodies[%d]", path, i)))
			}
		case probe["XML"] != nil:
			o.into("XML", true, &x.XML)
		default:
			return verbatim(raw)
		}
		o.done()
		return x
	}
	return verbatim(raw)
}

func verbatim(raw json.RawMessage) Extension {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return Extension{JSON: raw}
	}
	return Extension{JSON: b.Bytes()}
}

func (d *jdec) associatedBody(raw json.RawMessage, path string) AssociatedBody {
	o := d.object(raw, path)
	var b AssociatedBody
	b.Name = o.names("AssociatedBodyName", true)
	b.TradeName = o.names("AssociatedBodyTradeName", false)
	if a := o.get("AssociatedBodyAddress", false); a != nil {
		ao := d.object(a, path+".AssociatedBodyAddress")
		var p Postal
		if ao.into("AssociatedBodyPostalAddress", true, &p) {
			b.Address.Postal = PostalsOf([]Postal{p})
		}
		b.Address.Electronic = ao.uris("AssociatedBodyElectronicAddress", true)
		ao.done()
	}
	b.InformationURI = o.uris("AssociatedBodyInformationURI", false)
	b.Extensions = d.extensions(o, "AssociatedBodyInformationExtensions")
	o.done()
	return b
}

// keyValueOf is the inverse of JWKOf: the ds:KeyValue of an RSA or
// EC (P-256, P-384, P-521) JWK.
func keyValueOf(k map[string]any) (string, error) {
	str := func(name string) []byte {
		s, _ := k[name].(string)
		b, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil {
			return nil
		}
		return b
	}
	b64 := base64.StdEncoding.EncodeToString
	switch k["kty"] {
	case "RSA":
		n, e := str("n"), str("e")
		if n == nil || e == nil {
			return "", fmt.Errorf("RSA JWK without n and e")
		}
		return `<ds:KeyValue xmlns:ds="` + model.NSDS + `"><ds:RSAKeyValue><ds:Modulus>` + b64(n) +
			`</ds:Modulus><ds:Exponent>` + b64(e) + `</ds:Exponent></ds:RSAKeyValue></ds:KeyValue>`, nil
	case "EC":
		curves := map[any]string{"P-256": "urn:oid:1.2.840.10045.3.1.7", "P-384": "urn:oid:1.3.132.0.34", "P-521": "urn:oid:1.3.132.0.35"}
		x, y := str("x"), str("y")
		oid := curves[k["crv"]]
		if oid == "" || x == nil || len(x) != len(y) {
			return "", fmt.Errorf("EC JWK of an unknown curve, or without x and y")
		}
		pt := append(append([]byte{4}, x...), y...)
		return `<ds:KeyValue xmlns:ds="` + model.NSDS + `"><dsig11:ECKeyValue xmlns:dsig11="http://www.w3.org/2009/xmldsig11#"><dsig11:NamedCurve URI="` +
			oid + `"/><dsig11:PublicKey>` + b64(pt) + `</dsig11:PublicKey></dsig11:ECKeyValue></ds:KeyValue>`, nil
	}
	return "", fmt.Errorf("JWK of key type %v: only RSA and EC keys are read", k["kty"])
}
