package keys

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// PKCS11Options are what OpenPKCS11 needs besides the URI.
type PKCS11Options struct {
	// Module is the path of the PKCS#11 library; if empty, the URI's
	// module-path is used.
	Module string
	// PIN is the token's user PIN, used when the URI has no pin-source. It
	// is never logged and never put in an error.
	PIN string
	// CertFile, if set, is a PEM file holding the key's certificate;
	// otherwise the certificate is read from the token (same ID, else same
	// label as the key).
	CertFile string
	// KeyOnly opens the key without looking for a certificate: one is
	// being requested for it (jtsl keys new --pkcs11).
	KeyOnly bool
}

// A PKCS11URI is a parsed RFC 7512 PKCS#11 URI naming a signing key.
type PKCS11URI struct {
	// Token selection: exactly one is set (token=, serial=, slot-id=).
	Token  string
	Serial string
	SlotID *int
	// Key selection: at least one is set (object= is CKA_LABEL, id= CKA_ID).
	Object string
	ID     []byte
	// ModulePath is the query attribute module-path=.
	ModulePath string
	// PINFile is the file of the query attribute pin-source=.
	PINFile string
}

// ErrPINRequired means the token needs a PIN and none was given.
var ErrPINRequired = errors.New("PKCS#11 token needs a PIN: set JTSL_PKCS11_PIN or add pin-source=file:… to the URI")

// ErrWrongPIN means the token refused the PIN.
var ErrWrongPIN = errors.New("wrong PIN")

// errPINValue refuses a PIN written into the URI: a command line is seen
// by every user of the machine (ps, shell history, CI logs).
var errPINValue = errors.New("pin-value= in a PKCS#11 URI is refused, as a command line is visible to others: set JTSL_PKCS11_PIN or use pin-source=file:/path/to/pin")

// ParsePKCS11URI parses a PKCS#11 URI (RFC 7512), such as
//
//	pkcs11:token=jtsl;object=tl-signer;id=%01?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/run/pin
//
// Path attributes: token, serial or slot-id (which token), object and id
// (which key; id is percent-encoded bytes) and type (only "private").
// Query attributes: module-path and pin-source (a file, "file:" URI or
// path). pin-value is refused. Any other attribute is an error rather than
// being ignored, so that a misspelt one cannot select a different key. No
// error quotes the URI, which could hold a secret.
func ParsePKCS11URI(s string) (*PKCS11URI, error) {
	const scheme = "pkcs11:"
	if len(s) < len(scheme) || !strings.EqualFold(s[:len(scheme)], scheme) {
		return nil, errors.New(`PKCS#11 URI must start with "pkcs11:"`)
	}
	path, query, _ := strings.Cut(s[len(scheme):], "?")
	u := &PKCS11URI{}
	seen := map[string]bool{}
	for _, part := range []struct {
		kind  string
		attrs string
		sep   string
		set   func(name, value string) error
	}{{"path", path, ";", u.setPath}, {"query", query, "&", u.setQuery}} {
		for i, a := range strings.Split(part.attrs, part.sep) {
			if a == "" {
				continue
			}
			name, raw, ok := strings.Cut(a, "=")
			if !ok {
				// Not quoted: a stray token could be a secret.
				return nil, fmt.Errorf("PKCS#11 URI: %s attribute %d has no '='", part.kind, i+1)
			}
			if strings.EqualFold(name, "pin-value") {
				return nil, errPINValue
			}
			if seen[name] {
				return nil, fmt.Errorf("PKCS#11 URI: attribute %s given twice (RFC 7512 section 2.3)", name)
			}
			seen[name] = true
			value, err := url.PathUnescape(raw)
			if err != nil {
				return nil, fmt.Errorf("PKCS#11 URI: attribute %s: bad percent-encoding", name)
			}
			if err := part.set(name, value); err != nil {
				return nil, fmt.Errorf("PKCS#11 URI: %w", err)
			}
		}
	}
	n := 0
	for _, set := range []bool{u.Token != "", u.Serial != "", u.SlotID != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return nil, errors.New("PKCS#11 URI must name the token by exactly one of token=, serial= or slot-id=")
	}
	if u.Object == "" && u.ID == nil {
		return nil, errors.New("PKCS#11 URI must name the key by object= (label) and/or id=")
	}
	return u, nil
}

func (u *PKCS11URI) setPath(name, value string) error {
	switch name {
	case "token":
		u.Token = value
	case "serial":
		u.Serial = value
	case "slot-id":
		n, err := strconv.Atoi(value)
		if err != nil || n < 0 {
			return fmt.Errorf("slot-id %q is not a slot number", value)
		}
		u.SlotID = &n
	case "object":
		u.Object = value
	case "id":
		u.ID = []byte(value)
	case "type":
		if value != "private" {
			return fmt.Errorf("type=%s: the signing key is a private key (type=private)", value)
		}
	default:
		return fmt.Errorf("path attribute %s is not supported (use token, serial, slot-id, object, id, type)", name)
	}
	return nil
}

func (u *PKCS11URI) setQuery(name, value string) error {
	switch name {
	case "module-path":
		u.ModulePath = value
	case "pin-source":
		f, err := pinSourceFile(value)
		if err != nil {
			return err
		}
		u.PINFile = f
	default:
		return fmt.Errorf("query attribute %s is not supported (use module-path, pin-source)", name)
	}
	return nil
}

// pinSourceFile resolves pin-source (RFC 7512 section 2.3) to a file name:
// "file:/abs", "file:///abs", "file:rel" or a plain path. A command
// ("|prog") is refused: jtsl does not run programs named in a key URI.
func pinSourceFile(v string) (string, error) {
	switch {
	case v == "":
		return "", errors.New("pin-source is empty")
	case strings.HasPrefix(v, "|"):
		return "", errors.New("pin-source=| (run a program) is not supported: give a file")
	case strings.HasPrefix(strings.ToLower(v), "file:"):
		p := v[len("file:"):]
		if rest, ok := strings.CutPrefix(p, "//"); ok {
			host, path, _ := strings.Cut(rest, "/")
			if host != "" && host != "localhost" {
				return "", fmt.Errorf("pin-source file URI names host %q: only local files are read", host)
			}
			p = "/" + path
		}
		if p == "" {
			return "", errors.New("pin-source file URI has no path")
		}
		return p, nil
	case strings.Contains(v, ":") && !strings.HasPrefix(v, "/"):
		scheme, _, _ := strings.Cut(v, ":")
		return "", fmt.Errorf("pin-source scheme %s: is not supported (use file:)", scheme)
	}
	return v, nil
}

// pin returns the PIN to log in with: the pin-source file's content (one
// trailing newline trimmed), else the caller's PIN.
func (u *PKCS11URI) pin(fallback string) (string, error) {
	if u.PINFile == "" {
		if fallback == "" {
			return "", ErrPINRequired
		}
		return fallback, nil
	}
	b, err := os.ReadFile(u.PINFile)
	if err != nil {
		// The *PathError names the file and the cause, never its content.
		return "", fmt.Errorf("read PIN: %w", err)
	}
	p := string(b)
	if s, ok := strings.CutSuffix(p, "\n"); ok {
		p = strings.TrimSuffix(s, "\r")
	}
	if p == "" {
		return "", fmt.Errorf("PIN file %s is empty", u.PINFile)
	}
	return p, nil
}

// describe names the token and key for messages (never the PIN).
func (u *PKCS11URI) describe() string {
	var b strings.Builder
	if u.Object != "" {
		fmt.Fprintf(&b, "object %q", u.Object)
	}
	if u.ID != nil {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "id %x", u.ID)
	}
	return b.String() + " on " + u.tokenName()
}

func (u *PKCS11URI) tokenName() string {
	switch {
	case u.Token != "":
		return fmt.Sprintf("token %q", u.Token)
	case u.Serial != "":
		return fmt.Sprintf("token with serial %q", u.Serial)
	case u.SlotID != nil:
		return fmt.Sprintf("token in slot %d", *u.SlotID)
	}
	return "token"
}
