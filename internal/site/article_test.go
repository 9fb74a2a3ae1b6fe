package site

import (
	"bytes"
	"strings"
	"testing"
)

// TestArticleMatchesTemplate: the Go-written articles are what the page
// template wrote for them, for the fixture and for values full of
// characters html/template escapes, invalid UTF-8 included.
func TestArticleMatchesTemplate(t *testing.T) {
	tmpl, err := page.Clone()
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err = tmpl.New("articles").Parse(articleTemplate)
	if err != nil {
		t.Fatal(err)
	}
	v := newView(fixture(t), Options{})
	var services []serviceView
	for _, tsp := range v.TSPs {
		services = append(services, tsp.Services...)
	}
	odd := `<a href="x">&'"+ é` + "\x00\xff\xfe" + `</a>`
	st := stamp{odd, odd}
	services = append(services, serviceView{
		Name: text{odd, odd, odd}, Type: label{odd, odd + "x"}, TypeURI: odd,
		Status: statusView{Label: label{odd, odd}, URI: odd, Class: odd, Since: st},
		Certs: []certView{{Subject: odd, NotBefore: st, SHA256: odd}, {Unparsed: true, SHA256: odd},
			{Subject: odd, SHA256: odd, Sample: true}, {Subject: odd, SHA256: odd, Source: odd}, {Subject: odd, Sample: true, Source: odd}},
		Other: []string{odd, odd}, Info: []label{{odd, odd}, {"a", "b"}},
		TakenOverBy: []text{{"", odd, odd}, {odd, odd, "en"}},
		History: []historyView{{statusView: statusView{Label: label{odd, "x"}, URI: odd, Class: odd, Since: st},
			Name: text{"", odd, odd}, Type: label{odd, odd}, TypeURI: odd}, {}},
	}, serviceView{})
	var want strings.Builder
	if err := tmpl.ExecuteTemplate(&want, "articles", services); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	(&htmlWriter{&got}).articles(services)
	if got.String() != want.String() {
		t.Errorf("articles differ from the template:\ngot  %q\nwant %q", got.String(), want.String())
	}
}
