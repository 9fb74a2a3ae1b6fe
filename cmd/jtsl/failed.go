package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/jtsl/jtsl/internal/diag"
)

// failed reports a command's error about what (a folder): the findings
// of a diag.List one a line on w and their count, else the error; then
// what was left undone ("nothing was published"). It exits 1.
func failed(w io.Writer, err error, what, undone string) error {
	var dl diag.List
	if errors.As(err, &dl) {
		for _, d := range dl {
			fmt.Fprintln(w, d.String())
		}
		return &exitError{code: exitInvalid, err: fmt.Errorf("%d error(s) in %s; %s", len(dl), what, undone)}
	}
	return &exitError{code: exitInvalid, err: fmt.Errorf("%w; %s", err, undone)}
}
