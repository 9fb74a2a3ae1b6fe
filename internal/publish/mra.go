package publish

//go:generate go test -run TestVocabularyDoc -update-docs

import (
	"crypto/x509"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/jtsl/jtsl/internal/diff"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/mra"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/site"
	"github.com/jtsl/jtsl/internal/source"
)

// recognition is what a release says of the scheme's vocabulary and its
// equivalences with the EU, taken from the sources.
// A signing station's prepared folder holds it as recognition.json.
type recognition struct {
	Terms *site.Terms `json:"terms,omitempty"` // nil when the sources have no vocabulary or mapping
	// Block is the block of the EC's pointer to the list (mra.Marshal
	// of the mapping's recognition_by_eu); "" when none.
	Block string `json:"eu_block,omitempty"`
	// Next are the announced next signers' certificates (DER).
	Next [][]byte `json:"next_signers,omitempty"`
}

// recognitionOf reads the vocabulary and the mapping of the sources.
func recognitionOf(set *source.Set) (recognition, error) {
	r := recognition{}
	if m := set.Mapping; m != nil {
		if m.ByEU != nil {
			b, err := mra.Marshal(m.ByEU)
			if err != nil {
				return r, fmt.Errorf("mra.yaml: recognition_by_eu: %w", err)
			}
			r.Block = b
		}
		for _, c := range m.NextSigners {
			r.Next = append(r.Next, c.Raw)
		}
	}
	if set.Vocabulary == nil && set.Mapping == nil {
		return r, nil
	}
	t := &site.Terms{Vocabulary: []site.Term{}}
	claims := map[string][]string{} // Japanese URI → EU legal identifiers
	if m := set.Mapping; m != nil {
		for _, d := range []struct {
			name         string
			a            *mra.Agreement
			japanPointed bool
		}{{"recognition_by_eu", m.ByEU, true}, {"recognition_by_japan", m.ByJapan, false}} {
			if d.a == nil {
				continue
			}
			rec := site.Recognition{Direction: d.name}
			rec.JapanLegislation, rec.EULegislation = d.a.PointedLegislation, d.a.PointingLegislation
			if !d.japanPointed {
				rec.JapanLegislation, rec.EULegislation = rec.EULegislation, rec.JapanLegislation
			}
			for _, eq := range d.a.Equivalences {
				e := site.Equivalence{LegalIdentifier: eq.LegalIdentifier, Status: statusWord(eq.Status), From: eq.StatusStartingTime}
				pointing, pointed := sideOf(eq.Types.Pointing, eq.Statuses, true), sideOf(eq.Types.Pointed, eq.Statuses, false)
				e.Japan, e.EU = pointed, pointing
				if !d.japanPointed {
					e.Japan, e.EU = pointing, pointed
				}
				for _, h := range eq.History {
					for _, in := range h.Instances {
						e.History = append(e.History, site.Version{Status: statusWord(in.Status), From: in.StatusStartingTime})
					}
				}
				if d.japanPointed {
					var uris []string
					for _, st := range eq.Types.Pointed {
						uris = append(uris, st.Type)
						if st.ASI != nil {
							uris = append(uris, st.ASI.URI.Value)
						}
					}
					if q := eq.Qualifiers; q != nil {
						for _, l := range q.Lists {
							for _, pair := range l {
								uris = append(uris, pair.Pointed)
							}
						}
					}
					for _, u := range slices.Concat(uris, e.Japan.ValidStatuses, e.Japan.InvalidStatuses) {
						if !slices.Contains(claims[u], eq.LegalIdentifier) {
							claims[u] = append(claims[u], eq.LegalIdentifier)
						}
					}
				}
				rec.Equivalences = append(rec.Equivalences, e)
			}
			t.Recognitions = append(t.Recognitions, rec)
		}
	}
	if v := set.Vocabulary; v != nil {
		for _, term := range v.Terms {
			st := site.Term{Kind: string(term.Kind), URI: term.URI, EU: claims[term.URI],
				Label:      site.Text{Ja: term.Label.Get("ja"), En: term.Label.Get("en")},
				Definition: site.Text{Ja: term.Definition.Get("ja"), En: term.Definition.Get("en")}}
			if term.Kind == source.KindStatus {
				st.InForce = &term.InForce
			}
			t.Vocabulary = append(t.Vocabulary, st)
		}
	}
	r.Terms = t
	return r, nil
}

func statusWord(uri string) string {
	if uri == mra.StatusRepealed {
		return "repealed"
	}
	return "enacted"
}

// sideOf returns one party's types and statuses.
func sideOf(types []mra.ServiceType, st mra.StatusEquivalence, pointing bool) site.Side {
	s := site.Side{Types: []string{}}
	for _, t := range types {
		v := t.Type
		if t.ASI != nil {
			v += " + " + t.ASI.URI.Value
		}
		s.Types = append(s.Types, v)
	}
	s.ValidStatuses, s.InvalidStatuses = st.Valid.Pointed, st.Invalid.Pointed
	if pointing {
		s.ValidStatuses, s.InvalidStatuses = st.Valid.Pointing, st.Invalid.Pointing
	}
	return s
}

// files returns the release's files under mra/: the pointer the EC would
// put in its AdES LOTL (signed by signer, or by a signer announced in the
// sources) and the equivalence table.
func (r recognition) files(l *model.List, signer *x509.Certificate) (map[string][]byte, error) {
	out := map[string][]byte{}
	if r.Terms != nil {
		js, err := json.MarshalIndent(r.Terms, "", "  ")
		if err != nil {
			return nil, err
		}
		out[release.FileEquivalences] = append(js, '\n')
	}
	if r.Block != "" {
		if len(l.Scheme.DistributionPoints) == 0 {
			return nil, fmt.Errorf("%s: the EC's pointer needs the list's location: give scheme.yaml a distribution point", release.FileMRAPointer)
		}
		signers := []*x509.Certificate{signer}
		for _, der := range r.Next {
			c, err := x509.ParseCertificate(der)
			if err != nil {
				return nil, fmt.Errorf("next signer: %w", err)
			}
			signers = append(signers, c)
		}
		p := mra.PointerTo(l, l.Scheme.DistributionPoints[0], signers, r.Block)
		x, err := mra.PointerXML(&p)
		if err != nil {
			return nil, err
		}
		out[release.FileMRAPointer] = x
	}
	return out, nil
}

// changes compares the files under mra/ with those of the previous
// release in its folder (none with --previous FILE): a change to them is
// a change of the release, whether or not the list changed. The pointer
// is made with the previous signer: a new signer is reported on its own
// (diff.Report.Signer).
func (r recognition) changes(prev *previous, l *model.List) ([]diff.FileChange, error) {
	if prev.dir == "" {
		return nil, nil
	}
	files, err := r.files(l, prev.signer)
	if err != nil {
		return nil, err
	}
	var out []diff.FileChange
	for _, name := range []string{release.FileMRAPointer, release.FileEquivalences} {
		old, err := readIfExists(filepath.Join(prev.dir, filepath.FromSlash(name)))
		if err != nil {
			return nil, fmt.Errorf("previous release: %w", err)
		}
		c, err := diff.CompareFile(name, old, files[name])
		if err != nil {
			return nil, fmt.Errorf("previous release: %w", err)
		}
		if c != nil {
			out = append(out, *c)
		}
	}
	return out, nil
}

// add stages the files under mra/ and returns the page options that show
// them.
func (r recognition) add(st *release.Staging, l *model.List, signer *x509.Certificate) (site.Options, error) {
	files, err := r.files(l, signer)
	if err != nil {
		return site.Options{}, err
	}
	page := site.Options{Terms: r.Terms}
	for name, data := range files {
		st.Add(name, data)
	}
	if files[release.FileMRAPointer] != nil {
		page.PointerHref = release.FileMRAPointer
	}
	if files[release.FileEquivalences] != nil {
		page.EquivalencesHref = release.FileEquivalences
	}
	return page, nil
}
