package trust

import (
	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/model"
)

// loteService is one service of a list of trusted entities.
type loteService struct {
	source Source
	entity *lote.Entity
	svc    *lote.Service
}

// lookupLoTE returns the services of the lists of trusted entities among
// sources that cover q.Cert, as Lookup does for trusted lists. A service
// without a status (the EU profiles have none) is in force while the list
// is: being listed is the trust decision. A service with one has the
// status in force at q.At (current status, then the history), granted
// when it is one a trusted list would grant.
func lookupLoTE(sources []Source, q Query) []Match {
	var all []loteService
	var ids []model.DigitalIdentity
	for _, s := range sources {
		if s.LoTE != nil {
			for e, svc := range s.LoTE.Services() {
				all, ids = append(all, loteService{s, e, svc}), append(ids, svc.Identity)
			}
		}
	}
	var out []Match
	for _, c := range firstCovered(q, ids) {
		ls := all[c.i]
		m := Match{List: ls.source.Name, Territory: ls.source.LoTE.Scheme.Territory, TSP: ls.entity.Name.English(),
			Service: ls.svc.Name.English(), Type: ls.svc.Type, How: c.how}
		if ls.svc.Status == "" && len(ls.svc.History) == 0 {
			m.Granted = true
			m.How += "; listed in a list of trusted entities without service status: being listed is the trust decision"
		} else if st, since, ok := ls.svc.At(q.At); ok {
			m.Status, m.StatusStart = st, since.Format(model.TimeLayout)
			m.Granted = grantedStatuses[st]
		}
		out = append(out, m)
	}
	return out
}
