package source

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
)

// A TermKind says which field of a list a scheme URI is for.
type TermKind string

// The kinds of URI a scheme may define (vocabulary.yaml's sections).
const (
	KindServiceType TermKind = "service_types"       // ServiceTypeIdentifier (clause 5.5.1)
	KindStatus      TermKind = "statuses"            // ServiceStatus (clause 5.5.4)
	KindInformation TermKind = "service_information" // AdditionalServiceInformation URI, qualifier (5.5.9)
)

// TermKinds are the kinds in the order vocabulary.yaml lists them.
var TermKinds = []TermKind{KindServiceType, KindStatus, KindInformation}

// A Vocabulary is vocabulary.yaml: the URIs the scheme defines for itself.
type Vocabulary struct {
	Base  string // the URI base the scheme operator controls
	Terms []Term // in the order written, section by section
}

// A Term is one URI the scheme defines.
type Term struct {
	Kind       TermKind
	URI        string
	Label      model.MultiLang // ja and en
	Definition model.MultiLang // en, and ja where written
	// InForce is set for a status under which a service is approved, as
	// TS 119 612's granted and recognisedatnationallevel.
	InForce bool
}

// Placeholder starts each label and definition that jtsl import writes for
// a URI whose meaning the list does not carry (a list holds URIs, not
// their labels): validate warns about each term until it is filled in
// (JTSL042).
const Placeholder = "TO FILL IN"

// IsPlaceholder reports whether a label or the definition of t is still
// jtsl import's placeholder.
func (t *Term) IsPlaceholder() bool {
	for _, m := range []model.MultiLang{t.Label, t.Definition} {
		for _, v := range m {
			if strings.HasPrefix(v.Value, Placeholder) {
				return true
			}
		}
	}
	return false
}

// Lookup returns the term of kind k with URI u, or nil.
func (v *Vocabulary) Lookup(k TermKind, u string) *Term {
	if v == nil {
		return nil
	}
	for i := range v.Terms {
		if t := &v.Terms[i]; t.Kind == k && t.URI == u {
			return t
		}
	}
	return nil
}

// URIs returns the URIs the vocabulary declares of kind k.
func (v *Vocabulary) URIs(k TermKind) []string {
	if v == nil {
		return nil
	}
	var out []string
	for _, t := range v.Terms {
		if t.Kind == k {
			out = append(out, t.URI)
		}
	}
	return out
}

// readOptional reads, validates and returns the file rel of the sources
// when it exists; f is nil when it does not, or cannot be built.
func readOptional(src *folder, rel, schemaName string) (f *File, d diag.List, err error) {
	if _, serr := src.root.Lstat(filepath.FromSlash(rel)); errors.Is(serr, fs.ErrNotExist) {
		return nil, nil, nil
	}
	return readValid(src, rel, schemaName)
}

// readValid reads, validates and returns the file rel of the sources; f
// is nil when it cannot be parsed or does not validate.
func readValid(src *folder, rel, schemaName string) (f *File, d diag.List, err error) {
	f, d = readFile(src, rel)
	if f.root == nil {
		return nil, d, nil
	}
	sd, err := validate(f, schemaName)
	if err != nil {
		return nil, nil, err
	}
	if d = append(d, sd...); len(sd) > 0 {
		return nil, d, nil
	}
	return f, d, nil
}

// vocabulary builds vocabulary.yaml.
func (b *builder) vocabulary() *Vocabulary {
	n := b.f.root
	v := &Vocabulary{Base: str(get(n, "base"))}
	var at []*yaml.Node
	for _, k := range TermKinds {
		for _, it := range items(get(n, string(k))) {
			v.Terms = append(v.Terms, Term{
				Kind: k, URI: str(get(it, "uri")),
				Label: b.multiLang(get(it, "label")), Definition: b.multiLang(get(it, "definition")),
				InForce: str(get(it, "in_force")) == "true",
			})
			at = append(at, it)
		}
	}
	for i := range v.Terms {
		b.at(&v.Terms[i], at[i])
	}
	b.at(v, n)
	return v
}
