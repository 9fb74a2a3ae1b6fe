package source

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/diag"
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
// the files being built concurrently, and the resolved sources folder.
type certCache struct {
	mu   sync.Mutex
	m    map[string]*x509.Certificate
	dirs map[string]bool // folder → reached without a symbolic link
	used map[string]bool // cleaned relative paths a source names
	base string          // dir with symbolic links resolved
	err  error           // from resolving base
}

func newCertCache(dir string) *certCache {
	base, err := filepath.EvalSymlinks(dir)
	return &certCache{m: map[string]*x509.Certificate{}, dirs: map[string]bool{}, used: map[string]bool{}, base: base, err: err}
}

// read returns the bytes of the file at clean, a cleaned relative path
// that does not start with "..", refusing one that resolves outside dir
// through a symbolic link. The common case, no link at all, costs an open
// and one check of each folder on the way.
func (c *certCache) read(dir, clean string) ([]byte, error) {
	if c.err != nil {
		return nil, fmt.Errorf("certificate %s: %v", clean, c.err)
	}
	if c.realDir(dir, path.Dir(clean)) {
		data, err := readNoFollow(filepath.Join(dir, filepath.FromSlash(clean)), maxFileBytes)
		if err == nil {
			if len(data) > maxFileBytes {
				return nil, fmt.Errorf("certificate %s: more than the limit of %d bytes", clean, maxFileBytes)
			}
			return data, nil
		}
		if !errors.Is(err, syscall.ELOOP) {
			return nil, fmt.Errorf("certificate %s: %v", clean, err)
		}
	}
	// A symbolic link on the way: follow it, and accept where it leads
	// only inside the folder.
	real, err := filepath.EvalSymlinks(filepath.Join(dir, filepath.FromSlash(clean)))
	if err != nil {
		return nil, fmt.Errorf("certificate %s: %v", clean, err)
	}
	if r, err := filepath.Rel(c.base, real); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("certificate path %q resolves outside the sources folder (symbolic link)", clean)
	}
	data, err := os.ReadFile(real)
	if err != nil {
		return nil, fmt.Errorf("certificate %s: %v", clean, err)
	}
	return data, nil
}

// readNoFollow reads the file at name, not through a symbolic link at its
// last element, and at most limit+1 bytes (so that a longer file shows):
// every source file and certificate is read so. It calls the system
// directly: os.OpenFile offers every file to the network poller (four
// fcntl and a failing epoll_ctl), which was most of the system calls of
// loading 10 000 certificate files.
func readNoFollow(name string, limit int) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = unix.Open(name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	buf := make([]byte, 0, 4096)
	for len(buf) <= limit {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, min(cap(buf), limit+1-len(buf)))
		}
		n, err := unix.Read(fd, buf[len(buf):min(cap(buf), limit+1)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			break
		}
		buf = buf[:len(buf)+n]
	}
	return buf, nil
}

// realDir reports whether the folder rel (slash-separated, "." for dir
// itself) is reached from dir without a symbolic link; results are kept.
func (c *certCache) realDir(dir, rel string) bool {
	c.mu.Lock()
	ok, seen := c.dirs[rel]
	c.mu.Unlock()
	if seen {
		return ok
	}
	ok = true
	if rel != "." {
		ok = c.realDir(dir, path.Dir(rel))
		if ok {
			fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(rel)))
			ok = err == nil && fi.IsDir()
		}
	}
	c.mu.Lock()
	c.dirs[rel] = ok
	c.mu.Unlock()
	return ok
}

// use records that a source names the file at rel.
func (c *certCache) use(rel string) {
	c.mu.Lock()
	c.used[path.Clean(rel)] = true
	c.mu.Unlock()
}

func (c *certCache) isUsed(rel string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used[rel]
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
	data, err := b.certs.read(b.dir, clean)
	if err != nil {
		b.errf(p, "certificate", "%s", err)
		return nil
	}
	der, msg := certificateDER(data)
	if msg != "" {
		b.errf(p, "pem", "%s %s", rel, msg)
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

// certificateDER returns the DER of a certificate file: one PEM
// CERTIFICATE block, or DER as is (.cer and .crt files often are). It
// says what is wrong otherwise.
func certificateDER(data []byte) ([]byte, string) {
	begin := bytes.Index(data, []byte("-----BEGIN "))
	if begin < 0 {
		// No PEM armour: DER, which starts with a SEQUENCE.
		if len(data) > 0 && data[0] == 0x30 {
			return data, ""
		}
		return nil, "is neither a PEM certificate (no -----BEGIN CERTIFICATE----- line) nor a DER one"
	}
	blk, rest := pem.Decode(data)
	if blk == nil {
		return nil, "is not a PEM certificate: its -----BEGIN block does not decode (the body is not base64, or the -----END line is missing or different); export the certificate again"
	}
	if blk.Type != "CERTIFICATE" {
		return nil, fmt.Sprintf("is not a PEM certificate: it holds a %s block (want -----BEGIN CERTIFICATE-----)", blk.Type)
	}
	if bytes.Contains(rest, []byte("-----BEGIN ")) {
		return nil, "holds more than one PEM block: one certificate per file"
	}
	return blk.Bytes, ""
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
	Sample bool
	Source string
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
	data, err := os.ReadFile(filepath.Join(b.dir, filepath.FromSlash(clean)))
	if err != nil {
		b.errf(p, "pem", "public key %s: %v", rel, err)
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
