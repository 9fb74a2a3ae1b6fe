package tsl

import (
	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
)

// service encodes a TSPService: ServiceInformation (clause 5.5) and
// ServiceHistory (clause 5.6).
func (w *enc) service(parent *etree.Element, s *model.Service) {
	se := el(parent, pTSL, "TSPService")
	si := el(se, pTSL, "ServiceInformation")
	textEl(si, pTSL, "ServiceTypeIdentifier", s.Type)
	names(si, "ServiceName", s.Name)
	w.identity(si, s.Identity)
	textEl(si, pTSL, "ServiceStatus", s.Status)
	textEl(si, pTSL, "StatusStartingTime", timeText(s.StatusStartingTime))
	if s.SchemeServiceDefinitionURI != nil {
		uriList(si, "SchemeServiceDefinitionURI", s.SchemeServiceDefinitionURI)
	}
	if s.SupplyPoints != nil {
		sp := el(si, pTSL, "ServiceSupplyPoints")
		for _, p := range s.SupplyPoints {
			e := textEl(sp, pTSL, "ServiceSupplyPoint", p.URI)
			if p.Type != "" {
				e.CreateAttr("type", p.Type)
			}
		}
	}
	if s.TSPServiceDefinitionURI != nil {
		uriList(si, "TSPServiceDefinitionURI", s.TSPServiceDefinitionURI)
	}
	if s.Extensions != nil {
		w.extensions(si, "ServiceInformationExtensions", s.Extensions)
	}
	if len(s.History) > 0 || s.HistoryPresent {
		he := el(se, pTSL, "ServiceHistory")
		for _, h := range s.History {
			hi := el(he, pTSL, "ServiceHistoryInstance")
			textEl(hi, pTSL, "ServiceTypeIdentifier", h.Type)
			names(hi, "ServiceName", h.Name)
			w.identity(hi, h.Identity)
			textEl(hi, pTSL, "ServiceStatus", h.Status)
			textEl(hi, pTSL, "StatusStartingTime", timeText(h.StatusStartingTime))
			if h.Extensions != nil {
				w.extensions(hi, "ServiceInformationExtensions", h.Extensions)
			}
		}
	}
}

// service decodes a TSPService.
func (d *dec) service(e *etree.Element, path *where) model.Service {
	var s model.Service
	c := d.children(e, path)
	if si := c.req(model.NSTSL, "ServiceInformation"); si != nil {
		p := path.at("ServiceInformation")
		ic := d.children(si, p)
		s.Type = d.uriReq(ic, "ServiceTypeIdentifier", p)
		s.Name = d.names(ic.req(model.NSTSL, "ServiceName"), p.at("ServiceName"))
		if x := ic.req(model.NSTSL, "ServiceDigitalIdentity"); x != nil {
			s.Identity = d.identity(x, p.at("ServiceDigitalIdentity"))
		}
		s.Status = d.uriReq(ic, "ServiceStatus", p)
		if x := ic.req(model.NSTSL, "StatusStartingTime"); x != nil {
			s.StatusStartingTime = d.dateTime(x, p.at("StatusStartingTime"))
		}
		if x := ic.opt(model.NSTSL, "SchemeServiceDefinitionURI"); x != nil {
			s.SchemeServiceDefinitionURI = d.uriList(x, p.at("SchemeServiceDefinitionURI"))
		}
		if x := ic.opt(model.NSTSL, "ServiceSupplyPoints"); x != nil {
			pp := p.at("ServiceSupplyPoints")
			pts := d.some(x, pp, model.NSTSL, "ServiceSupplyPoint")
			s.SupplyPoints = []model.SupplyPoint{}
			for _, pt := range pts {
				d.checkAttrs(pt, pp.at("ServiceSupplyPoint"), "type")
				sp := model.SupplyPoint{URI: d.uri(pt, pp.at("ServiceSupplyPoint"), d.str(pt, pp.at("ServiceSupplyPoint"), true))}
				if t, ok := attr(pt, "type"); ok {
					sp.Type = d.uri(pt, pp.at("ServiceSupplyPoint/@type"), t)
				}
				s.SupplyPoints = append(s.SupplyPoints, sp)
			}
		}
		if x := ic.opt(model.NSTSL, "TSPServiceDefinitionURI"); x != nil {
			s.TSPServiceDefinitionURI = d.uriList(x, p.at("TSPServiceDefinitionURI"))
		}
		if x := ic.opt(model.NSTSL, "ServiceInformationExtensions"); x != nil {
			s.Extensions = d.extensions(x, p.at("ServiceInformationExtensions"))
		}
		ic.done()
	}
	if he := c.opt(model.NSTSL, "ServiceHistory"); he != nil {
		p := path.at("ServiceHistory")
		s.HistoryPresent = true
		hc := d.children(he, p)
		for i, hi := range hc.many(model.NSTSL, "ServiceHistoryInstance") {
			hp := p.index("ServiceHistoryInstance", i+1)
			var h model.HistoryInstance
			ic := d.children(hi, hp)
			h.Type = d.uriReq(ic, "ServiceTypeIdentifier", hp)
			h.Name = d.names(ic.req(model.NSTSL, "ServiceName"), hp.at("ServiceName"))
			if x := ic.req(model.NSTSL, "ServiceDigitalIdentity"); x != nil {
				h.Identity = d.identity(x, hp.at("ServiceDigitalIdentity"))
			}
			h.Status = d.uriReq(ic, "ServiceStatus", hp)
			if x := ic.req(model.NSTSL, "StatusStartingTime"); x != nil {
				h.StatusStartingTime = d.dateTime(x, hp.at("StatusStartingTime"))
			}
			if x := ic.opt(model.NSTSL, "ServiceInformationExtensions"); x != nil {
				h.Extensions = d.extensions(x, hp.at("ServiceInformationExtensions"))
			}
			ic.done()
			s.History = append(s.History, h)
		}
		hc.done()
		if len(s.History) > 0 {
			s.HistoryPresent = false // implied by History
		}
	}
	c.done()
	return s
}

// uriReq decodes a mandatory URI element of the tsl namespace.
func (d *dec) uriReq(c *cursor, name string, path *where) string {
	x := c.req(model.NSTSL, name)
	if x == nil {
		return ""
	}
	p := path.at(name)
	return d.uri(x, p, d.str(x, p, true))
}

func attr(e *etree.Element, key string) (string, bool) {
	for _, a := range e.Attr {
		if a.Space == "" && a.Key == key {
			return a.Value, true
		}
	}
	return "", false
}
