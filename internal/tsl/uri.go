package tsl

import (
	"errors"
	"strings"
)

// CheckURI accepts what libxml2 accepts as xsd:anyURI (the reference
// validator of our tests): spaces and most characters are escaped first,
// but a malformed scheme, percent-escape, fragment, user info or port is
// refused. The 2015 German list (DE_v4_seq22) carries two
// "http://https://…" values, which fail here as they fail in xmllint.
// Lint (JTSL021) holds the sources to it, so that a build never writes a
// URI the XSD refuses.
func CheckURI(s string) error {
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])) {
			return errors.New("bad percent-escape")
		}
	}
	if strings.Count(s, "#") > 1 {
		return errors.New("more than one '#'")
	}
	end := strings.IndexAny(s, "/?#")
	if end < 0 {
		end = len(s)
	}
	rest := s
	if i := strings.IndexByte(s[:end], ':'); i >= 0 {
		if !validScheme(s[:i]) {
			return errors.New("bad scheme")
		}
		rest = s[i+1:]
	}
	if !strings.HasPrefix(rest, "//") {
		return nil
	}
	auth := rest[2:]
	if j := strings.IndexAny(auth, "/?#"); j >= 0 {
		auth = auth[:j]
	}
	if strings.Count(auth, "@") > 1 {
		return errors.New("more than one '@' in the authority")
	}
	if j := strings.IndexByte(auth, '@'); j >= 0 {
		auth = auth[j+1:]
	}
	hostEnd := 0
	if strings.HasPrefix(auth, "[") {
		hostEnd = strings.IndexByte(auth, ']')
		if hostEnd < 0 {
			return errors.New("unclosed IP literal")
		}
	}
	if j := strings.LastIndexByte(auth[hostEnd:], ':'); j >= 0 {
		port := auth[hostEnd+j+1:]
		if port == "" {
			return errors.New("empty port")
		}
		for _, c := range port {
			if c < '0' || c > '9' {
				return errors.New("port is not a number")
			}
		}
	}
	return nil
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func validScheme(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		alpha := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if i == 0 && !alpha {
			return false
		}
		if !alpha && !('0' <= c && c <= '9') && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}
