package diff

import (
	"reflect"
	"testing"
)

func TestCompareFile(t *testing.T) {
	cert := "MAMCAQE=" // DER 30 03 02 01 01: shown by its SHA-256
	for _, tc := range []struct {
		name     string
		file     string
		old, new string
		absent   [2]bool // old, new
		want     *FileChange
	}{
		{name: "same", file: "a.json", old: `{"a":1}`, new: `{"a": 1}`},
		{name: "added", file: "a.json", absent: [2]bool{true, false}, new: `{}`, want: &FileChange{File: "a.json", Change: Added}},
		{name: "removed", file: "a.json", old: `{}`, absent: [2]bool{false, true}, want: &FileChange{File: "a.json", Change: Removed}},
		{name: "json by key", file: "e.json",
			old: `{"recognitions":[{"direction":"by_eu","equivalences":[{"legal_identifier":"QCForESig","from":"2026-10-01"}]}]}`,
			new: `{"recognitions":[{"direction":"by_eu","equivalences":[{"legal_identifier":"QTST","from":"2026-10-01"},{"legal_identifier":"QCForESig","from":"2026-11-01"}]}]}`,
			want: &FileChange{File: "e.json", Change: Changed, Fields: []FieldChange{
				{Field: "recognitions[by_eu].equivalences[QTST].from", New: "2026-10-01"},
				{Field: "recognitions[by_eu].equivalences[QTST].legal_identifier", New: "QTST"},
				{Field: "recognitions[by_eu].equivalences[QCForESig].from", Old: "2026-10-01", New: "2026-11-01"},
			}}},
		{name: "xml", file: "p.xml",
			old: `<P xmlns="urn:x"><A k="1">x</A><C>` + cert + `</C></P>`,
			new: `<P xmlns="urn:x"><A k="2">x</A><A>y</A><X509Certificate>` + cert + `</X509Certificate></P>`,
			want: &FileChange{File: "p.xml", Change: Changed, Fields: []FieldChange{
				{Field: "P/A/@k", Old: "1", New: "2"},
				{Field: "P/A[2]", New: "y"},
				{Field: "P/X509Certificate", New: "SHA-256 1b65f68a522c858715f5dd951cd0402dc16691778814bf0759822b7a257421d0"},
				{Field: "P/C", Old: cert},
			}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var old, new []byte
			if !tc.absent[0] {
				old = []byte(tc.old)
			}
			if !tc.absent[1] {
				new = []byte(tc.new)
			}
			got, err := CompareFile(tc.file, old, new)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
