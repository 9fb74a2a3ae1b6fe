package source

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
)

// Declare returns the vocabulary that declares the URIs a list uses (uses
// pairs each URI with its section): every term of known (a vocabulary.yaml
// to take labels from, or nil), in its order, then each URI known lacks,
// with placeholder labels and definition (IsPlaceholder; a status is
// guessed not in force). The base is known's, else the longest common
// prefix of the URIs up to a slash after the host.
func Declare(known *Vocabulary, uses []Term) *Vocabulary {
	v := &Vocabulary{}
	if known != nil {
		v.Base = known.Base
		v.Terms = append(v.Terms, known.Terms...)
	}
	var uris []string
	for _, u := range uses {
		uris = append(uris, u.URI)
		if known.Lookup(u.Kind, u.URI) != nil {
			continue
		}
		v.Terms = append(v.Terms, Term{Kind: u.Kind, URI: u.URI,
			Label:      model.MultiLang{{Lang: "ja", Value: Placeholder + ": 日本語の名称"}, {Lang: "en", Value: Placeholder + ": English name"}},
			Definition: model.MultiLang{{Lang: "en", Value: Placeholder + ": what this URI means, in one line"}},
		})
	}
	if v.Base == "" {
		v.Base = commonBase(uris)
	}
	return v
}

// commonBase returns the longest common prefix of uris that ends with a
// slash after the host (https://host/), or the first URI's host when they
// share none (the others then fail JTSL035 until the base is chosen); for
// URNs, their common prefix up to a colon.
func commonBase(uris []string) string {
	if len(uris) == 0 {
		return ""
	}
	p := uris[0]
	for _, u := range uris[1:] {
		for !strings.HasPrefix(u, p) {
			p = p[:len(p)-1]
		}
	}
	host := func(u string) int { // the index after "scheme://host/", or -1
		i := strings.Index(u, "://")
		if i < 0 {
			return -1
		}
		j := strings.IndexByte(u[i+3:], '/')
		if j < 0 {
			return -1
		}
		return i + 3 + j + 1
	}
	if h := host(p); h >= 0 {
		cut := strings.LastIndexByte(p, '/') + 1
		for _, u := range uris { // a base is never a declared URI itself
			if u == p[:cut] {
				cut = strings.LastIndexByte(p[:cut-1], '/') + 1
			}
		}
		if cut >= h {
			return p[:cut]
		}
	}
	if h := host(uris[0]); h >= 0 {
		return uris[0][:h]
	}
	return p[:strings.LastIndexAny(p, "/:")+1] // a URN: up to its last part
}

// WriteVocabulary writes v as dir/vocabulary.yaml, section by section.
func WriteVocabulary(dir string, v *Vocabulary) error {
	w := &writer{dir: dir}
	kv := []any{"base", v.Base}
	for _, k := range TermKinds {
		terms := seq()
		for _, t := range v.Terms {
			if t.Kind != k {
				continue
			}
			tk := []any{"uri", t.URI, "label", multi(t.Label), "definition", multi(t.Definition)}
			if k == KindStatus {
				tk = append(tk, "in_force", t.InForce)
			}
			terms.Content = append(terms.Content, mapping(tk...))
		}
		if len(terms.Content) > 0 {
			kv = append(kv, string(k), terms)
		}
	}
	return w.file("vocabulary.yaml", "../schema/vocabulary.schema.json", mapping(kv...))
}

// LoadVocabulary reads a vocabulary.yaml outside a sources folder (jtsl
// import --vocabulary): the terms to take labels from.
func LoadVocabulary(file string) (*Vocabulary, diag.List, error) {
	src, err := openFolder(filepath.Dir(file))
	if err != nil {
		return nil, nil, err
	}
	defer src.close()
	f, d, err := readOptional(src, filepath.Base(file), "vocabulary.schema.json")
	if err != nil {
		return nil, nil, err
	}
	if f == nil {
		if len(d) == 0 {
			return nil, nil, fmt.Errorf("%s: not found", file)
		}
		return nil, d, nil
	}
	b := &builder{dir: filepath.Dir(file), f: f}
	v := b.vocabulary()
	return v, append(d, b.diags...), nil
}
