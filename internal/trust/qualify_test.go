package trust

import (
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/model"
)

// TestQualify: EU DSS's certificate qualification for the shapes the MRA
// tables (internal/mra) do not reach: no service, conflicting services,
// pre-eIDAS statuses and the qualifiers that overrule the certificate.
func TestQualify(t *testing.T) {
	d := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	q := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, model.SvcInfoExtPrefix+n)
		}
		return out
	}
	esig := []string{model.InfoForeSignatures}
	qcESig := Content{HasQcStatements: true, QcCompliance: true, QcTypes: []string{OIDQcTypeESign}}
	qcESigSSCD := Content{HasQcStatements: true, QcCompliance: true, QcSSCD: true, QcTypes: []string{OIDQcTypeESign}}
	granted := func(qual []string, asi []string) Period {
		return Period{Type: model.SvcCAQC, Status: model.StatusGranted, Start: d(2018, 1), ASIs: asi, Qualifiers: qual}
	}
	at := d(2025, 1)
	cases := []struct {
		name    string
		nb      time.Time
		content Content
		periods []Period
		want    string
	}{
		{"no service", d(2024, 1), qcESig, nil, NA},
		{"QC statements, granted", d(2024, 1), qcESigSSCD, []Period{granted(nil, esig)}, QCertForESigQSCD},
		{"QC statements, no QSCD", d(2024, 1), qcESig, []Period{granted(nil, esig)}, QCertForESig},
		{"QCWithQSCD overrules", d(2024, 1), qcESig, []Period{granted(q("QCWithQSCD"), esig)}, QCertForESigQSCD},
		{"QCQSCDStatusAsInCert", d(2024, 1), qcESig, []Period{granted(q("QCQSCDStatusAsInCert"), esig)}, QCertForESig},
		{"NotQualified overrules", d(2024, 1), qcESigSSCD, []Period{granted(q("NotQualified"), esig)}, CertForESig},
		{"QCStatement overrules a certificate without statements", d(2024, 1), Content{}, []Period{granted(q("QCStatement", "QCForESig", "QCWithQSCD"), esig)}, QCertForESigQSCD},
		{"withdrawn", d(2024, 1), qcESigSSCD, []Period{{Type: model.SvcCAQC, Status: model.StatusWithdrawn, Start: d(2018, 1), ASIs: esig}}, CertForESig},
		{"not CA/QC", d(2024, 1), qcESigSSCD, []Period{{Type: model.SvcTypePrefix + "CA/PKC", Status: model.StatusGranted, Start: d(2018, 1), ASIs: esig}}, CertForESig},
		{"service starts after the time", d(2024, 1), qcESigSSCD, []Period{{Type: model.SvcCAQC, Status: model.StatusGranted, Start: d(2025, 6), ASIs: esig}}, CertForESig},
		{"conflicting services", d(2024, 1), Content{}, []Period{
			granted(q("QCStatement", "QCForESig"), esig),
			granted(q("QCStatement", "QCForESeal"), []string{model.InfoForeSeals}),
		}, NA},
		{"pre-eIDAS: under supervision, certificate by policy", d(2015, 1), Content{Policies: []string{"0.4.0.1456.1.1"}},
			[]Period{{Type: model.SvcCAQC, Status: model.SvcStatusPrefix + "undersupervision", Start: d(2010, 1)}}, QCertForESigQSCD},
		{"pre-eIDAS: granted is not a pre-eIDAS status", d(2015, 1), Content{Policies: []string{"0.4.0.1456.1.1"}},
			[]Period{{Type: model.SvcCAQC, Status: model.StatusGranted, Start: d(2010, 1)}}, CertForESig},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Qualify(c.nb, c.content, c.periods, at); got.Name != c.want {
				t.Errorf("got %s (qc %v, type %s, qscd %v), want %s", got.Name, got.QC, got.Type, got.QSCD, c.want)
			}
		})
	}
}

// TestGrantedEU: the verdict of jtsl trust --mra reads the periods as EU
// DSS does: an EU status in force at the time, a third country's only as
// an enacted equivalence in force translates it.
func TestGrantedEU(t *testing.T) {
	d := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	eqStart, eqEnd := d(2020, 1), d(2023, 1)
	translated := func(status string, enacted bool) Period {
		return Period{Type: model.SvcCAQC, Status: status, Start: d(2019, 1), MRAList: true, EnactedMRA: enacted,
			MRAEquivalenceStart: &eqStart, MRAEquivalenceEnd: &eqEnd, OriginalStatus: "http://zz.example/Svcstatus/granted"}
	}
	ended := d(2021, 1)
	cases := []struct {
		name    string
		periods []Period
		at      time.Time
		want    bool
	}{
		{"EU granted", []Period{{Status: model.StatusGranted, Start: d(2019, 1)}}, d(2022, 1), true},
		{"EU recognised at national level", []Period{{Status: model.StatusRecognisedAtNationalLevel, Start: d(2019, 1)}}, d(2022, 1), true},
		{"EU withdrawn", []Period{{Status: model.StatusWithdrawn, Start: d(2019, 1)}}, d(2022, 1), false},
		{"granted, ended before the time", []Period{{Status: model.StatusGranted, Start: d(2019, 1), End: &ended}}, d(2022, 1), false},
		{"not yet granted", []Period{{Status: model.StatusGranted, Start: d(2023, 1)}}, d(2022, 1), false},
		{"a third country's own status", []Period{{Status: "http://zz.example/Svcstatus/granted", Start: d(2019, 1)}}, d(2022, 1), false},
		{"the J-TSL's own status, no MRA", []Period{{Status: model.JTSLInForceStatuses[0], Start: d(2019, 1)}}, d(2022, 1), false},
		{"translated by an enacted equivalence in force", []Period{translated(model.StatusGranted, true)}, d(2022, 1), true},
		{"translated by a repealed equivalence", []Period{translated(model.StatusGranted, false)}, d(2022, 1), false},
		{"before the equivalence", []Period{translated(model.StatusGranted, true)}, d(2019, 6), false},
		{"after the equivalence", []Period{translated(model.StatusGranted, true)}, d(2024, 1), false},
		{"translated to withdrawn", []Period{translated(model.StatusWithdrawn, true)}, d(2022, 1), false},
		{"not translated (no single equivalence)", []Period{{Status: "http://zz.example/Svcstatus/granted", Start: d(2019, 1), MRAList: true}}, d(2022, 1), false},
	}
	for _, c := range cases {
		if got := GrantedEU(c.periods, c.at); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
