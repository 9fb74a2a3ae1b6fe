package publish

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/diff"
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
	// Changes sum up, one line each, the change report's values of this
	// list (diff.Report.Files); empty when only the dates and sequence
	// moved on. A list removed from the sources has Sequence 0 and no
	// Name.
	Changes []string
}

// fileLoTEVocabulary is the lists' vocabulary with the EU value of each
// type (mra.yaml's lists_of_trusted_entities), as the page shows it
// (JSON): a change of either is a change of the release.
const fileLoTEVocabulary = release.DirLoTE + "/vocabulary.json"

// addVocabulary adds lote/vocabulary.json, the types of the page's
// table, to the release and links it from p.
func addVocabulary(st *release.Staging, p *site.LoTEs) error {
	js, err := vocabularyJSON(p)
	if err != nil {
		return err
	}
	st.Add(fileLoTEVocabulary, js)
	p.VocabularyHref = fileLoTEVocabulary
	return nil
}

// vocabularyJSON is lote/vocabulary.json: the types of the page p.
func vocabularyJSON(p *site.LoTEs) ([]byte, error) {
	js, err := json.MarshalIndent(struct {
		ListTypes    []site.LoTETerm `json:"list_types"`
		ServiceTypes []site.LoTETerm `json:"service_types"`
	}{p.ListTypes, p.ServiceTypes}, "", "  ")
	return append(js, '\n'), err
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
	set     *source.LoTESet // its sources forgotten once checked
	results []LoTEResult    // by set.Lists index
	signed  []*SignedLoTE   // by set.Lists index, once signBeside is done
	// known is what the page shows of the lists' certificates.
	known map[[sha256.Size]byte]site.CertSummary
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
	b := &loteBuild{set: set, results: make([]LoTEResult, len(set.Lists)), known: map[[sha256.Size]byte]site.CertSummary{}}
	addKnown(b.known, set.Certificates(), set.Notes)
	set.Forget()
	for i, l := range set.Lists {
		next := issue.AddDate(0, l.NextUpdateMonths, 0)
		l.List.Scheme.ListIssueDateTime, l.List.Scheme.NextUpdate = issue, &next
		b.results[i] = LoTEResult{Name: l.Name, File: l.File}
	}
	return b, findings, nil
}

// loadLoTEsBeside runs loadLoTEs while the caller loads and checks the
// J-TSL's sources (neither reads the other's); wait returns its results
// once it is done, and may be called again (deferred, for an early
// return).
func loadLoTEsBeside(sources string, issue time.Time) (wait func() (*loteBuild, diag.List, error)) {
	var (
		b        *loteBuild
		findings diag.List
		err      error
	)
	done := make(chan struct{})
	go func() {
		defer close(done)
		b, findings, err = loadLoTEs(sources, issue)
	}()
	return func() (*loteBuild, diag.List, error) {
		<-done
		return b, findings, err
	}
}

// changes gives each list the sequence number after the previous
// release's (nil for none) and returns what changed in the lists and
// their vocabulary since then, for the change report (diff.Report.Files):
// a list added, removed (the whole sources/lote folder too) or changed,
// value by value, with what a release says of each list it no longer has.
// The previous release's lists are read as a consumer reads them
// (verify.CheckLoTE), pinned to the previous release's signer.
func (b *loteBuild) changes(prev *previous) (out []diff.FileChange, removed []LoTEResult, err error) {
	var lists []*source.LoTESource
	if b != nil {
		lists = b.set.Lists
	}
	for i, l := range lists {
		r := &b.results[i]
		r.Sequence = 1
		var old *lote.List
		if prev != nil {
			if old, err = previousLoTE(prev, l.File); err != nil {
				return nil, nil, fmt.Errorf("previous release: %w", err)
			}
			if old != nil {
				r.Sequence = old.Scheme.SequenceNumber + 1
			}
		}
		l.List.Scheme.SequenceNumber = r.Sequence
		if prev == nil { // a first release has no report
			r.Changes = summarize(&diff.FileChange{Change: diff.Added}, nil, l.List)
			continue
		}
		c, err := compareLoTE(l.File, old, l.List)
		if err != nil {
			return nil, nil, err
		}
		if c != nil {
			out = append(out, *c)
			r.Changes = summarize(c, old, l.List)
		}
	}
	if prev == nil {
		return nil, nil, nil
	}
	// A list the previous release had and the sources no longer have is
	// a change too (its files stay in history).
	was, err := filepath.Glob(filepath.Join(prev.folder(), release.DirLoTE, "*.json.jws"))
	if err != nil {
		return nil, nil, err
	}
	for _, p := range was {
		file := strings.TrimSuffix(filepath.Base(p), ".json.jws")
		if slices.ContainsFunc(lists, func(l *source.LoTESource) bool { return l.File == file }) {
			continue
		}
		c := diff.FileChange{File: loteFilesOf(file).json, Change: diff.Removed}
		out = append(out, c)
		removed = append(removed, LoTEResult{File: file, Changes: summarize(&c, nil, nil)})
	}
	// The page's table of the lists' types is a release file too.
	old, err := readIfExists(filepath.Join(prev.folder(), filepath.FromSlash(fileLoTEVocabulary)))
	if err != nil {
		return nil, nil, fmt.Errorf("previous release: %w", err)
	}
	var cur []byte
	if b != nil {
		if cur, err = vocabularyJSON(b.page()); err != nil {
			return nil, nil, err
		}
	}
	c, err := diff.CompareFile(fileLoTEVocabulary, old, cur)
	if err != nil {
		return nil, nil, fmt.Errorf("previous release: %w", err)
	}
	if c != nil {
		out = append(out, *c)
	}
	return out, removed, nil
}

// compareLoTE returns the change of the list of base name file from old
// (nil: the previous release had none) to cur, or nil when there is none.
func compareLoTE(file string, old, cur *lote.List) (*diff.FileChange, error) {
	var a []byte
	if old != nil {
		var err error
		if a, err = comparable(old); err != nil {
			return nil, fmt.Errorf("previous release: list of trusted entities %s: %w", file, err)
		}
	}
	b, err := comparable(cur)
	if err != nil {
		return nil, fmt.Errorf("list of trusted entities %s: %w", file, err)
	}
	return diff.CompareFile(loteFilesOf(file).json, a, b)
}

// entitiesPath is where comparable puts the entities, each under its
// English name: an entity added before another is not a change of it.
const entitiesPath = "LoTE.TrustedEntitiesList."

// comparable is what the change report compares of a list: its JSON
// binding (no signature) without the values every release changes (the
// sequence number and the dates), its entities keyed by English name.
func comparable(l *lote.List) ([]byte, error) {
	c := *l
	c.Scheme.SequenceNumber, c.Scheme.ListIssueDateTime, c.Scheme.NextUpdate = 1, time.Time{}, &time.Time{}
	js, err := lote.EncodeJSON(&c)
	if err != nil {
		return nil, err
	}
	d := json.NewDecoder(bytes.NewReader(js))
	d.UseNumber() // numbers as written
	var doc map[string]map[string]any
	if err := d.Decode(&doc); err != nil {
		return nil, err
	}
	if es, ok := doc["LoTE"]["TrustedEntitiesList"].([]any); ok {
		keys := entityKeys(l)
		byName := make(map[string]any, len(es))
		for i, e := range es {
			byName[keys[i]] = e
		}
		doc["LoTE"]["TrustedEntitiesList"] = byName
	}
	return json.Marshal(doc)
}

// entityKeys name the entities of l in comparable: each by its English
// name, with its position when an earlier entity has the same name.
func entityKeys(l *lote.List) []string {
	out := make([]string, len(l.Entities))
	seen := make(map[string]bool, len(l.Entities))
	for i := range l.Entities {
		name := l.Entities[i].Name.English()
		if out[i] = name; seen[name] {
			out[i] = fmt.Sprintf("%s #%d", name, i+1)
		}
		seen[name] = true
	}
	return out
}

// summarize says in a line each what c, the change of a list from old to
// cur, changed: the scheme information, entities added, removed or
// changed (by English name). The lines are the CLI's and the page of
// changes' short form of the report's values.
func summarize(c *diff.FileChange, old, cur *lote.List) []string {
	switch c.Change {
	case diff.Added:
		return []string{"first release of this list"}
	case diff.Removed:
		return []string{"list removed: it is no longer in the sources"}
	}
	keys := func(l *lote.List) map[string]bool {
		m := make(map[string]bool, len(l.Entities))
		for _, k := range entityKeys(l) {
			m[k] = true
		}
		return m
	}
	was, is := keys(old), keys(cur)
	var out []string
	seen := map[string]bool{}
	for _, f := range c.Fields {
		line := "list and scheme information changed"
		if rest, ok := strings.CutPrefix(f.Field, entitiesPath); ok {
			// The longest name the path starts with (a name may hold dots).
			name := ""
			for i := range len(rest) {
				if rest[i] == '.' && (was[rest[:i]] || is[rest[:i]]) {
					name = rest[:i]
				}
			}
			switch {
			case !was[name]:
				line = "entity added: " + name
			case !is[name]:
				line = "entity removed: " + name
			default:
				line = "entity changed: " + name
			}
		}
		if !seen[line] {
			seen[line] = true
			out = append(out, line)
		}
	}
	return out
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

// signBeside starts signing every list in both bindings with key at the
// issue time while the caller goes on with the J-TSL's stages (on the
// second core: the sample's three lists were half of its build, one
// after the other); wait returns the first error once all are signed,
// and may be called again (deferred, for an early return). The lists'
// sequence numbers are set (changes) before.
func (b *loteBuild) signBeside(key *keys.Key, issue time.Time) (wait func() error) {
	if b == nil {
		return func() error { return nil }
	}
	done := make(chan error, 1)
	go func() {
		b.signed = make([]*SignedLoTE, len(b.set.Lists))
		for i, l := range b.set.Lists {
			signed, err := SignLoTE(l.List, key.Signer, key.Cert, issue)
			if err != nil {
				done <- fmt.Errorf("list of trusted entities %s: %w", l.Name, err)
				return
			}
			b.signed[i] = signed
		}
		done <- nil
	}()
	return sync.OnceValue(func() error { return <-done })
}

// add adds every list's files, signed by signBeside, to the release,
// kept in history too, and the vocabulary of page's table
// (lote/vocabulary.json).
func (b *loteBuild) add(st *release.Staging, page *site.LoTEs) error {
	if b == nil {
		return nil
	}
	if err := addVocabulary(st, page); err != nil {
		return err
	}
	for i, l := range b.set.Lists {
		s := b.signed[i]
		addSigned(st, loteFilesOf(l.File), s.XML, s.JSON, s.JWS)
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
// entities and services, and the vocabulary with the EU value mra.yaml
// says each term corresponds to.
func (b *loteBuild) page() *site.LoTEs {
	if b == nil {
		return nil
	}
	v, m := b.set.Vocabulary, b.set.Mapping
	if m == nil { // mra.yaml invalid: Load has stopped the build
		m = &source.LoTEMapping{}
	}
	listType := func(u string) site.LoTETerm {
		t := site.LoTETerm{URI: u}
		vt := v.ListType(u)
		if vt == nil {
			return t
		}
		t.Label = vt.Label
		t.StatusDetermination, t.CommunityRules = &site.LoTEPair{URI: vt.StatusDetermination}, &site.LoTEPair{URI: vt.CommunityRules}
		if c := m.ListType(u); c != nil {
			corresponds(&t, &c.Correspondence)
			for _, p := range []struct {
				to *site.LoTEPair
				c  source.URIPair
			}{{t.StatusDetermination, c.StatusDetermination}, {t.CommunityRules, c.CommunityRules}} {
				if p.c.Japan == p.to.URI { // else lint's JTSL071
					p.to.EU = p.c.EU
				}
			}
		}
		return t
	}
	serviceType := func(u string) site.LoTETerm {
		t := site.LoTETerm{URI: u}
		if vt := v.ServiceType(u); vt != nil {
			t.Label = vt.Label
		}
		if c := m.ServiceType(u); c != nil {
			corresponds(&t, c)
		}
		return t
	}
	out := &site.LoTEs{}
	for _, t := range v.ListTypes {
		out.ListTypes = append(out.ListTypes, listType(t.URI))
	}
	for _, t := range v.ServiceTypes {
		out.ServiceTypes = append(out.ServiceTypes, serviceType(t.URI))
	}
	for i, l := range b.set.Lists {
		s := &l.List.Scheme
		f := loteFilesOf(l.File)
		pl := site.LoTE{
			Name: s.Name, Type: listType(s.Type), Profile: l.Profile, Sequence: b.results[i].Sequence,
			XMLHref: f.xml, XMLSHA2Href: f.xmlSHA2, JSONHref: f.json, JWSHref: f.jws, JWSSHA2Href: f.jwsSHA2,
		}
		for _, e := range l.List.Entities {
			for _, sv := range e.Services {
				pl.Services = append(pl.Services, site.LoTEService{Entity: e.Name, Name: sv.Name, Type: serviceType(sv.Type), Cert: firstCert(sv.Identity)})
			}
		}
		out.Lists = append(out.Lists, pl)
	}
	return out
}

// corresponds gives t the EU value of c, with its status.
func corresponds(t *site.LoTETerm, c *source.Correspondence) {
	from := c.From
	t.EU, t.Status, t.From = c.EU, statusWord(c.Status), &from
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
		maps.Copy(known, b.known)
	}
}
