package source

import "testing"

// TestClosestKey suggests a key of the schemas near a misspelt one, and
// never the key itself: a key that is right elsewhere (mra.yaml's eu: in
// lote/vocabulary.yaml, where it used to be) is just unknown there.
func TestClosestKey(t *testing.T) {
	for in, want := range map[string]string{
		"territroy": "territory",
		"Territory": "territory",
		"eu":        "",
		"zzzzzzzz":  "",
	} {
		if got := closestKey(in); got != want {
			t.Errorf("closestKey(%q) = %q, want %q", in, got, want)
		}
	}
}
