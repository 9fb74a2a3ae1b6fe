package tsl

import (
	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
)

// scheme encodes SchemeInformation. See TS 119 612 clause 5.3; the order
// is that of TSLSchemeInformationType.
func (w *enc) scheme(s *model.Scheme) {
	w.el(pTSL, "SchemeInformation")
	w.textEl(pTSL, "TSLVersionIdentifier", itoa(s.VersionIdentifier))
	w.textEl(pTSL, "TSLSequenceNumber", itoa(s.SequenceNumber))
	w.textEl(pTSL, "TSLType", s.Type)
	w.names("SchemeOperatorName", s.OperatorName)
	w.address("SchemeOperatorAddress", &s.OperatorAddress)
	w.names("SchemeName", s.Name)
	w.uriList("SchemeInformationURI", s.InformationURI)
	w.textEl(pTSL, "StatusDeterminationApproach", s.StatusDeterminationApproach)
	if s.CommunityRules != nil {
		w.uriList("SchemeTypeCommunityRules", s.CommunityRules)
	}
	if s.Territory != "" {
		w.textEl(pTSL, "SchemeTerritory", s.Territory)
	}
	if p := s.PolicyOrLegalNotice; p != nil {
		w.el(pTSL, "PolicyOrLegalNotice")
		w.multiLang(pTSL, "TSLPolicy", p.Policies)
		w.multiLang(pTSL, "TSLLegalNotice", p.LegalNotices)
		w.end()
	}
	w.textEl(pTSL, "HistoricalInformationPeriod", itoa(s.HistoricalInformationPeriod))
	if len(s.Pointers) > 0 {
		w.el(pTSL, "PointersToOtherTSL")
		for i := range s.Pointers {
			w.pointer(&s.Pointers[i])
		}
		w.end()
	}
	w.textEl(pTSL, "ListIssueDateTime", timeText(s.ListIssueDateTime))
	w.el(pTSL, "NextUpdate")
	if s.NextUpdate != nil {
		w.textEl(pTSL, "dateTime", timeText(*s.NextUpdate))
	}
	w.end()
	if s.DistributionPoints != nil {
		w.el(pTSL, "DistributionPoints")
		for _, u := range s.DistributionPoints {
			w.textEl(pTSL, "URI", u)
		}
		w.end()
	}
	if s.Extensions != nil {
		w.extensions("SchemeExtensions", s.Extensions)
	}
	w.end()
}

// scheme decodes SchemeInformation (clause 5.3).
func (d *dec) scheme(e *etree.Element, path *where, s *model.Scheme) {
	c := d.children(e, path)
	if x := c.req(model.NSTSL, "TSLVersionIdentifier"); x != nil {
		s.VersionIdentifier = d.integer(x, path.at("TSLVersionIdentifier"), 0)
	}
	if x := c.req(model.NSTSL, "TSLSequenceNumber"); x != nil {
		s.SequenceNumber = d.integer(x, path.at("TSLSequenceNumber"), 1)
	}
	if x := c.req(model.NSTSL, "TSLType"); x != nil {
		s.Type = d.uri(x, path.at("TSLType"), d.str(x, path.at("TSLType"), true))
	}
	s.OperatorName = d.names(c.req(model.NSTSL, "SchemeOperatorName"), path.at("SchemeOperatorName"))
	if x := c.req(model.NSTSL, "SchemeOperatorAddress"); x != nil {
		s.OperatorAddress = d.address(x, path.at("SchemeOperatorAddress"))
	}
	s.Name = d.names(c.req(model.NSTSL, "SchemeName"), path.at("SchemeName"))
	s.InformationURI = d.uriList(c.req(model.NSTSL, "SchemeInformationURI"), path.at("SchemeInformationURI"))
	if x := c.req(model.NSTSL, "StatusDeterminationApproach"); x != nil {
		p := path.at("StatusDeterminationApproach")
		s.StatusDeterminationApproach = d.uri(x, p, d.str(x, p, true))
	}
	if x := c.opt(model.NSTSL, "SchemeTypeCommunityRules"); x != nil {
		s.CommunityRules = d.uriList(x, path.at("SchemeTypeCommunityRules"))
	}
	if x := c.opt(model.NSTSL, "SchemeTerritory"); x != nil {
		s.Territory = d.str(x, path.at("SchemeTerritory"), false)
	}
	if x := c.opt(model.NSTSL, "PolicyOrLegalNotice"); x != nil {
		p := path.at("PolicyOrLegalNotice")
		pc := d.children(x, p)
		pol := &model.PolicyOrLegalNotice{}
		pol.Policies = d.multiLang(pc, model.NSTSL, "TSLPolicy", true, false)
		if pol.Policies == nil {
			pol.LegalNotices = d.multiLang(pc, model.NSTSL, "TSLLegalNotice", false, false)
		}
		if pol.Policies == nil && pol.LegalNotices == nil {
			d.errorf(x, p, "PolicyOrLegalNotice needs TSLPolicy or TSLLegalNotice")
		}
		pc.done()
		s.PolicyOrLegalNotice = pol
	}
	if x := c.req(model.NSTSL, "HistoricalInformationPeriod"); x != nil {
		s.HistoricalInformationPeriod = d.integer(x, path.at("HistoricalInformationPeriod"), 0)
	}
	if x := c.opt(model.NSTSL, "PointersToOtherTSL"); x != nil {
		p := path.at("PointersToOtherTSL")
		ptrs := d.some(x, p, model.NSTSL, "OtherTSLPointer")
		for i, pe := range ptrs {
			s.Pointers = append(s.Pointers, d.pointer(pe, p.index("OtherTSLPointer", i+1)))
		}
	}
	if x := c.req(model.NSTSL, "ListIssueDateTime"); x != nil {
		s.ListIssueDateTime = d.dateTime(x, path.at("ListIssueDateTime"))
	}
	if x := c.req(model.NSTSL, "NextUpdate"); x != nil {
		p := path.at("NextUpdate")
		nc := d.children(x, p)
		if dt := nc.opt(model.NSTSL, "dateTime"); dt != nil {
			t := d.dateTime(dt, p.at("dateTime"))
			s.NextUpdate = &t
		}
		nc.done()
	}
	if x := c.opt(model.NSTSL, "DistributionPoints"); x != nil {
		p := path.at("DistributionPoints")
		us := d.some(x, p, model.NSTSL, "URI")
		s.DistributionPoints = []string{}
		for _, u := range us {
			s.DistributionPoints = append(s.DistributionPoints, d.uri(u, p.at("URI"), d.str(u, p.at("URI"), true)))
		}
	}
	if x := c.opt(model.NSTSL, "SchemeExtensions"); x != nil {
		s.Extensions = d.extensions(x, path.at("SchemeExtensions"))
	}
	c.done()
}
