package mirror

import (
	"bytes"
	"encoding/json"

	"github.com/jtsl/jtsl/internal/jsonvalue"
)

// A writer appends a trusted entity's compact JSON exactly as encoding/json
// (with SetEscapeHTML(false)) writes the types of types.go: nil slices as
// null, omitempty members left out, strings escaped alike. Reflection was
// most of the mirror's encoding time of a large list; the entities are
// nearly all of it, so they are written here and what is rare in them
// (extensions, JWKs, additional information) still goes through
// encoding/json. write_test.go holds the two together.
type writer struct {
	b   []byte
	buf bytes.Buffer
	enc *json.Encoder
}

func newWriter() *writer {
	w := &writer{}
	w.enc = json.NewEncoder(&w.buf)
	w.enc.SetEscapeHTML(false)
	return w
}

func (w *writer) raw(s string) { w.b = append(w.b, s...) }

// json appends v as encoding/json writes it.
func (w *writer) json(v any) error {
	w.buf.Reset()
	if err := w.enc.Encode(v); err != nil {
		return err
	}
	w.b = append(w.b, w.buf.Bytes()[:w.buf.Len()-1]...) // without Encode's newline
	return nil
}

// str appends s quoted as encoding/json writes it without HTML escaping.
func (w *writer) str(s string) { w.b = jsonvalue.AppendString(w.b, s) }

// list appends xs as a JSON array of f's items, or null if xs is nil.
func list[T any](w *writer, xs []T, f func(*T) error) error {
	if xs == nil {
		w.raw("null")
		return nil
	}
	w.b = append(w.b, '[')
	for i := range xs {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		if err := f(&xs[i]); err != nil {
			return err
		}
	}
	w.b = append(w.b, ']')
	return nil
}

func (w *writer) strs(xs []string) {
	list(w, xs, func(s *string) error { w.str(*s); return nil })
}

func (w *writer) langValues(xs []langValue) {
	list(w, xs, func(v *langValue) error { return w.lang(v.Lang, `,"value":`, v.Value) })
}

func (w *writer) langURIs(xs []langURI) {
	list(w, xs, func(v *langURI) error { return w.lang(v.Lang, `,"uriValue":`, v.URIValue) })
}

// lang appends {"lang": lang, name: s}.
func (w *writer) lang(lang, name, s string) error {
	w.member(`{"lang":`, lang)
	w.member(name, s)
	w.b = append(w.b, '}')
	return nil
}

// member appends name (with its quotes and colon) and s.
func (w *writer) member(name, s string) {
	w.raw(name)
	w.str(s)
}

// opt appends name and s if s is not empty (omitempty).
func (w *writer) opt(name, s string) {
	if s != "" {
		w.member(name, s)
	}
}

func (w *writer) entity(t *trustedEntity) error {
	in := &t.Information
	w.raw(`{"TrustedEntityInformation":{"TEName":`)
	w.langValues(in.Name)
	if len(in.TradeName) > 0 {
		w.raw(`,"TETradeName":`)
		w.langValues(in.TradeName)
	}
	w.raw(`,"TEAddress":{"TEPostalAddress":`)
	list(w, in.Address.Postal, func(p *postal) error {
		w.member(`{"lang":`, p.Lang)
		w.member(`,"StreetAddress":`, p.StreetAddress)
		w.opt(`,"Locality":`, p.Locality)
		w.opt(`,"StateOrProvince":`, p.StateOrProvince)
		w.opt(`,"PostalCode":`, p.PostalCode)
		w.member(`,"Country":`, p.Country)
		w.b = append(w.b, '}')
		return nil
	})
	w.raw(`,"TEElectronicAddress":`)
	w.langURIs(in.Address.Electronic)
	w.raw(`},"TEInformationURI":`)
	w.langURIs(in.InformationURI)
	if err := w.extensions(`,"TEInformationExtensions":`, in.Extensions); err != nil {
		return err
	}
	w.raw(`},"TrustedEntityServices":`)
	if err := list(w, t.Services, w.service); err != nil {
		return err
	}
	w.b = append(w.b, '}')
	return nil
}

func (w *writer) extensions(name string, xs []extension) error {
	if len(xs) == 0 {
		return nil
	}
	w.raw(name)
	return w.json(xs)
}

// named appends open, then a service's name and its identity: how a
// service and a history instance begin.
func (w *writer) named(open string, name []langValue, id *sdi) error {
	w.raw(open)
	w.langValues(name)
	w.raw(`,"ServiceDigitalIdentity":`)
	return w.sdi(id)
}

func (w *writer) service(s *teService) error {
	in := &s.Information
	if err := w.named(`{"ServiceInformation":{"ServiceName":`, in.Name, &in.Identity); err != nil {
		return err
	}
	w.member(`,"ServiceTypeIdentifier":`, in.Type)
	w.member(`,"ServiceStatus":`, in.Status)
	w.member(`,"StatusStartingTime":`, in.StatusStartingTime)
	if len(in.SchemeServiceDefinitionURI) > 0 {
		w.raw(`,"SchemeServiceDefinitionURI":`)
		w.langURIs(in.SchemeServiceDefinitionURI)
	}
	if len(in.SupplyPoints) > 0 {
		w.raw(`,"ServiceSupplyPoints":`)
		list(w, in.SupplyPoints, func(p *supplyPoint) error {
			w.b = append(w.b, '{')
			if p.ServiceType != "" {
				w.member(`"ServiceType":`, p.ServiceType)
				w.b = append(w.b, ',')
			}
			w.member(`"uriValue":`, p.URIValue)
			w.b = append(w.b, '}')
			return nil
		})
	}
	if len(in.TSPServiceDefinitionURI) > 0 {
		w.raw(`,"ServiceDefinitionURI":`)
		w.langURIs(in.TSPServiceDefinitionURI)
	}
	if err := w.extensions(`,"ServiceInformationExtensions":`, in.Extensions); err != nil {
		return err
	}
	w.b = append(w.b, '}')
	if len(s.History) > 0 {
		w.raw(`,"ServiceHistory":`)
		if err := list(w, s.History, w.history); err != nil {
			return err
		}
	}
	w.b = append(w.b, '}')
	return nil
}

func (w *writer) history(h *historyInstance) error {
	if err := w.named(`{"ServiceName":`, h.Name, &h.Identity); err != nil {
		return err
	}
	w.member(`,"ServiceStatus":`, h.Status)
	w.member(`,"StatusStartingTime":`, h.StatusStartingTime)
	w.member(`,"ServiceTypeIdentifier":`, h.Type)
	if err := w.extensions(`,"ServiceInformationExtensions":`, h.Extensions); err != nil {
		return err
	}
	w.b = append(w.b, '}')
	return nil
}

// sdi writes a ServiceDigitalIdentity, every member of which is omitempty.
func (w *writer) sdi(s *sdi) error {
	sep := byte('{')
	key := func(name string) {
		w.b = append(w.b, sep)
		sep = ','
		w.raw(name)
	}
	if len(s.X509Certificates) > 0 {
		key(`"X509Certificates":`)
		list(w, s.X509Certificates, func(p *pkiOb) error {
			w.member(`{"val":`, p.Val)
			w.b = append(w.b, '}')
			return nil
		})
	}
	strs := func(name string, xs []string) {
		if len(xs) > 0 {
			key(name)
			w.strs(xs)
		}
	}
	var err error
	asJSON := func(name string, n int, v any) {
		if n > 0 && err == nil {
			key(name)
			err = w.json(v)
		}
	}
	strs(`"X509SubjectNames":`, s.X509SubjectNames)
	asJSON(`"PublicKeyValues":`, len(s.PublicKeyValues), s.PublicKeyValues)
	strs(`"X509SKIs":`, s.X509SKIs)
	strs(`"OtherIds":`, s.OtherIds)
	if s.Order != "" {
		key(`"jtslOrder":`)
		w.str(s.Order)
	}
	strs(`"jtslKeyValues":`, s.KeyValues)
	asJSON(`"jtslAdditionalInformation":`, len(s.AdditionalInfo), s.AdditionalInfo)
	if s.NoIdentities {
		key(`"jtslNoIdentities":true`)
	}
	if sep == '{' {
		w.b = append(w.b, '{')
	}
	w.b = append(w.b, '}')
	return err
}
