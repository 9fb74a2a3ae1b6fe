//go:build cgo && unix

package keys_test

import (
	"bufio"
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/miekg/pkcs11"
	"golang.org/x/sys/unix"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/testtool"
)

// The token's PINs: distinctive, so that finding them in any output means
// a leak, not a coincidence.
const (
	hsmPIN   = "jtsl-pin-40417"
	hsmSOPIN = "jtsl-so-pin-77203"
	wrongPIN = "jtsl-wrong-pin-33318"
)

var (
	hsmOnce sync.Once
	hsmEnv  map[string]string
	hsmErr  string
)

// softHSM makes one SoftHSM2 token per test binary with the shared
// hsm-setup tool (about 10 s) and returns the facts of its hsm.env, with
// SOFTHSM2_CONF set in the process environment for the module to read.
func softHSM(t *testing.T) map[string]string {
	t.Helper()
	tool := testtool.Tool(t, "hsm-setup", "softhsm2-util", "pkcs11-tool", "openssl")
	hsmOnce.Do(func() {
		dir, err := os.MkdirTemp("", "jtsl-keys-hsm-")
		if err != nil {
			hsmErr = err.Error()
			return
		}
		hsmDir = dir
		// hsm-setup prints the PINs it was given; that output is the
		// tool's, not jtsl's, and is not shown.
		if out, ok := testtool.Run(t, tool, "--quiet", "--pin", hsmPIN, "--so-pin", hsmSOPIN, dir); !ok {
			hsmErr = "hsm-setup failed:\n" + strings.ReplaceAll(strings.ReplaceAll(out, hsmPIN, "<PIN>"), hsmSOPIN, "<SO-PIN>")
			return
		}
		hsmEnv, err = readEnvFile(filepath.Join(dir, "hsm.env"))
		if err != nil {
			hsmErr = err.Error()
		}
	})
	if hsmErr != "" {
		t.Fatal(hsmErr)
	}
	if hsmEnv == nil {
		testtool.Skip(t, "no SoftHSM token")
	}
	t.Setenv("SOFTHSM2_CONF", hsmEnv["SOFTHSM2_CONF"])
	return hsmEnv
}

// readEnvFile reads the `export KEY='value'` lines hsm-setup writes.
func readEnvFile(name string) (map[string]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	env := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimPrefix(strings.TrimSpace(sc.Text()), "export ")
		k, v, ok := strings.Cut(line, "=")
		if !ok || strings.HasPrefix(k, "#") {
			continue
		}
		env[k] = strings.Trim(v, `'"`)
	}
	return env, sc.Err()
}

// TestPKCS11 opens both keys of a real SoftHSM2 token, signs and verifies,
// and drives every failure a token can give. All the while it captures
// the process's stdout and stderr (file descriptors 1 and 2, so C code is
// caught too); at the end no error and no output may hold a PIN.
func TestPKCS11(t *testing.T) {
	env := softHSM(t)
	module, label := env["PKCS11_MODULE"], env["PKCS11_TOKEN_LABEL"]
	uri := func(attrs string) string { return "pkcs11:token=" + label + ";" + attrs }

	var errs []string
	record := func(err error) error {
		if err != nil {
			errs = append(errs, err.Error())
		}
		return err
	}
	captured := captureOutput(t)
	t.Cleanup(func() {
		out := captured()
		for _, secret := range []string{hsmPIN, hsmSOPIN, wrongPIN} {
			if strings.Contains(out, secret) {
				t.Errorf("a PIN appeared in the output:\n%s", out)
			}
			for _, e := range errs {
				if strings.Contains(e, secret) {
					t.Errorf("a PIN appeared in an error: %s", e)
				}
			}
		}
		if len(errs) < 8 {
			t.Errorf("only %d errors were checked for the PIN", len(errs))
		}
	})

	open := func(t *testing.T, u string, opts keys.PKCS11Options) *keys.Key {
		t.Helper()
		k, err := keys.OpenPKCS11(u, opts)
		if record(err) != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { record(k.Close()) })
		return k
	}

	t.Run("RSA by label, module and PIN file in the URI", func(t *testing.T) {
		pinFile := filepath.Join(t.TempDir(), "pin")
		write(t, pinFile, []byte(hsmPIN+"\n"))
		k := open(t, uri("object=tl-signer-rsa;type=private?module-path="+module+"&pin-source=file:"+pinFile), keys.PKCS11Options{})
		signVerify(t, k)
		want, err := keys.ReadCertificate(env["PKCS11_RSA_CERT"])
		if err != nil {
			t.Fatal(err)
		}
		if !k.Cert.Equal(want) {
			t.Error("certificate from the token differs from hsm-setup's")
		}
		// The OpenSSL-made token certificate passes the TLSO profile (its
		// subject is C=ZZ, O=Test Scheme Operator).
		p := keys.Profile{Territory: "ZZ", OperatorNames: []string{"Test Scheme Operator"}, IssueTime: k.Cert.NotBefore, NextUpdate: k.Cert.NotBefore.AddDate(0, 6, 0)}
		if errs, warns := keys.CheckProfile(k.Cert, p); len(errs)+len(warns) > 0 {
			t.Errorf("token certificate: %v %v", errs, warns)
		}
		// SHA-384 too: rsa-sha384 is a TL signature algorithm.
		d := sha512.Sum384([]byte("x"))
		if _, err := k.Signer.Sign(rand.Reader, d[:], crypto.SHA384); record(err) != nil {
			t.Error(err)
		}
	})

	t.Run("EC by id, module and PIN from the options", func(t *testing.T) {
		k := open(t, uri("id=%02"), keys.PKCS11Options{Module: module, PIN: hsmPIN})
		signVerify(t, k)
	})

	t.Run("certificate from a file", func(t *testing.T) {
		k := open(t, uri("object=tl-signer-ec"), keys.PKCS11Options{Module: module, PIN: hsmPIN, CertFile: env["PKCS11_EC_CERT"]})
		signVerify(t, k)
	})

	failures := []struct {
		name string
		uri  string
		opts keys.PKCS11Options
		want string
		is   error
	}{
		{"wrong PIN", uri("object=tl-signer-rsa"), keys.PKCS11Options{Module: module, PIN: wrongPIN},
			`log in to PKCS#11 token "` + label + `": wrong PIN`, keys.ErrWrongPIN},
		{"missing token", "pkcs11:token=no-such-token;object=tl-signer-rsa", keys.PKCS11Options{Module: module, PIN: hsmPIN},
			`no PKCS#11 token "no-such-token" in module ` + module, nil},
		{"key not found", uri("object=no-such-key"), keys.PKCS11Options{Module: module, PIN: hsmPIN},
			`no key pair with object "no-such-key" on token "` + label + `"`, nil},
		{"mismatched certificate file", uri("object=tl-signer-rsa"), keys.PKCS11Options{Module: module, PIN: hsmPIN, CertFile: env["PKCS11_EC_CERT"]},
			`private key does not match the certificate (subject "CN=Test TL Signer ECDSA,O=Test Scheme Operator,C=ZZ")`, nil},
		{"pin-value", uri("object=tl-signer-rsa?pin-value=" + hsmPIN), keys.PKCS11Options{Module: module},
			`pin-value= in a PKCS#11 URI is refused`, nil},
		{"no PIN", uri("object=tl-signer-rsa"), keys.PKCS11Options{Module: module}, "", keys.ErrPINRequired},
		{"no module", uri("object=tl-signer-rsa"), keys.PKCS11Options{PIN: hsmPIN}, "no PKCS#11 module", nil},
		{"missing module", uri("object=tl-signer-rsa"), keys.PKCS11Options{Module: "/nonexistent/libp11.so", PIN: hsmPIN},
			`open PKCS#11 token "` + label + `" with module /nonexistent/libp11.so`, nil},
	}
	for _, tt := range failures {
		t.Run(tt.name, func(t *testing.T) {
			k, err := keys.OpenPKCS11(tt.uri, tt.opts)
			record(err)
			if err == nil {
				k.Close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), tt.want) || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Errorf("got %q, want %q", err, tt.want)
			}
		})
	}

	t.Run("sign after Close", func(t *testing.T) {
		k, err := keys.OpenPKCS11(uri("object=tl-signer-ec"), keys.PKCS11Options{Module: module, PIN: hsmPIN})
		if record(err) != nil {
			t.Fatal(err)
		}
		record(k.Close())
		d := sha256.Sum256([]byte("x"))
		_, err = k.Signer.Sign(rand.Reader, d[:], crypto.SHA256)
		if record(err) == nil || !strings.Contains(err.Error(), `sign with PKCS#11 key object "tl-signer-ec" on token "`+label+`"`) {
			t.Errorf("got %v", err)
		}
	})

	t.Run("token drops its sessions mid-build", func(t *testing.T) {
		k := open(t, uri("object=tl-signer-rsa"), keys.PKCS11Options{Module: module, PIN: hsmPIN})
		signVerify(t, k) // the session works…
		closeAllSessions(t, module, label)
		d := sha256.Sum256([]byte("x"))
		_, err := k.Signer.Sign(rand.Reader, d[:], crypto.SHA256)
		// SoftHSM answers CKR_OBJECT_HANDLE_INVALID (the logout that came
		// with the closed sessions invalidated the key handle); another
		// token may say CKR_SESSION_HANDLE_INVALID. Either way: the token's
		// own error, with the key named.
		if record(err) == nil || !strings.Contains(err.Error(), `sign with PKCS#11 key object "tl-signer-rsa" on token "`+label+`": pkcs11: 0x`) {
			t.Errorf("got %v, want the token's error", err)
		}
	})

	t.Run("digest of the wrong size", func(t *testing.T) {
		k := open(t, uri("object=tl-signer-rsa"), keys.PKCS11Options{Module: module, PIN: hsmPIN})
		_, err := k.Signer.Sign(rand.Reader, []byte("short"), crypto.SHA256)
		if record(err) == nil || !strings.Contains(err.Error(), "digest is 5 bytes, SHA-256 needs 32") {
			t.Errorf("got %v", err)
		}
	})
}

// closeAllSessions closes every session of the token behind jtsl's back
// through a second handle on the same module, as a token does when it is
// pulled out or its HSM restarts.
func closeAllSessions(t *testing.T, module, label string) {
	t.Helper()
	p := pkcs11.New(module)
	if p == nil {
		t.Fatalf("load %s", module)
	}
	defer p.Destroy() // not Finalize: the module stays initialised for jtsl's handle
	if err := p.Initialize(); err != nil && !errors.Is(err, pkcs11.Error(pkcs11.CKR_CRYPTOKI_ALREADY_INITIALIZED)) {
		t.Fatal(err)
	}
	slots, err := p.GetSlotList(true)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range slots {
		if ti, err := p.GetTokenInfo(s); err == nil && ti.Label == label {
			if err := p.CloseAllSessions(s); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("token %s not found", label)
}

// captureOutput sends file descriptors 1 and 2 to a file until the
// returned function is called, which restores them, replays what was
// written, and returns it.
func captureOutput(t *testing.T) func() string {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "output")
	if err != nil {
		t.Fatal(err)
	}
	var saved [3]int
	for _, fd := range []int{1, 2} {
		if saved[fd], err = unix.Dup(fd); err != nil {
			t.Fatal(err)
		}
		if err := unix.Dup2(int(f.Fd()), fd); err != nil {
			t.Fatal(err)
		}
	}
	return func() string {
		for _, fd := range []int{1, 2} {
			unix.Dup2(saved[fd], fd)
			unix.Close(saved[fd])
		}
		b, _ := os.ReadFile(f.Name())
		f.Close()
		os.Stdout.Write(b)
		return string(b)
	}
}
