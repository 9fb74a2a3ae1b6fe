package tsl

import (
	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
)

// identity encodes a ServiceDigitalIdentity (clause 5.5.3): each DigitalId
// holds exactly one representation of the service's key.
func (w *enc) identity(id model.DigitalIdentity) {
	b := w.binding()
	pre := b.Prefix
	w.el(pre, "ServiceDigitalIdentity")
	for _, d := range id {
		w.el(pre, "DigitalId")
		switch {
		case d.Certificate != nil:
			w.base64El(pre, "X509Certificate", d.Certificate)
		case d.SubjectName != "":
			w.textEl(pre, "X509SubjectName", d.SubjectName)
		case d.KeyValue != "":
			w.rawXML(d.KeyValue)
		case d.SKI != nil:
			w.base64El(pre, "X509SKI", d.SKI)
		case d.OtherPresent:
			w.el(pre, b.OtherID)
			w.rawXML(d.Other)
			w.end()
		}
		w.end()
	}
	w.end()
}

// identity decodes a ServiceDigitalIdentity.
func (d *dec) identity(e *etree.Element, path *where) model.DigitalIdentity {
	b := d.binding()
	c := d.children(e, path)
	ids := c.many(b.NS, "DigitalId")
	id := make(model.DigitalIdentity, 0, len(ids))
	p := path.at("DigitalId")
	for _, de := range ids {
		var x model.DigitalID
		kids := de.ChildElements()
		if len(kids) > 1 {
			d.errorf(de, p, "DigitalId holds exactly one identifier, found %d", len(kids))
		}
		if len(kids) >= 1 {
			k := kids[0]
			switch {
			case is(k, b.NS, "X509Certificate"):
				x.Certificate = d.base64(k, p.at("X509Certificate"))
			case is(k, b.NS, "X509SubjectName"):
				x.SubjectName = d.str(k, p.at("X509SubjectName"), false)
			case is(k, model.NSDS, "KeyValue"):
				x.KeyValue = detach(k)
			case is(k, b.NS, "X509SKI"):
				x.SKI = d.base64(k, p.at("X509SKI"))
			case is(k, b.NS, b.OtherID):
				x.Other, x.OtherPresent = rawXML(k), true
			default:
				d.errorf(k, p, "unexpected element %s in DigitalId", describe(k))
			}
		}
		id = append(id, x)
	}
	c.done()
	return id
}
