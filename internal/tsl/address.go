package tsl

import (
	"strconv"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
)

func itoa(n int) string { return strconv.Itoa(n) }

// address encodes AddressType: PostalAddresses then ElectronicAddress
// (clauses 5.3.5 and 5.4.3).
func (w *enc) address(parent *etree.Element, name string, a *model.Address) {
	ae := el(parent, pTSL, name)
	pa := el(ae, pTSL, "PostalAddresses")
	for _, p := range a.Postal {
		pe := el(pa, pTSL, "PostalAddress")
		pe.CreateAttr("xml:lang", p.Lang)
		textEl(pe, pTSL, "StreetAddress", p.StreetAddress)
		textEl(pe, pTSL, "Locality", p.Locality)
		if p.StateOrProvince != "" {
			textEl(pe, pTSL, "StateOrProvince", p.StateOrProvince)
		}
		if p.PostalCode != "" {
			textEl(pe, pTSL, "PostalCode", p.PostalCode)
		}
		textEl(pe, pTSL, "CountryName", p.CountryName)
	}
	ea := el(ae, pTSL, "ElectronicAddress")
	multiLang(ea, pTSL, "URI", a.Electronic)
}

// address decodes AddressType.
func (d *dec) address(e *etree.Element, path string) model.Address {
	var a model.Address
	c := d.children(e, path)
	if pa := c.req(model.NSTSL, "PostalAddresses"); pa != nil {
		p := path + "/PostalAddresses"
		ps := d.some(pa, p, model.NSTSL, "PostalAddress")
		for _, pe := range ps {
			pp := p + "/PostalAddress"
			var post model.PostalAddress
			post.Lang = d.lang(pe, pp)
			c2 := d.children(pe, pp)
			if x := c2.req(model.NSTSL, "StreetAddress"); x != nil {
				post.StreetAddress = d.str(x, pp+"/StreetAddress", true)
			}
			if x := c2.req(model.NSTSL, "Locality"); x != nil {
				post.Locality = d.str(x, pp+"/Locality", true)
			}
			if x := c2.opt(model.NSTSL, "StateOrProvince"); x != nil {
				post.StateOrProvince = d.str(x, pp+"/StateOrProvince", true)
			}
			if x := c2.opt(model.NSTSL, "PostalCode"); x != nil {
				post.PostalCode = d.str(x, pp+"/PostalCode", true)
			}
			if x := c2.req(model.NSTSL, "CountryName"); x != nil {
				post.CountryName = d.str(x, pp+"/CountryName", true)
			}
			c2.done()
			a.Postal = append(a.Postal, post)
		}
	}
	if ea := c.req(model.NSTSL, "ElectronicAddress"); ea != nil {
		p := path + "/ElectronicAddress"
		ec := d.children(ea, p)
		a.Electronic = d.multiLang(ec, model.NSTSL, "URI", true, true)
		ec.done()
	}
	c.done()
	return a
}
