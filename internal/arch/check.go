package arch

import (
	"fmt"
	"slices"
	"strings"
)

// A Graph maps each package (relative to the module) to the module's
// packages it imports.
type Graph map[string][]string

// layerOf returns the index in Layers of p's layer, or -1.
func layerOf(p string) int {
	for i, l := range Layers {
		if slices.Contains(l.Packages, p) {
			return i
		}
	}
	return -1
}

// May reports whether a package of layer i may import one of layer j.
func May(i, j int) bool {
	return i == j || Layers[j].Rank < Layers[i].Rank
}

// Check returns what in g breaks the layers: a package without a layer,
// an import of a layer above or beside, a cycle, a chain longer than
// MaxChain. Each problem says what to do.
func Check(g Graph) []string {
	var out []string
	for _, p := range sortedKeys(g) {
		i := layerOf(p)
		if i < 0 {
			out = append(out, fmt.Sprintf("%s has no layer: give it one in internal/arch/layers.go", p))
			continue
		}
		for _, q := range g[p] {
			if j := layerOf(q); j >= 0 && !May(i, j) {
				out = append(out, fmt.Sprintf("%s (%s) imports %s (%s): a package imports only its own layer and those below", p, Layers[i].Name, q, Layers[j].Name))
			}
		}
	}
	if c := cycle(g); c != nil {
		out = append(out, "import cycle: "+strings.Join(c, " > "))
		return out // no longest chain in a cyclic graph
	}
	if c := Longest(g); len(c) > MaxChain {
		out = append(out, fmt.Sprintf("import chain of %d packages, more than %d: %s", len(c), MaxChain, strings.Join(c, " > ")))
	}
	return out
}

// Longest returns the longest import chain of the acyclic graph g.
func Longest(g Graph) []string {
	memo := map[string][]string{}
	var from func(p string) []string
	from = func(p string) []string {
		if c, ok := memo[p]; ok {
			return c
		}
		best := []string{p}
		for _, q := range g[p] {
			if c := from(q); len(c)+1 > len(best) {
				best = append([]string{p}, c...)
			}
		}
		memo[p] = best
		return best
	}
	var best []string
	for _, p := range sortedKeys(g) {
		if c := from(p); len(c) > len(best) {
			best = c
		}
	}
	return best
}

// cycle returns an import cycle of g (first package repeated at the
// end), or nil.
func cycle(g Graph) []string {
	const (
		open = 1
		done = 2
	)
	state := map[string]int{}
	var stack []string
	var visit func(p string) []string
	visit = func(p string) []string {
		state[p] = open
		stack = append(stack, p)
		for _, q := range g[p] {
			switch state[q] {
			case open:
				i := slices.Index(stack, q)
				return append(slices.Clone(stack[i:]), q)
			case 0:
				if c := visit(q); c != nil {
					return c
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[p] = done
		return nil
	}
	for _, p := range sortedKeys(g) {
		if state[p] == 0 {
			if c := visit(p); c != nil {
				return c
			}
		}
	}
	return nil
}

func sortedKeys(g Graph) []string {
	ks := make([]string, 0, len(g))
	for k := range g {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
