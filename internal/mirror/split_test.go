package mirror

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestValidateInPartsText is TestValidateInParts for mirrors broken in
// their text rather than in their values: not JSON, or JSON that split
// must hand to the whole schema.
func TestValidateInPartsText(t *testing.T) {
	js, err := Encode(sample(t))
	if err != nil {
		t.Fatal(err)
	}
	s := string(js)
	entity := strings.Index(s, `"TrustedEntityInformation"`)
	if entity < 0 {
		t.Fatal("no trusted entity in the sample mirror")
	}
	last := strings.LastIndex(s, `"TrustedEntityInformation"`)
	cases := map[string]string{
		"valid":               s,
		"truncated":           s[:len(s)/2],
		"trailing garbage":    s + "x",
		"trailing value":      s + "{}",
		"entity not JSON":     s[:last] + `"a": nul, ` + s[last:],
		"entity trailing ,":   s[:last] + `"a": 1,, ` + s[last:],
		"unbalanced entity":   s[:last] + `"a": [}, ` + s[last:],
		"repeated LoTE":       strings.TrimSuffix(strings.TrimSpace(s), "}") + `, "LoTE": {}}`,
		"repeated list":       strings.Replace(s, `"ListAndSchemeInformation"`, `"TrustedEntitiesList": [], "ListAndSchemeInformation"`, 1),
		"repeated entity key": s[:entity] + `"TrustedEntityInformation": 1, ` + s[entity:],
		"escaped key":         strings.Replace(s, `"LoTE"`, `"Lo\u0054E"`, 1),
		"members reordered":   reordered(t, js),
		"scheme not JSON":     strings.Replace(s, `"ListAndSchemeInformation": {`, `"ListAndSchemeInformation": {"a":-,`, 1),
	}
	for name, doc := range cases {
		got, want := Validate([]byte(doc)), validateWhole([]byte(doc))
		if (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
			t.Errorf("%s: in parts %v\nwhole %v", name, got, want)
		}
		// A repeated key is JSON (the last one counts), as is an escape.
		valid := map[string]bool{"valid": true, "repeated list": true, "repeated entity key": true, "escaped key": true, "members reordered": true}
		if !valid[name] && want == nil {
			t.Errorf("%s: the breakage is not one the whole check sees", name)
		}
		if valid[name] && want != nil {
			t.Errorf("%s: %v", name, want)
		}
	}
}

// reordered returns the mirror js with the trusted entities before the
// scheme information.
func reordered(t *testing.T, js []byte) string {
	t.Helper()
	var doc struct {
		LoTE struct {
			ListAndSchemeInformation json.RawMessage
			TrustedEntitiesList      json.RawMessage
		}
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	return `{"LoTE": {"TrustedEntitiesList": ` + string(doc.LoTE.TrustedEntitiesList) +
		`, "ListAndSchemeInformation": ` + string(doc.LoTE.ListAndSchemeInformation) + `}}`
}

// TestSplit checks that Validate's split takes the parts of a mirror as
// Encode writes it, or with its members in another order, and hands every
// trusted entity over; anything else is left to the whole schema.
func TestSplit(t *testing.T) {
	l := sample(t)
	js, err := Encode(l)
	if err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]string{"as encoded": string(js), "reordered": reordered(t, js)} {
		n := 0
		scheme, ok := split([]byte(doc), func([]byte) { n++ })
		if !ok || scheme == nil || n != len(l.Providers) {
			t.Errorf("%s: split %v, %d entities of %d", name, ok, n, len(l.Providers))
		}
	}
	for _, doc := range []string{`{}`, `{"LoTE": {}}`, `{"LoTE": {"TrustedEntitiesList": []}}`, `{"LoTE": {"X": 1}}`,
		`{"LoTE": {"ListAndSchemeInformation": {}, "TrustedEntitiesList": [], "TrustedEntitiesList": []}}`} {
		if _, ok := split([]byte(doc), func([]byte) {}); ok {
			t.Errorf("%s: split", doc)
		}
	}
}
