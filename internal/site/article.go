package site

import (
	"bytes"
	"encoding/base64"
)

// The service articles are most of a large list's page. html/template
// spends most of its time on reflection and per-action escaper calls, so
// the article of each service is written here instead, byte for byte as
// the "service" part of index.html.tmpl used to write it (site_test.go's
// golden and TestArticleMatchesTemplate hold the two together), and the
// template inserts the finished HTML.

// articleTemplate is the template text the Go code below replaces, kept
// to test that both write the same bytes.
const articleTemplate = `{{- range .}}
<article class="service">
<h3>{{template "name" .Name}}</h3>
<dl>
<dt>状態 <span class="en" lang="en">Status</span></dt>
<dd><span class="badge {{.Status.Class}}">{{template "label" .Status.Label}}</span><br>開始 <span class="en" lang="en">since</span> {{template "time" .Status.Since}}<br><code>{{.Status.URI}}</code></dd>
<dt>種別 <span class="en" lang="en">Type</span></dt>
<dd>{{template "label" .Type}}<br><code>{{.TypeURI}}</code></dd>
{{- range .Certs}}
<dt>証明書 <span class="en" lang="en">Certificate</span></dt>
<dd class="cert">{{template "cert" .}}</dd>
{{- end}}
{{- with .Other}}
<dt>識別子 <span class="en" lang="en">Identity</span></dt>
<dd>{{range .}}<code>{{.}}</code><br>{{end}}</dd>
{{- end}}
{{- with .TakenOverBy}}
<dt>引継ぎ先 <span class="en" lang="en">Taken over by</span></dt>
<dd>{{range $i, $t := .}}{{if $i}}<br>{{end}}{{template "text" $t}}{{end}}</dd>
{{- end}}
{{- with .Info}}
<dt>用途 <span class="en" lang="en">Use</span></dt>
<dd>{{range $i, $l := .}}{{if $i}}<br>{{end}}{{template "label" $l}}{{end}}</dd>
{{- end}}
{{- with .History}}
<dt>履歴 <span class="en" lang="en">History</span></dt>
<dd><ol class="history">
{{- range .}}
<li><span class="badge {{.Class}}">{{template "label" .Label}}</span> {{template "time" .Since}} – {{template "time" .Until}}
{{- if .TypeURI}}<br>{{template "label" .Type}}{{end}}
{{- if .Name.En}}<br>{{template "text" .Name}}{{end}}
<br><code>{{.URI}}</code></li>
{{- end}}
</ol></dd>
{{- end}}
</dl>
</article>
{{- end}}`

// articles writes the articles of services as the template writes them.
func (w *htmlWriter) articles(services []serviceView) {
	for i := range services {
		w.article(&services[i])
	}
}

// articlesSize is room for the articles of services: about 1 KiB of
// markup a service, its certificates' data: URIs (a '+' of base64 is
// escaped in five bytes: one in 64 on average) and about 0.5 KiB of the
// rest of each certificate and history entry, so that the builder is not
// outgrown, which would copy all of it (a third of the page's
// allocation).
func articlesSize(services []serviceView) int {
	n := 0
	for i := range services {
		s := &services[i]
		n += 1024 + 512*len(s.History)
		for _, c := range s.Certs {
			u := len(dataURIPrefix) + base64.StdEncoding.EncodedLen(len(c.der))
			n += u + u/16 + 512
		}
		for _, o := range s.Other {
			n += len(o) + 64
		}
	}
	return n
}

// An htmlWriter writes markup as is and values escaped as html/template
// escapes a string in text and in quoted attributes: the same
// replacements, which are all ASCII, so bytes of any other character,
// valid UTF-8 or not, are copied unchanged. It writes into the page's
// buffer (Render): building each TSP's articles as a string first, which
// the template then copied, doubled the page's allocation.
type htmlWriter struct{ *bytes.Buffer }

func (w *htmlWriter) esc(s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		w.WriteString(s[start:i])
		w.WriteString(r)
		start = i + 1
	}
	w.WriteString(s[start:])
}

// dataURI writes der's data: URI (certView.Download) as esc would, base64
// straight into the page: of its characters, the attribute escapes '+'
// only, found here by a vectorised search rather than byte by byte.
func (w *htmlWriter) dataURI(der []byte) {
	w.WriteString(dataURIPrefix)
	// In pieces of a multiple of 3 bytes, which encode as the whole does.
	var out [1024]byte
	for len(der) > 0 {
		n := min(len(der), 768)
		p := out[:base64.StdEncoding.EncodedLen(n)]
		base64.StdEncoding.Encode(p, der[:n])
		der = der[n:]
		for {
			i := bytes.IndexByte(p, '+')
			if i < 0 {
				w.Write(p)
				break
			}
			w.Write(p[:i])
			w.WriteString("&#43;")
			p = p[i+1:]
		}
	}
}

// text is the "text" template.
func (w *htmlWriter) text(t text) {
	w.bilingual(t, `<span lang="ja">`, `</span> <span class="en" lang="`)
}

// name is the "name" template.
func (w *htmlWriter) name(t text) {
	w.bilingual(t, `<span class="ja" lang="ja">`, `</span> <span class="sub" lang="`)
}

// bilingual writes t's Japanese (opened by ja) and English (opened by en,
// up to its language) side by side, or its English alone.
func (w *htmlWriter) bilingual(t text, ja, en string) {
	if t.Ja != "" {
		w.WriteString(ja)
		w.esc(t.Ja)
		w.WriteString(en)
	} else {
		w.WriteString(`<span lang="`)
	}
	w.esc(t.Lang)
	w.WriteString(`">`)
	w.esc(t.En)
	w.WriteString(`</span>`)
}

// label is the "label" template.
func (w *htmlWriter) label(l label) {
	w.esc(l.Ja)
	if l.Ja != l.En {
		w.WriteString(` <span class="en" lang="en">`)
		w.esc(l.En)
		w.WriteString(`</span>`)
	}
}

// time is the "time" template.
func (w *htmlWriter) time(s stamp) {
	if s.Attr == "" {
		w.WriteString("—")
		return
	}
	w.WriteString(`<time datetime="`)
	w.esc(s.Attr)
	w.WriteString(`">`)
	w.esc(s.Text)
	w.WriteString(`</time>`)
}

// cert is the "cert" template.
func (w *htmlWriter) cert(c *certView) {
	if c.Unparsed {
		w.WriteString(`解析できない証明書 <span class="en" lang="en">Certificate that cannot be parsed</span>`)
	} else {
		w.WriteString(`<span class="dn">`)
		w.esc(c.Subject)
		w.WriteString("</span>\n<span class=\"valid\">")
		w.time(c.NotBefore)
		w.WriteString(" – ")
		w.time(c.NotAfter)
		w.WriteString(`</span>`)
	}
	w.WriteString("\n<span class=\"fp\">SHA-256 <code>")
	w.esc(c.SHA256)
	w.WriteString(`</code></span>`)
	if c.Sample {
		w.WriteString("\n<span class=\"sample\">サンプル証明書 <span class=\"en\" lang=\"en\">sample certificate</span></span>")
	} else if c.Source != "" {
		w.WriteString("\n<span class=\"src\">出典 <span class=\"en\" lang=\"en\">Source</span>: ")
		w.esc(c.Source)
		w.WriteString(`</span>`)
	}
	if c.der != nil {
		w.WriteString("\n<a class=\"dl\" href=\"")
		w.dataURI(c.der)
		w.WriteString(`" download="`)
		w.esc(c.File)
		w.WriteString(`">ダウンロード <span lang="en">Download</span> (DER, .cer)</a>`)
	}
}

// article is one iteration of articleTemplate.
func (w *htmlWriter) article(s *serviceView) {
	w.WriteString("\n<article class=\"service\">\n<h3>")
	w.name(s.Name)
	w.WriteString("</h3>\n<dl>\n<dt>状態 <span class=\"en\" lang=\"en\">Status</span></dt>\n<dd><span class=\"badge ")
	w.esc(s.Status.Class)
	w.WriteString(`">`)
	w.label(s.Status.Label)
	w.WriteString(`</span><br>開始 <span class="en" lang="en">since</span> `)
	w.time(s.Status.Since)
	w.WriteString(`<br><code>`)
	w.esc(s.Status.URI)
	w.WriteString("</code></dd>\n<dt>種別 <span class=\"en\" lang=\"en\">Type</span></dt>\n<dd>")
	w.label(s.Type)
	w.WriteString(`<br><code>`)
	w.esc(s.TypeURI)
	w.WriteString(`</code></dd>`)
	for i := range s.Certs {
		w.WriteString("\n<dt>証明書 <span class=\"en\" lang=\"en\">Certificate</span></dt>\n<dd class=\"cert\">")
		w.cert(&s.Certs[i])
		w.WriteString(`</dd>`)
	}
	if len(s.Other) > 0 {
		w.WriteString("\n<dt>識別子 <span class=\"en\" lang=\"en\">Identity</span></dt>\n<dd>")
		for _, o := range s.Other {
			w.WriteString(`<code>`)
			w.esc(o)
			w.WriteString(`</code><br>`)
		}
		w.WriteString(`</dd>`)
	}
	if len(s.TakenOverBy) > 0 {
		w.WriteString("\n<dt>引継ぎ先 <span class=\"en\" lang=\"en\">Taken over by</span></dt>\n<dd>")
		for i, t := range s.TakenOverBy {
			if i > 0 {
				w.WriteString(`<br>`)
			}
			w.text(t)
		}
		w.WriteString(`</dd>`)
	}
	if len(s.Info) > 0 {
		w.WriteString("\n<dt>用途 <span class=\"en\" lang=\"en\">Use</span></dt>\n<dd>")
		for i, l := range s.Info {
			if i > 0 {
				w.WriteString(`<br>`)
			}
			w.label(l)
		}
		w.WriteString(`</dd>`)
	}
	if len(s.History) > 0 {
		w.WriteString("\n<dt>履歴 <span class=\"en\" lang=\"en\">History</span></dt>\n<dd><ol class=\"history\">")
		for i := range s.History {
			h := &s.History[i]
			w.WriteString("\n<li><span class=\"badge ")
			w.esc(h.Class)
			w.WriteString(`">`)
			w.label(h.Label)
			w.WriteString(`</span> `)
			w.time(h.Since)
			w.WriteString(" – ")
			w.time(h.Until)
			if h.TypeURI != "" {
				w.WriteString(`<br>`)
				w.label(h.Type)
			}
			if h.Name.En != "" {
				w.WriteString(`<br>`)
				w.text(h.Name)
			}
			w.WriteString("\n<br><code>")
			w.esc(h.URI)
			w.WriteString(`</code></li>`)
		}
		w.WriteString("\n</ol></dd>")
	}
	w.WriteString("\n</dl>\n</article>")
}
