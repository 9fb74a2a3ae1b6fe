package source

import (
	"reflect"
	"testing"

	"github.com/jtsl/jtsl/internal/model"
)

// TestDeclare: the vocabulary import writes keeps every term of the one
// given, in its order, adds the URIs it lacks with placeholders, and
// finds a base under which every URI lies without being one.
func TestDeclare(t *testing.T) {
	known := &Vocabulary{Base: "https://k.example/tl/", Terms: []Term{
		{Kind: KindStatus, URI: "https://k.example/tl/st/on", Label: model.MultiLang{{Lang: "en", Value: "On"}}, InForce: true},
		{Kind: KindServiceType, URI: "https://k.example/tl/type/unused"},
	}}
	uses := []Term{{Kind: KindStatus, URI: "https://k.example/tl/st/on"}, {Kind: KindServiceType, URI: "https://k.example/tl/type/ca"}}
	v := Declare(known, uses)
	if v.Base != known.Base || len(v.Terms) != 3 || !reflect.DeepEqual(v.Terms[:2], known.Terms) {
		t.Errorf("known terms not kept: %+v", v)
	}
	if nt := v.Terms[2]; nt.URI != "https://k.example/tl/type/ca" || !nt.IsPlaceholder() || v.Terms[0].IsPlaceholder() {
		t.Errorf("the term known lacks: %+v", nt)
	}
	for _, tc := range []struct {
		uris []string
		want string
	}{
		{[]string{"https://uri.tsl-switzerland.ch/TrstSvc/Svctype/CA/QC", "https://uri.tsl-switzerland.ch/TrstSvc/TrustedList/Svcstatus/granted"}, "https://uri.tsl-switzerland.ch/TrstSvc/"},
		{[]string{"https://a.example/x/y"}, "https://a.example/x/"},
		{[]string{"https://a.example/x/", "https://a.example/x/y"}, "https://a.example/"},
		{[]string{"https://a.example/x", "https://b.example/y"}, "https://a.example/"},
		{[]string{"urn:x:y", "urn:x:z"}, "urn:x:"},
	} {
		if got := Declare(nil, termsOf(tc.uris)).Base; got != tc.want {
			t.Errorf("base of %q: %q, want %q", tc.uris, got, tc.want)
		}
	}
}

func termsOf(uris []string) []Term {
	var out []Term
	for _, u := range uris {
		out = append(out, Term{Kind: KindInformation, URI: u})
	}
	return out
}
