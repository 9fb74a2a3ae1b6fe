package lote

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl"
)

// DecodeJSON decodes the JSON binding. Structure problems (a member the
// schema does not name, a missing required one, a value of the wrong
// type, a malformed URI or date) are findings with the JSON path of the
// value and rule "structure"; the error is for text that is not JSON, or
// an object that names a member twice (which readers resolve differently:
// a signed list must mean one thing). file names the input in findings.
//
// The text is read once into Go values (encoding/json, numbers kept as
// written), then walked.
func DecodeJSON(data []byte, file string) (*List, diag.List, error) {
	if k, ok := repeatedMember(data); ok {
		return nil, nil, fmt.Errorf("%s: member %q appears twice in one object", file, k)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, nil, fmt.Errorf("%s: not JSON: %v", file, err)
	}
	if dec.More() {
		return nil, nil, fmt.Errorf("%s: not JSON: text after the value", file)
	}
	d := &jdec{file: file}
	l := &List{}
	root := d.object(v, "")
	lo := d.object(root.req("LoTE"), "LoTE")
	root.done()
	d.scheme(lo.req("ListAndSchemeInformation"), "LoTE.ListAndSchemeInformation", &l.Scheme)
	for i, e := range lo.array("TrustedEntitiesList", false) {
		l.Entities = append(l.Entities, d.entity(e, fmt.Sprintf("LoTE.TrustedEntitiesList[%d]", i)))
	}
	lo.done()
	return l, d.diags, nil
}

// repeatedMember finds an object member named twice, in one pass over the
// text (encoding/json keeps the last silently). It assumes JSON; what is
// not is left to the decoder.
func repeatedMember(data []byte) (string, bool) {
	var stack []map[string]bool // one set per open object; nil for an array
	expectKey := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '{':
			stack = append(stack, map[string]bool{})
			expectKey = true
		case '[':
			stack = append(stack, nil)
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1] != nil
		case '"':
			j := i + 1
			for j < len(data) && data[j] != '"' {
				if data[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(data) {
				return "", false
			}
			if expectKey {
				k := string(data[i+1 : j])
				if strings.IndexByte(k, '\\') >= 0 {
					json.Unmarshal(data[i:j+1], &k)
				}
				set := stack[len(stack)-1]
				if set[k] {
					return k, true
				}
				set[k] = true
				expectKey = false
			}
			i = j
		}
	}
	return "", false
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
	m    map[string]any
}

// object starts reading v, which must be an object (nil: absent, and
// nothing is reported).
func (d *jdec) object(v any, path string) *jobj {
	o := &jobj{d: d, path: path}
	if v == nil {
		return o
	}
	m, ok := v.(map[string]any)
	if !ok {
		d.errorf(path, "expected an object, found %s", kind(v))
		return o
	}
	o.m = m
	return o
}

func kind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "null"
}

func (o *jobj) at(k string) string {
	if o.path == "" {
		return k
	}
	return o.path + "." + k
}

// get takes member k (nil when absent); a required one must be there.
func (o *jobj) get(k string, required bool) any {
	v, ok := o.m[k]
	if ok {
		delete(o.m, k)
		if v == nil {
			o.d.errorf(o.at(k), "null is not a value here")
		}
		return v
	}
	if required && o.m != nil {
		o.d.errorf(o.at(k), "missing required member %s", k)
	}
	return nil
}

func (o *jobj) req(k string) any { return o.get(k, true) }

// done reports the members nobody took: unknown to the schema.
func (o *jobj) done() {
	keys := make([]string, 0, len(o.m))
	for k := range o.m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		o.d.errorf(o.at(k), "unknown member %s", k)
	}
	o.m = nil
}

// str reads a string value.
func (d *jdec) str(v any, path string) string {
	if v == nil {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		d.errorf(path, "expected a string, found %s", kind(v))
	}
	return s
}

func (o *jobj) str(k string, required bool) string { return o.d.str(o.get(k, required), o.at(k)) }

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

// integer reads member k, an integer; ok is false when it is absent.
func (o *jobj) integer(k string, required bool) (int, bool) {
	v := o.get(k, required)
	if v == nil {
		return 0, false
	}
	n, ok := v.(json.Number)
	i, err := strconv.Atoi(string(n))
	if !ok || err != nil {
		o.d.errorf(o.at(k), "expected an integer, found %s", kind(v))
	}
	return i, true
}

func (o *jobj) boolean(k string) bool {
	b, ok := o.get(k, true).(bool)
	if !ok && o.m != nil {
		o.d.errorf(o.at(k), "expected a boolean")
	}
	return b
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

// array reads member k as an array of at least one item.
func (o *jobj) array(k string, required bool) []any {
	return o.d.array(o.get(k, required), o.at(k))
}

func (d *jdec) array(v any, path string) []any {
	if v == nil {
		return nil
	}
	a, ok := v.([]any)
	if !ok {
		d.errorf(path, "expected an array, found %s", kind(v))
		return nil
	}
	if len(a) == 0 {
		d.errorf(path, "must hold at least one item")
	}
	return a
}

// strings reads member k, an array of strings.
func (o *jobj) strings(k string) []string {
	items := o.array(k, false)
	if items == nil {
		return nil
	}
	out := make([]string, 0, len(items))
	for i, v := range items {
		out = append(out, o.d.str(v, fmt.Sprintf("%s[%d]", o.at(k), i)))
	}
	return out
}

// pairs reads member k, an array of {"lang", valueKey} objects: names
// (valueKey "value") or URIs ("uriValue").
func (o *jobj) pairs(k string, required bool, valueKey string) model.MultiLang {
	items := o.array(k, required)
	if items == nil {
		return nil
	}
	m := make(model.MultiLang, 0, len(items))
	for i, v := range items {
		m = append(m, o.d.pair(v, fmt.Sprintf("%s[%d]", o.at(k), i), valueKey))
	}
	return m
}

func (d *jdec) pair(v any, path, valueKey string) model.LangString {
	p := d.object(v, path)
	s := model.LangString{Lang: p.str("lang", true), Value: p.str(valueKey, true)}
	if s.Lang == "" || s.Value == "" {
		d.errorf(path, "lang and %s must not be empty", valueKey)
	}
	if valueKey == "uriValue" {
		d.checkURI(path+".uriValue", s.Value)
	}
	p.done()
	return s
}

func (o *jobj) names(k string, required bool) model.MultiLang { return o.pairs(k, required, "value") }

func (o *jobj) uris(k string, required bool) model.MultiLang { return o.pairs(k, required, "uriValue") }

func (d *jdec) scheme(v any, path string, s *Scheme) {
	o := d.object(v, path)
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
	for i, item := range o.array("PolicyOrLegalNotice", false) {
		d.policy(item, fmt.Sprintf("%s.PolicyOrLegalNotice[%d]", path, i), s)
	}
	if n, ok := o.integer("HistoricalInformationPeriod", false); ok {
		s.HistoricalInformationPeriod = &n
	}
	for i, item := range o.array("PointersToOtherLoTE", false) {
		s.Pointers = append(s.Pointers, d.pointer(item, fmt.Sprintf("%s.PointersToOtherLoTE[%d]", path, i)))
	}
	s.ListIssueDateTime = o.time("ListIssueDateTime", true)
	if t := o.time("NextUpdate", true); !t.IsZero() {
		s.NextUpdate = &t
	}
	s.DistributionPoints = o.strings("DistributionPoints")
	for i, u := range s.DistributionPoints {
		d.checkURI(fmt.Sprintf("%s[%d]", o.at("DistributionPoints"), i), u)
	}
	s.Extensions = d.extensions(o, "SchemeExtensions")
	o.done()
}

// policy reads one PolicyOrLegalNotice item: all items are policies or all
// are legal notices (the schema's oneOf).
func (d *jdec) policy(v any, path string, s *Scheme) {
	if s.PolicyOrLegalNotice == nil {
		s.PolicyOrLegalNotice = &model.PolicyOrLegalNotice{}
	}
	p := s.PolicyOrLegalNotice
	o := d.object(v, path)
	if u := o.get("LoTEPolicy", false); u != nil {
		p.Policies = append(p.Policies, d.pair(u, path+".LoTEPolicy", "uriValue"))
	} else if n := o.str("LoTELegalNotice", true); n != "" {
		p.LegalNotices = append(p.LegalNotices, model.LangString{Lang: o.str("lang", false), Value: n})
	}
	if p.Policies != nil && p.LegalNotices != nil {
		d.errorf(path, "policies and legal notices cannot be mixed")
	}
	o.done()
}

// postal reads a PostalAddress.
func (d *jdec) postal(v any, path string) model.PostalAddress {
	o := d.object(v, path)
	p := model.PostalAddress{Lang: o.str("lang", true), StreetAddress: o.str("StreetAddress", true), Locality: o.str("Locality", false),
		StateOrProvince: o.str("StateOrProvince", false), PostalCode: o.str("PostalCode", false), CountryName: o.str("Country", true)}
	o.done()
	return p
}

// address reads SchemeOperatorAddress or TEAddress: prefix names their
// members (SchemeOperatorPostalAddress, TEPostalAddress…).
func (d *jdec) address(v any, path, prefix string) model.Address {
	o := d.object(v, path)
	var a model.Address
	for i, p := range o.array(prefix+"PostalAddress", true) {
		a.Postal = append(a.Postal, d.postal(p, fmt.Sprintf("%s[%d]", o.at(prefix+"PostalAddress"), i)))
	}
	a.Electronic = o.uris(prefix+"ElectronicAddress", true)
	o.done()
	return a
}

func (d *jdec) pointer(v any, path string) Pointer {
	o := d.object(v, path)
	p := Pointer{Location: o.uri("LoTELocation", true)}
	for i, id := range o.array("ServiceDigitalIdentities", true) {
		p.Identities = append(p.Identities, d.identity(id, fmt.Sprintf("%s.ServiceDigitalIdentities[%d]", path, i)))
	}
	for i, item := range o.array("LoTEQualifiers", true) {
		qo := d.object(item, fmt.Sprintf("%s.LoTEQualifiers[%d]", path, i))
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

// base64s reads member k, an array of base64 values (each found by val
// when it is an object).
func (o *jobj) base64s(k, val string) [][]byte {
	var out [][]byte
	for i, item := range o.array(k, false) {
		p := fmt.Sprintf("%s[%d]", o.at(k), i)
		var s string
		if val != "" {
			vo := o.d.object(item, p)
			s = vo.str(val, true)
			vo.done()
		} else {
			s = o.d.str(item, p)
		}
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil || len(b) == 0 {
			o.d.errorf(p, "not base64")
		}
		out = append(out, b)
	}
	return out
}

// identity reads a ServiceDigitalIdentity: certificates, subject names,
// public keys (JWK, kept as the ds:KeyValue of the XML binding), SKIs and
// other ids, in that order.
func (d *jdec) identity(v any, path string) model.DigitalIdentity {
	o := d.object(v, path)
	id := model.DigitalIdentity{}
	for _, der := range o.base64s("X509Certificates", "val") {
		id = append(id, model.DigitalID{Certificate: der})
	}
	for _, n := range o.strings("X509SubjectNames") {
		id = append(id, model.DigitalID{SubjectName: n})
	}
	for i, k := range o.array("PublicKeyValues", false) {
		p := fmt.Sprintf("%s.PublicKeyValues[%d]", path, i)
		jwk, ok := k.(map[string]any)
		kv, err := keyValueOf(jwk)
		if err == nil {
			kv, err = tsl.NormalizeXML(kv) // as the XML binding's decoder keeps it
		}
		if !ok || err != nil {
			d.errorf(p, "not a JWK of an RSA or EC key: %v", err)
		}
		id = append(id, model.DigitalID{KeyValue: kv})
	}
	for _, ski := range o.base64s("X509SKIs", "") {
		id = append(id, model.DigitalID{SKI: ski})
	}
	for _, x := range o.strings("OtherIds") {
		id = append(id, model.DigitalID{Other: x, OtherPresent: true})
	}
	o.done()
	return id
}

func (d *jdec) entity(v any, path string) Entity {
	var t Entity
	o := d.object(v, path)
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

func (d *jdec) service(v any, path string) Service {
	var s Service
	o := d.object(v, path)
	ip := path + ".ServiceInformation"
	si := d.object(o.req("ServiceInformation"), ip)
	h := d.current(si, ip, false)
	s.Type, s.Name, s.Identity, s.Status, s.StatusStartingTime = h.Type, h.Name, h.Identity, h.Status, h.StatusStartingTime
	s.SchemeServiceDefinitionURI = si.uris("SchemeServiceDefinitionURI", false)
	if items := si.array("ServiceSupplyPoints", false); items != nil {
		s.SupplyPoints = []model.SupplyPoint{}
		for i, item := range items {
			p := d.object(item, fmt.Sprintf("%s[%d]", si.at("ServiceSupplyPoints"), i))
			s.SupplyPoints = append(s.SupplyPoints, model.SupplyPoint{URI: p.uri("uriValue", true), Type: p.uri("ServiceType", false)})
			p.done()
		}
	}
	s.DefinitionURI = si.uris("ServiceDefinitionURI", false)
	s.Extensions = d.extensions(si, "ServiceInformationExtensions")
	si.done()
	for i, item := range o.array("ServiceHistory", false) {
		hp := fmt.Sprintf("%s.ServiceHistory[%d]", path, i)
		ho := d.object(item, hp)
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
	for i, item := range items {
		out = append(out, d.extension(item, fmt.Sprintf("%s[%d]", o.at(k), i)))
	}
	return out
}

// extension reads one item: one of the shapes putExtensions writes, else
// kept verbatim (compact, members sorted, so that decoding what EncodeJSON
// wrote gives the same model back).
func (d *jdec) extension(v any, path string) Extension {
	m, ok := v.(map[string]any)
	_, critical := m["Critical"].(bool)
	if !ok || len(m) != 2 || !critical {
		return verbatim(v)
	}
	x := Extension{}
	o := d.object(v, path)
	switch {
	case m["ServiceUniqueIdentifier"] != nil:
		x.ServiceUniqueIdentifier = o.uri("ServiceUniqueIdentifier", true)
	case m["OtherAssociatedBodies"] != nil:
		for i, b := range o.array("OtherAssociatedBodies", true) {
			x.AssociatedBodies = append(x.AssociatedBodies, d.associatedBody(b, fmt.Sprintf("%s.OtherAssociatedBodies[%d]", path, i)))
		}
	case m["XML"] != nil:
		x.XML = o.str("XML", true)
	default:
		return verbatim(v)
	}
	x.Critical = o.boolean("Critical")
	o.done()
	return x
}

func verbatim(v any) Extension {
	b, _ := marshal(v) // a decoded value always marshals
	return Extension{JSON: b}
}

func (d *jdec) associatedBody(v any, path string) AssociatedBody {
	o := d.object(v, path)
	var b AssociatedBody
	b.Name = o.names("AssociatedBodyName", true)
	b.TradeName = o.names("AssociatedBodyTradeName", false)
	if a := o.get("AssociatedBodyAddress", false); a != nil {
		ao := d.object(a, path+".AssociatedBodyAddress")
		if p := ao.req("AssociatedBodyPostalAddress"); p != nil {
			b.Address.Postal = []model.PostalAddress{d.postal(p, ao.at("AssociatedBodyPostalAddress"))}
		}
		b.Address.Electronic = ao.uris("AssociatedBodyElectronicAddress", true)
		ao.done()
	}
	b.InformationURI = o.uris("AssociatedBodyInformationURI", false)
	b.Extensions = d.extensions(o, "AssociatedBodyInformationExtensions")
	o.done()
	return b
}

// keyValueOf is the inverse of JWKOf: the ds:KeyValue of an RSA or EC
// (P-256, P-384, P-521) JWK.
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
