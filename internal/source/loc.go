package source

import (
	"fmt"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/diag"
)

// A Loc is where a model value was written in the sources: the node Load
// built it from and, after Key, keys below that node which the sources
// may lack (a finding about a missing field points at the nearest node
// that exists, and names the field).
type Loc struct {
	File *File
	node *yaml.Node // nil: the file's top
	rest string     // keys below node, each with a leading dot
}

// Loc returns where the model value v came from. v is a pointer into
// s.List: the list's scheme information (&List.Scheme), a TSP, service,
// history instance, pointer, pointer information, digital identity entry,
// supply point, extension, postal address or multilingual value
// (*model.LangString), a qualifier or distribution point (*string), or a
// service's current status (&Service.Status, its last status entry). Load
// records these as it builds the model, so that no one else needs to know
// how the YAML is laid out. A value Load did not record is a programming
// error.
func (s *Set) Loc(v any) Loc { return lookupLoc(s.locs.m, v) }

// A locTable holds where each model value came from (see Loc). Files
// built on several cores add to it as each is done.
type locTable struct {
	mu sync.Mutex
	m  map[any]Loc
}

// locsPerTSP is about how many values a TSP file of ten services
// records: a table sized for them seldom grows while files are added.
const locsPerTSP = 100

func newLocTable(n int) *locTable { return &locTable{m: make(map[any]Loc, n)} }

// add records ls; it is safe to call from several goroutines.
func (t *locTable) add(ls []located) {
	t.mu.Lock()
	for _, l := range ls {
		t.m[l.v] = l.loc
	}
	t.mu.Unlock()
}

func lookupLoc(locs map[any]Loc, v any) Loc {
	l, ok := locs[v]
	if !ok {
		panic(fmt.Sprintf("source: no position recorded for %T %p", v, v))
	}
	return l
}

// Key returns the location of key (dot-separated keys) below l, whether
// or not the sources have it.
func (l Loc) Key(key string) Loc {
	l.rest += "." + key
	return l
}

// Nearest returns the location of key below l when the sources have it,
// else l: a finding points at the most precise node there is.
func (l Loc) Nearest(key string) Loc {
	if l.Has(key) {
		return l.Key(key)
	}
	return l
}

// Has reports whether the sources have key below l. It looks from l's
// own node: Path would first walk from the file's top to find it, and
// lint asks for every status entry whether it has a type.
func (l Loc) Has(key string) bool {
	n := l.node
	if n == nil {
		n = l.File.root
	}
	return descend(n, l.Key(key).rest) != nil
}

// Path is the YAML path of l, such as services[0].status[1].from.
func (l Loc) Path() string {
	p := ""
	if l.node != nil && l.node != l.File.root {
		p, _ = pathTo(l.File.root, l.node)
	}
	return strings.TrimPrefix(p+l.rest, ".")
}

// Pos is the position of l, or of its nearest ancestor the sources have.
func (l Loc) Pos() diag.Pos { return l.File.Pos(l.Path()) }

// pathTo returns the path of target below n (found by a walk: a path is
// only needed for a finding, or by a rule that looks at it). The walk
// allocates nothing; the path is written once found (building every
// visited prefix was a sixth of a build's allocations).
func pathTo(n, target *yaml.Node) (string, bool) {
	var up []step // from target up to n
	if !walkTo(n, target, &up) {
		return "", false
	}
	var b strings.Builder
	for i := len(up) - 1; i >= 0; i-- {
		if up[i].key != nil {
			b.WriteString(".")
			b.WriteString(up[i].key.Value)
		} else {
			fmt.Fprintf(&b, "[%d]", up[i].index)
		}
	}
	return b.String(), true
}

// A step is a mapping key or a sequence index on the way to a node.
type step struct {
	key   *yaml.Node
	index int
}

func walkTo(n, target *yaml.Node, up *[]step) bool {
	if n == target {
		return true
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if walkTo(n.Content[i+1], target, up) {
				*up = append(*up, step{key: n.Content[i]})
				return true
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if walkTo(c, target, up) {
				*up = append(*up, step{index: i})
				return true
			}
		}
	}
	return false
}

// at records that the model value v (a pointer to its final place) was
// built from node n of the builder's file.
func (b *builder) at(v any, n *yaml.Node) {
	b.locs = append(b.locs, located{v, Loc{File: b.f, node: n}})
}

type located struct {
	v   any
	loc Loc
}
