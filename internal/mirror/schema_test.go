package mirror

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"

	"github.com/jtsl/jtsl/internal/jsonverdict"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

// validateWhole is what Validate must agree with: the whole document
// against the whole schema at once.
func validateWhole(js []byte) error {
	return verdict(validateDoc(&whole, js, ""))
}

// TestValidateInParts checks that validating a list in parts gives the
// verdict and the messages of validating it whole, on valid mirrors and on
// mirrors broken in the scheme information, at the top and in trusted
// entities other than the first.
func TestValidateInParts(t *testing.T) {
	lists := []*model.List{sample(t)}
	for _, f := range testtool.Corpus(t)[:3] {
		l, _ := tsltest.Read(t, f)
		lists = append(lists, l)
	}
	for _, l := range lists {
		if len(l.Providers) < 3 {
			continue
		}
		js, err := Encode(l)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(js, &doc); err != nil {
			t.Fatal(err)
		}
		lote := doc["LoTE"].(map[string]any)
		entities := lote["TrustedEntitiesList"].([]any)
		breakages := map[string]func(){
			"valid":         func() {},
			"unknown top":   func() { doc["Extra"] = 1 },
			"unknown LoTE":  func() { lote["Extra"] = true },
			"scheme":        func() { delete(lote["ListAndSchemeInformation"].(map[string]any), "SchemeName") },
			"entity 0":      func() { entities[0].(map[string]any)["Extra"] = "x" },
			"entity 2":      func() { delete(entities[2].(map[string]any), "TrustedEntityInformation") },
			"entity 2 type": func() { entities[2] = "not an entity" },
			"last entity":   func() { entities[len(entities)-1].(map[string]any)["TrustedEntityServices"] = 7 },
			"no entities":   func() { lote["TrustedEntitiesList"] = []any{} },
			"not a list":    func() { lote["TrustedEntitiesList"] = map[string]any{} },
			"key case":      func() { doc["lote"] = doc["LoTE"]; delete(doc, "LoTE") },
			"entity case":   func() { lote["trustedEntitiesList"] = entities; delete(lote, "TrustedEntitiesList") },
		}
		for name, brk := range breakages {
			var orig []byte
			orig, _ = json.Marshal(doc)
			brk()
			js, _ := json.Marshal(doc)
			got, want := Validate(js), validateWhole(js)
			if (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
				t.Errorf("%s: in parts %v\nwhole %v", name, got, want)
			}
			if name != "valid" && want == nil {
				t.Errorf("%s: the breakage is not one the schema sees", name)
			}
			// Restore.
			doc = nil
			json.Unmarshal(orig, &doc)
			lote = doc["LoTE"].(map[string]any)
			entities = lote["TrustedEntitiesList"].([]any)
		}
	}
}

// TestBase64Formats holds the formats that stand in for the schema's
// base64 patterns to those patterns, on every byte and on mixed strings.
func TestBase64Formats(t *testing.T) {
	inputs := []string{"", "=", "QUJD", "QUJD==", "a b", "QU\nJD", "é", "-_", "AAAA\x00"}
	for c := 0; c < 256; c++ {
		inputs = append(inputs, string([]byte{byte(c)}), "QUJD"+string([]byte{byte(c)}))
	}
	n := 0
	for p, f := range base64Patterns {
		re := regexp.MustCompile(p)
		checker := base64Format{empty: f == "jtsl-base64-or-empty"}
		for _, in := range inputs {
			if got, want := checker.IsFormat(in), re.MatchString(in); got != want {
				t.Errorf("%s on %q: %v, pattern %s says %v", f, in, got, p, want)
			}
		}
		n += bytes.Count(Schema, []byte(`"pattern": "`+p+`"`))
	}
	if n == 0 {
		t.Error("the schema has none of the base64 patterns any more")
	}
	// And the compiled schema really checks them: a certificate value
	// with a space is refused.
	js, err := Encode(sample(t))
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(js, []byte(`"val": "`))
	if i < 0 {
		t.Fatal("no certificate value in the sample mirror")
	}
	bad := append(append(append([]byte{}, js[:i+8]...), ' '), js[i+8:]...)
	if err := Validate(bad); err == nil || !strings.Contains(err.Error(), "jtsl-base64") {
		t.Errorf("a certificate value with a space: %v", err)
	}
}

// TestVerdictAgrees holds the verdict (package jsonverdict) to
// gojsonschema, as Validate asks them: the whole document and each
// trusted entity of the sample's and three corpus lists' mirrors, valid
// and with one value changed (most refused).
func TestVerdictAgrees(t *testing.T) {
	verdictOnce.Do(compileVerdicts)
	if wholeV == nil || entityV == nil {
		t.Fatal("the verdict cannot read the mirror's schema: every mirror is validated by gojsonschema alone")
	}
	lists := []*model.List{sample(t)}
	for _, f := range testtool.Corpus(t)[:3] {
		l, _ := tsltest.Read(t, f)
		lists = append(lists, l)
	}
	n, refused := 0, 0
	agree := func(what string, x any, sv *jsonverdict.Schema, s **gojsonschema.Schema) {
		n++
		v, msgs := sv.Valid(x), validateValue(s, nil, x, "")
		if v != (len(msgs) == 0) {
			t.Errorf("%s: verdict %v, gojsonschema %v", what, v, msgs)
		}
		if !v {
			refused++
		}
	}
	for i, l := range lists {
		js, err := Encode(l)
		if err != nil {
			t.Fatal(err)
		}
		d := json.NewDecoder(bytes.NewReader(js))
		d.UseNumber()
		var doc map[string]any
		if err := d.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		for k, v := range testtool.JSONVariants(doc, 50) {
			agree(fmt.Sprintf("list %d variant %d", i, k), v, wholeV, &whole)
		}
		for k, e := range doc["LoTE"].(map[string]any)["TrustedEntitiesList"].([]any) {
			agree(fmt.Sprintf("list %d entity %d", i, k), e, entityV, &entity)
			for j, v := range testtool.JSONVariants(e, 10) {
				agree(fmt.Sprintf("list %d entity %d variant %d", i, k, j), v, entityV, &entity)
			}
		}
	}
	if refused < n/5 || n-refused < n/5 {
		t.Errorf("%d answers, %d refusals: the variants do not test both answers", n, refused)
	}
	t.Logf("%d answers, %d refusals", n, refused)
}

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
