package tsl

import (
	"time"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
)

// service encodes a TSPService: ServiceInformation (clause 5.5) and
// ServiceHistory (clause 5.6).
func (w *enc) service(s *model.Service) {
	w.el(pTSL, "TSPService")
	w.el(pTSL, "ServiceInformation")
	w.serviceHead(s.Type, s.Name, s.Identity, s.Status, s.StatusStartingTime)
	if s.SchemeServiceDefinitionURI != nil {
		w.uriList("SchemeServiceDefinitionURI", s.SchemeServiceDefinitionURI)
	}
	if s.SupplyPoints != nil {
		w.el(pTSL, "ServiceSupplyPoints")
		for _, p := range s.SupplyPoints {
			w.el(pTSL, "ServiceSupplyPoint")
			if p.Type != "" {
				w.attr("", "type", p.Type)
			}
			w.out.text(p.URI)
			w.end()
		}
		w.end()
	}
	if s.TSPServiceDefinitionURI != nil {
		w.uriList("TSPServiceDefinitionURI", s.TSPServiceDefinitionURI)
	}
	if s.Extensions != nil {
		w.extensions("ServiceInformationExtensions", s.Extensions)
	}
	w.end()
	if len(s.History) > 0 || s.HistoryPresent {
		w.el(pTSL, "ServiceHistory")
		for _, h := range s.History {
			w.el(pTSL, "ServiceHistoryInstance")
			w.serviceHead(h.Type, h.Name, h.Identity, h.Status, h.StatusStartingTime)
			if h.Extensions != nil {
				w.extensions("ServiceInformationExtensions", h.Extensions)
			}
			w.end()
		}
		w.end()
	}
	w.end()
}

// serviceHead writes what ServiceInformation and ServiceHistoryInstance
// both begin with (clauses 5.5.1-5.5.5, 5.6).
func (w *enc) serviceHead(typ string, name model.MultiLang, id model.DigitalIdentity, status string, at time.Time) {
	w.textEl(pTSL, "ServiceTypeIdentifier", typ)
	w.names("ServiceName", name)
	w.identity(id)
	w.textEl(pTSL, "ServiceStatus", status)
	w.textEl(pTSL, "StatusStartingTime", timeText(at))
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
