package tsl

import (
	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
)

// tsp encodes a TrustServiceProvider (clause 5.4).
func (w *enc) tsp(t *model.TSP) {
	w.el(pTSL, "TrustServiceProvider")
	w.el(pTSL, "TSPInformation")
	w.names("TSPName", t.Name)
	if t.TradeName != nil {
		w.names("TSPTradeName", t.TradeName)
	}
	w.address("TSPAddress", &t.Address)
	w.uriList("TSPInformationURI", t.InformationURI)
	if t.Extensions != nil {
		w.extensions("TSPInformationExtensions", t.Extensions)
	}
	w.end()
	w.el(pTSL, "TSPServices")
	for i := range t.Services {
		w.service(&t.Services[i])
	}
	w.end()
	w.end()
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
