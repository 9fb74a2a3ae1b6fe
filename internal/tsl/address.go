package tsl

import (
	"strconv"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
)

func itoa(n int) string { return strconv.Itoa(n) }

// address encodes AddressType: PostalAddresses then ElectronicAddress
// (clauses 5.3.5 and 5.4.3).
func (w *enc) address(name string, a *model.Address) {
	w.el(w.binding().Prefix, name)
	w.addressInto(a)
	w.end()
}

// addressInto fills the current element, of AddressType.
func (w *enc) addressInto(a *model.Address) {
	pre := w.binding().Prefix
	w.el(pre, "PostalAddresses")
	for _, p := range a.Postal {
		w.el(pre, "PostalAddress")
		w.lang(p.Lang)
		w.textEl(pre, "StreetAddress", p.StreetAddress)
		w.textEl(pre, "Locality", p.Locality)
		if p.StateOrProvince != "" {
			w.textEl(pre, "StateOrProvince", p.StateOrProvince)
		}
		if p.PostalCode != "" {
			w.textEl(pre, "PostalCode", p.PostalCode)
		}
		w.textEl(pre, "CountryName", p.CountryName)
		w.end()
	}
	w.end()
	w.el(pre, "ElectronicAddress")
	w.multiLang(pre, "URI", a.Electronic)
	w.end()
}

// address decodes AddressType.
func (d *dec) address(e *etree.Element, path *where) model.Address {
	var a model.Address
	ns := d.binding().NS
	c := d.children(e, path)
	if pa := c.req(ns, "PostalAddresses"); pa != nil {
		p := path.at("PostalAddresses")
		ps := d.some(pa, p, ns, "PostalAddress")
		for _, pe := range ps {
			pp := p.at("PostalAddress")
			var post model.PostalAddress
			post.Lang = d.lang(pe, pp)
			c2 := d.children(pe, pp)
			if x := c2.req(ns, "StreetAddress"); x != nil {
				post.StreetAddress = d.str(x, pp.at("StreetAddress"), true)
			}
			if x := c2.req(ns, "Locality"); x != nil {
				post.Locality = d.str(x, pp.at("Locality"), true)
			}
			if x := c2.opt(ns, "StateOrProvince"); x != nil {
				post.StateOrProvince = d.str(x, pp.at("StateOrProvince"), true)
			}
			if x := c2.opt(ns, "PostalCode"); x != nil {
				post.PostalCode = d.str(x, pp.at("PostalCode"), true)
			}
			if x := c2.req(ns, "CountryName"); x != nil {
				post.CountryName = d.str(x, pp.at("CountryName"), true)
			}
			c2.done()
			a.Postal = append(a.Postal, post)
		}
	}
	if ea := c.req(ns, "ElectronicAddress"); ea != nil {
		p := path.at("ElectronicAddress")
		ec := d.children(ea, p)
		a.Electronic = d.multiLang(ec, ns, "URI", true, true)
		ec.done()
	}
	c.done()
	return a
}
