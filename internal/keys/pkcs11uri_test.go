package keys

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParsePKCS11URI(t *testing.T) {
	slot := 3
	tests := []struct {
		uri  string
		want *PKCS11URI
	}{
		{"pkcs11:token=tl-test-token;object=tl-signer-rsa;type=private",
			&PKCS11URI{Token: "tl-test-token", Object: "tl-signer-rsa"}},
		{"pkcs11:token=My%20Token;id=%01%a0?module-path=/usr/lib/softhsm/libsofthsm2.so",
			&PKCS11URI{Token: "My Token", ID: []byte{1, 0xa0}, ModulePath: "/usr/lib/softhsm/libsofthsm2.so"}},
		{"PKCS11:serial=0123abcd;object=k", &PKCS11URI{Serial: "0123abcd", Object: "k"}},
		{"pkcs11:slot-id=3;id=%02", &PKCS11URI{SlotID: &slot, ID: []byte{2}}},
		{"pkcs11:token=t;object=k?pin-source=file:/run/secrets/pin", &PKCS11URI{Token: "t", Object: "k", PINFile: "/run/secrets/pin"}},
		{"pkcs11:token=t;object=k?pin-source=file:///run/pin", &PKCS11URI{Token: "t", Object: "k", PINFile: "/run/pin"}},
		{"pkcs11:token=t;object=k?pin-source=file://localhost/run/pin", &PKCS11URI{Token: "t", Object: "k", PINFile: "/run/pin"}},
		{"pkcs11:token=t;object=k?pin-source=pin.txt&module-path=m.so", &PKCS11URI{Token: "t", Object: "k", PINFile: "pin.txt", ModulePath: "m.so"}},
	}
	for _, tt := range tests {
		got, err := ParsePKCS11URI(tt.uri)
		if err != nil {
			t.Errorf("%s: %v", tt.uri, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.uri, got, tt.want)
		}
	}
}

func TestParsePKCS11URIErrors(t *testing.T) {
	const secret = "s3cr3t-9981"
	tests := []struct{ uri, want string }{
		{"pkcs11:token=t;object=k?pin-value=" + secret, "pin-value= in a PKCS#11 URI is refused"},
		{"pkcs11:token=t;object=k;PIN-VALUE=" + secret, "pin-value= in a PKCS#11 URI is refused"},
		{"pkcs11:token=t;object=k;" + secret, "PKCS#11 URI: path attribute 3 has no '='"},
		{"file:/tmp/key.pem", `PKCS#11 URI must start with "pkcs11:"`},
		{"pkcs11:object=k", "must name the token by exactly one of token=, serial= or slot-id="},
		{"pkcs11:token=a;serial=b;object=k", "must name the token by exactly one of"},
		{"pkcs11:token=t", "must name the key by object= (label) and/or id="},
		{"pkcs11:token=t;object=k;object=j", "attribute object given twice"},
		{"pkcs11:token=t;objet=k", "path attribute objet is not supported"},
		{"pkcs11:token=t;object=k;type=cert", "type=cert: the signing key is a private key"},
		{"pkcs11:token=t;object=k;id=%zz", "attribute id: bad percent-encoding"},
		{"pkcs11:slot-id=x;object=k", `slot-id "x" is not a slot number`},
		{"pkcs11:token=t;object=k?module-name=softhsm2", "query attribute module-name is not supported"},
		{"pkcs11:token=t;object=k?pin-source=|/bin/echo%20" + secret, "pin-source=| (run a program) is not supported"},
		{"pkcs11:token=t;object=k?pin-source=https://example.org/pin", "pin-source scheme https: is not supported"},
		{"pkcs11:token=t;object=k?pin-source=file://otherhost/pin", `names host "otherhost"`},
	}
	for _, tt := range tests {
		_, err := ParsePKCS11URI(tt.uri)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.uri, err, tt.want)
			continue
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("%s: error shows the secret: %v", tt.uri, err)
		}
	}
	_, err := ParsePKCS11URI("pkcs11:token=t;object=k?pin-value=1")
	if !errors.Is(err, errPINValue) || !strings.Contains(err.Error(), "JTSL_PKCS11_PIN") || !strings.Contains(err.Error(), "pin-source=file:") {
		t.Errorf("pin-value error %v should point to JTSL_PKCS11_PIN and pin-source", err)
	}
}

func TestPKCS11PIN(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"lf": "1234\n", "crlf": "1234\r\n", "none": "1234", "two": "1234\n\n", "empty": "\n"}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		file, fallback, want, err string
	}{
		{"lf", "", "1234", ""},
		{"crlf", "", "1234", ""},
		{"none", "env-pin", "1234", ""}, // pin-source beats the caller's PIN
		{"two", "", "1234\n", ""},       // only one newline is trimmed
		{"empty", "", "", "is empty"},
		{"missing", "", "", "read PIN: open "},
		{"", "env-pin", "env-pin", ""},
	}
	for _, tt := range tests {
		u := &PKCS11URI{}
		if tt.file != "" {
			u.PINFile = filepath.Join(dir, tt.file)
		}
		got, err := u.pin(tt.fallback)
		if got != tt.want || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("pin(%s, %q) = %q, %v; want %q, %q", tt.file, tt.fallback, got, err, tt.want, tt.err)
		}
	}
	if _, err := (&PKCS11URI{}).pin(""); !errors.Is(err, ErrPINRequired) {
		t.Errorf("no PIN: got %v, want ErrPINRequired", err)
	}
}
