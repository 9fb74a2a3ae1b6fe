package tsl

import (
	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
)

// extensions encodes an ExtensionsListType element (clauses 5.3.17, 5.4.5,
// 5.5.9).
func (w *enc) extensions(name string, exts []model.Extension) {
	w.el(pTSL, name)
	for i := range exts {
		x := &exts[i]
		w.el(pTSL, "Extension")
		w.attr("", "Critical", boolText(x.Critical))
		switch {
		case x.AdditionalServiceInformation != nil:
			w.additionalInfo(x.AdditionalServiceInformation)
		case x.Qualifications != nil:
			w.qualifications(x.Qualifications)
		case x.TakenOverBy != nil:
			t := x.TakenOverBy
			w.el(pTSLX, "TakenOverBy")
			w.langEl(pTSLX, "URI", t.URI)
			w.el(pTSLX, "TSPName")
			w.multiLang(pTSL, "Name", t.TSPName)
			w.end()
			w.names("SchemeOperatorName", t.SchemeOperatorName)
			w.textEl(pTSL, "SchemeTerritory", t.SchemeTerritory)
			for _, q := range t.OtherQualifiers {
				w.el(pTSLX, "OtherQualifier")
				w.rawXML(q)
				w.end()
			}
			w.end()
		case x.ExpiredCertsRevocationInfo != nil:
			w.textEl(pTSL, "ExpiredCertsRevocationInfo", timeText(*x.ExpiredCertsRevocationInfo))
		default:
			w.rawXML(x.XML)
		}
		w.end()
	}
	w.end()
}

// additionalInfo encodes tsl:AdditionalServiceInformation (5.5.9.4).
func (w *enc) additionalInfo(a *model.AdditionalServiceInformation) {
	w.el(pTSL, "AdditionalServiceInformation")
	w.langEl(pTSL, "URI", a.URI)
	if a.InformationValue != "" {
		w.textEl(pTSL, "InformationValue", a.InformationValue)
	}
	if a.OtherPresent {
		w.el(pTSL, "OtherInformation")
		w.rawXML(a.OtherInformation)
		w.end()
	}
	w.end()
}

// extensions decodes an ExtensionsListType element. Known extensions are
// typed; any other content is kept verbatim (clause 5.5.9: consumers must
// see unknown extensions, and we must not drop them on import).
func (d *dec) extensions(e *etree.Element, path *where) []model.Extension {
	return each(d, e, path, model.NSTSL, "Extension", d.extension)
}

// extension decodes one Extension.
func (d *dec) extension(xe *etree.Element, p *where) model.Extension {
	var x model.Extension
	d.checkAttrs(xe, p, "Critical")
	if v, ok := attr(xe, "Critical"); ok {
		x.Critical = d.boolean(xe, p.at("@Critical"), v)
	} else {
		d.errorf(xe, p, "missing Critical attribute")
	}
	kids := xe.ChildElements()
	typed := false
	if len(kids) == 1 && !hasText(xe) {
		k := kids[0]
		typed = true
		switch {
		case is(k, model.NSTSL, "AdditionalServiceInformation"):
			x.AdditionalServiceInformation = d.additionalInfo(k, p.at("AdditionalServiceInformation"))
		case is(k, model.NSECC, "Qualifications"):
			x.Qualifications = d.qualifications(k, p.at("Qualifications"))
		case is(k, model.NSTSLX, "TakenOverBy"):
			x.TakenOverBy = d.takenOverBy(k, p.at("TakenOverBy"))
		case is(k, model.NSTSL, "ExpiredCertsRevocationInfo"):
			t := d.dateTime(k, p.at("ExpiredCertsRevocationInfo"))
			x.ExpiredCertsRevocationInfo = &t
		default:
			typed = false
		}
	}
	if !typed {
		x.XML = rawXML(xe)
	}
	return x
}

func hasText(e *etree.Element) bool {
	for _, t := range e.Child {
		if cd, ok := t.(*etree.CharData); ok && len(trimSpace(cd.Data)) > 0 {
			return true
		}
	}
	return false
}

func (d *dec) additionalInfo(e *etree.Element, path *where) *model.AdditionalServiceInformation {
	a := &model.AdditionalServiceInformation{}
	c := d.children(e, path)
	if u := c.req(model.NSTSL, "URI"); u != nil {
		a.URI = model.LangString{Lang: d.lang(u, path.at("URI")), Value: d.uri(u, path.at("URI"), d.str(u, path.at("URI"), true))}
	}
	if v := c.opt(model.NSTSL, "InformationValue"); v != nil {
		a.InformationValue = d.str(v, path.at("InformationValue"), false)
	}
	if o := c.opt(model.NSTSL, "OtherInformation"); o != nil {
		a.OtherInformation, a.OtherPresent = rawXML(o), true
	}
	c.done()
	return a
}

// takenOverBy decodes tslx:TakenOverBy (clause 5.5.9.3).
func (d *dec) takenOverBy(e *etree.Element, path *where) *model.TakenOverBy {
	t := &model.TakenOverBy{}
	c := d.children(e, path)
	if u := c.req(model.NSTSLX, "URI"); u != nil {
		t.URI = model.LangString{Lang: d.lang(u, path.at("URI")), Value: d.uri(u, path.at("URI"), d.str(u, path.at("URI"), true))}
	}
	if n := c.req(model.NSTSLX, "TSPName"); n != nil {
		t.TSPName = d.names(n, path.at("TSPName"))
	}
	t.SchemeOperatorName = d.names(c.req(model.NSTSL, "SchemeOperatorName"), path.at("SchemeOperatorName"))
	if x := c.req(model.NSTSL, "SchemeTerritory"); x != nil {
		t.SchemeTerritory = d.str(x, path.at("SchemeTerritory"), false)
	}
	for _, q := range c.many(model.NSTSLX, "OtherQualifier") {
		t.OtherQualifiers = append(t.OtherQualifiers, rawXML(q))
	}
	c.done()
	return t
}
