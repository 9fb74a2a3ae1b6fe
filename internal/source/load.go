package source

import (
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/beevik/etree"
	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/c14n"
	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/mra"
	"github.com/jtsl/jtsl/internal/tsl"
)

// A Set is a loaded sources folder.
type Set struct {
	Dir string
	// List is the compiled model. SequenceNumber, ListIssueDateTime and
	// NextUpdate are left zero: the build sets them.
	List *model.List
	// NextUpdateMonths is how far after the issue time NextUpdate is;
	// 0 for a closed list.
	NextUpdateMonths int
	// Files[0] is scheme.yaml; Files[i+1] belongs to List.Providers[i].
	Files []*File
	// ServiceIDs[i][j] is the id of List.Providers[i].Services[j].
	ServiceIDs [][]string
	// Vocabulary is vocabulary.yaml, the URIs the scheme defines; nil
	// when the sources have none.
	Vocabulary *Vocabulary
	// Mapping is mra.yaml, the equivalences with the EU's trust
	// services; nil when the sources have none. Its ByJapan block is
	// already in the pointer it names (List.Scheme.Pointers).
	Mapping *Mapping
	// Notes says, by SHA-256 of the DER, which certificates the sources
	// mark as generated (sample: true) and where real ones come from.
	Notes map[[sha256.Size]byte]CertNote
	// certIndex holds the certificates of the sources by DER, so that
	// checks need not parse them again.
	certIndex
	// locs says where each model value came from (see Loc).
	locs *locTable
}

// A certIndex holds the certificates of a set of sources by DER, parsed
// once by the loader.
type certIndex map[string]*x509.Certificate

// Certificate returns the certificate of DER bytes taken from the model,
// parsed once by the loader.
func (x certIndex) Certificate(der []byte) (*x509.Certificate, error) {
	if c, ok := x[string(der)]; ok {
		return c, nil
	}
	return x509.ParseCertificate(der)
}

// Certificates returns the certificates of the sources, parsed once by
// the loader, in no particular order.
func (x certIndex) Certificates() []*x509.Certificate {
	out := make([]*x509.Certificate, 0, len(x))
	for _, c := range x {
		out = append(out, c)
	}
	return out
}

// Scheme returns the scheme.yaml file.
func (s *Set) Scheme() *File { return s.Files[0] }

// TSP returns the file of List.Providers[i].
func (s *Set) TSP(i int) *File { return s.Files[i+1] }

// DropNodes lets go of each file's parsed YAML and of where each model
// value came from, once the checks that name a file's line have run: at
// 10 000 services about 50 MB a build would otherwise hold while it goes
// on. Pos then names the file only; Loc is not to be called.
func (s *Set) DropNodes() {
	for _, f := range s.Files {
		f.root = nil
	}
	s.locs = newLocTable(0)
}

// Load reads, validates and compiles a sources folder. Every problem of
// every file is returned as a diagnostic; the error is for a folder that
// cannot be read at all.
func Load(dir string) (*Set, diag.List, error) {
	switch fi, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, fmt.Errorf("sources folder %s: not found", dir)
	case err != nil:
		return nil, nil, fmt.Errorf("sources folder: %w", err)
	case !fi.IsDir():
		return nil, nil, fmt.Errorf("sources folder %s: is a file, not a folder: give the folder that holds scheme.yaml, tsps/ and certs/", dir)
	}
	set := &Set{Dir: dir, List: &model.List{}}
	var notes []noted
	src, err := openFolder(dir)
	if err != nil {
		return nil, nil, err
	}
	defer src.close()
	certs := newCertCache(src)
	// The certificates folder is listed while the sources are read (the
	// first files on one core): which of its files no source names is
	// known at the end.
	var certFiles []string
	var listErr error
	var wg sync.WaitGroup
	wg.Go(func() { certFiles, listErr = filesUnder(dir, "certs") })
	defer wg.Wait() // never leave it running past an early return
	var all diag.List
	var locs []located

	names, stray, err := yamlFiles(dir, "tsps", "TSP")
	if err != nil {
		return nil, nil, err
	}
	tsps := make([]loadedTSP, len(names))
	// Where each value came from goes into one table as each file is
	// built, on the core that built it: filled after the files, the
	// table was the load's longest stretch on one core.
	set.locs = newLocTable(len(names)*locsPerTSP + 100)
	// Files are independent (certificates are shared through the cache),
	// so they are read, validated and built on every core, while
	// scheme.yaml, vocabulary.yaml and mra.yaml are; results are then
	// taken in file-name order, as if loaded one by one.
	var loading sync.WaitGroup
	loading.Go(func() {
		forEach(len(names), func(i int) {
			tsps[i] = loadTSP(dir, "tsps/"+names[i], certs)
			set.locs.add(tsps[i].locs)
			tsps[i].locs = nil
		})
	})
	defer loading.Wait() // never leave them running past an early return

	scheme, d := readFile(src, "scheme.yaml")
	all = append(all, d...)
	set.Files = append(set.Files, scheme)
	if scheme.root != nil {
		d, err := validate(scheme, "scheme.schema.json")
		if err != nil {
			return nil, nil, err
		}
		all = append(all, d...)
		if len(d) == 0 {
			b := &builder{dir: dir, f: scheme, certs: certs}
			b.scheme(set)
			all = append(all, b.diags...)
			notes = append(notes, noted{scheme, b.notes, b.notePath})
			locs = b.locs
		}
	}

	for _, o := range []struct{ rel, schema string }{{"vocabulary.yaml", "vocabulary.schema.json"}, {"mra.yaml", "mra.schema.json"}} {
		f, d, err := readOptional(src, o.rel, o.schema)
		if err != nil {
			return nil, nil, err
		}
		all = append(all, d...)
		if f == nil {
			continue
		}
		b := &builder{dir: dir, f: f, certs: certs}
		if o.rel == "vocabulary.yaml" {
			set.Vocabulary = b.vocabulary()
		} else {
			set.Mapping = b.mapping()
		}
		all = append(all, b.diags...)
		locs = append(locs, b.locs...)
	}

	set.locs.add(locs)
	all = append(all, stray...)
	loading.Wait()
	set.certIndex = certs.byDER
	for _, t := range tsps {
		if t.err != nil {
			return nil, nil, t.err
		}
		all = append(all, t.diags...)
		if t.file == nil {
			continue
		}
		notes = append(notes, noted{t.file, t.notes, t.notePath})
		set.Files = append(set.Files, t.file)
		set.List.Providers = append(set.List.Providers, t.tsp)
		set.ServiceIDs = append(set.ServiceIDs, t.ids)
	}
	set.Notes, d = mergeNotes(notes)
	all = append(all, d...)
	// The TSPs' own addresses are final only now.
	for i := range set.List.Providers {
		set.locs.m[&set.List.Providers[i]] = Loc{File: set.TSP(i)}
	}
	if !all.HasErrors() { // a scheme or mapping in error has no pointer to speak of
		all = append(all, set.pointBack()...)
	}
	// An unreferenced file under certs/ is only known to be one when every
	// source was read (the walk's findings are kept only if nothing else
	// is wrong).
	wg.Wait()
	if !all.HasErrors() {
		if listErr != nil {
			return nil, nil, listErr
		}
		all = append(all, strayCerts(certFiles, certs)...)
	}
	return set, all, nil
}

// forEach calls f(0) … f(n-1) on every core.
func forEach(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// yamlFiles returns the names of the YAML files in dir/sub (one per
// what, such as a TSP), sorted, and a finding for every other entry
// there: nothing is skipped without a word. A YAML file not named *.yaml
// and a subfolder are errors (someone meant them to be read); any other
// file is a warning. A missing folder has no files.
func yamlFiles(dir, sub, what string) ([]string, diag.List, error) {
	entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(sub)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("sources folder %s: %w", dir, err)
	}
	var names []string
	var d diag.List
	report := func(sev diag.Severity, rel, format string, args ...any) {
		d = append(d, diag.Diagnostic{Rule: "file", Severity: sev, Pos: diag.Pos{File: rel}, Message: fmt.Sprintf(format, args...)})
	}
	for _, e := range entries {
		name := e.Name()
		ext := filepath.Ext(name)
		rel := sub + "/" + name
		switch {
		case e.IsDir():
			report(diag.Error, rel, "a folder under %s/ is not read: move its %s files up into %s/ (one file per %s, named *.yaml)", sub, what, sub, what)
		case ext == ".yaml":
			names = append(names, name)
		case strings.EqualFold(ext, ".yaml") || strings.EqualFold(ext, ".yml"):
			report(diag.Error, rel, "%s files are read only when named *.yaml: rename it to %s.yaml", what, strings.TrimSuffix(name, ext))
		default:
			report(diag.Warning, rel, "not a %s file (*.yaml), so not read: remove it or move it out of %s/", what, sub)
		}
	}
	sort.Strings(names)
	return names, d, nil
}

// strayCertsUnder warns of every file under dir/sub (a certificate
// folder) that no source names: a certificate added there is in a list
// only once an identity refers to it.
func strayCertsUnder(dir, sub string, certs *certCache) (diag.List, error) {
	files, err := filesUnder(dir, sub)
	if err != nil {
		return nil, err
	}
	return strayCerts(files, certs), nil
}

// filesUnder returns the paths, relative to dir in slash form, of the
// files under dir/sub in lexical order; none when there is no dir/sub.
func filesUnder(dir, sub string) ([]string, error) {
	root := filepath.Join(dir, filepath.FromSlash(sub))
	var files []string
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir
			}
			return err
		}
		if e.IsDir() {
			return nil
		}
		r, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files = append(files, filepath.ToSlash(r))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sources folder %s: %w", dir, err)
	}
	return files, nil
}

// strayCerts warns of every file of files that no source names.
func strayCerts(files []string, certs *certCache) diag.List {
	var d diag.List
	certs.mu.Lock()
	defer certs.mu.Unlock()
	for _, rel := range files {
		if !certs.used[rel] {
			d = append(d, diag.Diagnostic{Rule: "file", Severity: diag.Warning, Pos: diag.Pos{File: rel},
				Message: fmt.Sprintf("no source refers to this file, so it is not in the list: name it in an identity (certificate: %s) or remove it", rel)})
		}
	}
	return d
}

// A loadedFile is one file's outcome (a TSP's, an entity's); file is nil
// when the file did not parse or validate.
type loadedFile struct {
	file     *File
	ids      []string
	notes    map[[sha256.Size]byte]CertNote
	notePath map[[sha256.Size]byte]string
	locs     []located
	diags    diag.List
	err      error
}

// loadWith reads rel, validates it against schemaName and, when it is
// valid, builds it with build, which returns the ids of its services.
func loadWith(dir, rel, schemaName string, certs *certCache, build func(*builder) []string) loadedFile {
	var out loadedFile
	f, d, err := readValid(certs.src, rel, schemaName)
	out.diags, out.err = d, err
	if f == nil {
		return out
	}
	b := &builder{dir: dir, f: f, certs: certs}
	out.ids = build(b)
	out.notes, out.notePath, out.locs = b.notes, b.notePath, b.locs
	out.diags = append(out.diags, b.diags...)
	out.file = f
	return out
}

// A loadedTSP is one TSP file's outcome.
type loadedTSP struct {
	loadedFile
	tsp model.TSP
}

// noted is one file's certificate notes, for mergeNotes.
type noted struct {
	f     *File
	notes map[[sha256.Size]byte]CertNote
	path  map[[sha256.Size]byte]string
}

// mergeNotes joins the files' notes; a certificate described differently
// in two files is an error at the later one.
func mergeNotes(files []noted) (map[[sha256.Size]byte]CertNote, diag.List) {
	out := map[[sha256.Size]byte]CertNote{}
	where := map[[sha256.Size]byte]string{}
	var d diag.List
	for _, f := range files {
		for sum, n := range f.notes {
			if old, ok := out[sum]; ok && old != n {
				b := &builder{f: f.f}
				b.errf(f.path[sum], "schema", "the certificate is described differently in %s (sample or source): give every use the same sample: or source: value", where[sum])
				d = append(d, b.diags...)
				continue
			}
			out[sum], where[sum] = n, f.f.Path+": "+f.path[sum]
		}
	}
	return out, d
}

func loadTSP(dir, rel string, certs *certCache) loadedTSP {
	var out loadedTSP
	out.loadedFile = loadWith(dir, rel, "tsp.schema.json", certs, func(b *builder) []string {
		t, ids := b.tsp()
		out.tsp = t
		return ids
	})
	return out
}

// schemeCommon is what the scheme.yaml of the J-TSL and of a list of
// trusted entities say alike (TS 119 612 clause 5.3, TS 119 602 clause
// 6.3).
type schemeCommon struct {
	typ, territory, statusDetermination                string
	communityRules, name, operatorName, informationURI model.MultiLang
	operatorAddress                                    model.Address
	policy                                             *model.PolicyOrLegalNotice
}

func (b *builder) schemeCommon(n *yaml.Node) schemeCommon {
	op := get(n, "operator")
	c := schemeCommon{
		typ: str(get(n, "type")), territory: str(get(n, "territory")), statusDetermination: str(get(n, "status_determination_approach")),
		communityRules: b.multiLang(get(n, "community_rules")), name: b.multiLang(get(n, "name")),
		operatorName: b.multiLang(get(op, "name")), operatorAddress: b.address(get(op, "address")),
		informationURI: b.multiLang(get(n, "information_uri")),
	}
	if pol := get(n, "policy"); pol != nil {
		c.policy = &model.PolicyOrLegalNotice{
			Policies: b.multiLang(get(pol, "policies")), LegalNotices: b.multiLang(get(pol, "legal_notices")),
		}
	}
	return c
}

// scheme builds SchemeInformation from scheme.yaml.
func (b *builder) scheme(set *Set) {
	n := b.f.root
	s := &set.List.Scheme
	set.List.ID = str(get(n, "id"))
	set.List.Tag = model.TSLTag
	s.VersionIdentifier = model.Version6
	if v := get(n, "version"); v != nil {
		s.VersionIdentifier, _ = strconv.Atoi(v.Value)
	}
	b.at(s, n)
	c := b.schemeCommon(n)
	s.Type, s.Territory, s.StatusDeterminationApproach, s.CommunityRules = c.typ, c.territory, c.statusDetermination, c.communityRules
	s.Name, s.OperatorName, s.OperatorAddress, s.InformationURI, s.PolicyOrLegalNotice = c.name, c.operatorName, c.operatorAddress, c.informationURI, c.policy
	s.HistoricalInformationPeriod = model.HistoricalInformationPeriodForever
	if h := get(n, "historical_information_period"); h != nil {
		s.HistoricalInformationPeriod, _ = strconv.Atoi(h.Value)
	}
	ptrs := items(get(n, "pointers"))
	for i, p := range ptrs {
		s.Pointers = append(s.Pointers, b.pointer(p, fmt.Sprintf("pointers[%d]", i)))
	}
	for i := range s.Pointers {
		b.at(&s.Pointers[i], ptrs[i])
	}
	if dp := get(n, "distribution_points"); dp != nil {
		s.DistributionPoints = []string{}
		us := items(dp)
		for _, u := range us {
			s.DistributionPoints = append(s.DistributionPoints, u.Value)
		}
		for i := range s.DistributionPoints {
			b.at(&s.DistributionPoints[i], us[i])
		}
	}
	s.Extensions = b.extensions(get(n, "extensions"), "extensions")
	set.NextUpdateMonths, _ = strconv.Atoi(str(get(n, "next_update_months")))
	if str(get(n, "closed")) == "true" {
		set.NextUpdateMonths = 0
	} else if set.NextUpdateMonths == 0 {
		b.errf("next_update_months", "schema", "next_update_months must be 1 to 6 (0 only with closed: true)")
	}
}

func (b *builder) pointer(n *yaml.Node, p string) model.Pointer {
	ptr := model.Pointer{Location: str(get(n, "location"))}
	if ids := get(n, "identities"); ids != nil {
		ptr.Identities = []model.DigitalIdentity{}
		for i, id := range items(ids) {
			d, _ := b.identity(id, fmt.Sprintf("%s.identities[%d]", p, i))
			ptr.Identities = append(ptr.Identities, d)
		}
	}
	if ai := get(n, "additional_information"); ai != nil {
		ptr.AdditionalInformation = []model.PointerInfo{}
		its := items(ai)
		for i, it := range its {
			var info model.PointerInfo
			o := &model.OtherInformation{}
			switch {
			case get(it, "textual") != nil:
				info.Textual = &model.LangString{}
				b.langURI(it, "textual", info.Textual)
			case get(it, "tsl_type") != nil:
				o.TSLType = str(get(it, "tsl_type"))
			case get(it, "scheme_operator_name") != nil:
				o.SchemeOperatorName = b.multiLang(get(it, "scheme_operator_name"))
			case get(it, "scheme_type_community_rules") != nil:
				o.SchemeTypeCommunityRules = b.multiLang(get(it, "scheme_type_community_rules"))
			case get(it, "scheme_territory") != nil:
				o.SchemeTerritory = str(get(it, "scheme_territory"))
			case get(it, "mime_type") != nil:
				o.MimeType = str(get(it, "mime_type"))
			default:
				o.XML = b.xml(get(it, "xml"), fmt.Sprintf("%s.additional_information[%d].xml", p, i))
			}
			if info.Textual == nil {
				info.Other = o
			}
			ptr.AdditionalInformation = append(ptr.AdditionalInformation, info)
		}
		for k := range ptr.AdditionalInformation {
			b.at(&ptr.AdditionalInformation[k], its[k])
		}
	}
	return ptr
}

// tsp builds one TrustServiceProvider and returns its service ids.
func (b *builder) tsp() (model.TSP, []string) {
	n := b.f.root
	t := model.TSP{
		Name: b.multiLang(get(n, "name")), TradeName: b.multiLang(get(n, "trade_name")),
		Address: b.address(get(n, "address")), InformationURI: b.multiLang(get(n, "information_uri")),
		Extensions: b.extensions(get(n, "extensions"), "extensions"),
	}
	var ids []string
	seen := map[string]bool{}
	svcs := items(get(n, "services"))
	if len(svcs) > 0 {
		// Built in place, so that where each came from is recorded
		// against its final address.
		t.Services = make([]model.Service, len(svcs))
	}
	for i, sn := range svcs {
		p := fmt.Sprintf("services[%d]", i)
		id := str(get(sn, "id"))
		if seen[id] {
			b.errf(p+".id", "schema", "duplicate service id %q in this file", id)
		}
		seen[id] = true
		ids = append(ids, id)
		b.service(&t.Services[i], sn, p)
	}
	return t, ids
}

// service builds a TSPService into s: the last status entry is the
// current status, earlier ones become ServiceHistory newest first (clause
// 5.6).
func (b *builder) service(s *model.Service, n *yaml.Node, p string) {
	*s = model.Service{
		Type: str(get(n, "type")), Name: b.multiLang(get(n, "name")),
		SchemeServiceDefinitionURI: b.multiLang(get(n, "scheme_service_definition_uri")),
		TSPServiceDefinitionURI:    b.multiLang(get(n, "tsp_service_definition_uri")),
		Extensions:                 b.extensions(get(n, "extensions"), p+".extensions"),
		HistoryPresent:             str(get(n, "history_present")) == "true",
	}
	b.at(s, n)
	id, cert := b.identity(get(n, "identity"), p+".identity")
	s.Identity = id
	s.SupplyPoints = b.supplyPoints(get(n, "supply_points"))
	st := items(get(n, "status"))
	var hist []*yaml.Node // the status entry of each history instance
	for i := len(st) - 1; i >= 0; i-- {
		e := st[i]
		ep := fmt.Sprintf("%s.status[%d]", p, i)
		status, from := str(get(e, "status")), b.dateTime(get(e, "from"), ep+".from")
		if i == len(st)-1 {
			s.Status, s.StatusStartingTime = status, from
			b.at(&s.Status, e)
			continue
		}
		h := model.HistoryInstance{Type: s.Type, Name: s.Name, Identity: historyIdentity(id, cert), Status: status, StatusStartingTime: from}
		if t := get(e, "type"); t != nil {
			h.Type = t.Value
		}
		if nm := get(e, "name"); nm != nil {
			h.Name = b.multiLang(nm)
		}
		if idn := get(e, "identity"); idn != nil {
			h.Identity, _ = b.identity(idn, ep+".identity")
		}
		h.Extensions = b.extensions(get(e, "extensions"), ep+".extensions")
		s.History = append(s.History, h)
		hist = append(hist, e)
	}
	for h := range s.History {
		b.at(&s.History[h], hist[h])
	}
}

// supplyPoints builds ServiceSupplyPoints; nil when absent.
func (b *builder) supplyPoints(sp *yaml.Node) []model.SupplyPoint {
	if sp == nil {
		return nil
	}
	its := items(sp)
	out := make([]model.SupplyPoint, len(its))
	for k, it := range its {
		out[k] = model.SupplyPoint{URI: str(get(it, "uri")), Type: str(get(it, "type"))}
		b.at(&out[k], it)
	}
	return out
}

// pointBack puts the mapping's ByJapan block into the scheme's pointer it
// names, as one more OtherInformation, so that the list carries it.
func (set *Set) pointBack() diag.List {
	m := set.Mapping
	if m == nil || m.ByJapan == nil {
		return nil
	}
	at := set.Loc(&m.Pointer)
	errAt := func(format string, args ...any) diag.List {
		return diag.List{{Rule: "mra", Severity: diag.Error, Pos: at.Pos(), Path: at.Path(), Message: fmt.Sprintf(format, args...)}}
	}
	block, err := mra.Marshal(m.ByJapan)
	if err == nil {
		block, err = signedForm(block)
	}
	if err != nil {
		return errAt("%v", err)
	}
	ptrs := set.List.Scheme.Pointers
	for i := range ptrs {
		if ptrs[i].Location != m.Pointer {
			continue
		}
		old := ptrs[i].AdditionalInformation
		infos := make([]model.PointerInfo, len(old), len(old)+1)
		copy(infos, old)
		// The elements move: where each was written moves with it.
		for k := range old {
			set.locs.m[&infos[k]] = set.locs.m[&old[k]]
		}
		infos = append(infos, model.PointerInfo{Other: &model.OtherInformation{XML: block}})
		set.locs.m[&infos[len(infos)-1]] = at
		ptrs[i].AdditionalInformation = infos
		return nil
	}
	return errAt("scheme.yaml has no pointer to %s: recognition_by_japan.pointer names the pointer (pointers[].location) that carries the block", m.Pointer)
}

// signedForm returns verbatim XML written into a pointer's
// OtherInformation as the signed list gives it back: signing writes the
// list in exclusive canonical form, which sorts attributes and moves each
// namespace declaration to where it is used, and the decoded list must be
// the compiled one (check DecodesToModel).
func signedForm(s string) (string, error) {
	norm, err := tsl.NormalizeXML(s)
	if err != nil {
		return "", err
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromString(`<tsl:OtherInformation xmlns:tsl="` + model.NSTSL + `">` + norm + `</tsl:OtherInformation>`); err != nil {
		return "", err
	}
	canon := etree.NewDocument()
	if err := canon.ReadFromBytes(c14n.Canonical(doc.Root())); err != nil {
		return "", err
	}
	return tsl.InnerXML(canon.Root()), nil
}
