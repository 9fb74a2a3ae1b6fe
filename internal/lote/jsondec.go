package lote

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/jsonvalue"
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
// The text is read once into plain values (jsonvalue.ParseOrdered), then walked. The
// walk names no value's path (building them was half its time) unless it
// finds a problem: then the text is walked again, naming them.
func DecodeJSON(data []byte, file string) (*List, diag.List, error) {
	v, err := jsonvalue.ParseOrdered(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	l, diags := walkJSON(v, file, false)
	if len(diags) > 0 {
		v, _ = jsonvalue.ParseOrdered(data) // the walk took the members it read
		l, diags = walkJSON(v, file, true)
	}
	return l, diags, nil
}

// walkJSON decodes the values jsonvalue.ParseOrdered read; paths says whether findings
// name the value's path.
func walkJSON(v any, file string, paths bool) (*List, diag.List) {
	d := &jdec{file: file, paths: paths}
	l := &List{}
	root := d.object(v, "")
	lo := d.object(root.req("LoTE"), "LoTE")
	root.done()
	d.scheme(lo.req("ListAndSchemeInformation"), "LoTE.ListAndSchemeInformation", &l.Scheme)
	l.Entities = collect(lo, "TrustedEntitiesList", false, d.entity)
	lo.done()
	return l, d.diags
}

// jdec collects findings while reading the JSON binding.
type jdec struct {
	file  string
	paths bool // name each value's path (else "", and the findings are only counted)
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
	m    jsonvalue.Members // nil: absent, or not an object
}

// object starts reading v, which must be an object (nil: absent, and
// nothing is reported).
func (d *jdec) object(v any, path string) *jobj {
	o := &jobj{d: d, path: path}
	if v == nil {
		return o
	}
	m, ok := v.(jsonvalue.Members)
	if !ok {
		d.errorf(path, "expected an object, found %s", kind(v))
		return o
	}
	o.m = m
	return o
}

func kind(v any) string {
	switch v.(type) {
	case jsonvalue.Members:
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
	switch {
	case !o.d.paths:
		return ""
	case o.path == "":
		return k
	}
	return o.path + "." + k
}

// get takes member k (nil when absent); a required one must be there.
func (o *jobj) get(k string, required bool) any {
	for i := range o.m {
		if x := &o.m[i]; x.Key == k && !x.Taken {
			x.Taken = true
			if x.Value == nil {
				o.d.errorf(o.at(k), "null is not a value here")
			}
			return x.Value
		}
	}
	if required && o.m != nil {
		o.d.errorf(o.at(k), "missing required member %s", k)
	}
	return nil
}

func (o *jobj) req(k string) any { return o.get(k, true) }

// done reports the members nobody took: unknown to the schema.
func (o *jobj) done() {
	var keys []string
	for _, x := range o.m {
		if !x.Taken {
			keys = append(keys, x.Key)
		}
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

// collect reads member k, an array of at least one item, each with f at
// its path (k[i]); nil when k is absent.
func collect[T any](o *jobj, k string, required bool, f func(v any, path string) T) []T {
	items := o.array(k, required)
	if items == nil {
		return nil
	}
	out := make([]T, 0, len(items))
	path := ""
	for i, v := range items {
		if o.d.paths {
			path = fmt.Sprintf("%s[%d]", o.at(k), i)
		}
		out = append(out, f(v, path))
	}
	return out
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
func (o *jobj) strings(k string) []string { return collect(o, k, false, o.d.str) }

// pairs reads member k, an array of {"lang", valueKey} objects: names
// (valueKey "value") or URIs ("uriValue").
func (o *jobj) pairs(k string, required bool, valueKey string) model.MultiLang {
	return collect(o, k, required, func(v any, path string) model.LangString { return o.d.pair(v, path, valueKey) })
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
		s.OperatorAddress = d.address(a, path+".SchemeOperatorAddress", "SchemeOperatorPostalAddress", "SchemeOperatorElectronicAddress", false)
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
	s.Pointers = collect(o, "PointersToOtherLoTE", false, d.pointer)
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

// address reads an address object whose members are postal (an array
// of postal addresses, or with one, a single object) and electronic.
func (d *jdec) address(v any, path, postal, electronic string, one bool) model.Address {
	o := d.object(v, path)
	var a model.Address
	if one {
		if p := o.req(postal); p != nil {
			a.Postal = []model.PostalAddress{d.postal(p, o.at(postal))}
		}
	} else {
		a.Postal = collect(o, postal, true, d.postal)
	}
	a.Electronic = o.uris(electronic, true)
	o.done()
	return a
}

func (d *jdec) pointer(v any, path string) Pointer {
	o := d.object(v, path)
	p := Pointer{Location: o.uri("LoTELocation", true)}
	p.Identities = collect(o, "ServiceDigitalIdentities", true, d.identity)
	p.Qualifiers = collect(o, "LoTEQualifiers", true, func(v any, path string) Qualifier {
		qo := d.object(v, path)
		defer qo.done()
		return Qualifier{
			LoTEType: qo.uri("LoTEType", true), SchemeOperatorName: qo.names("SchemeOperatorName", true),
			CommunityRules: qo.uris("SchemeTypeCommunityRules", false), SchemeTerritory: qo.str("SchemeTerritory", false),
			MimeType: qo.str("MimeType", true),
		}
	})
	o.done()
	return p
}

// base64s reads member k, an array of base64 values (each found by val
// when it is an object).
func (o *jobj) base64s(k, val string) [][]byte {
	return collect(o, k, false, func(item any, path string) []byte {
		var s string
		if val != "" {
			vo := o.d.object(item, path)
			s = vo.str(val, true)
			vo.done()
		} else {
			s = o.d.str(item, path)
		}
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil || len(b) == 0 {
			o.d.errorf(path, "not base64")
		}
		return b
	})
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
		jwk, ok := k.(jsonvalue.Members)
		kv, err := keyValueOf(jwk.Map())
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
	t.setInfo(d.party(o.req("TrustedEntityInformation"), path+".TrustedEntityInformation", entityParty))
	t.Services = collect(o, "TrustedEntityServices", true, d.service)
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
	s.History = collect(o, "ServiceHistory", false, func(v any, path string) HistoryInstance {
		ho := d.object(v, path)
		defer ho.done()
		h := d.current(ho, path, true)
		h.Extensions = d.extensions(ho, "ServiceInformationExtensions")
		return h
	})
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
	return collect(o, k, false, d.extension)
}

// extension reads one item: one of the shapes putExtensions writes, else
// kept verbatim (compact, members sorted, so that decoding what EncodeJSON
// wrote gives the same model back).
func (d *jdec) extension(v any, path string) Extension {
	m, ok := v.(jsonvalue.Members)
	c, _ := m.Lookup("Critical")
	_, critical := c.(bool)
	if !ok || len(m) != 2 || !critical {
		return verbatim(v)
	}
	has := func(k string) bool { v, _ := m.Lookup(k); return v != nil }
	x := Extension{}
	o := d.object(v, path)
	switch {
	case has("ServiceUniqueIdentifier"):
		x.ServiceUniqueIdentifier = o.uri("ServiceUniqueIdentifier", true)
	case has("OtherAssociatedBodies"):
		x.AssociatedBodies = collect(o, "OtherAssociatedBodies", true, func(v any, path string) AssociatedBody {
			return d.party(v, path, bodyParty)
		})
	case has("XML"):
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

// party reads the five fields of an entity's information or an associated
// body (whose address and information URIs the tie schema makes optional).
func (d *jdec) party(v any, path string, n party) AssociatedBody {
	o := d.object(v, path)
	var b AssociatedBody
	b.Name = o.names(n.name, true)
	b.TradeName = o.names(n.trade, false)
	if a := o.get(n.addr, !n.onePostal); a != nil {
		b.Address = d.address(a, path+"."+n.addr, n.postal, n.electronic, n.onePostal)
	}
	b.InformationURI = o.uris(n.uri, !n.onePostal)
	b.Extensions = d.extensions(o, n.ext)
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
