package lote

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/jsonvalue"
	"github.com/jtsl/jtsl/internal/model"
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
	if err := o.write(&b, 0); err != nil {
		return nil, err
	}
	return b.Bytes(), nil // encoding/json compacts it
}

// write appends the object to b as json.Indent indents it (two spaces a
// level) at depth. Nested objects and arrays of them are written into
// the same buffer: through MarshalJSON, encoding/json would copy and
// re-compact each level's bytes again, which made encoding a 10 000-entity
// list most of its cost; and indenting the whole text once written was
// 40 % of what was left.
func (o obj) write(b *bytes.Buffer, depth int) error {
	if len(o) == 0 {
		b.WriteString("{}")
		return nil
	}
	return writeItems(b, '{', '}', len(o), depth, func(i int) error {
		writeString(b, o[i].k)
		b.WriteString(": ")
		if err := writeValue(b, o[i].v, depth+1); err != nil {
			return fmt.Errorf("%s: %w", o[i].k, err)
		}
		return nil
	})
}

// writeItems writes n items between open and close, each on a line of
// its own at depth+1, as json.Indent lays out an object or an array.
func writeItems(b *bytes.Buffer, open, close byte, n, depth int, item func(i int) error) error {
	b.WriteByte(open)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		newline(b, depth+1)
		if err := item(i); err != nil {
			return err
		}
	}
	newline(b, depth)
	b.WriteByte(close)
	return nil
}

// newline starts a line at depth.
func newline(b *bytes.Buffer, depth int) {
	b.WriteByte('\n')
	for range depth {
		b.WriteString("  ")
	}
}

// writeValue appends v to b at depth: objects and arrays of objects
// directly, any other value as marshal writes it, indented.
func writeValue(b *bytes.Buffer, v any, depth int) error {
	switch v := v.(type) {
	case obj:
		return v.write(b, depth)
	case []obj:
		switch len(v) {
		case 0:
			if v == nil {
				b.WriteString("null")
			} else {
				b.WriteString("[]")
			}
			return nil
		}
		return writeItems(b, '[', ']', len(v), depth, func(i int) error { return v[i].write(b, depth+1) })
	case string:
		writeString(b, v)
		return nil
	}
	js, err := marshal(v)
	if err != nil {
		return err
	}
	if len(js) > 0 && (js[0] == '{' || js[0] == '[') {
		return json.Indent(b, js, strings.Repeat("  ", depth), "  ")
	}
	b.Write(js)
	return nil
}

// writeString appends s as marshal writes it.
func writeString(b *bytes.Buffer, s string) { b.Write(jsonvalue.AppendString(b.AvailableBuffer(), s)) }

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
		ps, err := eachJSON("PointersToOtherLoTE", s.Pointers, pointerJSON)
		if err != nil {
			return nil, err
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
		es, err := eachJSON("TrustedEntitiesList", l.Entities, entityJSON)
		if err != nil {
			return nil, err
		}
		lo.put("TrustedEntitiesList", es)
	}
	var out bytes.Buffer
	out.Grow(4096 + 3072*len(l.Entities)) // ≈ 2.8 KB an entity of one service
	if err := (obj{{"LoTE", lo}}).write(&out, 0); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// eachJSON encodes every item with f; an error names the item (name[i]).
func eachJSON[T any](name string, items []T, f func(*T) (obj, error)) ([]obj, error) {
	out := make([]obj, 0, len(items))
	for i := range items {
		o, err := f(&items[i])
		if err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", name, i, err)
		}
		out = append(out, o)
	}
	return out, nil
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
	var certs []obj // PkiOb's {"val": …}, written without json.Indent
	var names, skis, others []string
	var keys []map[string]any
	for _, d := range id {
		switch {
		case d.Certificate != nil:
			certs = append(certs, obj{{"val", base64.StdEncoding.EncodeToString(d.Certificate)}})
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
	case []obj:
		return x == nil
	case []string:
		return x == nil
	case []map[string]any:
		return x == nil
	}
	return v == nil
}

func entityJSON(t *Entity) (obj, error) {
	info, err := partyJSON(entityParty, t.info())
	if err != nil {
		return nil, err
	}
	svcs, err := eachJSON("TrustedEntityServices", t.Services, serviceJSON)
	if err != nil {
		return nil, err
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
		hs, err := eachJSON("ServiceHistory", s.History, func(h *HistoryInstance) (obj, error) {
			ho := currentJSON(h.Type, h.Name, h.Identity, h.Status, h.StatusStartingTime)
			err := putExtensions(&ho, "ServiceInformationExtensions", h.Extensions)
			return ho, err
		})
		if err != nil {
			return nil, err
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
			bodies, err := eachJSON(fmt.Sprintf("%s[%d].OtherAssociatedBodies", name, i), x.AssociatedBodies,
				func(b *AssociatedBody) (obj, error) { return partyJSON(bodyParty, b) })
			if err != nil {
				return err
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

// partyJSON writes the five fields of an entity's information or an
// associated body. The tie schema's AssociatedBody has one postal address
// object: one language only.
func partyJSON(n party, b *AssociatedBody) (obj, error) {
	var addr any = Postals(b.Address.Postal)
	if n.onePostal {
		if len(b.Address.Postal) != 1 {
			return nil, fmt.Errorf("an associated body has one postal address in JSON, not %d", len(b.Address.Postal))
		}
		addr = Postals(b.Address.Postal)[0]
	}
	o := obj{{n.name, LangValues(b.Name)}}
	if b.TradeName != nil {
		o.put(n.trade, LangValues(b.TradeName))
	}
	o.put(n.addr, obj{{n.postal, addr}, {n.electronic, LangURIs(b.Address.Electronic)}})
	o.put(n.uri, LangURIs(b.InformationURI))
	if err := putExtensions(&o, n.ext, b.Extensions); err != nil {
		return nil, err
	}
	return o, nil
}
