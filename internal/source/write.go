package source

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/model"
)

// Write writes the sources of l into dir (scheme.yaml, tsps/<id>.yaml,
// certs/*.pem), choosing the short forms where they give l back exactly
// and the explicit forms elsewhere, so that Load(dir).List equals l apart
// from SequenceNumber, ListIssueDateTime and NextUpdate, which a build sets.
func Write(dir string, l *model.List) error {
	w := &writer{dir: dir, certs: map[[32]byte]string{}}
	for _, d := range []string{dir, filepath.Join(dir, "tsps"), filepath.Join(dir, "certs")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	if err := w.file("scheme.yaml", "../schema/scheme.schema.json", w.scheme(l)); err != nil {
		return err
	}
	// Files load in name order: a numeric prefix keeps the list's order.
	width := len(strconv.Itoa(len(l.Providers)))
	for i := range l.Providers {
		t := &l.Providers[i]
		id := fmt.Sprintf("%0*d-%s", width, i+1, slug(t.Name.English(), "tsp"))
		w.prefix = id
		if err := w.file("tsps/"+id+".yaml", "../../schema/tsp.schema.json", w.tsp(t)); err != nil {
			return err
		}
	}
	return w.err
}

type writer struct {
	dir    string
	prefix string // TSP id, for certificate file names
	certs  map[[32]byte]string
	err    error
}

func (w *writer) file(rel, schema string, root *yaml.Node) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# yaml-language-server: $schema=%s\n", schema)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	return os.WriteFile(filepath.Join(w.dir, filepath.FromSlash(rel)), b.Bytes(), 0o644)
}

// slug makes a file-name id: lower-case ASCII letters, digits and dashes.
func slug(s, fallback string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 48 {
			break
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		return fallback
	}
	return out
}

func unique(seen map[string]int, id string) string {
	seen[id]++
	if n := seen[id]; n > 1 {
		return id + "-" + strconv.Itoa(n)
	}
	return id
}

func (w *writer) address(a model.Address) *yaml.Node {
	seen := map[string]bool{}
	mapForm := true
	for _, p := range a.Postal {
		if seen[p.Lang] || p.Lang == "" {
			mapForm = false
		}
		seen[p.Lang] = true
	}
	post := func(p model.PostalAddress, withLang bool) *yaml.Node {
		kv := []any{}
		if withLang {
			kv = append(kv, "lang", p.Lang)
		}
		kv = append(kv, "street", p.StreetAddress, "locality", p.Locality)
		if p.StateOrProvince != "" {
			kv = append(kv, "state", p.StateOrProvince)
		}
		if p.PostalCode != "" {
			kv = append(kv, "postal_code", p.PostalCode)
		}
		return mapping(append(kv, "country", p.CountryName)...)
	}
	var postal *yaml.Node
	if mapForm && len(a.Postal) > 0 {
		postal = &yaml.Node{Kind: yaml.MappingNode}
		for _, p := range a.Postal {
			postal.Content = append(postal.Content, str2(p.Lang), post(p, false))
		}
	} else {
		postal = seq()
		for _, p := range a.Postal {
			postal.Content = append(postal.Content, post(p, true))
		}
	}
	return mapping("postal", postal, "electronic", multi(a.Electronic))
}

// cert writes a certificate once and returns its path.
func (w *writer) cert(der []byte, hint string) string {
	sum := sha256.Sum256(der)
	if p, ok := w.certs[sum]; ok {
		return p
	}
	data := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	rel := "certs/" + hint + ".pem"
	for n := 2; ; n++ {
		// A file of that name is never overwritten; one holding this
		// certificate already (sources written again) is reused.
		old, err := os.ReadFile(filepath.Join(w.dir, rel))
		if err != nil || bytes.Equal(old, data) {
			break
		}
		rel = fmt.Sprintf("certs/%s-%d.pem", hint, n)
	}
	err := os.WriteFile(filepath.Join(w.dir, rel), data, 0o644)
	if err != nil && w.err == nil {
		w.err = err
	}
	w.certs[sum] = rel
	return rel
}

// identity writes the short form when deriving from the certificate gives
// the identity back, the explicit list otherwise.
func (w *writer) identity(id model.DigitalIdentity, hint string) *yaml.Node {
	if len(id) > 0 && id[0].Certificate != nil {
		if c, err := x509.ParseCertificate(id[0].Certificate); err == nil {
			derived := model.DigitalIdentity{{Certificate: c.Raw}, {SubjectName: model.DistinguishedName(c.RawSubject, c.Subject)}}
			if len(c.SubjectKeyId) > 0 {
				derived = append(derived, model.DigitalID{SKI: c.SubjectKeyId})
			}
			if reflect.DeepEqual(derived, id) {
				return mapping("certificate", w.cert(c.Raw, hint))
			}
		}
	}
	n := seq()
	for i, d := range id {
		switch {
		case d.Certificate != nil:
			if _, err := x509.ParseCertificate(d.Certificate); err == nil {
				n.Content = append(n.Content, mapping("certificate", w.cert(d.Certificate, fmt.Sprintf("%s-%d", hint, i))))
			} else {
				// Go cannot parse it (some old lists carry such certificates):
				// keep the bytes as they are.
				n.Content = append(n.Content, mapping("x509_certificate", base64.StdEncoding.EncodeToString(d.Certificate)))
			}
		case d.SubjectName != "":
			n.Content = append(n.Content, mapping("subject_name", d.SubjectName))
		case d.KeyValue != "":
			n.Content = append(n.Content, mapping("key_value", d.KeyValue))
		case d.SKI != nil:
			n.Content = append(n.Content, mapping("ski", base64.StdEncoding.EncodeToString(d.SKI)))
		case d.OtherPresent:
			n.Content = append(n.Content, mapping("other", d.Other))
		default:
			n.Content = append(n.Content, mapping("empty", true))
		}
	}
	return n
}

func (w *writer) scheme(l *model.List) *yaml.Node {
	s := &l.Scheme
	kv := []any{}
	if l.ID != "" {
		kv = append(kv, "id", l.ID)
	}
	if s.VersionIdentifier != model.Version6 {
		kv = append(kv, "version", s.VersionIdentifier)
	}
	if s.NextUpdate == nil {
		kv = append(kv, "closed", true)
	}
	kv = append(kv, "territory", s.Territory, "type", s.Type, "status_determination_approach", s.StatusDeterminationApproach,
		"community_rules", multi(s.CommunityRules), "name", multi(s.Name),
		"operator", mapping("name", multi(s.OperatorName), "address", w.address(s.OperatorAddress)),
		"information_uri", multi(s.InformationURI))
	if p := s.PolicyOrLegalNotice; p != nil {
		if p.Policies != nil {
			kv = append(kv, "policy", mapping("policies", multi(p.Policies)))
		} else {
			kv = append(kv, "policy", mapping("legal_notices", multi(p.LegalNotices)))
		}
	}
	kv = append(kv, "historical_information_period", s.HistoricalInformationPeriod)
	if s.Pointers != nil {
		ps := seq()
		for i, p := range s.Pointers {
			ps.Content = append(ps.Content, w.pointer(p, fmt.Sprintf("pointer-%d", i+1)))
		}
		kv = append(kv, "pointers", ps)
	}
	if s.DistributionPoints != nil {
		dp := seq()
		for _, u := range s.DistributionPoints {
			dp.Content = append(dp.Content, str2(u))
		}
		kv = append(kv, "distribution_points", dp)
	}
	if s.Extensions != nil {
		kv = append(kv, "extensions", w.extensions(s.Extensions))
	}
	months := 6
	if s.NextUpdate == nil {
		months = 0
	}
	return mapping(append(kv, "next_update_months", months)...)
}

func (w *writer) pointer(p model.Pointer, hint string) *yaml.Node {
	kv := []any{"location", p.Location}
	if p.Identities != nil {
		ids := seq()
		for i, id := range p.Identities {
			ids.Content = append(ids.Content, w.identity(id, fmt.Sprintf("%s-%d", hint, i+1)))
		}
		kv = append(kv, "identities", ids)
	}
	if p.AdditionalInformation != nil {
		ai := seq()
		for _, a := range p.AdditionalInformation {
			if a.Textual != nil {
				ai.Content = append(ai.Content, mapping("textual", mapping(a.Textual.Lang, a.Textual.Value)))
				continue
			}
			o := a.Other
			switch {
			case o.TSLType != "":
				ai.Content = append(ai.Content, mapping("tsl_type", o.TSLType))
			case o.SchemeOperatorName != nil:
				ai.Content = append(ai.Content, mapping("scheme_operator_name", multi(o.SchemeOperatorName)))
			case o.SchemeTypeCommunityRules != nil:
				ai.Content = append(ai.Content, mapping("scheme_type_community_rules", multi(o.SchemeTypeCommunityRules)))
			case o.SchemeTerritory != "":
				ai.Content = append(ai.Content, mapping("scheme_territory", o.SchemeTerritory))
			case o.MimeType != "":
				ai.Content = append(ai.Content, mapping("mime_type", o.MimeType))
			default:
				ai.Content = append(ai.Content, mapping("xml", o.XML))
			}
		}
		kv = append(kv, "additional_information", ai)
	}
	return mapping(kv...)
}
