package model_test

import (
	"fmt"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// TestEqualIsDeepEqual: Equal must be exactly reflect.DeepEqual on lists
// (it replaced it in the DecodesToModel check). Starting from two zero
// lists, and from two lists decoded from the same bytes, it changes every
// value reachable by reflection one at a time (a string, number, bool or
// time; a slice shortened, emptied, made nil or non-nil; a pointer made
// nil or non-nil), and where a slice or pointer is empty it fills in a
// zero element and changes that element's fields too. Each change must
// make both Equal and DeepEqual false, and undoing it both true again;
// and every field of every struct type reachable from List must have
// been changed, so that a field added to the model must be compared.
func TestEqualIsDeepEqual(t *testing.T) {
	covered := map[string]bool{}
	for _, sample := range []struct {
		name string
		list func(t *testing.T) *model.List
	}{
		{"zero", func(*testing.T) *model.List { return &model.List{} }}, // reaches every type
		{"MT", func(t *testing.T) *model.List {
			l := decode(t, "MT_v6_seq55_2026-04-27.xml")
			l.Providers = l.Providers[:1]
			return l
		}},
		{"EU LOTL", func(t *testing.T) *model.List {
			l := decode(t, "EU-LOTL_v6_seq390_2026-08-03.xml")
			l.Scheme.Pointers = l.Scheme.Pointers[:3]
			return l
		}},
		{"NL", extended},
	} {
		t.Run(sample.name, func(t *testing.T) {
			a, b := sample.list(t), sample.list(t)
			w := &walker{t: t, a: a, b: b, covered: covered, expanding: map[reflect.Type]bool{}}
			w.same(sample.name)
			w.walk(reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem(), sample.name)
			if w.changes == 0 {
				t.Error("nothing changed")
			}
			t.Logf("%d changes", w.changes)
		})
	}
	var missed []string
	allFields(reflect.TypeFor[model.List](), map[reflect.Type]bool{}, func(s reflect.Type, f reflect.StructField) {
		if !covered[s.String()+"."+f.Name] {
			missed = append(missed, s.String()+"."+f.Name)
		}
	})
	if len(missed) > 0 {
		t.Errorf("fields never changed: %v", missed)
	}
	if (*model.List)(nil).Equal(&model.List{}) || !(*model.List)(nil).Equal(nil) {
		t.Error("a nil list must equal only nil")
	}
}

// decode reads a corpus list; every comparison the walker makes is of
// the whole list, so the callers cut it down.
func decode(t *testing.T, name string) *model.List {
	data, err := os.ReadFile(testtool.SharedPath(t, "corpus/tl/"+name))
	if err != nil {
		t.Fatal(err)
	}
	l, _, err := tsl.Decode(data, tsl.DecodeOptions{File: name, Limits: xmldoc.DefaultLimits})
	if err != nil || l == nil {
		t.Fatal(name, err)
	}
	return l
}

// extended is NL's first TSP with only the first service that has a
// Qualifications extension and the first with a TakenOverBy.
func extended(t *testing.T) *model.List {
	l := decode(t, "NL_v5_seq76_2026-02-10.xml")
	var q, o *model.Service
	for _, p := range l.Providers {
		for i, s := range p.Services {
			for _, e := range s.Extensions {
				if q == nil && len(e.Qualifications) > 0 {
					q = &p.Services[i]
				}
				if o == nil && e.TakenOverBy != nil {
					o = &p.Services[i]
				}
			}
		}
	}
	if q == nil || o == nil {
		t.Fatal("NL: no Qualifications or TakenOverBy extension")
	}
	l.Providers = []model.TSP{l.Providers[0]}
	l.Providers[0].Services = []model.Service{*q, *o}
	return l
}

// TestEqualTimeLocation: two times that differ only in the address of
// equal Locations are DeepEqual, and Equal.
func TestEqualTimeLocation(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 3600))
	a := &model.List{Scheme: model.Scheme{ListIssueDateTime: at}}
	b := &model.List{Scheme: model.Scheme{ListIssueDateTime: at.In(time.FixedZone("X", 3600))}}
	if a.Scheme.ListIssueDateTime == b.Scheme.ListIssueDateTime {
		t.Fatal("the test needs two Locations")
	}
	if eq := a.Equal(b); eq != reflect.DeepEqual(a, b) || !eq {
		t.Errorf("Equal %v, DeepEqual %v", eq, reflect.DeepEqual(a, b))
	}
	b.Scheme.ListIssueDateTime = at.In(time.FixedZone("Y", 3600))
	if eq := a.Equal(b); eq != reflect.DeepEqual(a, b) || eq {
		t.Errorf("other zone name: Equal %v, DeepEqual %v", eq, reflect.DeepEqual(a, b))
	}
}

var timeType = reflect.TypeFor[time.Time]()

// allFields calls f for each field of each struct type reachable from t.
func allFields(t reflect.Type, seen map[reflect.Type]bool, f func(s reflect.Type, field reflect.StructField)) {
	if seen[t] {
		return
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice:
		allFields(t.Elem(), seen, f)
	case reflect.Struct:
		if t == timeType {
			return
		}
		for i := range t.NumField() {
			f(t, t.Field(i))
			allFields(t.Field(i).Type, seen, f)
		}
	}
}

// A walker changes the values of a (which starts equal to b) one at a
// time, checking each change and undoing it.
type walker struct {
	t         *testing.T
	a, b      *model.List
	covered   map[string]bool // "model.Type.Field" changed at least once
	expanding map[reflect.Type]bool
	changes   int
}

// same checks that a and b are equal by both comparisons.
func (w *walker) same(path string) {
	w.t.Helper()
	if !w.a.Equal(w.b) || !reflect.DeepEqual(w.a, w.b) {
		w.t.Fatalf("%s: not equal (Equal %v, DeepEqual %v)", path, w.a.Equal(w.b), reflect.DeepEqual(w.a, w.b))
	}
}

// changed sets v to x, checks that both comparisons see it, and undoes it.
func (w *walker) changed(v reflect.Value, x reflect.Value, path, what string) {
	w.t.Helper()
	old := reflect.New(v.Type()).Elem()
	old.Set(v)
	v.Set(x)
	w.changes++
	if w.a.Equal(w.b) || reflect.DeepEqual(w.a, w.b) {
		w.t.Errorf("%s %s: not seen (Equal %v, DeepEqual %v)", path, what, w.a.Equal(w.b), reflect.DeepEqual(w.a, w.b))
	}
	v.Set(old)
	w.same(path)
}

// walk changes v, a value in a, and everything under it; u is the same
// place in b.
func (w *walker) walk(v, u reflect.Value, path string) {
	switch v.Kind() {
	case reflect.String:
		w.changed(v, reflect.ValueOf(v.String()+"x").Convert(v.Type()), path, "string")
	case reflect.Int:
		w.changed(v, reflect.ValueOf(int(v.Int())+1), path, "int")
	case reflect.Uint8:
		w.changed(v, reflect.ValueOf(uint8(v.Uint())+1), path, "byte")
	case reflect.Bool:
		w.changed(v, reflect.ValueOf(!v.Bool()), path, "bool")
	case reflect.Struct:
		if v.Type() == timeType {
			w.changed(v, reflect.ValueOf(v.Interface().(time.Time).Add(time.Second)), path, "time")
			return
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			w.covered[v.Type().String()+"."+f.Name] = true
			w.walk(v.Field(i), u.Field(i), path+"."+f.Name)
		}
	case reflect.Pointer:
		if v.IsNil() {
			w.changed(v, reflect.New(v.Type().Elem()), path, "nil to non-nil")
			w.fill(v, u, path, func() reflect.Value { return reflect.New(v.Type().Elem()) })
			return
		}
		w.changed(v, reflect.Zero(v.Type()), path, "non-nil to nil")
		w.walk(v.Elem(), u.Elem(), path)
	case reflect.Slice:
		switch {
		case v.IsNil():
			w.changed(v, reflect.MakeSlice(v.Type(), 0, 0), path, "nil to empty")
		case v.Len() == 0:
			w.changed(v, reflect.Zero(v.Type()), path, "empty to nil")
		default:
			w.changed(v, v.Slice(0, v.Len()-1), path, "shortened")
			w.changed(v, reflect.Zero(v.Type()), path, "to nil")
			for i := range v.Len() {
				if v.Type().Elem().Kind() == reflect.Uint8 && i > 0 && i < v.Len()-1 {
					continue // the first and last byte of a certificate will do
				}
				w.walk(v.Index(i), u.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
			return
		}
		w.fill(v, u, path, func() reflect.Value {
			return reflect.Append(reflect.MakeSlice(v.Type(), 0, 1), reflect.Zero(v.Type().Elem()))
		})
	default:
		w.t.Fatalf("%s: kind %s: teach the walker (and Equal) about it", path, v.Kind())
	}
}

// fill puts make() (a pointer to a zero value, or a slice of one zero
// element) into both the empty v and its twin u, and changes what is
// under v. A type is filled in once on a path, so that nested
// CriteriaLists end.
func (w *walker) fill(v, u reflect.Value, path string, make func() reflect.Value) {
	elem := v.Type().Elem()
	if w.expanding[elem] {
		return
	}
	w.expanding[elem] = true
	defer delete(w.expanding, elem)
	oldV, oldU := reflect.New(v.Type()).Elem(), reflect.New(v.Type()).Elem()
	oldV.Set(v)
	oldU.Set(u)
	v.Set(make())
	u.Set(make())
	w.same(path + " (filled)")
	if v.Kind() == reflect.Pointer {
		w.walk(v.Elem(), u.Elem(), path)
	} else {
		w.walk(v.Index(0), u.Index(0), path+"[0]")
	}
	v.Set(oldV)
	u.Set(oldU)
	w.same(path)
}
