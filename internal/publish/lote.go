package publish

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/lint"
	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/site"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/verify"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// The lists of trusted entities (ETSI TS 119 602) of sources/lote are
// published in the same release as the J-TSL: signed with the same key,
// under lote/, each in both bindings (FILE.xml with an enveloped XAdES-B-B
// signature; FILE.json, the JSON binding, and FILE.json.jws, its compact
// JWS) with a .sha2 beside each signed file, kept in history, listed in
// the manifest and on the page.

// A LoTEResult is what a release says of one list of trusted entities.
type LoTEResult struct {
	Name, File string // the list's folder under sources/lote; its files' base name
	Sequence   int
	// Changes say what changed since the previous release's list, one
	// line each; empty when only the dates and sequence moved on. A list
	// removed from the sources has Sequence 0 and no Name.
	Changes []string
}

// fileLoTEVocabulary is the lists' vocabulary with the EU value of each
// type, as the page shows it (JSON).
const fileLoTEVocabulary = release.DirLoTE + "/vocabulary.json"

// addVocabulary adds lote/vocabulary.json, the types of the page's
// table, to the release and links it from p.
func addVocabulary(st *release.Staging, p *site.LoTEs) error {
	js, err := json.MarshalIndent(struct {
		ListTypes    []site.LoTETerm `json:"list_types"`
		ServiceTypes []site.LoTETerm `json:"service_types"`
	}{p.ListTypes, p.ServiceTypes}, "", "  ")
	if err != nil {
		return err
	}
	st.Add(fileLoTEVocabulary, append(js, '\n'))
	p.VocabularyHref = fileLoTEVocabulary
	return nil
}

// loteFiles names the files of one list in a release.
type loteFiles struct{ xml, xmlSHA2, json, jws, jwsSHA2 string }

func loteFilesOf(file string) loteFiles {
	b := release.DirLoTE + "/" + file
	return loteFiles{b + ".xml", b + ".xml.sha2", b + ".json", b + ".json.jws", b + ".json.jws.sha2"}
}

// loteBuild is the lists of trusted entities of one build, loaded,
// checked and dated.
type loteBuild struct {
	set     *source.LoTESet
	results []LoTEResult // by set.Lists index
}

// loadLoTEs loads and checks the lists of sources/lote at the issue time
// and dates them; nil when the sources have none. The warnings are
// returned; an error stops the build as a J-TSL error does.
func loadLoTEs(sources string, issue time.Time) (*loteBuild, diag.List, error) {
	set, findings, err := source.LoadLoTE(sources)
	if err != nil || set == nil {
		return nil, nil, err
	}
	if !findings.HasErrors() {
		findings = append(findings, lint.CheckLoTE(set, lint.Options{IssueTime: issue})...)
	}
	findings.Sort()
	if findings.HasErrors() {
		return nil, nil, findings.Errors()
	}
	b := &loteBuild{set: set, results: make([]LoTEResult, len(set.Lists))}
	for i, l := range set.Lists {
		next := issue.AddDate(0, l.NextUpdateMonths, 0)
		l.List.Scheme.ListIssueDateTime, l.List.Scheme.NextUpdate = issue, &next
		b.results[i] = LoTEResult{Name: l.Name, File: l.File}
	}
	return b, findings, nil
}

// number gives each list the sequence number after the previous
// release's (nil for none) and says what changed. changed is true when
// any list's content did, or a list was added or removed. The previous
// release's lists are read as a consumer reads them (verify.CheckLoTE),
// pinned to the previous release's signer.
func (b *loteBuild) number(prev *previous) (changed bool, err error) {
	if b == nil {
		return false, nil
	}
	for i, l := range b.set.Lists {
		r := &b.results[i]
		r.Sequence = 1
		var old *lote.List
		if prev != nil {
			if old, err = previousLoTE(prev, l.File); err != nil {
				return false, fmt.Errorf("previous release: %w", err)
			}
			if old != nil {
				r.Sequence = old.Scheme.SequenceNumber + 1
			}
		}
		l.List.Scheme.SequenceNumber = r.Sequence
		if r.Changes, err = loteChanges(old, l.List); err != nil {
			return false, err
		}
		changed = changed || len(r.Changes) > 0
	}
	// A list the previous release had and the sources no longer have is
	// a change too (its files stay in history).
	if prev != nil {
		was, err := filepath.Glob(filepath.Join(prev.folder(), release.DirLoTE, "*.json.jws"))
		if err != nil {
			return false, err
		}
		for _, p := range was {
			file := strings.TrimSuffix(filepath.Base(p), ".json.jws")
			if !slices.ContainsFunc(b.set.Lists, func(l *source.LoTESource) bool { return l.File == file }) {
				b.results = append(b.results, LoTEResult{File: file, Changes: []string{"list removed: it is no longer in the sources"}})
				changed = true
			}
		}
	}
	return changed, nil
}

// previousLoTE returns the previous release's list of base name file,
// checked: its JWS matches its .sha2 and verifies, signed by the previous
// release's signer; nil when that release has no such list.
func previousLoTE(prev *previous, file string) (*lote.List, error) {
	f := loteFilesOf(file)
	p := filepath.Join(prev.folder(), filepath.FromSlash(f.jws))
	data, err := readIfExists(p)
	if data == nil || err != nil {
		return nil, err
	}
	if sum, err := os.ReadFile(filepath.Join(prev.folder(), filepath.FromSlash(f.jwsSHA2))); err != nil || string(sum) != release.SHA2(data) {
		return nil, fmt.Errorf("%s does not match %s (%v)", p, f.jwsSHA2, err)
	}
	rep := verify.CheckLoTE(data, verify.LoTEOptions{File: p, Limits: xmldoc.Own(data), SkipFreshness: true, Pin: []*x509.Certificate{prev.signer}})
	if err := rep.Err(); err != nil {
		return nil, err
	}
	return rep.LoTE(), nil
}

// loteChanges says what differs between the previous release's list and
// this one, besides the sequence number and the dates: the scheme
// information, and entities added, removed or changed (by English
// name). Each is compared as the JSON binding writes it.
func loteChanges(old, cur *lote.List) ([]string, error) {
	if old == nil {
		return []string{"first release of this list"}, nil
	}
	// enc is the JSON binding of the scheme information alone, without
	// sequence and dates, or with one entity.
	enc := func(s lote.Scheme, e ...lote.Entity) (string, error) {
		s.SequenceNumber, s.ListIssueDateTime, s.NextUpdate = 1, time.Time{}, &time.Time{}
		js, err := lote.EncodeJSON(&lote.List{Scheme: s, Entities: e})
		return string(js), err
	}
	var out []string
	a, err := enc(old.Scheme)
	if err != nil {
		return nil, err
	}
	c, err := enc(cur.Scheme)
	if err != nil {
		return nil, err
	}
	if a != c {
		out = append(out, "list and scheme information changed")
	}
	name := func(e *lote.Entity) string { return e.Name.English() }
	was := map[string]string{}
	for i := range old.Entities {
		if was[name(&old.Entities[i])], err = enc(cur.Scheme, old.Entities[i]); err != nil {
			return nil, err
		}
	}
	for i := range cur.Entities {
		e := &cur.Entities[i]
		js, err := enc(cur.Scheme, *e)
		if err != nil {
			return nil, err
		}
		switch o, ok := was[name(e)]; {
		case !ok:
			out = append(out, "entity added: "+name(e))
		case o != js:
			out = append(out, "entity changed: "+name(e))
		}
		delete(was, name(e))
	}
	for i := range old.Entities {
		if _, ok := was[name(&old.Entities[i])]; ok {
			out = append(out, "entity removed: "+name(&old.Entities[i]))
		}
	}
	return out, nil
}

// add signs every list in both bindings with key at the issue time and
// adds its files to the release, kept in history too, and the vocabulary
// of page's table (lote/vocabulary.json).
func (b *loteBuild) add(st *release.Staging, key *keys.Key, issue time.Time, page *site.LoTEs) error {
	if b == nil {
		return nil
	}
	if err := addVocabulary(st, page); err != nil {
		return err
	}
	for _, l := range b.set.Lists {
		signed, err := SignLoTE(l.List, key.Signer, key.Cert, issue)
		if err != nil {
			return fmt.Errorf("list of trusted entities %s: %w", l.Name, err)
		}
		f := loteFilesOf(l.File)
		addSigned(st, f, signed.XML, signed.JSON, signed.JWS)
	}
	return nil
}

// addSigned adds one list's files to the release, kept in history too.
func addSigned(st *release.Staging, f loteFiles, xml, js, jws []byte) {
	for _, a := range []struct {
		name string
		data []byte
	}{{f.xml, xml}, {f.xmlSHA2, []byte(release.SHA2(xml))}, {f.json, js}, {f.jws, jws}, {f.jwsSHA2, []byte(release.SHA2(jws))}} {
		st.Add(a.name, a.data)
		st.KeepInHistory(a.name)
	}
}

// markdown is the lists' part of the change report (changes.md): what
// changed in each since the previous release.
func (b *loteBuild) markdown() string {
	if b == nil {
		return ""
	}
	var sb strings.Builder
	sb.WriteString("\n## Lists of trusted entities\n")
	for _, r := range b.results {
		if r.Sequence == 0 { // removed
			fmt.Fprintf(&sb, "\n### %s\n\n", r.File)
		} else {
			fmt.Fprintf(&sb, "\n### %s (%s), sequence %d\n\n", r.Name, r.File, r.Sequence)
		}
		if len(r.Changes) == 0 {
			sb.WriteString("- unchanged but for the dates and the sequence number\n")
		}
		for _, c := range r.Changes {
			fmt.Fprintf(&sb, "- %s\n", c)
		}
	}
	return sb.String()
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// services returns the number of services of the lists.
func (b *loteBuild) services() int {
	n := 0
	for _, l := range b.set.Lists {
		for _, e := range l.List.Entities {
			n += len(e.Services)
		}
	}
	return n
}

// resultsOrNil returns the lists' results; nil when there are none.
func (b *loteBuild) resultsOrNil() []LoTEResult {
	if b == nil {
		return nil
	}
	return b.results
}

// folder is the folder of the previous release, where its lists of
// trusted entities are.
func (p *previous) folder() string {
	if p.dir != "" {
		return p.dir
	}
	return filepath.Dir(p.path)
}

// page returns what the page shows of the lists: each with its files,
// entities and services, and the vocabulary with its EU values.
func (b *loteBuild) page() *site.LoTEs {
	if b == nil {
		return nil
	}
	v := b.set.Vocabulary
	out := &site.LoTEs{}
	label := func(t *source.LoTETerm) site.LoTETerm {
		return site.LoTETerm{URI: t.URI, Label: t.Label, EU: t.EU}
	}
	term := func(u string, t *source.LoTETerm) site.LoTETerm {
		if t == nil {
			return site.LoTETerm{URI: u}
		}
		return label(t)
	}
	for i := range v.ListTypes {
		out.ListTypes = append(out.ListTypes, label(&v.ListTypes[i].LoTETerm))
	}
	for i := range v.ServiceTypes {
		out.ServiceTypes = append(out.ServiceTypes, label(&v.ServiceTypes[i]))
	}
	for i, l := range b.set.Lists {
		s := &l.List.Scheme
		f := loteFilesOf(l.File)
		var lt *source.LoTETerm
		if t := v.ListType(s.Type); t != nil {
			lt = &t.LoTETerm
		}
		pl := site.LoTE{
			Name: s.Name, Type: term(s.Type, lt), Profile: l.Profile, Sequence: b.results[i].Sequence,
			XMLHref: f.xml, XMLSHA2Href: f.xmlSHA2, JSONHref: f.json, JWSHref: f.jws, JWSSHA2Href: f.jwsSHA2,
		}
		for _, e := range l.List.Entities {
			for _, sv := range e.Services {
				pl.Services = append(pl.Services, site.LoTEService{Entity: e.Name, Name: sv.Name, Type: term(sv.Type, v.ServiceType(sv.Type)), Cert: firstCert(sv.Identity)})
			}
		}
		out.Lists = append(out.Lists, pl)
	}
	return out
}

func firstCert(id model.DigitalIdentity) []byte {
	for _, d := range id {
		if d.Certificate != nil {
			return d.Certificate
		}
	}
	return nil
}

// knownCerts adds what the page shows of the lists' certificates.
func (b *loteBuild) knownCerts(known map[[sha256.Size]byte]site.CertSummary) {
	if b != nil {
		addKnown(known, b.set.Certificates(), b.set.Notes)
	}
}
