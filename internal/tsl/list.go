package tsl

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// Encode returns the unsigned XML document of l. The same model always
// gives the same document. See TS 119 612 clause 5 and annex B.
func Encode(l *model.List) (*etree.Document, error) {
	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	root := doc.CreateElement(pTSL + ":TrustServiceStatusList")
	root.CreateAttr("xmlns:"+pTSL, model.NSTSL)
	root.CreateAttr("xmlns:"+pTSLX, model.NSTSLX)
	root.CreateAttr("xmlns:"+pECC, model.NSECC)
	root.CreateAttr("xmlns:"+pDS, model.NSDS)
	root.CreateAttr("xmlns:"+pXAdES, model.NSXAdES)
	tag := l.Tag
	if tag == "" {
		tag = model.TSLTag
	}
	root.CreateAttr("TSLTag", tag)
	if l.ID != "" {
		root.CreateAttr("Id", l.ID)
	}
	w := &enc{}
	w.scheme(root, &l.Scheme)
	if w.err != nil {
		return nil, w.err
	}
	if len(l.Providers) > 0 {
		pl := el(root, pTSL, "TrustServiceProviderList")
		tsps, err := encodeTSPs(l.Providers)
		if err != nil {
			return nil, err
		}
		for _, t := range tsps {
			pl.CreateText(indents[tspDepth]) // as el(pl, …) indents
			pl.AddChild(t)
			w.leave(t) // indented already
		}
	}
	w.closeIndent(root, 0)
	doc.InsertChildAt(root.Index(), etree.NewText("\n"))
	return doc, nil
}

// tspDepth is a TrustServiceProvider's nesting for indentation: in
// TrustServiceProviderList, in the root, in the document.
const tspDepth = 2

// encodeTSPs encodes the TSPs on every core, each as a finished subtree
// (indented for its place in TrustServiceProviderList) detached from any
// parent; the first error in list order is returned, as encoding them one
// by one would.
func encodeTSPs(ts []model.TSP) ([]*etree.Element, error) {
	out := make([]*etree.Element, len(ts))
	errs := make([]error, len(ts))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ts)) {
		wg.Go(func() {
			// The TSP is built tspDepth levels down, as under the
			// list's root and TrustServiceProviderList: el indents by
			// depth.
			parent := etree.NewDocument().CreateElement("r").CreateElement("l")
			for {
				i := int(next.Add(1)) - 1
				if i >= len(ts) {
					return
				}
				w := &enc{}
				w.tsp(parent, &ts[i])
				t := parent.RemoveChildAt(1).(*etree.Element) // after its indentation
				parent.Child = parent.Child[:0]
				w.closeIndent(t, tspDepth)
				out[i], errs[i] = t, w.err
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
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
