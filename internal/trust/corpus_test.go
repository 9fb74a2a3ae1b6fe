package trust

import (
	"crypto/x509"
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

// TestCorpusServiceCertificates: for service certificates taken from real
// lists, Lookup finds the TSP and the service they are listed under.
func TestCorpusServiceCertificates(t *testing.T) {
	for _, file := range []string{"SE_v6_seq62_2026-08-19.xml", "EE_v6_seq73_2026-05-20.xml", "LU_v6_seq66_2026-05-20.xml", "IT_v6_seq223_2026-07-27.xml", "CH_v5_seq9_2025-11-18.xml"} {
		t.Run(file, func(t *testing.T) {
			l, _ := tsltest.Read(t, testtool.SharedPath(t, filepath.Join("corpus/tl", file)))
			sources := []Source{{Name: file, List: l}}
			tried := 0
			for _, tsp := range l.Providers {
				for _, svc := range tsp.Services {
					if tried >= 5 || len(svc.Identity) == 0 || svc.Identity[0].Certificate == nil {
						continue
					}
					cert, err := x509.ParseCertificate(svc.Identity[0].Certificate)
					if err != nil {
						continue
					}
					tried++
					found := false
					for _, m := range Lookup(sources, Query{Cert: cert, At: svc.StatusStartingTime}) {
						found = found || (m.TSP == tsp.Name.English() && m.Service == svc.Name.English() && m.Status == svc.Status)
					}
					if !found {
						t.Errorf("%s / %s: not found for its own certificate", tsp.Name.English(), svc.Name.English())
					}
				}
			}
			if tried == 0 {
				t.Fatal("no service certificate in the list")
			}
		})
	}
}
