package testtool

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// LogDiff logs the first few paths at which two values differ, for
// round-trip tests whose reflect.DeepEqual failed.
func LogDiff(t testing.TB, a, b any) {
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

// CopyDir copies the folder tree src to dst (created as needed).
func CopyDir(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
