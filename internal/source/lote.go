package source

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/lote"
)

// LoTEDir is the folder of the lists of trusted entities (ETSI TS 119
// 602) in a sources folder: vocabulary.yaml, one folder per list (its
// scheme.yaml and entities/*.yaml) and certs/ for the certificates only
// these lists name. Their correspondence with the EU's values is in
// mra.yaml, beside the J-TSL's (lists_of_trusted_entities).
const LoTEDir = "lote"

// A LoTESet is the lists of trusted entities of a sources folder.
type LoTESet struct {
	// Dir is the sources folder (not its lote/ folder): every path of
	// the lists, certificate paths included, is relative to it, as for
	// the J-TSL.
	Dir        string
	Vocabulary *LoTEVocabulary
	// Mapping is mra.yaml's lists_of_trusted_entities: the EU value each
	// term of Vocabulary corresponds to. Empty when mra.yaml has none;
	// nil when mra.yaml does not validate (Load reports why).
	Mapping *LoTEMapping
	// Lists are in folder-name order.
	Lists []*LoTESource
	// Notes says which certificates are generated (sample: true) and
	// where real ones come from, as Set.Notes.
	Notes map[[sha256.Size]byte]CertNote
	certIndex
	locs *locTable
}

// A LoTESource is one list's sources and its compiled model.
type LoTESource struct {
	// Name is the list's folder under lote/, such as pid-providers.
	Name string
	// File is the base name of the published files (FILE.xml,
	// FILE.json).
	File string
	// Profile is the EU profile the list follows ("" for none), as
	// lote-check names it (EUPIDProvidersList, …).
	Profile string
	// NextUpdateMonths is how far after the issue time NextUpdate is.
	NextUpdateMonths int
	// List is the model. SequenceNumber, ListIssueDateTime and
	// NextUpdate are left zero: the build sets them.
	List *lote.List
	// Files[0] is scheme.yaml; Files[i+1] belongs to List.Entities[i].
	Files []*File
	// ServiceIDs[i][j] is the id of List.Entities[i].Services[j].
	ServiceIDs [][]string
}

// Scheme returns the list's scheme.yaml.
func (l *LoTESource) Scheme() *File { return l.Files[0] }

// Entity returns the file of List.Entities[i].
func (l *LoTESource) Entity(i int) *File { return l.Files[i+1] }

// Loc returns where the model value v of one of the lists was written:
// &List.Scheme, an entity, a service (and &Service.Status, its current
// status), a history instance, a digital identity entry, a supply point,
// a postal address, a multilingual value (*model.LangString) or a
// distribution point (*string); a vocabulary term; a correspondence of
// Mapping (the mapping itself, a list type's and its pairs, a service
// type's). As Set.Loc, a value
// not recorded is a programming error.
func (s *LoTESet) Loc(v any) Loc { return lookupLoc(s.locs.m, v) }

// Forget lets go of what only the checks of the sources read: the parsed
// files and where each value was written in them (Loc, LoTESource.Scheme
// and Entity may not be called after), the parsed certificates and their
// notes. The lists' models and the vocabulary stay. A build forgets them
// once the lists have passed the rules: for a 10 000-entity list they
// are two thirds of the loaded set (≈ 110 of 170 MB), and the build's
// memory grows with what is live while it signs.
func (s *LoTESet) Forget() {
	s.locs, s.certIndex, s.Notes = nil, nil, nil
	for _, l := range s.Lists {
		l.Files = nil
	}
}

// LoadLoTE reads, validates and compiles the lists of trusted entities
// under dir/lote. A sources folder without lote/ has none: the set is nil
// and so are the findings. As Load, every problem is a diagnostic; the
// error is for a folder that cannot be read.
func LoadLoTE(dir string) (*LoTESet, diag.List, error) {
	lists, err := loteLists(dir)
	if lists == nil || err != nil {
		return nil, nil, err
	}
	src, err := openFolder(dir)
	if err != nil {
		return nil, nil, err
	}
	defer src.close()
	certs := newCertCache(src)
	set := &LoTESet{Dir: dir}
	var all diag.List
	var locs []located
	var notes []noted

	f, d, err := readOptional(src, LoTEDir+"/vocabulary.yaml", "lote-vocabulary.schema.json")
	if err != nil {
		return nil, nil, err
	}
	all = append(all, d...)
	if f != nil {
		b := &builder{dir: dir, f: f, certs: certs}
		set.Vocabulary = b.loteVocabulary()
		locs = append(locs, b.locs...)
	} else if len(d) == 0 {
		all = append(all, diag.Diagnostic{Rule: "file", Severity: diag.Error, Pos: diag.Pos{File: LoTEDir + "/vocabulary.yaml"},
			Message: "missing: the lists' types, statuses and service types are declared in lote/vocabulary.yaml, each with its labels (mra.yaml says which EU value each corresponds to)"})
	}
	// mra.yaml is the J-TSL's too: Load reports what its schema finds
	// and builds the rest; only lists_of_trusted_entities is built here.
	if f, d, err := readOptional(src, "mra.yaml", "mra.schema.json"); err != nil {
		return nil, nil, err
	} else if f != nil {
		b := &builder{dir: dir, f: f, certs: certs}
		set.Mapping = b.loteMapping()
		all = append(all, b.diags...)
		locs = append(locs, b.locs...)
	} else if len(d) == 0 {
		set.Mapping = &LoTEMapping{}
	}

	for _, name := range lists {
		l, ld, err := loadLoTEList(dir, name, certs)
		if err != nil {
			return nil, nil, err
		}
		all = append(all, ld.diags...)
		locs = append(locs, ld.locs...)
		notes = append(notes, ld.notes...)
		if l != nil {
			set.Lists = append(set.Lists, l)
		}
	}
	set.Notes, d = mergeNotes(notes)
	all = append(all, d...)
	set.locs = newLocTable(len(locs))
	set.locs.add(locs)
	if !all.HasErrors() {
		d, err := strayCertsUnder(dir, LoTEDir+"/certs", certs)
		if err != nil {
			return nil, nil, err
		}
		all = append(all, d...)
	}
	set.certIndex = certs.byDER
	return set, all, nil
}

// loteLists returns the list folders under dir/lote (every folder but
// certs/), sorted; nil when there is no lote/ folder.
func loteLists(dir string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(dir, LoTEDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sources folder %s: %w", dir, err)
	}
	names := []string{}
	for _, e := range entries {
		if e.IsDir() && e.Name() != "certs" {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// loteLoaded is what one list's files gave, for LoadLoTE to join.
type loteLoaded struct {
	diags diag.List
	locs  []located
	notes []noted
}

// loadLoTEList reads one list folder; the list is nil when its scheme
// did not validate.
func loadLoTEList(dir, name string, certs *certCache) (*LoTESource, loteLoaded, error) {
	var out loteLoaded
	base := LoTEDir + "/" + name
	scheme, d, err := readValid(certs.src, base+"/scheme.yaml", "lote-scheme.schema.json")
	out.diags = d
	if scheme == nil || err != nil {
		return nil, out, err
	}
	l := &LoTESource{Name: name, List: &lote.List{Tag: lote.Tag}, Files: []*File{scheme}}
	b := &builder{dir: dir, f: scheme, certs: certs}
	b.loteScheme(l)
	out.diags = append(out.diags, b.diags...)
	out.locs = append(out.locs, b.locs...)

	names, stray, err := yamlFiles(dir, base+"/entities", "entity")
	if err != nil {
		return nil, out, err
	}
	out.diags = append(out.diags, stray...)
	// Entities are built in place, so that where each value came from is
	// recorded against its final address.
	l.List.Entities = make([]lote.Entity, len(names))
	ents := make([]loadedFile, len(names))
	forEach(len(names), func(i int) {
		ents[i] = loadEntity(dir, base+"/entities/"+names[i], certs, &l.List.Entities[i])
	})
	// Joined in one allocation each: growing them file by file was most
	// of what the load did on one core for a 10 000-entity list.
	nlocs := len(out.locs)
	for _, e := range ents {
		nlocs += len(e.locs)
	}
	out.locs = slices.Grow(out.locs, nlocs-len(out.locs))
	out.notes = make([]noted, 0, len(ents))
	l.Files = slices.Grow(l.Files, len(ents))
	l.ServiceIDs = make([][]string, 0, len(ents))
	kept := l.List.Entities[:0]
	for i, e := range ents {
		if e.err != nil {
			return nil, out, e.err
		}
		out.diags = append(out.diags, e.diags...)
		if e.file == nil {
			continue
		}
		out.locs = append(out.locs, e.locs...)
		out.notes = append(out.notes, noted{e.file, e.notes, e.notePath})
		l.Files = append(l.Files, e.file)
		l.ServiceIDs = append(l.ServiceIDs, e.ids)
		kept = append(kept, l.List.Entities[i])
	}
	if len(kept) < len(ents) {
		// An entity in error is left out; the positions recorded for
		// the others would point at moved values, so none are kept.
		l.List.Entities, out.locs = kept, nil
	}
	if len(l.List.Entities) == 0 {
		l.List.Entities = nil
	}
	return l, out, nil
}

// loteScheme builds ListAndSchemeInformation from a list's scheme.yaml.
func (b *builder) loteScheme(l *LoTESource) {
	n := b.f.root
	s := &l.List.Scheme
	l.File = str(get(n, "file"))
	l.Profile = str(get(n, "profile"))
	l.NextUpdateMonths, _ = strconv.Atoi(str(get(n, "next_update_months")))
	s.VersionIdentifier = lote.Version
	b.at(s, n)
	c := b.schemeCommon(n)
	s.Type, s.Territory, s.StatusDeterminationApproach, s.CommunityRules = c.typ, c.territory, c.statusDetermination, c.communityRules
	s.Name, s.OperatorName, s.OperatorAddress, s.InformationURI, s.PolicyOrLegalNotice = c.name, c.operatorName, c.operatorAddress, c.informationURI, c.policy
	if h := get(n, "historical_information_period"); h != nil {
		v, _ := strconv.Atoi(h.Value)
		s.HistoricalInformationPeriod = &v
	}
	if dp := get(n, "distribution_points"); dp != nil {
		us := items(dp)
		s.DistributionPoints = make([]string, len(us))
		for i, u := range us {
			s.DistributionPoints[i] = u.Value
			b.at(&s.DistributionPoints[i], u)
		}
	}
}

func loadEntity(dir, rel string, certs *certCache, e *lote.Entity) loadedFile {
	return loadWith(dir, rel, "lote-entity.schema.json", certs, func(b *builder) []string { return b.entity(e) })
}

// entity builds one TrustedEntity into e and returns its service ids.
func (b *builder) entity(e *lote.Entity) []string {
	n := b.f.root
	*e = lote.Entity{
		Name: b.multiLang(get(n, "name")), TradeName: b.multiLang(get(n, "trade_name")),
		Address: b.address(get(n, "address")), InformationURI: b.multiLang(get(n, "information_uri")),
	}
	b.at(e, n)
	svcs := items(get(n, "services"))
	e.Services = make([]lote.Service, len(svcs))
	ids := make([]string, len(svcs))
	seen := map[string]bool{}
	for i, sn := range svcs {
		p := fmt.Sprintf("services[%d]", i)
		ids[i] = str(get(sn, "id"))
		if seen[ids[i]] {
			b.errf(p+".id", "schema", "duplicate service id %q in this file", ids[i])
		}
		seen[ids[i]] = true
		b.loteService(&e.Services[i], sn, p)
	}
	return ids
}

// loteService builds a TrustedEntityService into s. As for the J-TSL
// (clause 5.6 of TS 119 612, 6.7 of TS 119 602), the last status entry
// is the current status and earlier ones become ServiceHistory, newest
// first; a service of a profile without statuses has neither.
func (b *builder) loteService(s *lote.Service, n *yaml.Node, p string) {
	*s = lote.Service{
		Type: str(get(n, "type")), Name: b.multiLang(get(n, "name")),
		SchemeServiceDefinitionURI: b.multiLang(get(n, "scheme_definition_uri")),
		DefinitionURI:              b.multiLang(get(n, "definition_uri")),
	}
	b.at(s, n)
	id, cert := b.identity(get(n, "identity"), p+".identity")
	s.Identity = id
	s.SupplyPoints = b.supplyPoints(get(n, "supply_points"))
	st := items(get(n, "status"))
	var hist []*yaml.Node
	for i := len(st) - 1; i >= 0; i-- {
		e := st[i]
		status, from := str(get(e, "status")), b.dateTime(get(e, "from"), fmt.Sprintf("%s.status[%d].from", p, i))
		if i == len(st)-1 {
			s.Status, s.StatusStartingTime = status, from
			b.at(&s.Status, e)
			continue
		}
		s.History = append(s.History, lote.HistoryInstance{Type: s.Type, Name: s.Name, Identity: historyIdentity(id, cert), Status: status, StatusStartingTime: from})
		hist = append(hist, e)
	}
	for h := range s.History {
		b.at(&s.History[h], hist[h])
	}
}
