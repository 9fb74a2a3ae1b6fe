package source

import (
	"fmt"
	"reflect"
	"testing"
)

// diffModels reports the first few paths where two values differ.
func diffModels(t *testing.T, a, b any) {
	t.Helper()
	var out []string
	var walk func(path string, x, y reflect.Value)
	walk = func(path string, x, y reflect.Value) {
		if len(out) > 5 {
			return
		}
		if x.Kind() != y.Kind() {
			out = append(out, path+": kind")
			return
		}
		switch x.Kind() {
		case reflect.Ptr, reflect.Interface:
			if x.IsNil() || y.IsNil() {
				if x.IsNil() != y.IsNil() {
					out = append(out, fmt.Sprintf("%s: nil %v vs %v", path, x.IsNil(), y.IsNil()))
				}
				return
			}
			walk(path, x.Elem(), y.Elem())
		case reflect.Struct:
			if x.Type().String() == "time.Time" {
				if !reflect.DeepEqual(x.Interface(), y.Interface()) {
					out = append(out, fmt.Sprintf("%s: %v vs %v", path, x.Interface(), y.Interface()))
				}
				return
			}
			for i := 0; i < x.NumField(); i++ {
				walk(path+"."+x.Type().Field(i).Name, x.Field(i), y.Field(i))
			}
		case reflect.Slice:
			if x.IsNil() != y.IsNil() {
				out = append(out, fmt.Sprintf("%s: nil %v vs %v (len %d, %d)", path, x.IsNil(), y.IsNil(), x.Len(), y.Len()))
				return
			}
			if x.Len() != y.Len() {
				out = append(out, fmt.Sprintf("%s: len %d vs %d", path, x.Len(), y.Len()))
				return
			}
			for i := 0; i < x.Len(); i++ {
				walk(fmt.Sprintf("%s[%d]", path, i), x.Index(i), y.Index(i))
			}
		default:
			if !reflect.DeepEqual(x.Interface(), y.Interface()) {
				out = append(out, fmt.Sprintf("%s: %.80v vs %.80v", path, x.Interface(), y.Interface()))
			}
		}
	}
	walk("", reflect.ValueOf(a), reflect.ValueOf(b))
	for _, o := range out {
		t.Log(o)
	}
}
