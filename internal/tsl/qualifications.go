package tsl

import (
	"strings"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
)

func trimSpace(s string) string { return strings.TrimSpace(s) }

// qualifications encodes ecc:Qualifications with every element, criterion
// and nested list (clause 5.5.9.2).
func (w *enc) qualifications(qs []model.QualificationElement) {
	w.el(pECC, "Qualifications")
	for _, q := range qs {
		w.el(pECC, "QualificationElement")
		w.el(pECC, "Qualifiers")
		for _, u := range q.Qualifiers {
			w.el(pECC, "Qualifier")
			w.attr("", "uri", u)
			w.end()
		}
		w.end()
		w.criteria(&q.Criteria)
		w.end()
	}
	w.end()
}

func (w *enc) criteria(cl *model.CriteriaList) {
	w.el(pECC, "CriteriaList")
	w.criteriaInto(cl)
	w.end()
}

// criteriaInto fills the current element, of ecc:CriteriaListType (the
// MRA schema's certificate content declarations are of that type too).
func (w *enc) criteriaInto(cl *model.CriteriaList) {
	if cl.Assert != "" {
		w.attr("", "assert", cl.Assert)
	}
	for _, ku := range cl.KeyUsage {
		w.el(pECC, "KeyUsage")
		for _, b := range ku {
			w.el(pECC, "KeyUsageBit")
			w.attr("", "name", b.Name)
			w.out.text(boolText(b.Value))
			w.end()
		}
		w.end()
	}
	for _, ps := range cl.PolicySets {
		w.el(pECC, "PolicySet")
		for _, id := range ps {
			w.objectIdentifier(pECC, "PolicyIdentifier", id)
		}
		w.end()
	}
	for i := range cl.CriteriaList {
		w.criteria(&cl.CriteriaList[i])
	}
	if cl.Description != "" {
		w.textEl(pECC, "Description", cl.Description)
	}
	if cl.Other != nil {
		w.el(pECC, "otherCriteriaList")
		for _, o := range cl.Other.Items {
			if o.ExtendedKeyUsage == nil && o.CertSubjectDNAttribute == nil && o.QcStatementSet == nil && o.XML != "" {
				// Verbatim content among the items: the typed ones
				// around it keep their end tags where they are too.
				w.keepEnds()
			}
		}
		for _, o := range cl.Other.Items {
			switch {
			case o.ExtendedKeyUsage != nil:
				w.el(pTSLX, "ExtendedKeyUsage")
				for _, id := range o.ExtendedKeyUsage {
					w.objectIdentifier(pTSLX, "KeyPurposeId", id)
				}
				w.end()
			case o.CertSubjectDNAttribute != nil:
				w.el(pTSLX, "CertSubjectDNAttribute")
				for _, id := range o.CertSubjectDNAttribute {
					w.objectIdentifier(pTSLX, "AttributeOID", id)
				}
				w.end()
			case o.QcStatementSet != nil:
				w.qcStatementSet(o.QcStatementSet)
			default:
				w.rawXML(o.XML)
			}
		}
		w.end()
	}
}

// qcStatementSet encodes mra:QcStatementSet, declaring the mra prefix on
// it unless an enclosing element (the MRA block) already does.
func (w *enc) qcStatementSet(set []model.QcStatement) {
	declared := w.out.declares(pMRA)
	w.el(pMRA, "QcStatementSet")
	if !declared {
		w.attr("xmlns", pMRA, model.NSMRA)
	}
	for _, q := range set {
		w.el(pMRA, "QcStatement")
		w.objectIdentifier(pMRA, "QcStatementId", q.ID)
		switch {
		case q.QcType != nil:
			w.el(pMRA, "QcStatementInfo")
			w.objectIdentifier(pMRA, "QcType", *q.QcType)
			w.end()
		case q.QcCClegislation != nil:
			w.el(pMRA, "QcStatementInfo")
			w.textEl(pMRA, "QcCClegislation", *q.QcCClegislation)
			w.end()
		}
		w.end()
	}
	w.end()
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// objectIdentifier writes an element prefix:name of
// xades:ObjectIdentifierType.
func (w *enc) objectIdentifier(prefix, name string, id model.ObjectIdentifier) {
	w.el(prefix, name)
	w.el(pXAdES, "Identifier")
	if id.Qualifier != "" {
		w.attr("", "Qualifier", id.Qualifier)
	}
	w.out.text(id.Identifier)
	w.end()
	if id.Description != "" {
		w.textEl(pXAdES, "Description", id.Description)
	}
	if id.DocumentationReferences != nil {
		w.el(pXAdES, "DocumentationReferences")
		for _, r := range id.DocumentationReferences {
			w.textEl(pXAdES, "DocumentationReference", r)
		}
		w.end()
	}
	w.end()
}

func (d *dec) qualifications(e *etree.Element, path *where) []model.QualificationElement {
	return each(d, e, path, model.NSECC, "QualificationElement", d.qualificationElement)
}

// qualificationElement decodes one ecc:QualificationElement.
func (d *dec) qualificationElement(qe *etree.Element, p *where) model.QualificationElement {
	var q model.QualificationElement
	qc := d.children(qe, p)
	if qf := qc.req(model.NSECC, "Qualifiers"); qf != nil {
		fc := d.children(qf, p.at("Qualifiers"))
		for _, x := range fc.many(model.NSECC, "Qualifier") {
			u, _ := attr(x, "uri")
			q.Qualifiers = append(q.Qualifiers, d.uri(x, p.at("Qualifiers/Qualifier/@uri"), u))
		}
		if len(q.Qualifiers) == 0 {
			fc.req(model.NSECC, "Qualifier")
		}
		fc.done()
	}
	if cl := qc.req(model.NSECC, "CriteriaList"); cl != nil {
		q.Criteria = d.criteria(cl, p.at("CriteriaList"))
	}
	qc.done()
	return q
}

func (d *dec) criteria(e *etree.Element, path *where) model.CriteriaList {
	var cl model.CriteriaList
	d.checkAttrs(e, path, "assert")
	if a, ok := attr(e, "assert"); ok {
		switch a {
		case "all", "atLeastOne", "none":
		default:
			d.errorf(e, path.at("@assert"), "assert %q is not all, atLeastOne or none", a)
		}
		cl.Assert = a
	}
	c := d.children(e, path)
	for _, ku := range c.many(model.NSECC, "KeyUsage") {
		p := path.at("KeyUsage")
		kc := d.children(ku, p)
		bits := model.KeyUsage{}
		for _, b := range kc.many(model.NSECC, "KeyUsageBit") {
			name, _ := attr(b, "name")
			bits = append(bits, model.KeyUsageBit{Name: name, Value: d.boolean(b, p.at("KeyUsageBit"), text(b))})
		}
		kc.done()
		cl.KeyUsage = append(cl.KeyUsage, bits)
	}
	for _, ps := range c.many(model.NSECC, "PolicySet") {
		p := path.at("PolicySet")
		pc := d.children(ps, p)
		set := []model.ObjectIdentifier{}
		for _, pi := range pc.many(model.NSECC, "PolicyIdentifier") {
			set = append(set, d.objectIdentifier(pi, p.at("PolicyIdentifier")))
		}
		pc.done()
		cl.PolicySets = append(cl.PolicySets, set)
	}
	for _, nested := range c.many(model.NSECC, "CriteriaList") {
		cl.CriteriaList = append(cl.CriteriaList, d.criteria(nested, path.at("CriteriaList")))
	}
	if x := c.opt(model.NSECC, "Description"); x != nil {
		cl.Description = d.str(x, path.at("Description"), false)
	}
	if x := c.opt(model.NSECC, "otherCriteriaList"); x != nil {
		cl.Other = &model.OtherCriteria{Items: []model.OtherCriterion{}}
		for k := range x.ChildElementsSeq() {
			var o model.OtherCriterion
			p := path.at("otherCriteriaList/" + k.Tag)
			switch {
			case is(k, model.NSTSLX, "ExtendedKeyUsage"):
				o.ExtendedKeyUsage = d.oidList(k, p, "KeyPurposeId")
			case is(k, model.NSTSLX, "CertSubjectDNAttribute"):
				o.CertSubjectDNAttribute = d.oidList(k, p, "AttributeOID")
			case d.qcTyped && is(k, model.NSMRA, "QcStatementSet"):
				o.QcStatementSet = d.qcStatementSet(k, p)
			default:
				o.XML = detach(k)
			}
			cl.Other.Items = append(cl.Other.Items, o)
		}
	}
	c.done()
	return cl
}

func (d *dec) oidList(e *etree.Element, path *where, name string) []model.ObjectIdentifier {
	ids := []model.ObjectIdentifier{}
	c := d.children(e, path)
	for _, k := range c.many(model.NSTSLX, name) {
		ids = append(ids, d.objectIdentifier(k, path.at(name)))
	}
	if len(ids) == 0 {
		c.req(model.NSTSLX, name)
	}
	c.done()
	return ids
}

// objectIdentifier decodes xades:ObjectIdentifierType.
func (d *dec) objectIdentifier(e *etree.Element, path *where) model.ObjectIdentifier {
	var id model.ObjectIdentifier
	c := d.children(e, path)
	if x := c.req(model.NSXAdES, "Identifier"); x != nil {
		d.checkAttrs(x, path.at("Identifier"), "Qualifier")
		id.Identifier = d.str(x, path.at("Identifier"), true)
		id.Qualifier, _ = attr(x, "Qualifier")
	}
	if x := c.opt(model.NSXAdES, "Description"); x != nil {
		id.Description = d.str(x, path.at("Description"), false)
	}
	if x := c.opt(model.NSXAdES, "DocumentationReferences"); x != nil {
		dc := d.children(x, path.at("DocumentationReferences"))
		id.DocumentationReferences = []string{}
		for _, r := range dc.many(model.NSXAdES, "DocumentationReference") {
			id.DocumentationReferences = append(id.DocumentationReferences, d.uri(r, path.at("DocumentationReference"), d.str(r, path, true)))
		}
		dc.done()
	}
	c.done()
	return id
}

// qcStatementSet decodes mra:QcStatementSet (MRA schema QcStatementListType).
func (d *dec) qcStatementSet(e *etree.Element, path *where) []model.QcStatement {
	return each(d, e, path, model.NSMRA, "QcStatement", d.qcStatement)
}

// qcStatement decodes one mra:QcStatement.
func (d *dec) qcStatement(qe *etree.Element, p *where) model.QcStatement {
	var q model.QcStatement
	qc := d.children(qe, p)
	if x := qc.req(model.NSMRA, "QcStatementId"); x != nil {
		q.ID = d.objectIdentifier(x, p.at("QcStatementId"))
	}
	if x := qc.opt(model.NSMRA, "QcStatementInfo"); x != nil {
		ip := p.at("QcStatementInfo")
		ic := d.children(x, ip)
		switch {
		case ic.peek(model.NSMRA, "QcType"):
			id := d.objectIdentifier(ic.req(model.NSMRA, "QcType"), ip.at("QcType"))
			q.QcType = &id
		case ic.peek(model.NSMRA, "QcCClegislation"):
			k := ic.req(model.NSMRA, "QcCClegislation")
			s := d.str(k, ip.at("QcCClegislation"), false)
			q.QcCClegislation = &s
		default:
			d.errorf(x, ip, "QcStatementInfo needs QcType or QcCClegislation")
		}
		ic.done()
	}
	qc.done()
	return q
}
