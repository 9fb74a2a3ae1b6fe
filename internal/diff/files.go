package diff

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
)

// A FileChange is a change of a file a release carries beside the list
// that the sources determine (the EC's pointer mra/JP-pointer.xml, the
// equivalence table mra/equivalences.json that the page shows): publishing
// it is a release even when the list itself is unchanged.
type FileChange struct {
	File   string `json:"file"`
	Change string `json:"change"` // Added, Removed or Changed
	// Fields are the values changed, added or removed, each named by its
	// path in the file (JSON keys, XML element names); only for Changed.
	Fields []FieldChange `json:"fields,omitempty"`
}

// CompareFile returns the change of a release file from old to new (nil
// for a file absent on that side), or nil when there is none. A JSON or
// XML file is compared by value, path by path; an XML file's
// X509Certificate values are shown by their SHA-256.
func CompareFile(name string, old, new []byte) (*FileChange, error) {
	switch {
	case bytes.Equal(old, new) && (old == nil) == (new == nil):
		return nil, nil
	case old == nil:
		return &FileChange{File: name, Change: Added}, nil
	case new == nil:
		return &FileChange{File: name, Change: Removed}, nil
	}
	a, err := fileLeaves(name, old)
	if err != nil {
		return nil, fmt.Errorf("%s (previous release): %w", name, err)
	}
	b, err := fileLeaves(name, new)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c := &FileChange{File: name, Change: Changed, Fields: compareLeaves(a, b)}
	if len(c.Fields) == 0 {
		return nil, nil // the same values, written otherwise
	}
	return c, nil
}

// A leaf is one value of a file and its path.
type leaf struct{ path, value string }

func fileLeaves(name string, data []byte) ([]leaf, error) {
	switch path.Ext(name) {
	case ".json":
		return jsonLeaves(data)
	case ".xml":
		return xmlLeaves(data)
	}
	sum := sha256.Sum256(data)
	return []leaf{{"SHA-256", hex.EncodeToString(sum[:])}}, nil
}

// compareLeaves pairs the leaves by path: new order, then the removed.
func compareLeaves(a, b []leaf) []FieldChange {
	old := map[string]string{}
	for _, l := range a {
		old[l.path] = l.value
	}
	var out []FieldChange
	seen := map[string]bool{}
	for _, l := range b {
		seen[l.path] = true
		if v, ok := old[l.path]; !ok || v != l.value {
			out = append(out, FieldChange{Field: l.path, Old: v, New: l.value})
		}
	}
	for _, l := range a {
		if !seen[l.path] {
			out = append(out, FieldChange{Field: l.path, Old: l.value})
		}
	}
	return out
}

// jsonKeys name an array's element by a value that identifies it, so
// that a path survives an element added before it.
var jsonKeys = []string{"direction", "legal_identifier", "uri"}

func jsonLeaves(data []byte) ([]leaf, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	var out []leaf
	var walk func(p string, v any)
	walk = func(p string, v any) {
		switch v := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(jsonPath(p, k), v[k])
			}
		case []any:
			for i, e := range v {
				walk(fmt.Sprintf("%s[%s]", p, elementName(e, i)), e)
			}
		case nil:
			out = append(out, leaf{p, "null"})
		default:
			out = append(out, leaf{p, fmt.Sprint(v)})
		}
	}
	walk("", v)
	return out, nil
}

func elementName(e any, i int) string {
	if m, ok := e.(map[string]any); ok {
		for _, k := range jsonKeys {
			if s, ok := m[k].(string); ok && s != "" {
				return s
			}
		}
	}
	return fmt.Sprint(i)
}

func jsonPath(p, k string) string {
	if p == "" {
		return k
	}
	return p + "." + k
}

// xmlLeaves lists the attributes and the text of every element by its
// path of local names, with the position among same-named siblings from
// the second on (Name[2]).
func xmlLeaves(data []byte) ([]leaf, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	type frame struct {
		path   string
		counts map[string]int
		text   strings.Builder
	}
	stack := []*frame{{counts: map[string]int{}}}
	var out []leaf
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			top.counts[t.Name.Local]++
			p := t.Name.Local
			if n := top.counts[t.Name.Local]; n > 1 {
				p = fmt.Sprintf("%s[%d]", p, n)
			}
			f := &frame{path: strings.TrimPrefix(top.path+"/"+p, "/"), counts: map[string]int{}}
			for _, a := range t.Attr {
				if a.Name.Space != "xmlns" && a.Name.Local != "xmlns" {
					out = append(out, leaf{f.path + "/@" + a.Name.Local, a.Value})
				}
			}
			stack = append(stack, f)
		case xml.CharData:
			top.text.Write(t)
		case xml.EndElement:
			if s := strings.TrimSpace(top.text.String()); s != "" {
				if name, _, _ := strings.Cut(top.path[strings.LastIndex(top.path, "/")+1:], "["); name == "X509Certificate" {
					s = certValue(s)
				}
				out = append(out, leaf{top.path, s})
			}
			stack = stack[:len(stack)-1]
		}
	}
	return out, nil
}

// certValue shows a base64 certificate by the SHA-256 of its DER, as the
// report shows every certificate.
func certValue(b64 string) string {
	der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(b64), ""))
	if err != nil {
		return b64
	}
	sum := sha256.Sum256(der)
	return "SHA-256 " + hex.EncodeToString(sum[:])
}
