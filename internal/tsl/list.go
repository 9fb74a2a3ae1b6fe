package tsl

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/c14n"
	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// Encode returns the unsigned XML document of l. The same model always
// gives the same document. See TS 119 612 clause 5 and annex B.
func Encode(l *model.List) (*etree.Document, error) {
	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	if err := encodeList(&treeSink{cur: &doc.Element}, l); err != nil {
		return nil, err
	}
	doc.InsertChildAt(doc.Root().Index(), etree.NewText("\n"))
	return doc, nil
}

// WriteCanonical writes the exclusive canonical form (W3C xml-exc-c14n,
// without comments) of Encode(l) to out, without building the tree: the
// bytes a build signs (xades.SignCanonical). It is the canonical form of
// the document Encode returns, byte for byte (TestCanonicalMatchesTree).
func WriteCanonical(out io.Writer, l *model.List) error {
	cw := c14n.NewWriter(out)
	if err := encodeList(&canonSink{w: cw}, l); err != nil {
		return err
	}
	return cw.Flush()
}

// encodeList describes l to s.
func encodeList(s sink, l *model.List) error {
	w := &enc{out: s}
	s.start(pTSL, "TrustServiceStatusList")
	w.push()
	w.attr("xmlns", pTSL, model.NSTSL)
	w.attr("xmlns", pTSLX, model.NSTSLX)
	w.attr("xmlns", pECC, model.NSECC)
	w.attr("xmlns", pDS, model.NSDS)
	w.attr("xmlns", pXAdES, model.NSXAdES)
	tag := l.Tag
	if tag == "" {
		tag = model.TSLTag
	}
	w.attr("", "TSLTag", tag)
	if l.ID != "" {
		w.attr("", "Id", l.ID)
	}
	w.scheme(&l.Scheme)
	if w.err != nil {
		return w.err
	}
	if len(l.Providers) > 0 {
		w.el(pTSL, "TrustServiceProviderList")
		w.tsps(l.Providers)
		w.end()
	}
	w.end()
	return w.err
}

// tsps writes the TSPs, on every core when the sink forks: each into a
// sink of its own, joined in list order; the first error in list order is
// kept, as writing them one by one would. (The canonical sink does not
// fork: see docs/performance.md, item 46.)
func (w *enc) tsps(ts []model.TSP) {
	f, ok := w.out.(forker)
	if !ok {
		for i := range ts {
			w.tsp(&ts[i])
		}
		return
	}
	w.open[len(w.open)-1].elems = true
	out := make([]sink, len(ts))
	errs := make([]error, len(ts))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ts)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(ts) {
					return
				}
				// Each TSP at its depth in the list, as el indents.
				t := &enc{b: w.b, out: f.fork(), base: w.base + len(w.open)}
				t.tsp(&ts[i])
				out[i], errs[i] = t.out, t.err
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			if w.err == nil {
				w.err = err
			}
			return
		}
		f.join(out[i])
	}
}

// Marshal returns the bytes of Encode(l).
func Marshal(l *model.List) ([]byte, error) {
	doc, err := Encode(l)
	if err != nil {
		return nil, err
	}
	return doc.WriteToBytes()
}

// DecodeOptions configure Decode.
type DecodeOptions struct {
	File   string // names the input in positions
	Limits xmldoc.Limits
	// Lenient makes a malformed anyURI value a warning, kept as written,
	// so that old lists can be imported (jtsl import --lenient: DE_v4
	// writes "http://https://…"). Every other structure problem stays an
	// error, and sources holding such a value do not build (JTSL021).
	Lenient bool
}

// Decode parses and decodes a trusted list. Structure problems are
// returned as diagnostics with element paths and lines; the error is for
// input that is not well-formed XML (or breaks a limit).
func Decode(data []byte, opts DecodeOptions) (*model.List, diag.List, error) {
	doc, err := Parse(data, opts.File, opts.Limits)
	if err != nil {
		return nil, nil, err
	}
	l, diags := DecodeDocument(doc, opts)
	return l, diags, nil
}

// Parse reads an XML document within limits; an error names file and line.
func Parse(data []byte, file string, limits xmldoc.Limits) (*xmldoc.Document, error) {
	doc, err := xmldoc.ParseBytes(data, limits)
	if err != nil {
		var pe *xmldoc.Error
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", file, pe.Line, pe.Msg)
		}
		return nil, err
	}
	return doc, nil
}

// DecodeDocument decodes a parsed document. The returned list holds what
// could be decoded even when there are findings.
func DecodeDocument(doc *xmldoc.Document, opts DecodeOptions) (*model.List, diag.List) {
	d := &dec{file: opts.File, line: doc.Line, lenient: opts.Lenient}
	root := doc.Root()
	l := &model.List{}
	if root == nil || !is(root, model.NSTSL, "TrustServiceStatusList") {
		d.errorf(root, abs("/"), "root element must be {%s}TrustServiceStatusList", model.NSTSL)
		return l, d.diags
	}
	path := abs("/TrustServiceStatusList")
	d.checkAttrs(root, path, "TSLTag", "Id")
	l.Tag = root.SelectAttrValue("TSLTag", "")
	if l.Tag == "" {
		d.errorf(root, path, "missing TSLTag attribute")
	}
	l.ID = root.SelectAttrValue("Id", "")
	c := d.children(root, path)
	if si := c.req(model.NSTSL, "SchemeInformation"); si != nil {
		d.scheme(si, path.at("SchemeInformation"), &l.Scheme)
	}
	if pl := c.opt(model.NSTSL, "TrustServiceProviderList"); pl != nil {
		p := path.at("TrustServiceProviderList")
		tsps := d.some(pl, p, model.NSTSL, "TrustServiceProvider")
		for i, e := range tsps {
			l.Providers = append(l.Providers, d.tsp(e, p.index("TrustServiceProvider", i+1)))
		}
	}
	c.opt(model.NSDS, "Signature") // not part of the model; checked by package xades
	c.done()
	return l, d.diags
}
