package source

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/model"
)

// builder turns one validated file into model values.
type builder struct {
	dir   string
	f     *File
	diags diag.List
	certs *certCache // shared across files
	notes map[[sha256.Size]byte]CertNote
	// notePath is where each note was given, for a conflicting one.
	notePath map[[sha256.Size]byte]string
	locs     []located // where each model value came from (see Set.Loc)
}

// A certCache holds the certificates parsed so far, by relative path, for
// the files being built concurrently, and the sources folder they are
// read from.
type certCache struct {
	mu   sync.Mutex
	m    map[string]*x509.Certificate
	used map[string]bool // cleaned relative paths a source names
	// byDER indexes m's certificates by DER as they are parsed, on the
	// cores that parse them: made after the files, it was a tenth of
	// a second on one core at 10 000 certificates.
	byDER certIndex
	src   *folder
}

func newCertCache(src *folder) *certCache {
	return &certCache{m: map[string]*x509.Certificate{}, used: map[string]bool{}, byDER: certIndex{}, src: src}
}

// read returns the bytes of the file at clean, a cleaned relative path
// that does not start with "..": a symbolic link is followed only when it
// is relative and stays inside the folder.
func (c *certCache) read(clean string) ([]byte, error) {
	data, err := c.src.read(clean)
	if err != nil {
		return nil, fmt.Errorf("certificate %s", err)
	}
	return data, nil
}

// A folder is the sources folder, opened once (os.Root): every file
// under it is read through it, so that no read leaves the folder, even
// through a symbolic link, and nothing can change between a check of the
// path and the read.
type folder struct {
	dir  string
	root *os.Root
	// subs holds the folders files were read from (*os.File by
	// slash-separated path, "/"-terminated), each opened once through
	// root, so still confined to it: where the system allows, a file
	// in one is opened relative to it (see readIn), not by a walk of
	// every element of its path, and a list has thousands of files in
	// one folder.
	subs sync.Map
}

// close closes the folder and every folder opened under it.
func (f *folder) close() error {
	f.subs.Range(func(_, d any) bool {
		d.(*os.File).Close()
		return true
	})
	return f.root.Close()
}

// sub returns the folder dir (slash-separated, "/"-terminated) opened
// through root, or nil when it cannot be.
func (f *folder) sub(dir string) *os.File {
	if d, ok := f.subs.Load(dir); ok {
		return d.(*os.File)
	}
	d, err := f.root.Open(filepath.FromSlash(dir))
	if err != nil {
		return nil
	}
	if old, loaded := f.subs.LoadOrStore(dir, d); loaded {
		d.Close()
		return old.(*os.File)
	}
	return d
}

func openFolder(dir string) (*folder, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("sources folder %s: %w", dir, err)
	}
	return &folder{dir: dir, root: root}, nil
}

// read returns the bytes of the regular file rel (slash-separated),
// refusing one of more than maxFileBytes as it reads (the file may grow
// after any check of its size).
func (f *folder) read(rel string) ([]byte, error) {
	if dir, base := path.Split(rel); dir != "" && !strings.Contains(rel, "..") {
		if d := f.sub(dir); d != nil {
			if data, regular, ok, err := readIn(d, base); ok {
				return checkRead(rel, data, regular, err)
			}
		}
	}
	// Not in a folder of its own, a link (followed only inside the
	// folder), missing, or a system without readIn.
	name := filepath.FromSlash(rel)
	fh, err := f.root.Open(name)
	if err != nil {
		// The root refuses a path that leaves the folder; say why.
		if _, serr := os.Stat(filepath.Join(f.dir, name)); serr == nil {
			return nil, fmt.Errorf("path %q resolves outside the sources folder (symbolic link): a link must be relative and stay inside the folder", rel)
		}
		return nil, fmt.Errorf("%s: %w", rel, errors.Unwrap(err))
	}
	defer fh.Close()
	fi, err := fh.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return checkRead(rel, nil, false, err)
	}
	data, err := io.ReadAll(io.LimitReader(fh, maxFileBytes+1))
	return checkRead(rel, data, true, err)
}

// readRegular reads rel when it is a regular file, not a symbolic link,
// within maxFileBytes, opened relative to its folder (see readIn); ok is
// false otherwise, and the caller's slower path says what is wrong. It
// spares readFile a stat through root per file, which walks every
// element of the path again (three opens and closes a file of a list
// of trusted entities).
func (f *folder) readRegular(rel string) (data []byte, ok bool) {
	dir, base := path.Split(rel)
	if dir == "" || strings.Contains(rel, "..") {
		return nil, false
	}
	d := f.sub(dir)
	if d == nil {
		return nil, false
	}
	data, regular, opened, err := readIn(d, base)
	if !opened || !regular || err != nil || len(data) > maxFileBytes {
		return nil, false
	}
	return data, true
}

// checkRead is the outcome of reading the file rel: err from its stat or
// read, regular whether it is a regular file, data at most
// maxFileBytes+1 of its bytes.
func checkRead(rel string, data []byte, regular bool, err error) ([]byte, error) {
	switch {
	case err != nil:
		return nil, fmt.Errorf("%s: %w", rel, err)
	case !regular:
		return nil, fmt.Errorf("%s: not a regular file", rel)
	case len(data) > maxFileBytes:
		return nil, fmt.Errorf("%s: more than the limit of %d bytes", rel, maxFileBytes)
	}
	return data, nil
}

// use records that a source names the file at rel.
func (c *certCache) use(rel string) {
	c.mu.Lock()
	c.used[path.Clean(rel)] = true
	c.mu.Unlock()
}

func (c *certCache) get(rel string) (*x509.Certificate, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	x, ok := c.m[rel]
	return x, ok
}

func (c *certCache) put(rel string, x *x509.Certificate) {
	c.mu.Lock()
	c.m[rel] = x
	c.byDER[string(x.Raw)] = x
	c.mu.Unlock()
}

func (b *builder) errf(path, rule, format string, args ...any) {
	b.diags = append(b.diags, diag.Diagnostic{Rule: rule, Severity: diag.Error, Pos: b.f.Pos(path), Path: path, Message: fmt.Sprintf(format, args...)})
}

// get returns the value of key in mapping n, or nil.
func get(n *yaml.Node, key string) *yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			v := n.Content[i+1]
			if v.Kind == yaml.AliasNode {
				v = v.Alias
			}
			if v.Tag == "!!null" {
				return nil
			}
			return v
		}
	}
	return nil
}

func items(n *yaml.Node) []*yaml.Node {
	if n == nil {
		return nil
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	for _, c := range n.Content {
		if c.Kind == yaml.AliasNode {
			c = c.Alias
		}
		out = append(out, c)
	}
	return out
}

// pairs returns the key/value pairs of a mapping in document order.
func pairs(n *yaml.Node) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		v := n.Content[i+1]
		if v.Kind == yaml.AliasNode {
			v = v.Alias
		}
		out = append(out, [2]*yaml.Node{n.Content[i], v})
	}
	return out
}

func str(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	return n.Value
}

// multiLang reads {en: a, ja: b} or [{en: a}, {en: b}].
func (b *builder) multiLang(n *yaml.Node) model.MultiLang {
	if n == nil {
		return nil
	}
	var m model.MultiLang
	var at []*yaml.Node
	add := func(kv [2]*yaml.Node) {
		m = append(m, model.LangString{Lang: kv[0].Value, Value: kv[1].Value})
		at = append(at, kv[1])
	}
	if n.Kind == yaml.SequenceNode {
		for _, it := range items(n) {
			for _, kv := range pairs(it) {
				add(kv)
			}
		}
	} else {
		for _, kv := range pairs(n) {
			add(kv)
		}
	}
	for k := range m {
		b.at(&m[k], at[k])
	}
	return m
}

func (b *builder) dateTime(n *yaml.Node, p string) time.Time {
	t, err := time.Parse(time.RFC3339, str(n))
	if err != nil {
		b.errf(p, "schema", "%q is not a date-time such as 2026-04-01T00:00:00Z", str(n))
	}
	return t.UTC()
}

func (b *builder) address(n *yaml.Node) model.Address {
	var a model.Address
	postal := get(n, "postal")
	var at []*yaml.Node
	add := func(lang string, v *yaml.Node) {
		a.Postal = append(a.Postal, model.PostalAddress{
			Lang: lang, StreetAddress: str(get(v, "street")), Locality: str(get(v, "locality")),
			StateOrProvince: str(get(v, "state")), PostalCode: str(get(v, "postal_code")), CountryName: str(get(v, "country")),
		})
		at = append(at, v)
	}
	if postal != nil && postal.Kind == yaml.SequenceNode {
		for _, it := range items(postal) {
			add(str(get(it, "lang")), it)
		}
	} else {
		for _, kv := range pairs(postal) {
			add(kv[0].Value, kv[1])
		}
	}
	for k := range a.Postal {
		b.at(&a.Postal[k], at[k])
	}
	a.Electronic = b.multiLang(get(n, "electronic"))
	return a
}

// certificate loads a PEM certificate named relative to the sources
// folder, refusing paths that leave it (../, absolute, symbolic links).
func (b *builder) certificate(rel, p string) *x509.Certificate {
	b.certs.use(rel)
	if c, ok := b.certs.get(rel); ok {
		return c
	}
	clean := path.Clean(rel)
	if path.IsAbs(rel) || filepath.IsAbs(rel) || clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(rel, "\\") {
		b.errf(p, "certificate", "certificate path %q leaves the sources folder", rel)
		return nil
	}
	data, err := b.certs.read(clean)
	if err != nil {
		b.errf(p, "certificate", "%s", err)
		return nil
	}
	der, err := keys.CertificateDER(data)
	if err != nil {
		b.errf(p, "pem", "%s %v", rel, err)
		return nil
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		b.errf(p, "pem", "%s: malformed certificate: %v", rel, err)
		return nil
	}
	b.certs.put(rel, c)
	return c
}

// identity builds a ServiceDigitalIdentity. The short form derives the
// subject name and SKI from the certificate (clause 5.5.3).
func (b *builder) identity(n *yaml.Node, p string) (model.DigitalIdentity, *x509.Certificate) {
	if n == nil {
		return nil, nil
	}
	if n.Kind == yaml.MappingNode {
		c := b.certificate(str(get(n, "certificate")), p+".certificate")
		if c == nil {
			return nil, nil
		}
		b.note(c, CertNote{Sample: str(get(n, "sample")) == "true", Source: str(get(n, "source"))}, p)
		id := model.DigitalIdentity{{Certificate: c.Raw}, {SubjectName: model.DistinguishedName(c.RawSubject, c.Subject)}}
		if len(c.SubjectKeyId) > 0 {
			id = append(id, model.DigitalID{SKI: c.SubjectKeyId})
		}
		// Every entry of the short form comes from the one line.
		for k := range id {
			b.at(&id[k], n)
		}
		return id, c
	}
	id := model.DigitalIdentity{}
	var first *x509.Certificate
	its := items(n)
	for i, it := range its {
		ip := fmt.Sprintf("%s[%d]", p, i)
		var d model.DigitalID
		switch {
		case get(it, "certificate") != nil:
			if c := b.certificate(str(get(it, "certificate")), ip+".certificate"); c != nil {
				d.Certificate = c.Raw
				if first == nil {
					first = c
				}
			}
		case get(it, "x509_certificate") != nil:
			der, err := base64.StdEncoding.DecodeString(str(get(it, "x509_certificate")))
			if err != nil {
				b.errf(ip+".x509_certificate", "schema", "x509_certificate is not base64: %v", err)
			}
			d.Certificate = der
		case get(it, "subject_name") != nil:
			d.SubjectName = str(get(it, "subject_name"))
		case get(it, "ski") != nil:
			ski, err := base64.StdEncoding.DecodeString(str(get(it, "ski")))
			if err != nil {
				b.errf(ip+".ski", "schema", "ski is not base64: %v", err)
			}
			d.SKI = ski
		case get(it, "key_value") != nil:
			d.KeyValue = str(get(it, "key_value"))
		case get(it, "public_key") != nil:
			d.KeyValue = b.keyValue(str(get(it, "public_key")), ip+".public_key")
		case hasKey(it, "other"):
			d.Other, d.OtherPresent = b.xml(get(it, "other"), ip+".other"), true
		}
		id = append(id, d)
	}
	for k := range id {
		b.at(&id[k], its[k])
	}
	return id, first
}

// A CertNote is what the sources say of a certificate beyond the list:
// generated (a sample) or, for a real one, where it was taken from. The
// build carries it to the page; the list itself has no place for it.
type CertNote struct {
	Sample bool   `json:"sample,omitempty"`
	Source string `json:"source,omitempty"`
}

// note records what an identity says of c; two places that disagree are
// an error, so that the page cannot show a sample as real.
func (b *builder) note(c *x509.Certificate, n CertNote, p string) {
	if n == (CertNote{}) {
		return
	}
	sum := sha256.Sum256(c.Raw)
	if b.notes == nil {
		b.notes, b.notePath = map[[sha256.Size]byte]CertNote{}, map[[sha256.Size]byte]string{}
	}
	if old, ok := b.notes[sum]; ok && old != n {
		b.errf(p, "schema", "the certificate is described differently at %s (sample or source): give every use the same sample: or source: value", b.notePath[sum])
		return
	}
	b.notes[sum], b.notePath[sum] = n, p
}

func hasKey(n *yaml.Node, key string) bool {
	for _, kv := range pairs(n) {
		if kv[0].Value == key {
			return true
		}
	}
	return false
}

// historyIdentity is what a history instance carries by default: the
// subject name and SKI of the certificate, never the certificate (5.6).
func historyIdentity(id model.DigitalIdentity, c *x509.Certificate) model.DigitalIdentity {
	if c == nil {
		out := model.DigitalIdentity{}
		for _, d := range id {
			if d.Certificate == nil {
				out = append(out, d)
			}
		}
		return out
	}
	out := model.DigitalIdentity{{SubjectName: model.DistinguishedName(c.RawSubject, c.Subject)}}
	if len(c.SubjectKeyId) > 0 {
		out = append(out, model.DigitalID{SKI: c.SubjectKeyId})
	}
	return out
}

// keyValue writes a PEM public key as a ds:KeyValue element (RSAKeyValue,
// or the XML-DSig 1.1 ECKeyValue), in the normalised form.
func (b *builder) keyValue(rel, p string) string {
	c := b.publicKeyFile(rel, p)
	if c == nil {
		return ""
	}
	s, err := keyValueXML(c)
	if err != nil {
		b.errf(p, "pem", "%s: %v", rel, err)
	}
	return s
}

func (b *builder) publicKeyFile(rel, p string) any {
	b.certs.use(rel)
	clean := path.Clean(rel)
	if path.IsAbs(rel) || strings.HasPrefix(clean, "../") || clean == ".." {
		b.errf(p, "pem", "public key path %q leaves the sources folder", rel)
		return nil
	}
	data, err := b.certs.src.read(clean)
	if err != nil {
		b.errf(p, "pem", "public key %v", err)
		return nil
	}
	blk, _ := pem.Decode(data)
	if blk == nil {
		b.errf(p, "pem", "%s is not PEM", rel)
		return nil
	}
	if blk.Type == "CERTIFICATE" {
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			b.errf(p, "pem", "%s: %v", rel, err)
			return nil
		}
		return c.PublicKey
	}
	k, err := x509.ParsePKIXPublicKey(blk.Bytes)
	if err != nil {
		b.errf(p, "pem", "%s: %v", rel, err)
		return nil
	}
	return k
}
