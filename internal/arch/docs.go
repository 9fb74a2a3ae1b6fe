package arch

import (
	"fmt"
	"strings"
)

// Begin and End mark the part of docs/architecture.md that Markdown
// writes.
const (
	Begin = "<!-- layers: written by go generate ./internal/arch from internal/arch/layers.go -->\n"
	End   = "<!-- end of layers -->\n"
)

// Markdown returns the picture of the layers (top first, layers beside
// each other on one line) and, per layer, what its packages may import.
func Markdown() string {
	var b strings.Builder
	b.WriteString(Begin + "```\n")
	top := Layers[len(Layers)-1].Rank
	for r := top; r >= 0; r-- {
		var row []string
		for _, l := range Layers {
			if l.Rank == r {
				row = append(row, l.Name+": "+strings.Join(short(l.Packages), " "))
			}
		}
		fmt.Fprintf(&b, "%d  %s\n", r, strings.Join(row, "  │  "))
	}
	b.WriteString("```\n\n| layer | packages | job | may import |\n| --- | --- | --- | --- |\n")
	for i, l := range Layers {
		var may []string
		for j, o := range Layers {
			if May(i, j) {
				may = append(may, o.Name)
			}
		}
		fmt.Fprintf(&b, "| %d %s | `%s` | %s | %s |\n", l.Rank, l.Name, strings.Join(l.Packages, "`, `"), l.Job, strings.Join(may, ", "))
	}
	fmt.Fprintf(&b, "\nNo import cycle, and no import chain longer than %d packages from a command to a leaf.\n", MaxChain)
	b.WriteString(End)
	return b.String()
}

func short(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = strings.TrimPrefix(p, "internal/")
	}
	return out
}
