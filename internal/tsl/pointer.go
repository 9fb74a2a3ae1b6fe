package tsl

import (
	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
)

// pointer encodes an OtherTSLPointer (clause 5.3.13).
func (w *enc) pointer(p *model.Pointer) {
	w.el(pTSL, "OtherTSLPointer")
	if p.Identities != nil {
		w.el(pTSL, "ServiceDigitalIdentities")
		for _, id := range p.Identities {
			w.identity(id)
		}
		w.end()
	}
	w.textEl(pTSL, "TSLLocation", p.Location)
	if p.AdditionalInformation != nil {
		w.el(pTSL, "AdditionalInformation")
		for _, info := range p.AdditionalInformation {
			switch {
			case info.Textual != nil:
				w.langEl(pTSL, "TextualInformation", *info.Textual)
			case info.Other != nil:
				w.el(pTSL, "OtherInformation")
				w.otherInformation(info.Other)
				w.end()
			}
		}
		w.end()
	}
	w.end()
}

func (w *enc) otherInformation(o *model.OtherInformation) {
	switch {
	case o.TSLType != "":
		w.textEl(pTSL, "TSLType", o.TSLType)
	case o.SchemeOperatorName != nil:
		w.names("SchemeOperatorName", o.SchemeOperatorName)
	case o.SchemeTypeCommunityRules != nil:
		w.uriList("SchemeTypeCommunityRules", o.SchemeTypeCommunityRules)
	case o.SchemeTerritory != "":
		w.textEl(pTSL, "SchemeTerritory", o.SchemeTerritory)
	case o.MimeType != "":
		w.textEl(pTSLX, "MimeType", o.MimeType)
	default:
		w.rawXML(o.XML)
	}
}

// pointer decodes an OtherTSLPointer.
func (d *dec) pointer(e *etree.Element, path *where) model.Pointer {
	var p model.Pointer
	c := d.children(e, path)
	if x := c.opt(model.NSTSL, "ServiceDigitalIdentities"); x != nil {
		pp := path.at("ServiceDigitalIdentities")
		ids := d.some(x, pp, model.NSTSL, "ServiceDigitalIdentity")
		p.Identities = []model.DigitalIdentity{}
		for _, ie := range ids {
			p.Identities = append(p.Identities, d.identity(ie, pp.at("ServiceDigitalIdentity")))
		}
	}
	if x := c.req(model.NSTSL, "TSLLocation"); x != nil {
		p.Location = d.uri(x, path.at("TSLLocation"), d.str(x, path.at("TSLLocation"), true))
	}
	if x := c.opt(model.NSTSL, "AdditionalInformation"); x != nil {
		pp := path.at("AdditionalInformation")
		p.AdditionalInformation = []model.PointerInfo{}
		ac := d.children(x, pp)
		for k := ac.next(); k != nil; k = ac.next() {
			switch {
			case is(k, model.NSTSL, "TextualInformation"):
				ac.advance()
				ls := model.LangString{Lang: d.lang(k, pp.at("TextualInformation")), Value: d.str(k, pp.at("TextualInformation"), false)}
				p.AdditionalInformation = append(p.AdditionalInformation, model.PointerInfo{Textual: &ls})
			case is(k, model.NSTSL, "OtherInformation"):
				ac.advance()
				p.AdditionalInformation = append(p.AdditionalInformation, model.PointerInfo{Other: d.otherInformation(k, pp.at("OtherInformation"))})
			default:
				ac.done()
			}
		}
		if len(p.AdditionalInformation) == 0 {
			d.errorf(x, pp, "AdditionalInformation needs TextualInformation or OtherInformation")
		}
	}
	c.done()
	return p
}

// otherInformation decodes one OtherInformation: a known qualifier when it
// holds exactly one, verbatim XML otherwise (e.g. the EU LOTL's mra:
// elements).
func (d *dec) otherInformation(e *etree.Element, path *where) *model.OtherInformation {
	o := &model.OtherInformation{}
	kids := e.ChildElements()
	if len(kids) == 1 && len(e.Attr) == 0 {
		k := kids[0]
		switch {
		case is(k, model.NSTSL, "TSLType"):
			o.TSLType = d.uri(k, path.at("TSLType"), d.str(k, path.at("TSLType"), true))
		case is(k, model.NSTSL, "SchemeOperatorName"):
			o.SchemeOperatorName = d.names(k, path.at("SchemeOperatorName"))
		case is(k, model.NSTSL, "SchemeTypeCommunityRules"):
			o.SchemeTypeCommunityRules = d.uriList(k, path.at("SchemeTypeCommunityRules"))
		case is(k, model.NSTSL, "SchemeTerritory") && text(k) != "":
			o.SchemeTerritory = d.str(k, path.at("SchemeTerritory"), false)
		case is(k, model.NSTSLX, "MimeType") && text(k) != "":
			o.MimeType = d.str(k, path.at("MimeType"), false)
		default:
			o.XML = rawXML(e)
		}
		return o
	}
	o.XML = rawXML(e)
	return o
}
