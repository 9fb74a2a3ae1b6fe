package tsl

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestWhere: a finding's path is written out from its steps as the
// decoder once concatenated it.
func TestWhere(t *testing.T) {
	root := abs("/TrustServiceStatusList")
	svc := root.at("TrustServiceProviderList").index("TrustServiceProvider", 2).at("TSPServices").index("TSPService", 13)
	for _, tc := range []struct {
		w    *where
		want string
	}{
		{abs("/"), "/"},
		{root, "/TrustServiceStatusList"},
		{root.at("SchemeInformation").at("TSLType"), "/TrustServiceStatusList/SchemeInformation/TSLType"},
		{svc.at("ServiceInformation").at("ServiceSupplyPoints").at("ServiceSupplyPoint/@type"),
			"/TrustServiceStatusList/TrustServiceProviderList/TrustServiceProvider[2]/TSPServices/TSPService[13]/ServiceInformation/ServiceSupplyPoints/ServiceSupplyPoint/@type"},
		{abs("/a/b").index("c", 1).at("d"), "/a/b/c[1]/d"},
	} {
		if got := tc.w.String(); got != tc.want {
			t.Errorf("%s, want %s", got, tc.want)
		}
	}
}

// TestDecodePaths: findings deep in a list name the element's path, with
// the indexes of repeated elements.
func TestDecodePaths(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "small.golden.xml"))
	if err != nil {
		t.Fatal(err)
	}
	svc := "/TrustServiceStatusList/TrustServiceProviderList/TrustServiceProvider[1]/TSPServices/TSPService[1]/ServiceInformation"
	for _, tc := range []struct{ old, new, path string }{
		{"<tsl:StatusStartingTime>2024-01-01T00:00:00Z<", "<tsl:StatusStartingTime>2024-01-01<", svc + "/StatusStartingTime"},
		{"<tsl:X509SKI>lIjpaXbOn/tAuJj50TJ+QzdDOjo=<", "<tsl:X509SKI>!<", svc + "/ServiceDigitalIdentity/DigitalId/X509SKI"},
		{`<tsl:Name xml:lang="en">Seiko Time Stamp Service<`, `<tsl:Name>Seiko Time Stamp Service<`, svc + "/ServiceName/Name"},
		{"<tsl:TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/JPlist<", "<tsl:TSLType><", "/TrustServiceStatusList/SchemeInformation/TSLType"},
	} {
		bad := bytes.Replace(good, []byte(tc.old), []byte(tc.new), 1)
		if bytes.Equal(bad, good) {
			t.Fatalf("%s: not in the golden list", tc.old)
		}
		_, diags, err := Decode(bad, DecodeOptions{File: "x.xml"})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, d := range diags {
			found = found || d.Path == tc.path
		}
		if !found {
			t.Errorf("%s: no finding at %s: %v", tc.new, tc.path, diags)
		}
	}
}
