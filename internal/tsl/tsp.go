package tsl

import (
	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
)

// tsp encodes a TrustServiceProvider (clause 5.4).
func (w *enc) tsp(parent *etree.Element, t *model.TSP) {
	te := el(parent, pTSL, "TrustServiceProvider")
	info := el(te, pTSL, "TSPInformation")
	names(info, "TSPName", t.Name)
	if t.TradeName != nil {
		names(info, "TSPTradeName", t.TradeName)
	}
	w.address(info, "TSPAddress", &t.Address)
	uriList(info, "TSPInformationURI", t.InformationURI)
	if t.Extensions != nil {
		w.extensions(info, "TSPInformationExtensions", t.Extensions)
	}
	svcs := el(te, pTSL, "TSPServices")
	for i := range t.Services {
		w.service(svcs, &t.Services[i])
	}
}

// tsp decodes a TrustServiceProvider.
func (d *dec) tsp(e *etree.Element, path *where) model.TSP {
	var t model.TSP
	c := d.children(e, path)
	if info := c.req(model.NSTSL, "TSPInformation"); info != nil {
		p := path.at("TSPInformation")
		ic := d.children(info, p)
		t.Name = d.names(ic.req(model.NSTSL, "TSPName"), p.at("TSPName"))
		if x := ic.opt(model.NSTSL, "TSPTradeName"); x != nil {
			t.TradeName = d.names(x, p.at("TSPTradeName"))
		}
		if x := ic.req(model.NSTSL, "TSPAddress"); x != nil {
			t.Address = d.address(x, p.at("TSPAddress"))
		}
		t.InformationURI = d.uriList(ic.req(model.NSTSL, "TSPInformationURI"), p.at("TSPInformationURI"))
		if x := ic.opt(model.NSTSL, "TSPInformationExtensions"); x != nil {
			t.Extensions = d.extensions(x, p.at("TSPInformationExtensions"))
		}
		ic.done()
	}
	if svcs := c.req(model.NSTSL, "TSPServices"); svcs != nil {
		p := path.at("TSPServices")
		list := d.some(svcs, p, model.NSTSL, "TSPService")
		t.Services = make([]model.Service, 0, len(list))
		for i, s := range list {
			t.Services = append(t.Services, d.service(s, p.index("TSPService", i+1)))
		}
	}
	c.done()
	return t
}
